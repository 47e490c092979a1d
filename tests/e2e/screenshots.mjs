// Screenshots of the warning page and the popup in every locale (English, Indonesian, Malay, Thai,
// Vietnamese, Filipino), in Chromium with the built extension, the browser's language set to each.
// Usage: node tests/e2e/screenshots.mjs [out dir, default tests/e2e/screenshots] [lang ...]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launch, newProfile, gotoExpect, isWarning, extUrl, ready } from './chromium.mjs';
import { ROOT, loadWasm, listBytes, pickBlockedHost, pickLookalike } from './helpers.mjs';

const out = process.argv[2] ?? join(ROOT, 'tests', 'e2e', 'screenshots');
mkdirSync(out, { recursive: true });
const wasm = await loadWasm();
const lookalike = pickLookalike(new wasm.Checker(listBytes(), undefined));
// Port 80 when allowed (root), so the pictures show no 'unusual port' reason and do not change between runs.
const srv = await startServer({ port: 80 }).catch(() => startServer());
const LOCAL_LOOKALIKE = { ms: 'pbebank-secure-login.com', th: 'kasikornbank-secure.com', vi: 'bidv-login-xacminh.com', fil: 'bdo-online-verify.com' };
const langs = process.argv.length > 3 ? process.argv.slice(3) : ['en', 'id', 'ms', 'th', 'vi', 'fil'];
try {
  for (const lang of langs) {
    const context = await launch(newProfile(), { lang });
    try {
      await ready(context);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize({ width: 900, height: 1000 });
      // A lookalike of a brand of the locale's country where there is one (the bundled brands of
      // Malaysia, Thailand, Vietnam, the Philippines), else one picked from the bundled data.
      const host = LOCAL_LOOKALIKE[lang] ?? lookalike?.host ?? pickBlockedHost();
      await gotoExpect(page, srv.url(host, '/login'), isWarning);
      await page.locator('#reasons li').first().waitFor();
      await page.locator('#more summary').click();
      await page.screenshot({ path: join(out, `warning-${lang}.png`), fullPage: true });
      if (lookalike) {
        await gotoExpect(page, srv.url(pickBlockedHost(), '/'), isWarning);
        await page.locator('#reasons li').first().waitFor();
        await page.screenshot({ path: join(out, `warning-blocked-${lang}.png`), fullPage: true });
      }
      // A sign-in form drawn on a suspicious hosting page: stopped by the page probe.
      await gotoExpect(page, srv.url('akun-7731.weebly.com', '/signin-late'), isWarning, 25000);
      await page.locator('#reasons li[data-code="page.credential_form"]').waitFor();
      await page.screenshot({ path: join(out, `warning-page-${lang}.png`), fullPage: true });
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 360, height: 520 });
      await popup.goto(extUrl('pages/popup.html'));
      await popup.locator('#link').fill(host);
      await popup.locator('#link-result .level').waitFor();
      await popup.locator('#list-version').filter({ hasText: /\d/ }).waitFor();
      await popup.screenshot({ path: join(out, `popup-${lang}.png`) });
      console.log(`[screenshots] ${lang}: warning-${lang}.png warning-page-${lang}.png popup-${lang}.png`);
    } finally {
      await context.close();
    }
  }
} finally {
  await srv.close();
}
