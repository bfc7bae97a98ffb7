#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot a Kite kernel under QEMU and report the application's exit status.

Board facts (QEMU binary, machine flags, firmware) come from
arch/<arch>/boards/<board>.mk, the one place each board keeps them.

Exit statuses: riscv virt's test finisher hands the status to QEMU
directly.  x86's isa-debug-exit makes QEMU exit with (v << 1) | 1, so an
odd QEMU status s > 1 means the kernel's status was (s - 1) / 2; ACPI
power-off (status 0) exits QEMU with 0.  This script undoes the mapping.

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
    path = os.path.join(SRCTREE, "arch", arch, "boards", board + ".mk")
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
    """QEMU's exit code -> the kernel's exit status."""
    if rc is None:
        return None
    if arch == "x86" and rc > 1 and rc & 1:
        return (rc - 1) >> 1
    return rc


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
            rc = subprocess.call(cmd)
        except FileNotFoundError:
            sys.exit("qemu: %s not found: run ci/install-deps.sh" % cmd[0])
        status = map_status(a.arch, rc)
        print("qemu: application exit status %d" % status, file=sys.stderr)
        sys.exit(status)
    rc, text = run(cmd, a.timeout, a.log)
    sys.stdout.write(text)
    if rc is None:
        print("qemu: timed out after %.0f s" % a.timeout, file=sys.stderr)
        sys.exit(124)
    sys.exit(map_status(a.arch, rc))


if __name__ == "__main__":
    main()
