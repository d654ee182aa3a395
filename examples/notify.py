# Speaks sd_notify on the NOTIFY_SOCKET jpm gives every worker, with python's socket module and no library:
# READY=1 after a 2 s warm-up (wait_ready), STATUS=… lines (describe, jpm-top), and WATCHDOG=1 pings at half of
# WATCHDOG_USEC (watchdog_sec).
import os, socket, time
def notify(message):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.sendto(message.encode(), os.environ["NOTIFY_SOCKET"])
    s.close()
notify("STATUS=warming up")
time.sleep(2)
notify("READY=1\nSTATUS=serving")
interval = int(os.environ.get("WATCHDOG_USEC", "10000000")) / 2e6
jobs = 0
while True:
    time.sleep(interval)
    jobs += 1
    notify("WATCHDOG=1\nSTATUS=%d jobs done" % jobs)
