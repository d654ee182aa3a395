"""A worker for bench/faults.sh that tries to outlive jpm. Mode (argv[1]):
  setsid    double-forks a grandchild into a new session (setsid), which sleeps forever
  ignore    ignores SIGINT and SIGTERM and sleeps forever
  reparent  forks a child that forks a grandchild and exits, so the grandchild re-parents to init
The worker itself sleeps forever. Each process it leaves behind keeps the worker's environment (and jpm's marker)."""
import os
import signal
import sys
import time

mode = sys.argv[1]


def grandchild(new_session):
    if os.fork() == 0:
        if new_session:
            os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            while True:
                time.sleep(3600)
        os._exit(0)


if mode == "setsid":
    grandchild(True)
elif mode == "reparent":
    grandchild(False)
elif mode == "ignore":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("escape worker %s ready" % mode, flush=True)
while True:
    time.sleep(3600)
