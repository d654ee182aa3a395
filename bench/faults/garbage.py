"""A worker for bench/faults.sh that writes hostile output once, then sleeps. Mode (argv[1]):
  random    4 MiB of random bytes        binary  every byte value, NULs included, 64 KiB at a time
  long      one 10 MiB line               utf8    invalid UTF-8 (lone continuations, overlongs, surrogates, cut tails)
It ends with the line "GARBAGE DONE <mode>" so the campaign knows the daemon read through it."""
import os
import sys
import time

mode = sys.argv[1]
out = sys.stdout.buffer
if mode == "random":
    for _ in range(64):
        out.write(os.urandom(64 * 1024))
elif mode == "binary":
    for _ in range(64):
        out.write(bytes(range(256)) * 256)
elif mode == "long":
    out.write(b"y" * (10 * 1024 * 1024))
elif mode == "utf8":
    bad = [b"\x80", b"\xbf\xbf", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf0\x9f\x98", b"\xff\xfe"]
    for i in range(100000):
        out.write(b"ok " + bad[i % len(bad)] + b" line %d\n" % i)
out.write(b"\nGARBAGE DONE %s\n" % mode.encode())
out.flush()
while True:
    time.sleep(3600)
