// A small HTTP server for the demo's cluster app: listens on $PORT, answers with its instance and a counter.
const http = require('http');
const port = Number(process.env.PORT || 8080);
const instance = process.env.JPM_INSTANCE || process.env.NODE_APP_INSTANCE || '0';
let served = 0;
http.createServer((req, res) => {
  served++;
  res.end(`hello from web instance ${instance} (${served} served)\n`);
}).on('error', (e) => console.error(`web instance ${instance}: ${e.message}`))
  .listen(port, '127.0.0.1', () => console.log(`web instance ${instance} listening on ${port}`));
setInterval(() => console.log(`web instance ${instance}: ${served} requests so far`), 5000);
