# A web worker for cluster mode's socket listen mode: it accepts on the socket jpm hands it as fd 3.
#   jpm start examples/socket-web.py -i 3 --cluster --port 8080 --listen-mode socket   then   curl localhost:8080
import http.server, os, signal, socket, threading

listener = socket.socket(fileno=3)  # systemd's protocol: LISTEN_FDS=1, the socket at fd 3
listener.setblocking(False)  # every worker wakes for a connection and one wins: the others must not hang in accept


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
    def get_request(self):
        conn, addr = self.socket.accept()
        conn.setblocking(True)
        return conn, addr


server = Server(listener.getsockname()[:2], Hello, bind_and_activate=False)
server.socket = listener
# jpm's stop signal: stop accepting (the others take the queue) and end after the request being served
signal.signal(signal.SIGINT, lambda *_: threading.Thread(target=server.shutdown).start())
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
print("instance", os.environ.get("JPM_INSTANCE", "0"), "accepting on fd 3", flush=True)
server.serve_forever(poll_interval=0.1)
