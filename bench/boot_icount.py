#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot work in instructions: entry -> app_main under -icount shift=0.

With -icount shift=0 QEMU advances the guest clock by 1 ns per executed
instruction, so the guest's boot marks (boot_marks_ns[], printed by the
bench application) and its printk timestamps count instructions, whatever
the host's load.  For each arch this builds the bench application (as
`make bench` does), boots it at 128 MiB twice:

  * with `quiet`: the figure of issue 20 (entry -> app_main), and the
    phases between the boot marks (entry, setup_arch, mm_init, app_main);
  * without it: the printk timestamps give the instructions from each
    console line to the next (the largest steps are listed).

    bench/boot_icount.py [--objtree O] [--arch riscv,x86] [--mem 128M]
                         [--top 12] [--budget riscv=400,x86=600]

What it counts: the kernel is the SMP build (CONFIG_SMP=y), booted on
run_bench.py's machine, which has one CPU (riscv: -smp 1; x86: QEMU's
default), so the figure is the boot CPU's own path from riscv_boot() /
the x86 entry to app_main.  Under -smp N the icount clock advances with
the instructions of every vCPU (QEMU runs them round-robin on one
thread), and smp_init()'s wait for each secondary spins the boot CPU
until QEMU's slice ends (about 10 M instructions per secondary): neither
is the boot CPU's work.  For the boot CPU alone under -smp N, count its
blocks in an exec log with tb_profile.py (--exclude boot_one leaves out
that wait).
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_bench  # noqa: E402  bench/run_bench.py (build, boot, parse_block)

ICOUNT = " -icount shift=0"
# issue 20 item 6: k instructions, entry -> app_main, 128 MiB, quiet
BUDGET = {"riscv": 400, "x86": 600}
PHASES = (("entry", "entry_ns"), ("setup_arch", "setup_arch_ns"),
          ("mm_init", "mm_init_ns"), ("app_main", "app_main_ns"))


def steps(text):
    """printk timestamps -> [(k instructions since the line before, line)]."""
    prev, out = 0.0, []
    for line in text.splitlines():
        if line.startswith("[") and "]" in line:
            try:
                t = float(line[1:line.index("]")])
            except ValueError:
                continue
            out.append(((t - prev) * 1e6, line[line.index("]") + 2:][:90]))
            prev = t
    return out


def profile(a, arch, out):
    status, text = run_bench.boot(arch, out, a.mem, "quiet -- quick",
                                  extra=ICOUNT)
    blk = run_bench.parse_block(text)
    if status != 0 or not blk:
        raise SystemExit("%s: quiet icount boot failed (status %s)\n%s"
                         % (arch, status, text[-2000:]))
    tl = blk["timeline"][0]
    total = int(tl["app_main_ns"]) / 1000
    budget = a.budget.get(arch)
    print("== %s -m %s: entry -> app_main %.0f k instructions (quiet)%s"
          % (arch, a.mem, total, "" if budget is None else
             ", target <= %d k: %s (%.2fx)" % (
                 budget, "met" if total <= budget else "not met",
                 total / budget)))
    prev = 0
    for name, key in PHASES:
        v = int(tl[key]) / 1000
        print("   %-10s at %7.0f k  (+%.0f k)" % (name, v, v - prev))
        prev = v
    status, text = run_bench.boot(arch, out, a.mem, "-- quick", extra=ICOUNT)
    rows = sorted(steps(text), reverse=True)[:a.top]
    print("   largest steps without quiet (k instructions up to the line):")
    for k, line in rows:
        print("   %7.0f  %s" % (k, line))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--objtree", default=os.path.join(run_bench.SRCTREE, "build"))
    ap.add_argument("--arch", default="riscv,x86")
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--budget", default=",".join(
        "%s=%d" % kv for kv in BUDGET.items()))
    a = ap.parse_args()
    a.objtree = os.path.abspath(a.objtree)
    a.budget = {k: int(v) for k, v in (x.split("=") for x in
                                        a.budget.split(",") if x)}
    for arch in a.arch.split(","):
        out = run_bench.build(a, arch, run_bench.BENCH_FRAG)
        profile(a, arch, out)


if __name__ == "__main__":
    main()
