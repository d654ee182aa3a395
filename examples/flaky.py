# Crashes now and then, to show restarts.
import random, sys, time
print("flaky: up", flush=True)
time.sleep(random.uniform(3, 10))
print("flaky: crashing", file=sys.stderr, flush=True)
sys.exit(1)
