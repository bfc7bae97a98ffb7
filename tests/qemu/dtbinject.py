#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot QEMU with a good devicetree and swap in a bad one at the kernel's entry.

    dtbinject.py --kernel K.elf (--case NAME | --blob FILE) [--timeout S]
                 [--boot-timeout S] -- QEMU ARGV...

QEMU ARGV is the normal command line (ci/qemu.py's, without -dtb); this
adds -chardev socket,id=gdb0,path=SOCK,server=on,wait=off -gdb chardev:gdb0
-S to it.

Some broken blobs never reach the kernel through -dtb: QEMU 7.2 refuses a
bad magic or a totalsize beyond the file, OpenSBI 1.1 hangs on a truncated
blob and faults on #address-cells 0 or 5 on the root.  So QEMU boots with
its own good devicetree and is stopped, through its gdbstub, at the
kernel's ELF entry point after OpenSBI has run.  There register a1 holds
the devicetree address OpenSBI passes; the blob there is read back,
replaced by the malformed one (--case applies tests/qemu/malformed.py's
case to the very blob OpenSBI prepared; --blob writes a file as it is), the
rest of the original totalsize is zero-filled so that a truncated blob
reads the same every time, and the guest is let go.  The kernel's boot path
is the normal one: only the bytes at a1 differ.

The GDB remote serial protocol is spoken directly over a unix socket (no
gdb binary).  Every socket operation has a timeout; QEMU is killed if
anything goes wrong and always at the end.  The exit status is QEMU's, or
125 (INJECT_FAILED) when the injection itself failed; the boot log gets
one "dtbinject: ..." line either way.
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

FDT_MAGIC = 0xd00dfeed
INJECT_FAILED = 125
REG_A1, REG_PC = 11, 32  # riscv64 gdb numbering: x0..x31, then pc
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

    def regs(self):
        """x0..x31 and pc from a 'g' packet.  ('p' answers nothing until
        the client has fetched QEMU's target XML, so it is not used.)"""
        reply = self.command("g")
        if reply.startswith("E") or len(reply) < 16 * (REG_PC + 1):
            raise GdbError("registers: gdbstub replied %r" % reply[:20])
        raw = bytes.fromhex(reply[:16 * (REG_PC + 1)])
        return struct.unpack("<%dQ" % (REG_PC + 1), raw)

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
        for i in range(0, len(data), CHUNK):
            part = data[i:i + CHUNK]
            self.expect_ok("M%x,%x:%s" % (addr + i, len(part), part.hex()))

    def run_to(self, addr, timeout):
        """Breakpoint at @addr, continue, wait for the stop there; return
        the kind of breakpoint used."""
        for kind in ("1", "0"):  # hardware, else software breakpoint
            if self.command("Z%s,%x,4" % (kind, addr)) == "OK":
                break
        else:
            raise GdbError("gdbstub set no breakpoint at %#x" % addr)
        self.send("c")
        stop = self.recv(timeout)
        if not stop or stop[0] not in "ST":
            raise GdbError("guest did not stop at %#x: %r" % (addr, stop))
        pc = self.regs()[REG_PC]
        if pc != addr:
            raise GdbError("stopped at %#x, not at the entry %#x" % (pc, addr))
        self.expect_ok("z%s,%x,4" % (kind, addr))
        return "hardware" if kind == "1" else "software"


def elf_entry(path):
    with open(path, "rb") as f:
        ident = f.read(64)
    if ident[:4] != b"\x7fELF" or ident[4] != 2 or ident[5] != 1:
        raise SystemExit("dtbinject: %s is not a little-endian ELF64" % path)
    return struct.unpack_from("<Q", ident, 24)[0]


def fdt_totalsize(header):
    magic, total = struct.unpack(">II", header[:8])
    if magic != FDT_MAGIC:
        raise GdbError("no devicetree at a1 (magic %#x)" % magic)
    return total


def inject(gdb, entry, make_blob, timeout, log):
    stop = gdb.command("?")
    if not stop or stop[0] not in "ST":
        raise GdbError("QEMU is not stopped (-S): %r" % stop)
    kind = gdb.run_to(entry, timeout)
    a1 = gdb.regs()[REG_A1]
    total = fdt_totalsize(gdb.read(a1, 8))
    good = gdb.read(a1, total)
    bad = make_blob(good)
    data = bad + bytes(max(0, total - len(bad)))
    gdb.write(a1, data)
    if gdb.read(a1, len(data)) != data:
        raise GdbError("write to %#x did not stick" % a1)
    log("dtbinject: stopped at entry %#x (%s breakpoint), a1 = %#x: wrote "
        "%d bytes over the %d-byte devicetree, zeroed %d" %
        (entry, kind, a1, len(bad), total, len(data) - len(bad)))
    gdb.expect_ok("D")  # detach: QEMU resumes the guest


def blob_maker(a):
    if a.blob:
        data = open(a.blob, "rb").read()
        return lambda good: data
    import malformed
    if a.case not in malformed.CASES:
        raise SystemExit("dtbinject: no case %r (have: %s)" %
                         (a.case, " ".join(malformed.CASES)))
    return lambda good: malformed.CASES[a.case](malformed.pack(good))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", required=True, help="ELF whose entry to stop at")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--case", help="a tests/qemu/malformed.py case")
    g.add_argument("--blob", help="a file to write as it is")
    ap.add_argument("--timeout", type=float, default=30,
                    help="seconds for each gdbstub step (default 30)")
    ap.add_argument("--boot-timeout", type=float, default=None,
                    help="seconds the boot may run after the injection "
                    "(default: no limit)")
    ap.add_argument("qemu", nargs="+", help="QEMU argv (after --)")
    a = ap.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    make_blob = blob_maker(a)
    entry = elf_entry(a.kernel)

    tmp = tempfile.mkdtemp(prefix="dtbinject-")
    sock = os.path.join(tmp, "gdb.sock")
    cmd = a.qemu + ["-chardev", "socket,id=gdb0,path=%s,server=on,wait=off"
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
        gdb = Gdb(sock, a.timeout)
        try:
            inject(gdb, entry, make_blob, a.timeout, log)
        finally:
            gdb.close()
        status = p.wait(a.boot_timeout)
    except subprocess.TimeoutExpired:
        log("dtbinject: QEMU still running after %.0f s, killed" %
            a.boot_timeout)
    except Exception as e:  # gdbstub, socket, or making the blob (dtc)
        log("dtbinject: injection failed: %s: %s" % (type(e).__name__, e))
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        reader.join(5)
        if os.path.exists(sock):
            os.unlink(sock)
        os.rmdir(tmp)
    sys.exit(status)


if __name__ == "__main__":
    main()
