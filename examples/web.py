# A web worker for cluster mode's proxy listen mode: it listens on the private $PORT jpm gives it.
#   jpm start examples/web.py -i 2 --cluster --port 8080   then   curl localhost:8080
# (examples/socket-web.py is the same server on the socket jpm hands it in socket mode.)
import http.server, os, signal, threading


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from instance %s (pid %d)\n" % (os.environ.get("JPM_INSTANCE", "0").encode(), os.getpid())
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # no line per request: jpm would log each one (and spend CPU doing it)
        pass


class Server(http.server.HTTPServer):
    request_queue_size = 1024  # listen(2) backlog; socketserver's 5 drops connects under load (a 1 s SYN retry)


server = Server(("127.0.0.1", int(os.environ.get("PORT", "3000"))), Hello)
# jpm's stop signal: stop listening and end after the request being served (the balancer has drained this worker)
signal.signal(signal.SIGINT, lambda *_: threading.Thread(target=server.shutdown).start())
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
print("instance", os.environ.get("JPM_INSTANCE", "0"), "listening on", server.server_address[1], flush=True)
server.serve_forever(poll_interval=0.1)
