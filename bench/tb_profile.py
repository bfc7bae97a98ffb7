#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Instructions per kernel function of a QEMU boot, without QEMU plugins.

Debian's QEMU has no TCG plugins, so this reads QEMU's own log instead:
`-d in_asm,exec,nochain` prints each translated block's instructions once
and a "Trace" line every time a block runs (nochain: every time).  A
block's instructions are counted to the function its first instruction
lies in (blocks do not cross calls), until the first block of --stop.

    qemu-system-riscv64 ... -icount shift=0 -d in_asm,exec,nochain -D t.log
    bench/tb_profile.py t.log kernel.elf [--stop run_application] [--top 30]

Prints the total and the functions by instructions executed.  Blocks left
early by a trap are counted whole, so figures are upper bounds to a few
instructions.
"""
import argparse
import bisect
import re
import subprocess

IN = re.compile(r"^0x([0-9a-f]+):\s")
TRACE = re.compile(r"^Trace (\d+): 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")


def symbols(elf, nm):
    out = subprocess.run([nm, "-n", elf], stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    addrs, names = [], []
    for line in out.splitlines():
        w = line.split()
        # "$x"/"$d": RISC-V mapping symbols, not functions
        if len(w) == 3 and w[1] in "tTwW" and not w[2].startswith("$"):
            addrs.append(int(w[0], 16))
            names.append(w[2])
    return addrs, names


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("log")
    ap.add_argument("elf")
    ap.add_argument("--start", default="_start",
                    help="count from the first block of this symbol")
    ap.add_argument("--stop", default="run_application")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--cpu", type=int, default=None,
                    help="count only this vCPU (default: the one that runs "
                    "--start first, i.e. the boot hart/CPU)")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--exclude", default="",
                    help="comma-separated functions (e.g. boot_one: waiting "
                    "for other CPUs) listed but left out of the total")
    a = ap.parse_args()
    addrs, names = symbols(a.elf, a.nm)
    stop = addrs[names.index(a.stop)] if a.stop in names else None
    start = addrs[names.index(a.start)] if a.start in names else None
    size, cur, n = {}, None, 0  # block pc -> instructions (last translation)
    count, total = {}, 0
    for line in open(a.log, errors="replace"):
        m = IN.match(line)
        if m:
            pc = int(m.group(1), 16)
            if cur is None:
                cur, n = pc, 0
            n += 1
            continue
        if cur is not None and not line.strip():
            size[cur], cur = n, None
            continue
        m = TRACE.match(line)
        if not m:
            if line.startswith("---") and cur is not None:
                size[cur], cur = n, None
            continue
        if cur is not None:
            size[cur], cur = n, None
        pc, cpu = int(m.group(2), 16), int(m.group(1))
        if start is not None:
            if pc != start:
                continue
            start = None
            if a.cpu is None:
                a.cpu = cpu
        if a.cpu is not None and cpu != a.cpu:
            continue
        if stop is not None and pc == stop:
            break
        i = bisect.bisect_right(addrs, pc) - 1
        fn = names[i] if i >= 0 else "?"
        k = size.get(pc, 1)
        count[fn] = count.get(fn, 0) + k
        total += k
    excl = [fn for fn in a.exclude.split(",") if fn]
    for fn in excl:
        total -= count.get(fn, 0)
    print("%9d instructions from %s to %s on CPU %s (kernel, and firmware "
          "it calls: \"?\")%s" % (total, a.start, a.stop, a.cpu,
                                  ", without %s" % a.exclude if excl else ""))
    for fn in excl:
        print("%9d  (left out)  %s" % (count.get(fn, 0), fn))
    count = {fn: k for fn, k in count.items() if fn not in excl}
    for fn, k in sorted(count.items(), key=lambda kv: -kv[1])[:a.top]:
        print("%9d  %5.1f%%  %s" % (k, 100.0 * k / total, fn))


if __name__ == "__main__":
    main()
