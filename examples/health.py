# An HTTP server with a health endpoint, for liveness_probe: GET /health answers 200, and 503 while the file
# named by SICK_FILE exists (touch it to watch jpm restart the worker after failure_threshold checks).
import http.server, os
sick = os.environ.get("SICK_FILE", "/tmp/jpm-demo-sick")
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        code = 503 if self.path == "/health" and os.path.exists(sick) else 200
        body = ("health: %s\n" % ("sick" if code == 503 else "ok")).encode()
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
print("health: listening on", os.environ["PORT"], flush=True)
http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
