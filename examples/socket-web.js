// A web worker for cluster mode's socket listen mode: it accepts on the socket jpm hands it as fd 3.
//   jpm start examples/socket-web.js -i 2 --cluster --port 8080 --listen-mode socket   then   curl localhost:8080
const http = require('http');
const net = require('net');

const instance = process.env.JPM_INSTANCE ?? process.env.NODE_APP_INSTANCE ?? '0';
const body = `hello from instance ${instance} (pid ${process.pid})\n`;
let closing = false;

const server = http.createServer((req, res) => {
  const headers = {'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body)};
  if (closing) headers['Connection'] = 'close';
  res.writeHead(200, headers);
  res.end(body);
});
server.listen({fd: 3}, () => console.log(`instance ${instance} accepting on fd 3`));

// jpm's stop signal: stop accepting (the other workers take the queue), let keep-alive clients go, exit when idle
process.on('SIGINT', () => {
  closing = true;
  net.Server.prototype.close.call(server, () => process.exit(0));
});
