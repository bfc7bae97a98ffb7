#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`make debug`, end to end, as a user follows it (a boot of make check).

Runs `make O=<out> debug GDB_PORT=<a free port>`, reads the gdb command
that it prints after "Attach with:", and runs exactly that command in
batch mode with: break app_main, continue, bt, continue.  Everything -
make's output, the guest's console, gdb's output - goes to stdout, so
the boot's expect lines can check the backtrace.  The exit status is
make's (that of ci/qemu.py: the application's), or 125 when the attach
line never came; on a timeout the whole process group is killed.

usage: gdbdebug.py --srctree S --objtree O [--timeout SEC]
"""
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "ci"))
import cli  # noqa: E402  ci/cli.py (the --srctree/--objtree parser)

NO_ATTACH = 125
ATTACH_MARK = "Attach with:"
# Run after the printed command's own -ex 'target remote :PORT'.
GDB_STEPS = ["break app_main", "continue", "bt", "continue"]


def free_port():
    """A TCP port that nothing listens on now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = cli.tree_parser(__doc__)
    ap.add_argument("--timeout", type=float, default=240)
    a = ap.parse_args()

    out = sys.stdout
    lock = threading.Lock()

    def emit(line):
        with lock:
            out.write(line if line.endswith("\n") else line + "\n")
            out.flush()

    port = free_port()
    make = ["make", "-f", os.path.join(a.srctree, "Makefile"),
            "O=" + a.objtree, "debug", "GDB_PORT=%d" % port]
    emit("gdbdebug: %s" % " ".join(shlex.quote(c) for c in make))
    p = subprocess.Popen(make, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, start_new_session=True)
    attach = []
    seen = threading.Event()

    def pump():
        mark = False
        for raw in iter(p.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").replace("\r", "")
            emit(line)
            if mark and not attach:
                attach.append(line.strip())
                seen.set()
            mark = mark or ATTACH_MARK in line
        seen.set()  # make ended: wake the main thread either way

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    status = NO_ATTACH
    try:
        seen.wait(a.timeout)
        if not attach:
            emit("gdbdebug: make debug printed no gdb command after %r"
                 % ATTACH_MARK)
        else:
            gdb = shlex.split(attach[0])
            # gdb retries a refused connection (QEMU may still be starting)
            # for tcp connect-timeout seconds; -iex runs before the
            # printed -ex 'target remote'.
            cmd = gdb[:1] + ["-batch", "-nx", "-iex", "set tcp connect-timeout 60",
                             "-iex", "set pagination off"] + gdb[1:]
            for step in GDB_STEPS:
                cmd += ["-ex", step]
            emit("gdbdebug: %s" % " ".join(shlex.quote(c) for c in cmd))
            try:
                g = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=a.timeout)
                emit(g.stdout.decode("utf-8", "replace"))
                emit("gdbdebug: gdb exit status %d" % g.returncode)
            except FileNotFoundError:
                emit("gdbdebug: %s not found: run ci/install-deps.sh" % gdb[0])
            except subprocess.TimeoutExpired as e:
                emit((e.stdout or b"").decode("utf-8", "replace"))
                emit("gdbdebug: gdb still running after %.0f s, killed" %
                     a.timeout)
        status = p.wait(a.timeout)
    except subprocess.TimeoutExpired:
        emit("gdbdebug: make debug still running after %.0f s, killed" %
             a.timeout)
        status = NO_ATTACH
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        reader.join(5)
    emit("gdbdebug: make debug exit status %d" % status)
    return status


if __name__ == "__main__":
    sys.exit(main())
