// A web worker for cluster mode: listens on the private $PORT jpm gives it and says which instance answered.
// jpm start examples/web.js -i 2 --cluster --port 8080   then   curl localhost:8080
const http = require('http');

const port = Number(process.env.PORT || 3000);
const instance = process.env.JPM_INSTANCE ?? process.env.NODE_APP_INSTANCE ?? '0';
const body = `hello from instance ${instance} (pid ${process.pid})\n`;

let closing = false;

const server = http.createServer((req, res) => {
  const headers = {'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body)};
  if (closing) headers['Connection'] = 'close'; // keep-alive clients reconnect, and reach a live instance
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(port, '127.0.0.1', () => console.log(`instance ${instance} listening on ${port}`));

// A graceful stop: accept nothing new, answer what comes on open connections with Connection: close, exit when the
// last one ends (jpm SIGKILLs after kill_timeout if that takes too long).
process.on('SIGINT', () => {
  closing = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
