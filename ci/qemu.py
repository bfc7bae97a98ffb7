#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot a Kite kernel under QEMU and report the application's exit status.

Board facts (QEMU binary, machine flags, firmware, exit device) come from
boards/<arch>/<board>/board.mk, the one place each board keeps them.

The exit status (docs/applications.md, "Exit status"): the kernel's last
console line is always "Power down: exit status N" (the power-down
protocol).  Where the machine has an exit device (QEMU_EXIT in the
board file) QEMU's own exit status carries N too: riscv virt's test
finisher hands N to QEMU directly; x86's isa-debug-exit makes QEMU exit
with (N << 1) | 1 and ACPI power-off (N = 0) with 0.  This script undoes
that mapping and checks it against the console line.  Where there is no
exit device (sifive_u: QEMU always exits 0), N comes from the console
line alone.  A status is never made up: without a power-down line (and
no device status) the script says so and exits 125; a device status
that contradicts the console line is reported and gives 125 too; a
timeout gives 124.

usage: qemu.py --arch A --board B --kernel K [--append S] [--interactive]
               [--gdb] [--gdb-port N] [--timeout SEC] [--log FILE]
               [-- extra qemu args]
"""
import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def board_facts(arch, board):
    facts = {}
    path = os.path.join(SRCTREE, "boards", arch, board, "board.mk")
    with open(path) as f:
        for line in f:
            m = re.match(r"^\s*([A-Z_]+)\s*[:?]?=\s*(.*?)\s*$", line)
            if m:
                facts[m.group(1)] = m.group(2)
    return facts


def qemu_command(arch, board, kernel, append="", extra=(), gdb=False,
                 machine=None, gdb_port=1234):
    facts = board_facts(arch, board)
    system = facts.get("QEMU_SYSTEM", "")
    if not system:
        raise SystemExit("qemu: board %s has no QEMU model (real hardware only)"
                         % board)
    cmd = [system] + shlex.split(machine if machine is not None
                                 else facts.get("QEMU_MACHINE", ""))
    cmd += shlex.split(facts.get("QEMU_BIOS", ""))
    cmd += ["-nographic", "-no-reboot"]
    if arch == "x86":
        cmd += ["-nic", "none", "-device",
                "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if kernel:
        cmd += ["-kernel", kernel]
        if append:
            cmd += ["-append", append]
    if gdb:  # QEMU's -s, on a chosen port: wait for gdb before the first insn
        cmd += ["-gdb", "tcp:localhost:%d" % gdb_port, "-S"]
    cmd += list(extra)
    return cmd


def map_status(arch, rc):
    """QEMU's exit code -> the kernel's exit status, as the exit device
    encodes it (no check against the console: see exit_status())."""
    if rc is None:
        return None
    if arch == "x86" and rc > 1 and rc & 1:
        return (rc - 1) >> 1
    return rc


TIMED_OUT = 124
NO_STATUS = 125
POWER_LINE = re.compile(r"^(?:\[[ 0-9.]+\] )?Power down: exit status (\d+)\s*$",
                        re.M)


def console_status(text):
    """N from the last "Power down: exit status N" line, or None."""
    found = POWER_LINE.findall(text)
    return int(found[-1]) if found else None


def exit_status(arch, board, rc, text):
    """(status, note): the application's status from QEMU's exit code
    @rc and the console @text, and a line explaining any doubt (None when
    all agrees).  status is NO_STATUS when it cannot be known."""
    if rc is None:
        return TIMED_OUT, "timed out"
    said = console_status(text)
    device = board_facts(arch, board).get("QEMU_EXIT", "")
    if not device:
        # No exit device: QEMU exits 0 however the kernel ended.
        if rc != 0:
            return NO_STATUS, ("QEMU itself failed (exit code %d); the "
                               "application's status is unknown" % rc)
        if said is None:
            return NO_STATUS, ("no 'Power down: exit status N' line on the "
                               "console and no exit device on %s: the "
                               "application's status is unknown" % board)
        return said, None
    if arch == "x86" and rc != 0 and not (rc > 1 and rc & 1):
        return NO_STATUS, ("QEMU exited with %d, which isa-debug-exit never "
                           "gives: QEMU itself failed" % rc)
    got = map_status(arch, rc)
    if said is None:
        if rc == 1:
            return NO_STATUS, ("no power-down line on the console, and QEMU "
                               "exited 1, its own error status: the "
                               "application's status is unknown")
        if got != 0:
            return got, ("no power-down line on the console; status %d "
                         "from the exit device (%s)" % (got, device))
        return NO_STATUS, ("no 'Power down: exit status N' line on the "
                           "console, and QEMU exited 0 (power-off, reset or "
                           "quit): the application's status is unknown")
    # isa-debug-exit keeps 7 bits of the status, the test finisher 8.
    mask = 0x7f if arch == "x86" and said else 0xff
    if said & mask != got:
        return NO_STATUS, ("the console says exit status %d but the exit "
                           "device (%s) gave %d" % (said, device, got))
    return said, None


def run(cmd, timeout, log=None, to_file=False):
    """Run QEMU headless; return (qemu_rc or None on timeout, output).

    to_file: QEMU writes into a temporary file instead of a pipe, so no
    reader is woken for every console character.  bench/run_bench.py
    times boots that way: through a pipe, the wakeups add about 10 ms of
    wall clock to a riscv boot under TCG."""
    start = time.monotonic()
    sink = tempfile.TemporaryFile() if to_file else subprocess.PIPE
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=sink,
                         stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        rc = None
    if to_file:
        sink.seek(0)
        out = sink.read()
        sink.close()
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    if log:
        with open(log, "w") as f:
            f.write("# %s\n# %.2f s, qemu rc %s\n" %
                    (" ".join(shlex.quote(c) for c in cmd),
                     time.monotonic() - start, rc))
            f.write(text)
    return rc, text


def stream(cmd):
    """Run QEMU on the terminal (stdin stays the user's, for the guest's
    console) and copy its output to our stdout as it comes, keeping a
    copy to read the power-down line from.  Returns (qemu_rc, output)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    chunks = []
    out = sys.stdout.buffer
    try:
        while True:
            data = os.read(p.stdout.fileno(), 4096)
            if not data:
                break
            chunks.append(data)
            out.write(data)
            out.flush()
    except KeyboardInterrupt:
        p.terminate()
    rc = p.wait()
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return rc, text


