// A local test web server for the end-to-end tests. The browsers map every host name to
// 127.0.0.1, so any host can be "visited". It records every request it receives and every time a
// page's own script ran (the page script calls /__ran), so tests can prove a page never ran.
import http from 'node:http';

const page = (host) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>page ${host}</title></head>
<body>
<h1 id="h">Test page on ${host}</h1>
<p><a id="link-safe" href="http://example.com:PORT/">safe link</a></p>
<p><a id="link-bad" href="LOOKALIKE">suspicious link</a></p>
<script>
  document.title = 'ran ' + location.hostname;
  fetch('/__ran?host=' + encodeURIComponent(location.hostname)).catch(function () {});
</script>
</body></html>`;

// A bank sign-in page, as phishing kits draw it: `/signin` has the form at load, `/signin-late`
// draws it 800 ms later (after the page probe has started looking).
const signinPage = (late) => `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>KlikBCA - Masuk</title></head>
<body>
<h1>Internet Banking KlikBCA</h1>
<div id="slot"></div>
<script>
  function draw() {
    document.getElementById('slot').innerHTML =
      '<form action="#"><label for="u">User ID</label> <input id="u" name="user">' +
      ' <label for="p">PIN</label> <input id="p" name="pin" type="password"> <button>Masuk</button></form>';
  }
  ${late ? 'setTimeout(draw, 800);' : 'draw();'}
  fetch('/__ran?host=' + encodeURIComponent(location.hostname)).catch(function () {});
</script>
</body></html>`;

// Files to download: `/files/<name>` serves <name> as itself (an APK as an Android package);
// `/get/<name as base64url>` gives the name only in Content-Disposition (the link says nothing).
export const hiddenName = (name) => `/get/${Buffer.from(name).toString('base64url')}`;
const APK = 'application/vnd.android.package-archive';
const fileType = (name) => (/\.apk$/i.test(name) ? APK : /\.pdf$/i.test(name) ? 'application/pdf' : 'application/octet-stream');
const fileBody = (name) => Buffer.from(`PK\u0003\u0004 test file ${name} `.padEnd(2048, '.'));

// A clean page that frames another (`/frame?src=URL`), and a page offering a download link
// (`/offer?href=URL`).
const framePage = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>framing page</title></head>
<body><h1>News</h1><iframe id="f" src="${src.replace(/[<>"&]/g, '')}" width="600" height="400"></iframe></body></html>`;
const offerPage = (href) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>offer page</title></head>
<body><h1>Your invitation</h1><a id="get" href="${href.replace(/[<>"&]/g, '')}">Download</a></body></html>`;

// A page that hands out an app as a blob: it builds the file in script and clicks a link with a
// `download` name (no file address ever appears: link scanners see nothing).
const blobApkPage = (name) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>download</title></head>
<body><h1>Undangan</h1><a id="get" href="#">Download</a><script>
  document.getElementById('get').addEventListener('click', function (e) {
    e.preventDefault();
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob(['PK test app'], { type: 'application/vnd.android.package-archive' }));
    a.download = ${JSON.stringify(name).replace(/</g, '')};
    document.body.append(a);
    a.click();
  });
</script></body></html>`;

// Sign-in forms drawn the ways kits use to slip past a page probe (`/evade/<how>`):
//   shadow     the form inside an open shadow root
//   masked     a text input drawn as dots (-webkit-text-security), no type=password
//   late       the form drawn 18 s after load (after the probe's 15 s wait)
//   replace    history.replaceState to a new path every 400 ms (so every probe's answer comes back
//              for an address the tab no longer shows), the form at 3 s
//   blob       the page re-renders itself from a blob: URL holding the form
const FORM = '<form action="#"><label for="u">User ID</label> <input id="u" name="user"> <label for="p">PIN</label> PASS <button>Masuk</button></form>';
const evadePage = (how) => {
  const pass = how === 'masked' ? '<input id="p" name="kode" style="-webkit-text-security:disc">' : '<input id="p" name="pin" type="password">';
  const form = FORM.replace('PASS', pass).replace(/'/g, "\\'");
  const draw = {
    shadow: `const h = document.createElement('div'); document.body.append(h); h.attachShadow({ mode: 'open' }).innerHTML = '${form}';`,
    masked: `document.getElementById('slot').innerHTML = '${form}';`,
    late: `setTimeout(function () { document.getElementById('slot').innerHTML = '${form}'; }, 18000);`,
    replace: `var n = 0; setInterval(function () { history.replaceState(null, '', '/halaman/' + n++); }, 400); setTimeout(function () { document.getElementById('slot').innerHTML = '${form}'; }, 3000);`,
    blob: `setTimeout(function () { location.href = URL.createObjectURL(new Blob(['<!doctype html><title>KlikBCA - Masuk</title><h1>Internet Banking KlikBCA</h1>${form}'], { type: 'text/html' })); }, 500);`,
  }[how] ?? '';
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>KlikBCA - Masuk</title></head>
<body><h1>Internet Banking KlikBCA</h1><div id="slot"></div>
<script>
  ${draw}
  fetch('/__ran?host=' + encodeURIComponent(location.hostname)).catch(function () {});
</script></body></html>`;
};

