# SPDX-License-Identifier: MIT
"""QEMU started under its gdbstub, for tools that edit a guest at entry.

dtbinject.py (riscv: the devicetree at a1) and e820inject.py (x86: the
PVH memory map at ebx) share this.  run() starts QEMU stopped (-S) with
its gdbstub on a unix socket, hands a connected Gdb to the tool's inject
function, detaches and waits for QEMU.  The GDB remote serial protocol
is spoken directly (no gdb binary); every socket operation has a
timeout, and QEMU is killed if anything goes wrong and always at the
end.  The exit status is QEMU's, or 125 (INJECT_FAILED) when the
injection itself failed; the boot log gets one "<tool>: ..." line
either way.
"""
import argparse
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

INJECT_FAILED = 125
CHUNK = 1024  # bytes per M packet (QEMU's packet buffer is 4 KiB)


class GdbError(Exception):
    pass


class Gdb:
    """A minimal GDB remote-protocol client over a unix socket."""

    def __init__(self, path, timeout):
        self.timeout = timeout
        self.buf = b""
        deadline = time.monotonic() + timeout
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            try:
                self.sock.connect(path)
                return
            except (FileNotFoundError, ConnectionRefusedError):
                self.sock.close()
                if time.monotonic() > deadline:
                    raise GdbError("no gdbstub at %s after %.0f s" %
                                   (path, timeout))
                time.sleep(0.05)

    def close(self):
        self.sock.close()

    def _byte(self, deadline):
        while not self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise GdbError("timed out waiting for the gdbstub")
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                raise GdbError("timed out waiting for the gdbstub")
            if not data:
                raise GdbError("gdbstub closed the connection")
            self.buf += data
        c, self.buf = self.buf[:1], self.buf[1:]
        return c

    @staticmethod
    def checksum(payload):
        return b"%02x" % (sum(payload) & 0xff)

    def send(self, payload, timeout=None):
        """Send one packet and wait for its '+' acknowledgement."""
        payload = payload.encode() if isinstance(payload, str) else payload
        frame = b"$" + payload + b"#" + self.checksum(payload)
        deadline = time.monotonic() + (timeout or self.timeout)
        for _ in range(3):
            self.sock.sendall(frame)
            c = self._byte(deadline)
            while c not in b"+-":  # stray bytes before the ack
                c = self._byte(deadline)
            if c == b"+":
                return
        raise GdbError("gdbstub rejected packet %r" % payload[:40])

    def recv(self, timeout=None):
        """One packet's payload (checksum verified, run-length decoded)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while self._byte(deadline) != b"$":
            pass
        body = b""
        c = self._byte(deadline)
        while c != b"#":
            body += c
            c = self._byte(deadline)
        cs = self._byte(deadline) + self._byte(deadline)
        if cs.lower() != self.checksum(body):
            self.sock.sendall(b"-")
            raise GdbError("bad checksum on reply %r" % body[:40])
        self.sock.sendall(b"+")
        out = bytearray()
        i = 0
        while i < len(body):  # "x*n": x repeated n - 29 more times
            if body[i:i + 1] == b"*" and out and i + 1 < len(body):
                out += out[-1:] * (body[i + 1] - 29)
                i += 2
            else:
                out.append(body[i])
                i += 1
        return out.decode("latin-1")

    def command(self, payload, timeout=None):
        self.send(payload, timeout)
        return self.recv(timeout)

    def expect_ok(self, payload):
        reply = self.command(payload)
        if reply != "OK":
            raise GdbError("%s: gdbstub replied %r" % (payload[:20], reply))

    def regs(self, count):
        """The first @count registers of a 'g' reply, each 8 bytes little
        endian: riscv64's x0..x31 and pc; x86_64's rax, rbx, rcx, rdx,
        rsi, rdi, rbp, rsp, r8..r15 and rip, which QEMU sends at 8 bytes
        (zero-extended) in 32-bit mode too.  ('p' answers nothing until
        the client has fetched QEMU's target XML, so it is not used.)"""
        reply = self.command("g")
        if reply.startswith("E") or len(reply) < 16 * count:
            raise GdbError("registers: gdbstub replied %r" % reply[:20])
        return struct.unpack("<%dQ" % count, bytes.fromhex(reply[:16 * count]))

    def read(self, addr, length):
        out = b""
        while len(out) < length:
            n = min(CHUNK, length - len(out))
            reply = self.command("m%x,%x" % (addr + len(out), n))
            if reply.startswith("E") or len(reply) != 2 * n:
                raise GdbError("read of %#x: gdbstub replied %r" %
                               (addr + len(out), reply[:20]))
            out += bytes.fromhex(reply)
        return out

    def write(self, addr, data):
        """Write @data and read it back: ROM or a hole would drop it."""
        for i in range(0, len(data), CHUNK):
            part = data[i:i + CHUNK]
            self.expect_ok("M%x,%x:%s" % (addr + i, len(part), part.hex()))
        if self.read(addr, len(data)) != data:
            raise GdbError("write to %#x did not stick" % addr)

    def run_to(self, addr, pc, kind):
        """Breakpoint at @addr (@kind: the breakpoint's length, 4 on
        riscv, 1 on x86), continue, wait for the stop there (register
        @pc, an index for regs()); return the kind of breakpoint used."""
        for bp in ("1", "0"):  # hardware, else software breakpoint
            if self.command("Z%s,%x,%d" % (bp, addr, kind)) == "OK":
                break
        else:
            raise GdbError("gdbstub set no breakpoint at %#x" % addr)
        self.send("c")
        stop = self.recv(self.timeout)
        if not stop or stop[0] not in "ST":
            raise GdbError("guest did not stop at %#x: %r" % (addr, stop))
        at = self.regs(pc + 1)[pc]
        if at != addr:
            raise GdbError("stopped at %#x, not at the entry %#x" % (at, addr))
        self.expect_ok("z%s,%x,%d" % (bp, addr, kind))
        return "hardware" if bp == "1" else "software"


def elf64(path, tool):
    """The ELF header of @path, which must be a little-endian ELF64."""
    with open(path, "rb") as f:
        ident = f.read(64)
    if ident[:4] != b"\x7fELF" or ident[4] != 2 or ident[5] != 1:
        raise SystemExit("%s: %s is not a little-endian ELF64" % (tool, path))
    return ident


def arg_parser(doc):
    """The options every injection tool takes; it adds its own."""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", required=True, help="ELF whose entry to stop at")
    ap.add_argument("--timeout", type=float, default=30,
                    help="seconds for each gdbstub step (default 30)")
    ap.add_argument("--boot-timeout", type=float, default=None,
                    help="seconds the boot may run after the injection "
                    "(default: no limit)")
    ap.add_argument("qemu", nargs="+", help="QEMU argv (after --)")
    return ap


def run(tool, qemu_argv, inject, timeout, boot_timeout):
    """Boot @qemu_argv stopped under the gdbstub, call inject(gdb, log),
    let the guest go and return the exit status for sys.exit()."""
    tmp = tempfile.mkdtemp(prefix=tool + "-")
    sock = os.path.join(tmp, "gdb.sock")
    cmd = qemu_argv + ["-chardev", "socket,id=gdb0,path=%s,server=on,wait=off"
                       % sock, "-gdb", "chardev:gdb0", "-S"]
    out = sys.stdout.buffer
    lock = threading.Lock()

    def log(line):
        with lock:
            out.write(line.encode() + b"\n")
            out.flush()

    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)

    def pump():
        for chunk in iter(lambda: p.stdout.read1(4096), b""):
            with lock:
                out.write(chunk)
                out.flush()

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    signal.signal(signal.SIGTERM, terminate)
    status = INJECT_FAILED
    try:
        gdb = Gdb(sock, timeout)
        try:
            stop = gdb.command("?")
            if not stop or stop[0] not in "ST":
                raise GdbError("QEMU is not stopped (-S): %r" % stop)
            inject(gdb, log)
            gdb.expect_ok("D")  # detach: QEMU resumes the guest
        finally:
            gdb.close()
        status = p.wait(boot_timeout)
    except subprocess.TimeoutExpired:
        log("%s: QEMU still running after %.0f s, killed" %
            (tool, boot_timeout))
    except Exception as e:  # gdbstub, socket, or the tool's own step
        log("%s: injection failed: %s: %s" % (tool, type(e).__name__, e))
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        reader.join(5)
        if os.path.exists(sock):
            os.unlink(sock)
        os.rmdir(tmp)
    return status


def run_at(tool, a, entry, inject, case):
    """Exit with the status of run(): the parsed arg_parser() options @a,
    inject(gdb, @entry, @case, log) once QEMU is stopped."""
    sys.exit(run(tool, a.qemu, lambda gdb, log: inject(gdb, entry, case, log),
                 a.timeout, a.boot_timeout))