def report(status, note, text):
    """The harness's own lines: after all of QEMU's output, on a line of
    their own."""
    sys.stdout.flush()
    if text and not text.endswith("\n"):
        sys.stdout.write("\n")
        sys.stdout.flush()
    if note:
        print("qemu: " + note, file=sys.stderr)
    if status == NO_STATUS:
        print("qemu: failing with %d (no application status)" % NO_STATUS,
              file=sys.stderr)
    elif status != TIMED_OUT:
        print("qemu: application exit status %d" % status, file=sys.stderr)
    sys.stderr.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arch", required=True)
    ap.add_argument("--board", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--append", default="")
    ap.add_argument("--machine", default=None)
    ap.add_argument("--interactive", action="store_true")
    ap.add_argument("--gdb", action="store_true")
    ap.add_argument("--gdb-port", type=int, default=1234)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--log")
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    cmd = qemu_command(a.arch, a.board, a.kernel, a.append, a.extra, a.gdb,
                       a.machine, a.gdb_port)
    if a.interactive:
        print("  QEMU     " + " ".join(shlex.quote(c) for c in cmd), flush=True)
        try:
            rc, text = stream(cmd)
        except FileNotFoundError:
            sys.exit("qemu: %s not found: run ci/install-deps.sh" % cmd[0])
    else:
        rc, text = run(cmd, a.timeout, a.log)
        sys.stdout.write(text)
        if rc is None:
            report(TIMED_OUT, "timed out after %.0f s" % a.timeout, text)
            sys.exit(TIMED_OUT)
    status, note = exit_status(a.arch, a.board, rc, text)
    report(status, note, text)
    sys.exit(status)


if __name__ == "__main__":
    main()