// A site that installs a service worker on the first visit (`/sw-page` registers `/sw.js`), which
// from then on answers every navigation of the site itself, without a request: the page it
// serves reports that its script ran (`/__ran?...&sw=1`, which the worker lets through).
// `/sw-page` on a host: its page; the worker serves every navigation of its origin.
const SW_PAGE = (fromWorker) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sw page</title></head>
<body><h1>Served ${fromWorker ? 'by the service worker' : 'by the site'}</h1><script>
  fetch('/__ran?host=' + encodeURIComponent(location.hostname) + '&sw=${fromWorker ? 1 : 0}').catch(function () {});
  if (navigator.serviceWorker) navigator.serviceWorker.register('/sw.js').then(function () { return navigator.serviceWorker.ready; })
    .then(function () { fetch('/__sw-ready?host=' + encodeURIComponent(location.hostname)); }).catch(function () {});
</script></body></html>`;
// As an offline-first site does, the worker keeps its page in Cache Storage and serves it from there.
const SW_SCRIPT = `var PAGE = ${JSON.stringify(SW_PAGE(true))};
var page = function () { return new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } }); };
self.addEventListener('install', function (e) {
  self.skipWaiting();
  e.waitUntil(caches.open('site-v1').then(function (c) { return c.put('/sw-page', page()); }));
});
self.addEventListener('activate', function (e) { e.waitUntil(self.clients.claim()); });
self.addEventListener('fetch', function (e) {
  if (e.request.mode === 'navigate') e.respondWith(caches.match('/sw-page').then(function (r) { return r || page(); }));
});`;

export async function startServer({ lookalikeUrl = 'about:blank', port: wanted = 0, latencyMs = 0 } = {}) {
  const requests = [];
  const ran = [];
  // `latencyMs`: every answer waits that long after its request arrived (a real network's round
  // trips and server time; a local server answers in well under a millisecond).
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
    requests.push({ host, path: url.pathname, at: Date.now() });
    if (latencyMs > 0 && url.pathname !== '/__ran') setTimeout(() => answer(req, res, host, url), latencyMs);
    else answer(req, res, host, url);
  });
  const answer = (req, res, host, url) => {
    if (url.pathname === '/__ran') {
      ran.push({ host: url.searchParams.get('host'), sw: url.searchParams.get('sw') === '1', at: Date.now() });
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/__sw-ready') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const port = server.address().port;
    if (url.pathname.startsWith('/files/') || url.pathname.startsWith('/get/')) {
      const hidden = url.pathname.startsWith('/get/');
      const name = hidden ? Buffer.from(url.pathname.slice(5), 'base64url').toString() : decodeURIComponent(url.pathname.slice(7));
      const disposition = hidden ? `attachment; filename="${name.replace(/"/g, '')}"` : 'attachment';
      res.writeHead(200, { 'content-type': hidden ? 'application/octet-stream' : fileType(name), 'content-disposition': disposition, 'cache-control': 'no-store' });
      res.end(fileBody(name));
      return;
    }
    if (url.pathname === '/sw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(SW_SCRIPT);
      return;
    }
    if (url.pathname === '/redirect') {
      // One hop of a redirect chain (a shortener, a clean site's open redirect).
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/', 'cache-control': 'no-store' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    if (url.pathname === '/frame') {
      res.end(framePage(url.searchParams.get('src') ?? 'about:blank'));
      return;
    }
    if (url.pathname === '/offer') {
      res.end(offerPage(url.searchParams.get('href') ?? '#'));
      return;
    }
    if (url.pathname === '/blob-app') {
      res.end(blobApkPage(url.searchParams.get('name') ?? 'app.apk'));
      return;
    }
    if (url.pathname === '/sw-page') {
      res.end(SW_PAGE(false));
      return;
    }
    if (url.pathname.startsWith('/evade/')) {
      res.end(evadePage(url.pathname.slice(7)));
      return;
    }
    if (url.pathname === '/signin' || url.pathname === '/signin-late') {
      res.end(signinPage(url.pathname === '/signin-late'));
      return;
    }
    res.end(page(host).replaceAll('PORT', String(port)).replace('LOOKALIKE', lookalikeUrl));
  };
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', resolve);
  });
  const port = server.address().port;
  return {
    port,
    requests,
    ran,
    url: (host, path = '/') => (port === 80 ? `http://${host}${path}` : `http://${host}:${port}${path}`),
    ranOn: (host) => ran.some((r) => r.host === host),
    requestedHost: (host) => requests.some((r) => r.host === host),
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
