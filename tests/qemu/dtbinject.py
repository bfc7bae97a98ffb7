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

QEMU runs under tests/qemu/gdbremote.py (the GDB remote protocol over a
unix socket, no gdb binary).  The exit status is QEMU's, or 125
(INJECT_FAILED) when the injection itself failed; the boot log gets one
"dtbinject: ..." line either way.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gdbremote  # noqa: E402
from gdbremote import GdbError  # noqa: E402

FDT_MAGIC = 0xd00dfeed
REG_A1, REG_PC = 11, 32  # riscv64 gdb numbering: x0..x31, then pc


def elf_entry(path):
    return struct.unpack_from("<Q", gdbremote.elf64(path, "dtbinject"), 24)[0]


def fdt_totalsize(header):
    magic, total = struct.unpack(">II", header[:8])
    if magic != FDT_MAGIC:
        raise GdbError("no devicetree at a1 (magic %#x)" % magic)
    return total


def inject(gdb, entry, make_blob, log):
    kind = gdb.run_to(entry, REG_PC, 4)
    a1 = gdb.regs(REG_A1 + 1)[REG_A1]
    total = fdt_totalsize(gdb.read(a1, 8))
    good = gdb.read(a1, total)
    bad = make_blob(good)
    data = bad + bytes(max(0, total - len(bad)))
    gdb.write(a1, data)
    log("dtbinject: stopped at entry %#x (%s breakpoint), a1 = %#x: wrote "
        "%d bytes over the %d-byte devicetree, zeroed %d" %
        (entry, kind, a1, len(bad), total, len(data) - len(bad)))


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
    ap = gdbremote.arg_parser(__doc__)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--case", help="a tests/qemu/malformed.py case")
    g.add_argument("--blob", help="a file to write as it is")
    a = ap.parse_args()
    make_blob = blob_maker(a)
    gdbremote.run_at("dtbinject", a, elf_entry(a.kernel), inject, make_blob)


if __name__ == "__main__":
    main()
