// A hostile site on another origin of 127.0.0.1 (a different port is a different origin but the
// same site, so the browser still sends the host's SameSite=Lax cookie to the host's /ws). Its
// page tries to open the host's WebSocket and to read the host's API with the victim's cookie,
// and records in `window.attack` what it got.

import http from 'node:http';

function attackPage(hostUrl) {
  const hostWebSocketUrl = `${hostUrl.replace(/^http/, 'ws')}/ws`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Attacker</title></head>
<body><p>Nothing to see here.</p>
<script>
  const attack = { opened: false, messages: [], closed: false, closeCode: null,
                   apiRead: null, apiDone: false };
  window.attack = attack;
  const socket = new WebSocket(${JSON.stringify(hostWebSocketUrl)});
  socket.onopen = () => {
    attack.opened = true;
    socket.send(JSON.stringify({ type: 'chat', message: 'sent by the attacker page' }));
  };
  socket.onmessage = (event) => { attack.messages.push(String(event.data)); };
  socket.onclose = (event) => { attack.closed = true; attack.closeCode = event.code; };
  fetch(${JSON.stringify(`${hostUrl}/api/me`)}, { credentials: 'include' })
    .then((response) => response.text())
    .then((text) => { attack.apiRead = text; })
    .catch(() => { attack.apiRead = null; })
    .finally(() => { attack.apiDone = true; });
</script>
</body></html>`;
}

// Serves the attack page on 127.0.0.1, port 0. Resolves to {url, close()}.
export async function startAttackerSite(hostUrl) {
  const page = attackPage(hostUrl);
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
