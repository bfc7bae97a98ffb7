#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot the PVH path under QEMU and rewrite the E820 map at the kernel's entry.

    e820inject.py --kernel K.elf --case NAME [--multiboot2] [--timeout S]
                  [--boot-timeout S] -- QEMU ARGV...

With --multiboot2 QEMU boots GRUB (the kite.iso of `make image`) and the
guest is stopped at the ELF entry instead, where eax holds the multiboot2
magic and ebx the information: its memory map tag is replaced by the
case's table (cases that only move memmap_paddr do not apply), the other
tags kept, and the information rewritten in place.

QEMU ARGV is the normal x86 command line (ci/qemu.py's, with -kernel);
this adds -chardev socket,id=gdb0,path=SOCK,server=on,wait=off -gdb
chardev:gdb0 -S to it.

QEMU builds the PVH start info itself (struct hvm_start_info, magic
0x336ec578) with the machine's memory map, and no option gives it
another one.  So QEMU is stopped, through its gdbstub, at the kernel's
PVH entry: the 32-bit physical address in the ELF note "Xen" of type 18
(XEN_ELFNOTE_PHYS32_ENTRY), read from the kernel's PT_NOTE segments.
There the CPU is in 32-bit protected mode with paging off and ebx holds
the start info's physical address.  The start info and its memory map
(memmap_paddr, memmap_entries entries of struct hvm_memmap_table_entry
{u64 addr, u64 size, u32 type, u32 reserved}) are read back, the case
makes a malformed table from QEMU's, and the table is written over the
old one if it fits there (the rest zero-filled), else at SCRATCH, low
RAM that nothing reads once the kernel runs; memmap_paddr and
memmap_entries are rewritten to match.  Some cases only point
memmap_paddr elsewhere.  Then the guest is let go: the kernel's boot
path is the normal one, only the start info and the map differ.

QEMU runs under tests/qemu/gdbremote.py (the GDB remote protocol over a
unix socket, no gdb binary).  The exit status is QEMU's (ci/qemu.py
maps isa-debug-exit's (v << 1) | 1 back to v), or 125 (INJECT_FAILED)
when the injection itself failed; the boot log gets one "e820inject:
..." line either way.
"""
import collections
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gdbremote  # noqa: E402
from gdbremote import GdbError  # noqa: E402

PT_NOTE = 4
XEN_ELFNOTE_PHYS32_ENTRY = 18
XEN_HVM_START_MAGIC = 0x336ec578
# x86_64 gdb numbering: rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8..r15,
# rip.  QEMU 7.2 sends these at 8 bytes in 32-bit mode as well (checked:
# ebx = the start info, rip = the PVH entry).
REG_RBX, REG_RIP = 1, 16
# struct hvm_start_info: magic, version, flags, nr_modules, modlist_paddr,
# cmdline_paddr, rsdp_paddr, memmap_paddr, memmap_entries, reserved.
START_INFO = struct.Struct("<IIIIQQQQII")
ENTRY = struct.Struct("<QQII")  # struct hvm_memmap_table_entry
RAM, RESERVED = 1, 2

# Conventional memory above what QEMU's PVH option ROM left (map at
# 0x5a8, command line at 0x11c0, start info at 0x21e0, its stack below
# 0x7000; checked below) and under the EBDA.  The kernel reserves the
# whole first MiB, so nothing overwrites the table before it is parsed.
# 24000 bytes (1000 entries) fit.
SCRATCH = 0x20000
SCRATCH_END = 0x9f000
HOLE = 0xd0000000  # below 4 GiB, neither RAM nor a device at -m 128M
ABOVE_4G = 0x200000000  # no RAM there at -m 128M, and not mapped at entry
SLIVERS = 0x20000000000  # 2 TiB: above anything QEMU describes

# entries: the table to write (None: leave the old one); count:
# memmap_entries (default: len(entries)); paddr: memmap_paddr to set
# instead of the table's own address.
Table = collections.namedtuple("Table", "entries count paddr",
                               defaults=(None, None, None))


def replace_ram(table, start):
    """@table with the RAM entry at 1 MiB beginning at @start instead."""
    return [(start, a + s - start, t) if (a, t) == (0x100000, RAM)
            else (a, s, t) for a, s, t in table]


CASES = {
    # 16 MiB reserved inside the RAM that starts at 1 MiB, in order.
    "overlap": lambda m: Table(m[:4] + [(0x4000000, 0x1000000, RESERVED)] +
                               m[4:]),
    "unsorted": lambda m: Table(m[::-1]),
    # An empty RAM entry just before the RAM at 1 MiB.
    "zero-size": lambda m: Table(m[:3] + [(0x100000, 0, RAM)] + m[3:]),
    # 2 MiB of RAM from 16 EiB - 1 MiB: the end wraps past 2^64.
    "wrap": lambda m: Table(m + [(0xfffffffffff00000, 0x200000, RAM)]),
    # QEMU's map, then 4 KiB reserved pieces 8 KiB apart (none merge)
    # up to 1000 entries; the kernel's table holds 128.
    "too-many": lambda m: Table(m + [(SLIVERS + i * 0x2000, 0x1000, RESERVED)
                                     for i in range(1000 - len(m))]),
    "memmap-null": lambda m: Table(paddr=0),
    "memmap-above-4g": lambda m: Table(paddr=ABOVE_4G),
    "memmap-hole": lambda m: Table(paddr=HOLE),
    "no-ram": lambda m: Table([(a, s, RESERVED) for a, s, t in m]),
    # Only QEMU's RAM entry at 1 MiB: Linux refuses a map of fewer than
    # two entries, and PVH has no basic memory sizes to fall back on.
    "single-entry": lambda m: Table([(a, s, t) for a, s, t in m
                                     if (a, t) == (0x100000, RAM)]),
    # RAM above 1 MiB starts at 16 MiB: the kernel at 1 MiB is outside.
    "ram-misses-kernel": lambda m: Table(replace_ram(m, 0x1000000)),
}


def pvh_entry(path):
    """XEN_ELFNOTE_PHYS32_ENTRY from @path's PT_NOTE segments."""
    ehdr = gdbremote.elf64(path, "e820inject")
    phoff, = struct.unpack_from("<Q", ehdr, 32)
    phentsize, phnum = struct.unpack_from("<HH", ehdr, 54)
    with open(path, "rb") as f:
        image = f.read()
    for i in range(phnum):
        p_type, _, p_offset = struct.unpack_from(
            "<IIQ", image, phoff + i * phentsize)
        p_filesz, = struct.unpack_from("<Q", image, phoff + i * phentsize + 32)
        if p_type != PT_NOTE:
            continue
        off, end = p_offset, p_offset + p_filesz
        while off + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", image, off)
            name = image[off + 12:off + 12 + namesz]
            desc = off + 12 + (namesz + 3) // 4 * 4
            if name == b"Xen\0" and ntype == XEN_ELFNOTE_PHYS32_ENTRY \
                    and descsz in (4, 8):
                # 4 bytes here; Linux's note is 8 (a pointer): low half.
                return struct.unpack_from("<I", image, desc)[0]
            off = desc + (descsz + 3) // 4 * 4
    raise SystemExit("e820inject: %s has no Xen note of type %d (PVH entry)"
                     % (path, XEN_ELFNOTE_PHYS32_ENTRY))


MB2_BOOTLOADER_MAGIC = 0x36d76289
MB2_TAG_END, MB2_TAG_MMAP = 0, 6
MB2_MMAP_HEADER = struct.Struct("<IIII")  # type, size, entry_size, version
REG_RAX = 0


def mb2_entry(path):
    """The ELF entry point: where GRUB enters with multiboot2."""
    return struct.unpack_from("<Q", gdbremote.elf64(path, "e820inject"),
                              24)[0]


def mb2_tags(info):
    """[(type, bytes of the whole tag)] of a multiboot2 information."""
    tags, off = [], 8
    while off + 8 <= len(info):
        ttype, size = struct.unpack_from("<II", info, off)
        if size < 8 or off + size > len(info):
            raise GdbError("multiboot2 tag at offset %d has size %d" %
                           (off, size))
        tags.append((ttype, info[off:off + size]))
        if ttype == MB2_TAG_END:
            return tags
        off += (size + 7) & ~7
    raise GdbError("multiboot2 information has no end tag")


def inject_mb2(gdb, entry, case, log):
    """GRUB's memory map tag replaced by the case's table, every other
    tag kept; the information is rewritten in place (it must not grow)."""
    kind = gdb.run_to(entry, REG_RIP, 1)
    regs = gdb.regs(REG_RBX + 1)
    eax, ebx = regs[REG_RAX] & 0xffffffff, regs[REG_RBX]
    if eax != MB2_BOOTLOADER_MAGIC:
        raise GdbError("eax = %#x at the entry, not the multiboot2 magic" % eax)
    total, = struct.unpack("<I", gdb.read(ebx, 4))
    info = gdb.read(ebx, total)
    old, out = None, b""
    for ttype, tag in mb2_tags(info):
        if ttype == MB2_TAG_MMAP:
            _, _, esize, version = MB2_MMAP_HEADER.unpack_from(tag)
            old = [struct.unpack_from("<QQI", tag, off)
                   for off in range(16, len(tag) - esize + 1, esize)]
            table = case(old)
            if table.entries is None or table.paddr is not None or \
                    table.count is not None:
                raise GdbError("the case does not apply to multiboot2")
            tag = MB2_MMAP_HEADER.pack(
                MB2_TAG_MMAP, 16 + 24 * len(table.entries), 24, version) + \
                b"".join(struct.pack("<QQII", a, s, t, 0)
                         for a, s, t in table.entries)
        out += tag + bytes(-len(tag) & 7)
    if old is None:
        raise GdbError("GRUB passed no memory map tag")
    out = struct.pack("<II", 8 + len(out), 0) + out
    if len(out) > total:
        raise GdbError("the new information (%d bytes) is larger than "
                       "GRUB's (%d)" % (len(out), total))
    gdb.write(ebx, out)
    log("e820inject: stopped at multiboot2 entry %#x (%s breakpoint), "
        "ebx = %#x: GRUB's map has %d entries; wrote a memory map tag of "
        "%d entries, information %d bytes (was %d)" %
        (entry, kind, ebx, len(old), len(table.entries), len(out), total))


def pack(entries):
    return b"".join(ENTRY.pack(a, s, t, 0) for a, s, t in entries)


def stop_at_pvh(gdb, entry):
    """Run to the PVH @entry: (the breakpoint kind, ebx, the start info
    at ebx as a list of its fields)."""
    kind = gdb.run_to(entry, REG_RIP, 1)
    ebx = gdb.regs(REG_RBX + 1)[REG_RBX]
    return kind, ebx, list(START_INFO.unpack(gdb.read(ebx, START_INFO.size)))


def inject(gdb, entry, case, log):
    kind, ebx, info = stop_at_pvh(gdb, entry)
    if info[0] != XEN_HVM_START_MAGIC or info[1] < 1:
        raise GdbError("no PVH start info with a memory map at ebx = %#x "
                       "(magic %#x, version %d)" % (ebx, info[0], info[1]))
    old_pa, old_n = info[7], info[8]
    raw = gdb.read(old_pa, old_n * ENTRY.size)
    old = [ENTRY.unpack_from(raw, i * ENTRY.size)[:3] for i in range(old_n)]
    table = case(old)
    pa = table.paddr if table.paddr is not None else old_pa
    count = old_n
    wrote = "wrote nothing"
    if table.entries is not None:
        data = pack(table.entries)
        count = len(table.entries)
        if len(data) <= len(raw):
            data += bytes(len(raw) - len(data))
        else:
            pa = SCRATCH
            # What QEMU placed (start info, command line, map) must stay.
            if SCRATCH + len(data) > SCRATCH_END or \
                    max(ebx, info[5], old_pa) >= SCRATCH:
                raise GdbError("no room for %d entries at %#x" %
                               (count, SCRATCH))
        gdb.write(pa, data)
        wrote = "wrote %d entries at %#x" % (count, pa)
    if table.count is not None:
        count = table.count
    info[7], info[8] = pa, count
    gdb.write(ebx, START_INFO.pack(*info))
    log("e820inject: stopped at PVH entry %#x (%s breakpoint), ebx = %#x: "
        "QEMU's map has %d entries at %#x; %s; memmap_paddr = %#x, "
        "memmap_entries = %d" % (entry, kind, ebx, old_n, old_pa, wrote, pa,
                                 count))


def main():
    ap = gdbremote.arg_parser(__doc__)
    ap.add_argument("--case", required=True, choices=sorted(CASES),
                    help="the malformed map to write")
    ap.add_argument("--multiboot2", action="store_true",
                    help="QEMU boots GRUB (kite.iso): rewrite the memory "
                    "map tag at the multiboot2 entry instead")
    a = ap.parse_args()
    if a.multiboot2:
        gdbremote.run_at("e820inject", a, mb2_entry(a.kernel), inject_mb2,
                         CASES[a.case])
    else:
        gdbremote.run_at("e820inject", a, pvh_entry(a.kernel), inject,
                         CASES[a.case])


if __name__ == "__main__":
    main()
