"""The release's refusals and the acquisition's errors, on small made-up sources.

Run: python3 -m unittest discover -s tests/release -p 'test_*.py'   (scripts/test does)
"""
import importlib.machinery, importlib.util, os, subprocess, sys, tempfile, types, unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(name):
    loader = importlib.machinery.SourceFileLoader(name, os.path.join(ROOT, 'scripts', name))
    spec = importlib.util.spec_from_loader(name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


release = load('release')

SOURCE = '''
[[source]]
name = "{name}"
title = "Test list {name}"
role = "blocklist"
category = "phishing"
url = "https://lists.example/{name}.txt"
homepage = "https://lists.example/"
format = "domains"
licence = "{licence}"
bundle = {bundle}
required = true
attribution = "test"
min_entries = 1
'''


class Acquire(unittest.TestCase):
    def acquire(self, files, sources, *extra):
        with tempfile.TemporaryDirectory() as d:
            mirror = os.path.join(d, 'mirror')
            for name, text in files.items():
                p = os.path.join(mirror, 'lists.example', f'{name}.txt')
                os.makedirs(os.path.dirname(p), exist_ok=True)
                open(p, 'w').write(text)
            manifest = os.path.join(d, 'sources.toml')
            open(manifest, 'w').write(''.join(SOURCE.format(name=n, licence=l, bundle=b) for n, l, b in sources))
            out = os.path.join(d, 'out')
            r = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'acquire'), '--mirror', mirror,
                                '--manifest', manifest, '--out', out, *extra], capture_output=True, text=True)
            listed = os.listdir(os.path.join(out, 'lists')) if os.path.isdir(os.path.join(out, 'lists')) else []
            body = open(os.path.join(out, 'lists', listed[0])).read() if listed else ''
            return r, body

    def test_a_good_source_is_normalised_for_the_builder(self):
        r, body = self.acquire({'good': '# comment\nEvil-One.com\nevil-two.net.\n'}, [('good', 'MIT', 'true')])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(body, 'url_or_domain\tkind\tsource\tfirst_seen\nevil-one.com\tphishing\tgood\t\nevil-two.net\tphishing\tgood\t\n')

    def test_a_malformed_source_is_an_error_naming_source_and_line(self):
        r, _ = self.acquire({'bad': 'ok.com\nalso-ok.com\nnot a/domain <x>\n'}, [('bad', 'MIT', 'true')])
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('source bad:', r.stderr)
        self.assertIn('line 3', r.stderr)

    def test_a_missing_required_source_stops_everything(self):
        r, _ = self.acquire({'here': 'ok.com\n'}, [('here', 'MIT', 'true'), ('gone', 'MIT', 'true')])
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('source gone: not in the mirror', r.stderr)
        self.assertFalse(os.path.exists('acquired.json'))

    def test_a_source_that_may_not_be_bundled_is_refused(self):
        r, _ = self.acquire({'nc': 'ok.com\n'}, [('nc', 'CC-BY-NC-4.0', 'false')])
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('does not allow bundling', r.stderr)
        r, _ = self.acquire({'nc': 'ok.com\n'}, [('nc', 'CC-BY-NC-4.0', 'true')], '--for-release')
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('licence CC-BY-NC-4.0 does not allow bundling', r.stderr)


def report(lines=1000, issues=(), by_category=None, entries=None):
    cats = by_category or {c: 200 for c in release.CATEGORIES}
    return {'files': [{'name': 'target/sources/lists/src.tsv', 'lines': lines, 'added': lines, 'dropped': len(issues)}],
            'issues': [{'file': 'target/sources/lists/src.tsv', 'line': i + 2, 'reason': r, 'text': f'e{i}.com', 'detail': 'x'}
                       for i, r in enumerate(issues)],
            'by_category': cats, 'entries': entries if entries is not None else sum(cats.values()), 'by_source': {}}


def args(**kw):
    a = dict(max_invalid=0.001, max_dropped=0.02, max_change=0.25, allow_change=False)
    a.update(kw)
    return types.SimpleNamespace(**a)


MANIFEST = {'source': [{'name': 'src'}]}


class Validate(unittest.TestCase):
    def test_a_clean_list_passes_and_lists_its_drops(self):
        per_source, listed = release.validate(report(issues=['protected'] * 5 + ['duplicate']), {}, MANIFEST, args(), None)
        self.assertEqual(per_source['src'], {'protected': 5, 'duplicate': 1})
        self.assertEqual(len(listed), 5)
        self.assertEqual(listed[0][:3], ('src', 'protected', 'e0.com'))

    def test_lines_that_do_not_parse_are_refused(self):
        with self.assertRaisesRegex(release.Refused, r'source src: 2 of 1000 lines do not parse.*src.tsv:2'):
            release.validate(report(issues=['invalid', 'unsupported']), {}, MANIFEST, args(), None)

    def test_too_many_official_or_popular_sites_are_refused(self):
        with self.assertRaisesRegex(release.Refused, r'source src: 21 of 1000 entries would block an official or popular site'):
            release.validate(report(issues=['protected'] * 15 + ['public-suffix'] * 6), {}, MANIFEST, args(), None)
        # a source's own allowance in sources.toml
        release.validate(report(issues=['protected'] * 21), {}, {'source': [{'name': 'src', 'max_dropped': 0.05}]}, args(), None)

    def test_growth_or_shrinkage_beyond_the_share_needs_an_override(self):
        prev = {'version': '0.1.0', 'entries': 1000, 'by_category': {c: 200 for c in release.CATEGORIES}}
        grown = report(by_category={**{c: 200 for c in release.CATEGORIES}, 'phishing': 600})
        with self.assertRaisesRegex(release.Refused, r'1400 entries, \+40.0% against release 0.1.0'):
            release.validate(grown, {}, MANIFEST, args(), prev)
        shrunk = report(by_category={**{c: 200 for c in release.CATEGORIES}, 'scam': 100})
        with self.assertRaisesRegex(release.Refused, r'category scam: 100 entries against 200'):
            release.validate(shrunk, {}, MANIFEST, args(), prev)
        release.validate(grown, {}, MANIFEST, args(allow_change=True), prev)

    def test_a_missing_category_is_refused(self):
        with self.assertRaisesRegex(release.Refused, 'no gambling entries'):
            release.validate(report(by_category={c: (0 if c == 'gambling' else 200) for c in release.CATEGORIES}),
                             {}, MANIFEST, args(), None)


class Packages(unittest.TestCase):
    def test_zips_do_not_depend_on_file_times_or_order(self):
        with tempfile.TemporaryDirectory() as d:
            for n, top in enumerate(['a', 'b']):
                root = os.path.join(d, top)
                os.makedirs(os.path.join(root, 'sub'))
                names = ['z.txt', 'sub/y.txt', 'a.txt'] if n == 0 else ['a.txt', 'z.txt', 'sub/y.txt']
                for i, f in enumerate(names):
                    open(os.path.join(root, f), 'w').write(f)
                    os.utime(os.path.join(root, f), (1000 + i * n * 99, 1000 + i * n * 99))
                release.write_zip(os.path.join(d, f'{top}.zip'), root, 1700000000)
            self.assertEqual(open(os.path.join(d, 'a.zip'), 'rb').read(), open(os.path.join(d, 'b.zip'), 'rb').read())


if __name__ == '__main__':
    unittest.main()
