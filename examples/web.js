// A web worker for cluster mode: listens on the private $PORT jpm gives it and says which instance answered.
// jpm start examples/web.js -i 2 --cluster --port 8080   then   curl localhost:8080
const http = require('http');

const port = Number(process.env.PORT || 3000);
const instance = process.env.JPM_INSTANCE ?? process.env.NODE_APP_INSTANCE ?? '0';
const body = `hello from instance ${instance} (pid ${process.pid})\n`;

const server = http.createServer((req, res) => {
  res.writeHead(200, {'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body)});
  res.end(body);
});
server.listen(port, '127.0.0.1', () => console.log(`instance ${instance} listening on ${port}`));

// A graceful stop: finish what is in flight, then exit.
process.on('SIGINT', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
