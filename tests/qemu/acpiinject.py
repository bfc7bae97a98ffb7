#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot the PVH path under QEMU and damage the ACPI tables at the kernel's entry.

    acpiinject.py --kernel K.elf --case NAME [--timeout S]
                  [--boot-timeout S] -- QEMU ARGV...

Like e820inject.py (whose PVH entry lookup it uses): QEMU is stopped
through its gdbstub at the kernel's PVH entry, where ebx holds the start
info.  Its rsdp_paddr leads to SeaBIOS's RSDP, the RSDT and the MADT
("APIC"); the case rewrites one of them (or rsdp_paddr) in guest memory
and the guest is let go.  The kernel must then find the CPUs another way
(the BIOS area scan) or fall back to the boot CPU alone, saying why.

The exit status is QEMU's (ci/qemu.py maps isa-debug-exit's (v << 1) | 1
back to v), or 125 when the injection itself failed; the boot log gets
one "acpiinject: ..." line either way.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gdbremote  # noqa: E402
from e820inject import START_INFO, XEN_HVM_START_MAGIC, pvh_entry, \
    stop_at_pvh  # noqa: E402
from gdbremote import GdbError  # noqa: E402

RSDP_V1 = struct.Struct("<8sB6sBI")  # signature, checksum, oem, rev, rsdt
HEADER = struct.Struct("<4sIBB6s8sIII")  # the 36-byte table header
MADT_FIXED = HEADER.size + 8  # + local APIC address, flags


def checksum_fix(data, at):
    """@data (bytearray) with byte @at set so that all of it sums to 0."""
    data[at] = 0
    data[at] = (-sum(data)) & 0xff
    return data


def find_madt(gdb, rsdp):
    """(RSDT address, MADT address, MADT bytes) from the RSDP at @rsdp."""
    sig, _, _, _, rsdt = RSDP_V1.unpack(gdb.read(rsdp, RSDP_V1.size))
    if sig != b"RSD PTR ":
        raise GdbError("no RSDP at %#x" % rsdp)
    hdr = HEADER.unpack(gdb.read(rsdt, HEADER.size))
    n = (hdr[1] - HEADER.size) // 4
    for i in range(n):
        pa, = struct.unpack("<I", gdb.read(rsdt + HEADER.size + 4 * i, 4))
        t = HEADER.unpack(gdb.read(pa, HEADER.size))
        if t[0] == b"APIC":
            return rsdt, pa, bytearray(gdb.read(pa, t[1]))
    raise GdbError("the RSDT at %#x lists no MADT" % rsdt)


def madt_checksum(gdb, info):
    """One OEM byte of the MADT changed: its checksum is wrong."""
    _, pa, madt = find_madt(gdb, info[6])
    madt[10] ^= 0x20
    gdb.write(pa, bytes(madt))
    return "MADT at %#x: OEM byte changed, checksum left" % pa


def madt_entry_length(gdb, info):
    """The first MADT entry's length 0 (checksum fixed): no CPU listed."""
    _, pa, madt = find_madt(gdb, info[6])
    madt[MADT_FIXED + 1] = 0
    gdb.write(pa, bytes(checksum_fix(madt, 9)))
    return "MADT at %#x: first entry length 0" % pa


def madt_ghost_cpu(gdb, info):
    """The second Local APIC entry names APIC id 7, which no CPU has
    (checksum fixed): the kernel sends INIT-SIPI-SIPI to no one."""
    _, pa, madt = find_madt(gdb, info[6])
    at, seen = MADT_FIXED, 0
    while at + 2 <= len(madt) and madt[at + 1]:
        if madt[at] == 0 and madt[at + 1] == 8:  # processor local APIC
            seen += 1
            if seen == 2:
                old = madt[at + 3]
                madt[at + 3] = 7
                gdb.write(pa, bytes(checksum_fix(madt, 9)))
                return ("MADT at %#x: second CPU's APIC id %d -> 7"
                        % (pa, old))
        at += madt[at + 1]
    raise GdbError("the MADT at %#x lists fewer than 2 CPUs" % pa)


def rsdp_null(gdb, info):
    """rsdp_paddr 0: the kernel has to scan the BIOS areas."""
    info[6] = 0
    return "rsdp_paddr = 0"


def rsdp_nowhere(gdb, info):
    """rsdp_paddr 0 and the RSDP's signature gone: no ACPI at all."""
    pa = info[6]
    gdb.write(pa, b"NOT PTR ")
    info[6] = 0
    return "rsdp_paddr = 0, signature at %#x overwritten" % pa


CASES = {
    "madt-checksum": madt_checksum,
    "madt-entry-length": madt_entry_length,
    "madt-ghost-cpu": madt_ghost_cpu,
    "rsdp-null": rsdp_null,
    "rsdp-nowhere": rsdp_nowhere,
}


def inject(gdb, entry, case, log):
    kind, ebx, info = stop_at_pvh(gdb, entry)
    if info[0] != XEN_HVM_START_MAGIC or not info[6]:
        raise GdbError("no PVH start info with an RSDP at ebx = %#x "
                       "(magic %#x, rsdp_paddr %#x)" % (ebx, info[0], info[6]))
    rsdp = info[6]
    what = case(gdb, info)
    gdb.write(ebx, START_INFO.pack(*info))
    log("acpiinject: stopped at PVH entry %#x (%s breakpoint), ebx = %#x, "
        "RSDP at %#x: %s" % (entry, kind, ebx, rsdp, what))


def main():
    ap = gdbremote.arg_parser(__doc__)
    ap.add_argument("--case", required=True, choices=sorted(CASES),
                    help="the damage to do")
    a = ap.parse_args()
    gdbremote.run_at("acpiinject", a, pvh_entry(a.kernel), inject,
                     CASES[a.case])


if __name__ == "__main__":
    main()
