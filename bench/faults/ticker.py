"""A worker for bench/faults.sh: writes numbered lines "L <token> <seq> <pad>" to stdout at TICK_RATE lines a second
(each line one write(2), so a line is in the pipe whole or not at all), answers HTTP on $PORT when jpm gives it one
(cluster mode), and on SIGINT or SIGTERM records the last seq it wrote in $TICK_STATE/<token>.last before it exits,
so the campaign knows how many lines each worker wrote. The token is the pid and a random suffix: pids wrap
around on a busy machine, and two workers must never share one."""
import os
import signal
import socket
import sys
import threading
import time

pid = os.getpid()
token = "%d.%s" % (pid, os.urandom(4).hex())
rate = float(os.environ.get("TICK_RATE", "100"))
pad = "x" * int(os.environ.get("TICK_PAD", "20"))
state = os.environ.get("TICK_STATE")
seq = 0


def leave(signum, frame):
    if state:
        with open(os.path.join(state, "%s.last" % token), "w") as f:
            f.write("%d\n" % seq)
    os._exit(0)


signal.signal(signal.SIGINT, leave)
signal.signal(signal.SIGTERM, leave)


def serve(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(64)
    while True:
        c, _ = s.accept()
        try:
            c.recv(4096)
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        finally:
            c.close()


if os.environ.get("PORT"):
    threading.Thread(target=serve, args=(int(os.environ["PORT"]),), daemon=True).start()

burst = max(1, int(rate / 100))  # lines per 10 ms tick
tick = burst / rate
next_at = time.monotonic()
while True:
    for _ in range(burst):
        seq += 1
        os.write(1, ("L %s %d %s\n" % (token, seq, pad)).encode())
    next_at += tick
    delay = next_at - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    else:
        next_at = time.monotonic()
