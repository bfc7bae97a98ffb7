#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run the libFuzzer targets built by `make fuzzers` for a fixed time each.

usage: run_fuzz.py --objtree O [--seconds N] [--jobs J] [--tap] [name ...]

Each target starts from its seed corpus (tests/fuzz/corpus/<name>/) plus
what earlier runs found ($(O)/fuzz/corpus/<name>/, where new inputs go).
A crash or a broken check leaves the input in $(O)/fuzz/crash-<name>-*;
reproduce it with `$(O)/fuzz/fuzz_<name> <file>`.  With --tap prints one
TAP line per target (tests/run_tests.py uses run() directly instead).
Exit status: 0 if no target failed.
"""
import concurrent.futures
import os
import re
import subprocess
import sys
import time

SRCTREE = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SRCTREE, "ci"))
import cli  # noqa: E402  ci/cli.py (the --srctree/--objtree parser)
NAMES = ["fdt", "cmdline", "printf", "memblock", "e820", "page_alloc",
         "slab"]
# Inputs beyond these sizes only slow the search down.
MAX_LEN = {"fdt": 16384, "cmdline": 2048, "printf": 1024,
           "memblock": 6 * 56, "e820": 4096, "page_alloc": 4 * 64,
           "slab": 4 * 64}


def fuzz_one(objtree, name, seconds):
    """Run one target; returns (ok, summary, output)."""
    exe = os.path.join(objtree, "fuzz", "fuzz_" + name)
    seeds = os.path.join(SRCTREE, "tests", "fuzz", "corpus", name)
    work = os.path.join(objtree, "fuzz", "corpus", name)
    os.makedirs(work, exist_ok=True)
    if not os.path.exists(exe):
        return False, "%s: not built (make fuzzers)" % exe, ""
    cmd = [exe, "-max_total_time=%d" % seconds, "-print_final_stats=1",
           "-timeout=20", "-rss_limit_mb=2048",
           "-max_len=%d" % MAX_LEN.get(name, 4096),
           "-artifact_prefix=" + os.path.join(objtree, "fuzz",
                                              "crash-%s-" % name),
           work, seeds]
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=seconds + 120)
        out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode("utf-8", "replace"), None
    took = time.monotonic() - start
    runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", out)
    rate = re.search(r"stat::average_exec_per_sec:\s*(\d+)", out)
    runs = int(runs.group(1)) if runs else 0
    rate = int(rate.group(1)) if rate else 0
    if rc == 0:
        return True, "%d runs in %.0f s (%d exec/s)" % (runs, took, rate), out
    art = re.search(r"Test unit written to (\S+)", out)
    why = "timed out" if rc is None else "exit status %d" % rc
    if art:
        why += ", input saved as " + art.group(1)
    return False, why, out


def run(objtree, names, seconds, jobs):
    """Run every target, @jobs at a time; yields (name, ok, summary, out)
    in the order of @names."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        futs = [(n, ex.submit(fuzz_one, objtree, n, seconds)) for n in names]
        for name, f in futs:
            ok, summary, out = f.result()
            yield name, ok, summary, out


def main():
    ap = cli.tree_parser(__doc__, srctree=SRCTREE)
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    names = a.names or NAMES
    failed = 0
    if a.tap:
        print("TAP version 13")
    for i, (name, ok, summary, out) in enumerate(
            run(os.path.abspath(a.objtree), names, a.seconds, a.jobs), 1):
        if a.tap:
            print("%s %d - fuzz %s: %s" % ("ok" if ok else "not ok", i, name,
                                           summary))
        else:
            print("  FUZZ     %-9s %s%s" % (name, "" if ok else "FAILED: ",
                                            summary))
        if not ok:
            failed += 1
            for line in out.splitlines()[-30:]:
                print("#   " + line)
        sys.stdout.flush()
    if a.tap:
        print("1..%d" % len(names))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
