#!/usr/bin/env python3
"""Runs one command and reports its wall time, CPU time and peak memory as one JSON object.

Peak memory is the largest SUM of VmRSS over the command's whole process tree, sampled every
50 ms from /proc (so Terraform counts together with its provider plugin, which it starts as a
child); /usr/bin/time would report only the largest single process. The largest single
process's own peak is reported too. CPU time is user + system of the command and of the
descendants it waited for (Terraform's provider plugin).

    measure.py RESULT.json LOG -- COMMAND ARGS...

The command's stdout and stderr go to LOG; the exit code is the command's.
"""
import json
import os
import subprocess
import sys
import threading
import time

INTERVAL = 0.05


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    return int(stat[stat.rfind(")") + 2:].split()[1])


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Sums VmRSS over the process tree under root every INTERVAL until stopped."""

    def __init__(self, root):
        super().__init__(daemon=True)
        self.root = root
        self.stopped = threading.Event()
        self.peak_tree = self.peak_single = self.samples = 0

    def run(self):
        parents = {}  # pid -> parent pid, read once per pid: cheap enough for every 50 ms
        while not self.stopped.is_set():
            pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
            alive = set(pids)
            for pid in [p for p in parents if p not in alive]:
                del parents[pid]
            for pid in pids:
                if pid not in parents:
                    parents[pid] = parent_of(pid)
            tree, frontier = {self.root}, [self.root]
            while frontier:
                p = frontier.pop()
                for pid, ppid in parents.items():
                    if ppid == p and pid not in tree:
                        tree.add(pid)
                        frontier.append(pid)
            sizes = [rss_kb(pid) for pid in tree]
            self.peak_tree = max(self.peak_tree, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes))
            self.samples += 1
            self.stopped.wait(INTERVAL)


def main():
    result_file, log_file, sep, *cmd = sys.argv[1:]
    assert sep == "--" and cmd, __doc__
    with open(log_file, "wb") as log:
        start = time.monotonic()
        child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        sampler = Sampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - start
        sampler.stopped.set()
        sampler.join()
    code = os.waitstatus_to_exitcode(status)
    with open(result_file, "w") as f:
        json.dump({"exit": code, "wall_ms": round(wall * 1000), "cpu_ms": round((usage.ru_utime + usage.ru_stime) * 1000),
                   "peak_rss_kb": sampler.peak_tree, "peak_single_rss_kb": sampler.peak_single,
                   "samples": sampler.samples, "command": cmd}, f)
    sys.exit(code)


if __name__ == "__main__":
    main()
