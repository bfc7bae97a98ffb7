#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random configurations, built and booted with the selftest application.

Each configuration is `make randconfig` with KCONFIG_ALLCONFIG set to
scripts/explore/<arch>.config (the QEMU board and the selftest
application are fixed, every other visible option is random) and
KCONFIG_SEED set to its seed; it is built in its own output directory and
booted under QEMU.  It passes when the build succeeds and the boot exits
0 with "# Totals: pass:N fail:0" and no handoff mismatch.  A failure
prints the seed and the command that reproduces it.

The seeds of a run are BASE, BASE+1, ...: BASE is --seed (or
KCONFIG_SEED), else derived from the clock and printed.  Configurations
alternate between the architectures in --archs.

    tests/explore/randconfig.py --objtree build -n 20 [--seed 0x1234]

`make randconfig-check N=20` runs it; `make check` runs two (run_tests.py
imports run() from here).
"""
import argparse
import os
import re
import subprocess
import sys
import time

SRCTREE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SRCTREE, "ci"))
import qemu  # noqa: E402

BOARDS = {"riscv": "qemu_riscv64_virt", "x86": "qemu_x86_64"}
TOTALS = re.compile(r"^(?:\[[ 0-9.]+\] )?# Totals: pass:(\d+) fail:(\d+)", re.M)
REJECT = [r"bootmem handoff mismatch", r"Kernel panic", r"Bad page state",
          r"runtime error:"]
# The misuse suite (DEBUG_MM_SELFTEST) provokes "BUG: Bad page state" on
# purpose; outside it the line is a real failure.
MISUSE = re.compile(r"# Subtest: misuse\b")


def base_seed(arg=None):
    if arg:
        return int(arg, 0)
    env = os.environ.get("KCONFIG_SEED")
    if env:
        return int(env, 0)
    return int(time.time()) & 0xffffffff


def reproduce(arch, seed, out):
    return ("make O=%s KCONFIG_ALLCONFIG=scripts/explore/%s.config "
            "KCONFIG_SEED=%#x randconfig all run" % (out, arch, seed))


def one(objtree, arch, seed, jobs, timeout):
    """Build and boot one random configuration.  Returns (ok, summary,
    diagnostics)."""
    out = os.path.join(objtree, "randconfig", "%s-%#x" % (arch, seed))
    os.makedirs(out, exist_ok=True)
    mk = ["make", "-f", os.path.join(SRCTREE, "Makefile"), "O=" + out]
    env = dict(os.environ, KCONFIG_SEED="%#x" % seed,
               KCONFIG_ALLCONFIG=os.path.join(SRCTREE, "scripts", "explore",
                                              arch + ".config"))
    log = []
    for step in (mk + ["randconfig"], mk + ["-j%d" % jobs, "all"]):
        p = subprocess.run(step, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env=env, stdin=subprocess.DEVNULL)
        log.append(p.stdout.decode("utf-8", "replace"))
        if p.returncode:
            return False, "build failed", "".join(log)
    cfg = open(os.path.join(out, ".config")).read()
    # A kernel that prints nothing (PRINTK off, loglevel 0) can still
    # report its selftest totals: ask for the KTAP lines on the console.
    append = "loglevel=7"
    cmd = qemu.qemu_command(arch, BOARDS[arch], os.path.join(out, "kernel.elf"),
                            append)
    rc, text = qemu.run(cmd, timeout, os.path.join(out, "boot.log"))
    status = qemu.map_status(arch, rc)
    problems = []
    if status is None:
        problems.append("timed out after %d s" % timeout)
    elif status != 0:
        problems.append("exit status %d" % status)
    m = TOTALS.search(text)
    if not m:
        problems.append("no KTAP totals")
    elif int(m.group(2)):
        fails = [l.strip() for l in text.splitlines() if "not ok" in l]
        problems.append("selftests: %s failed (%s)" % (
            m.group(2), "; ".join(fails[:6])))
    for pat in REJECT:
        if pat == r"Bad page state" and MISUSE.search(text):
            continue
        hit = re.search(".*" + pat + ".*", text)
        if hit:
            problems.append("log: " + hit.group(0).strip()[:160])
    opts = " ".join(l[len("CONFIG_"):] for l in cfg.splitlines()
                    if l.startswith("CONFIG_") and
                    re.search(r"=(y|\d+)$", l) and "APP_" not in l)
    summary = ("%s, %s" % (m.group(0).split("# ")[1] if m else "-",
                           "; ".join(problems) if problems else "ok"))
    diag = "%s\nconfig: %s\nlog: %s/boot.log\n%s" % (
        reproduce(arch, seed, out), opts, out, text[-3000:])
    return not problems, summary, diag


def run(objtree, n, seed, archs=("riscv", "x86"), jobs=2, timeout=300,
        report=None):
    """Run @n configurations from @seed; call report(ok, name, diag) for
    each.  Returns the list of failing (arch, seed)."""
    failed = []
    print("# randconfig: %d configurations, seeds %#x.., KCONFIG_SEED=%#x "
          "reproduces the first" % (n, seed, seed), flush=True)
    for i in range(n):
        arch = archs[i % len(archs)]
        s = (seed + i) & 0xffffffff
        t = time.monotonic()
        ok, summary, diag = one(objtree, arch, s, jobs, timeout)
        name = "randconfig %s KCONFIG_SEED=%#x: %s (%.0f s)" % (
            arch, s, summary, time.monotonic() - t)
        if not ok:
            failed.append((arch, s))
        if report:
            report(ok, name, diag)
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--objtree", required=True)
    ap.add_argument("-n", type=int, default=10)
    ap.add_argument("--seed", help="first seed (default: KCONFIG_SEED or the clock)")
    ap.add_argument("--archs", default="riscv,x86")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=300)
    a = ap.parse_args()
    count = [0]

    def report(ok, name, diag):
        count[0] += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", count[0], name))
        if not ok:
            for line in diag.rstrip().splitlines()[:8]:
                print("#   " + line)
        sys.stdout.flush()

    print("TAP version 13")
    seed = base_seed(a.seed)
    failed = run(a.objtree, a.n, seed, tuple(a.archs.split(",")), a.jobs,
                 a.timeout, report)
    print("1..%d" % a.n)
    if failed:
        print("# failing seeds:")
        for arch, s in failed:
            print("#   %s KCONFIG_SEED=%#x" % (arch, s))
    print("%d passed, %d failed" % (a.n - len(failed), len(failed)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
