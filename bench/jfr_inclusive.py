#!/usr/bin/python3
"""Prints the methods on the most sampled stacks of a JFR file (inclusive: a method counts once per sample
it is anywhere on), for the threads whose name starts with a prefix.

    jfr_inclusive.py JFR_BIN FILE [THREAD_PREFIX] [TOP]
"""
import collections
import json
import subprocess
import sys

jfr, path = sys.argv[1], sys.argv[2]
prefix = sys.argv[3] if len(sys.argv) > 3 else ""
top = int(sys.argv[4]) if len(sys.argv) > 4 else 60
out = subprocess.run([jfr, "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
counts = collections.Counter()
total = 0
for event in events:
    thread = event["values"].get("sampledThread") or {}
    if not (thread.get("javaName") or "").startswith(prefix):
        continue
    total += 1
    seen = set()
    for frame in (event["values"].get("stackTrace") or {}).get("frames", []):
        method = frame["method"]
        name = method["type"]["name"] + "." + method["name"]
        if name not in seen:
            seen.add(name)
            counts[name] += 1
print("%d samples" % total)
for name, n in counts.most_common(top):
    print("%6.1f%%  %s" % (100.0 * n / max(total, 1), name))
