// A web worker for cluster mode: listens on the private $PORT jpm gives it and says which instance answered.
// jpm start examples/web.js -i 2 --cluster --port 8080   then   curl localhost:8080
const http = require('http');
const net = require('net');

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

// A graceful stop for keep-alive clients: stop listening, answer each further request with Connection: close (the
// client reconnects, through jpm's balancer, to a live instance), and exit when the last connection has ended (jpm
// SIGKILLs after kill_timeout if that takes too long). http.Server#close would also drop every connection that is
// between two requests, and a client whose next request is already on its way sees that as an error; net.Server's
// close only stops listening.
process.on('SIGINT', () => {
  closing = true;
  net.Server.prototype.close.call(server, () => process.exit(0));
});
