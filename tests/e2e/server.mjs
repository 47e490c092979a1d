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

export async function startServer({ lookalikeUrl = 'about:blank', port: wanted = 0 } = {}) {
  const requests = [];
  const ran = [];
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
    requests.push({ host, path: url.pathname, at: Date.now() });
    if (url.pathname === '/__ran') {
      ran.push({ host: url.searchParams.get('host'), at: Date.now() });
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const port = server.address().port;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    if (url.pathname === '/signin' || url.pathname === '/signin-late') {
      res.end(signinPage(url.pathname === '/signin-late'));
      return;
    }
    res.end(page(host).replaceAll('PORT', String(port)).replace('LOOKALIKE', lookalikeUrl));
  });
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
