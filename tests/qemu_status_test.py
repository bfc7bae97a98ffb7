#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Host tests of ci/qemu.py's exit status rules (docs/applications.md); TAP.

The status of a run comes from the console's "Power down: exit status N"
line and, where the board has one, the exit device's code in QEMU's own
exit status; the two must agree, and no status is ever made up.  First
exit_status() on made-up (board, QEMU code, console) triples; then
`ci/qemu.py --interactive` (what `make run` runs) end to end, with a fake
qemu-system-* first on PATH that prints a console and exits with a chosen
code: the exit status, the harness's lines and their order.

usage: qemu_status_test.py [--srctree DIR] [--objtree DIR]
Exit status: 0 all passed, 1 some failed.
"""
import argparse
import os
import subprocess
import sys
import tempfile

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRCTREE, "ci"))
import qemu  # noqa: E402

n = failed = 0


def ok(cond, name, diag=""):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond:
        failed += 1
        for line in str(diag).rstrip().splitlines()[-20:]:
            print("#   " + line)
    sys.stdout.flush()


LINE = "[    0.110799] Power down: exit status %d\n"
SU = ("riscv", "qemu_sifive_u")
VIRT = ("riscv", "qemu_riscv64_virt")
X86 = ("x86", "qemu_x86_64")
# (board, QEMU exit code, console, expected status, note must contain)
CASES = [
    (SU, 0, "hello\n" + LINE % 7, 7, None),
    (SU, 0, LINE % 0, 0, None),
    (SU, 0, "Power down: exit status 3\n", 3, None),  # no timestamps
    (SU, 0, LINE % 0 + LINE % 120, 120, None),  # the last line counts
    (SU, 0, "hello\n", qemu.NO_STATUS, "no 'Power down"),
    (SU, 1, "", qemu.NO_STATUS, "QEMU itself failed"),
    (SU, None, LINE % 0, qemu.TIMED_OUT, "timed out"),
    (VIRT, 7, LINE % 7, 7, None),
    (VIRT, 0, LINE % 0, 0, None),
    (VIRT, 0, LINE % 7, qemu.NO_STATUS, "exit device"),
    (VIRT, 0, "", qemu.NO_STATUS, "no 'Power down"),
    (VIRT, 1, "qemu-system-riscv64: could not load kernel\n",
     qemu.NO_STATUS, "its own error status"),
    (VIRT, 123, "", 123, "from the exit device"),
    (X86, 15, LINE % 7, 7, None),
    (X86, 0, LINE % 0, 0, None),
    (X86, 0, "", qemu.NO_STATUS, "power-off, reset or quit"),
    (X86, 1, "", qemu.NO_STATUS, "QEMU itself failed"),
    (X86, 15, LINE % 0, qemu.NO_STATUS, "exit device"),
    (X86, (200 << 1 | 1) & 0xff, LINE % 200, 200, None),  # 7 bits survive
]

FAKE_QEMU = """#!/bin/sh
printf '%s'
exit {rc}
"""


def run_fake(board, console, rc, tmp):
    """ci/qemu.py --interactive with a fake QEMU: (exit status, output)."""
    arch, name = board
    system = qemu.board_facts(arch, name)["QEMU_SYSTEM"]
    path = os.path.join(tmp, system)
    with open(path, "w") as f:
        f.write(FAKE_QEMU.replace("%s", console.replace("'", "'\\''"))
                .format(rc=rc))
    os.chmod(path, 0o755)
    env = dict(os.environ, PATH=tmp + os.pathsep + os.environ["PATH"])
    p = subprocess.run([sys.executable, os.path.join(SRCTREE, "ci", "qemu.py"),
                        "--arch", arch, "--board", name, "--kernel", "k.elf",
                        "--interactive"], env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", default=SRCTREE)
    ap.add_argument("--objtree")
    ap.parse_args()
    for board, rc, console, want, note in CASES:
        got, why = qemu.exit_status(board[0], board[1], rc, console)
        ok(got == want and (note is None) == (why is None) and
           (note is None or note in why),
           "exit_status %s, QEMU code %s, console %r: %s" % (
               board[1], rc, console[-40:], want),
           "got %s (%s)" % (got, why))

    with tempfile.TemporaryDirectory(prefix="kite-qemu-status-") as tmp:
        # sifive_u: the status is the console's, and make run fails on it.
        rc, out = run_fake(SU, "Hello\\r\\n" + LINE.replace("\n", "\\r\\n") % 7,
                           0, tmp)
        ok(rc == 7, "interactive sifive_u run: exit status 7 from the "
           "console line (QEMU exits 0)", out)
        lines = out.splitlines()
        ok(lines[-1:] == ["qemu: application exit status 7"] and
           lines[-2].endswith("Power down: exit status 7"),
           "interactive run: the harness line comes last, on a line of its "
           "own, after the console's", out)
        # No power-down line: no status is made up.
        rc, out = run_fake(SU, "Hello, then silence", 0, tmp)
        ok(rc == qemu.NO_STATUS and "application's status is unknown" in out
           and "application exit status" not in out and
           "\nqemu: no 'Power down" in out,
           "interactive sifive_u run without a power-down line fails with "
           "%d and says so, on a line of its own" % qemu.NO_STATUS, out)
        # x86: ACPI power-off (QEMU code 0) and the console agree.
        rc, out = run_fake(X86, LINE % 0, 0, tmp)
        ok(rc == 0 and out.endswith("qemu: application exit status 0\n"),
           "interactive x86 run: status 0", out)
        rc, out = run_fake(X86, LINE % 7, 15, tmp)
        ok(rc == 7, "interactive x86 run: isa-debug-exit 15 is status 7", out)
    print("1..%d" % n)
    if failed:
        print("# %d of %d checks failed" % (failed, n))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
