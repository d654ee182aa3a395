"""Checks for bench/faults.sh, one subcommand each; prints one line (JSON or words) for the shell to use.

  census ROOT              the processes whose command line is under ROOT and whose environment has JPM_WORKER,
                           as {"marker": [pid, ...]}
  census-home HOME         the same for the processes whose environment has JPM_HOME=HOME (any command line)
  judge LIST BEFORE AFTER ROOT DUMP
                           after a daemon kill: LIST is `jpm list --json` output, BEFORE and AFTER the app counts
                           (JSON objects) the interrupted command left and was making; prints "ok" or what is wrong
  counts LIST              the app counts that `jpm list --json` shows, as a JSON object
  logs LOGDIR STATEDIR     reads every L line in the log files (rotated ones too), per worker token, and prints
                           {"lines", "duplicates", "gaps", "tail_missing", "workers"}
"""
import glob
import gzip
import json
import os
import re
import sys


def census(root, home=None):
    found = {}
    for d in glob.glob("/proc/[0-9]*"):
        try:
            with open(d + "/cmdline", "rb") as f:
                cmd = f.read()
            if root.encode() not in cmd:
                continue
            with open(d + "/environ", "rb") as f:
                env = f.read().split(b"\0")
            if home is not None and b"JPM_HOME=" + home.encode() not in env:
                continue
            with open(d + "/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            continue  # a zombie is not a running duplicate
        for kv in env:
            if kv.startswith(b"JPM_WORKER="):
                found.setdefault(kv[11:].decode(errors="replace"), []).append(int(d[6:]))
    return found


def counts(list_json):
    c = {}
    for w in list_json:
        c[w["name"]] = c.get(w["name"], 0) + 1
    return c


def judge(list_file, before, after, root, dump):
    problems = []
    try:
        with open(list_file) as f:
            workers = json.load(f)
    except (OSError, ValueError) as e:
        return "list unreadable: %s" % e
    seen = counts(workers)
    for app in sorted(set(before) | set(after) | set(seen)):
        n = seen.get(app, 0)
        if n != before.get(app, 0) and n != after.get(app, 0):
            problems.append("%s has %d (expected %d or %d)" % (app, n, before.get(app, 0), after.get(app, 0)))
    procs = census(root)
    dups = {m: p for m, p in procs.items() if len(p) > 1}
    if dups:
        problems.append("duplicate processes %s" % dups)
    listed = {w.get("pid") for w in workers if w.get("pid")}
    orphans = sorted(p for ps in procs.values() for p in ps if p not in listed)
    if orphans:
        problems.append("orphans %s" % orphans)
    try:
        with open(dump) as f:
            json.load(f)
    except FileNotFoundError:
        if after or before:
            problems.append("no state.json")
    except (OSError, ValueError) as e:
        problems.append("state.json unparseable: %s" % e)
    return "ok" if not problems else "; ".join(problems)


LINE = re.compile(rb"L (\S+) (\d+) ")


def logs(logdir, statedir):
    seen = {}
    lines = dups = 0
    for path in glob.glob(os.path.join(logdir, "*")):
        opener = gzip.open if path.endswith(".gz") else open
        try:
            with opener(path, "rb") as f:
                for raw in f:
                    m = LINE.search(raw)
                    if not m:
                        continue
                    pid, seq = m.group(1).decode(errors="replace"), int(m.group(2))
                    s = seen.setdefault(pid, set())
                    lines += 1
                    if seq in s:
                        dups += 1
                    s.add(seq)
        except (OSError, EOFError):
            continue
    gaps = tail = 0
    for pid, s in seen.items():
        top = max(s)
        gaps += top - min(s) + 1 - len(s)  # lines before the first one kept may have rotated out (log_keep)
        try:
            with open(os.path.join(statedir, "%s.last" % pid)) as f:
                last = int(f.read().strip() or 0)
            tail += max(0, last - top)
        except (OSError, ValueError):
            pass
    return {"lines": lines, "duplicates": dups, "gaps": gaps, "tail_missing": tail, "workers": len(seen)}


def main(argv):
    cmd = argv[1]
    if cmd == "census":
        print(json.dumps(census(argv[2])))
    elif cmd == "census-home":
        print(json.dumps(census("", argv[2])))
    elif cmd == "judge":
        print(judge(argv[2], json.loads(argv[3]), json.loads(argv[4]), argv[5], argv[6]))
    elif cmd == "counts":
        with open(argv[2]) as f:
            print(json.dumps(counts(json.load(f)), sort_keys=True))
    elif cmd == "logs":
        print(json.dumps(logs(argv[2], argv[3])))
    else:
        sys.exit("unknown subcommand " + cmd)


if __name__ == "__main__":
    main(sys.argv)
