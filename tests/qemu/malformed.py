#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Malformed devicetrees for the boot tests, made from a good QEMU dump.

    malformed.py OUTDIR            write OUTDIR/<case>.dtb for every case
    malformed.py OUTDIR CASE...    only those

The good blob is QEMU's own: qemu-system-riscv64 -M virt -m 128M
-machine dumpdtb=good.dtb.  Structural cases are made by decompiling it
with dtc, editing the source and compiling again; byte-level damage is
patched into the blob (the header and structure-block walk below).

What reaches the kernel (QEMU 7.2 + OpenSBI 1.1, measured): QEMU loads
-dtb with libfdt, which checks the header, so a bad magic or a totalsize
beyond the file makes QEMU itself exit ("load_device_tree() failed");
OpenSBI hangs on a truncated blob and takes a trap on #address-cells 0 or
5 on the root.  QEMU and OpenSBI refuse these blobs, so the harness
(tests/qemu/dtbinject.py) boots the good DTB and writes them over it at
the kernel's entry via the gdbstub: there the cases are applied to the
blob OpenSBI passes in a1, not to this dump.  The other cases boot through
-dtb; malformed_dtb() in boot_common.py writes those files once per boot.  The header checks also have host tests (tests/host/test_fdt.c,
tests/fuzz/fuzz_fdt.c).
"""
import os
import struct
import subprocess
import sys

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9
QEMU = "qemu-system-riscv64"


def dump_good(path, mem="128M"):
    """QEMU's virt devicetree, as OpenSBI gets it before its fix-ups,
    packed (QEMU pads its dump to 1 MiB) so truncation cuts real data."""
    subprocess.run([QEMU, "-M", "virt", "-m", mem, "-nographic",
                    "-machine", "dumpdtb=" + path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    good = pack(open(path, "rb").read())
    with open(path, "wb") as f:
        f.write(good)
    return good


def pack(blob):
    """@blob rewritten by dtc without free space: totalsize = its length."""
    return dtc(["-I", "dtb", "-O", "dtb"], blob)


def dtc(args, data):
    p = subprocess.run(["dtc", "-q"] + args, input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       check=True)
    return p.stdout


def to_dts(blob):
    return dtc(["-I", "dtb", "-O", "dts"], blob).decode()


def to_dtb(dts):
    return dtc(["-I", "dts", "-O", "dtb"], dts.encode())


def header(blob):
    keys = ("magic totalsize off_struct off_strings off_rsvmap version "
            "last_comp boot_cpuid size_strings size_struct").split()
    return dict(zip(keys, struct.unpack(">10I", blob[:40])))


def tokens(blob):
    """(offset, tag, extra) for each token of the structure block."""
    h = header(blob)
    off = h["off_struct"]
    end = off + h["size_struct"]
    while off < end:
        tag = struct.unpack(">I", blob[off:off + 4])[0]
        start = off
        off += 4
        extra = None
        if tag == FDT_BEGIN_NODE:
            nul = blob.index(b"\0", off)
            extra = blob[off:nul].decode()
            off = (nul + 4) & ~3
        elif tag == FDT_PROP:
            ln, nameoff = struct.unpack(">II", blob[off:off + 8])
            extra = (ln, nameoff)
            off = (off + 8 + ln + 3) & ~3
        yield start, tag, extra
        if tag == FDT_END:
            return


def patch32(blob, off, val):
    b = bytearray(blob)
    b[off:off + 4] = struct.pack(">I", val)
    return bytes(b)


# ---- the cases: name -> function(good blob) -> bad blob ----

def bad_magic(good):
    return patch32(good, 0, 0xdeadbeef)


def truncated(good):
    # Half the blob; the header still claims the full size.
    return good[:len(good) // 2]


def totalsize_beyond(good):
    # 16 MiB past the blob: past the end of RAM and the 2 MiB the riscv
    # kernel lets a devicetree span (DTB_MAX_SIZE).  A totalsize a little
    # past the blob cannot be told from free space at its end: the blocks
    # inside it are still sound, so the kernel reads them and runs on.
    return patch32(good, 4, len(good) + 0x1000000)


def string_offset(good):
    # The memory node's device_type property names a string far outside
    # the strings block.
    memory = False
    for off, tag, extra in tokens(good):
        if tag == FDT_BEGIN_NODE:
            memory = extra.startswith("memory@")
        if tag == FDT_PROP and memory:
            return patch32(good, off + 8, 0x7ffffff0)
    raise SystemExit("no memory node property")


def unterminated_node(good):
    # The root's END_NODE (the last before FDT_END) becomes a NOP: the
    # structure ends inside an open node.
    last = None
    for off, tag, _ in tokens(good):
        if tag == FDT_END_NODE:
            last = off
    return patch32(good, last, FDT_NOP)


def _dts_edit(good, old, new, count=1):
    dts = to_dts(good)
    if old not in dts:
        raise SystemExit("malformed.py: %r not in the dump" % old)
    return to_dtb(dts.replace(old, new, count))


def _cells_bus(good, cells):
    # The memory node moved under a bus with bad #address-cells: these
    # pass OpenSBI 1.1, so they boot through -dtb.  (The root variants
    # below need dtbinject.py: OpenSBI traps on them.)
    dts = to_dts(good)
    start = dts.index("\tmemory@80000000 {")
    end = dts.index("};\n", start) + 3
    bus = ("\tmembus {\n\t\t#address-cells = <%d>;\n"
           "\t\t#size-cells = <0x02>;\n\t" % cells +
           dts[start:end].replace("\n\t", "\n\t\t") + "\t};\n")
    return to_dtb(dts[:start] + bus + dts[end:])


def address_cells_0(good):
    return _cells_bus(good, 0)


def address_cells_5(good):
    return _cells_bus(good, 5)


def _cells_root(good, cells):
    # On the root itself: /memory's reg is read with these cells.
    return _dts_edit(good, "/ {\n\t#address-cells = <0x02>;",
                     "/ {\n\t#address-cells = <0x%02x>;" % cells)


def address_cells_root_0(good):
    return _cells_root(good, 0)


def address_cells_root_5(good):
    return _cells_root(good, 5)


def reg_length(good):
    # 5 cells: not a multiple of #address-cells + #size-cells = 4.
    return _dts_edit(good, "reg = <0x00 0x80000000 0x00 0x8000000>;",
                     "reg = <0x00 0x80000000 0x00 0x8000000 0x00>;")


def no_memory(good):
    dts = to_dts(good)
    start = dts.index("\tmemory@80000000 {")
    end = dts.index("};\n", start) + 3
    return to_dtb(dts[:start] + dts[end:])


def memory_misses_kernel(good):
    # RAM as two ranges with a hole: the first ends 4 KiB into the kernel
    # image at 0x80200000, so the image straddles its end; the second
    # starts at 0x80800000.  The kernel must add its own image.
    return _dts_edit(good, "reg = <0x00 0x80000000 0x00 0x8000000>;",
                     "reg = <0x00 0x80000000 0x00 0x201000 "
                     "0x00 0x80800000 0x00 0x7800000>;")


def memory_odd_base(good):
    # Not malformed: RAM from 16 KiB in (pfn 0x80004, not a multiple of
    # 64, the bitmap bootmem backend's word) in two banks.  The second,
    # 60 pages at pfn 0x87f40, is the node's tail: it ends inside one map
    # word, and it is too small for the big boot allocations, which go
    # to the top of memory and would hide lost tail pages.
    return _dts_edit(good, "reg = <0x00 0x80000000 0x00 0x8000000>;",
                     "reg = <0x00 0x80004000 0x00 0x7efc000 "
                     "0x00 0x87f40000 0x00 0x3c000>;")


def reserved_all(good):
    # A /reserved-memory child covering every byte of RAM.
    return _dts_edit(good, "\tchosen {",
                     "\treserved-memory {\n\t\t#address-cells = <0x02>;\n"
                     "\t\t#size-cells = <0x02>;\n\t\tranges;\n"
                     "\t\tall@80000000 {\n"
                     "\t\t\treg = <0x00 0x80000000 0x00 0x8000000>;\n"
                     "\t\t};\n\t};\n\n\tchosen {")


# 20 /reserved-memory children, even ones no-map, 64 KiB each, 1 MiB
# apart from 0x84000000: more than CONFIG_INIT_MEMBLOCK_REGIONS=16 holds.
MANY_RESERVED = [(0x84000000 + i * 0x100000, 0x10000, i % 2 == 0)
                 for i in range(20)]


def reserved_20(good):
    dts = to_dts(good)
    nodes = "".join(
        "\t\tmany%d@%x {\n\t\t\treg = <0x00 0x%x 0x00 0x%x>;\n%s\t\t};\n"
        % (i, base, base, size, "\t\t\tno-map;\n" if nomap else "")
        for i, (base, size, nomap) in enumerate(MANY_RESERVED))
    start = dts.find("\treserved-memory {")
    if start < 0:  # -dtb: QEMU's own tree has none, OpenSBI's has one
        return _dts_edit(good, "\tchosen {",
                         "\treserved-memory {\n\t\t#address-cells = <0x02>;\n"
                         "\t\t#size-cells = <0x02>;\n\t\tranges;\n" + nodes +
                         "\t};\n\n\tchosen {")
    at = dts.index("ranges;\n", start) + len("ranges;\n")
    return to_dtb(dts[:at] + nodes + dts[at:])


# A /cpus entry for hart 5, which QEMU's machine (-smp 4 or less) lacks.
GHOST_HART = """\t\tcpu@5 {
\t\t\tdevice_type = "cpu";
\t\t\treg = <0x05>;
\t\t\tstatus = "okay";
\t\t\tcompatible = "riscv";
\t\t\triscv,isa = "rv64imac";
\t\t\tmmu-type = "riscv,sv39";
\t\t};

"""


def ghost_hart(good):
    """GHOST_HART before cpu@1.  Through dtbinject.py OpenSBI never heard
    of hart 5, so SBI HSM hart_start(5) fails (tests/qemu/boots_smp.py;
    through -dtb OpenSBI takes it into its hart list)."""
    return _dts_edit(good, "\t\tcpu@1 {", GHOST_HART + "\t\tcpu@1 {")


CASES = {
    "bad-magic": bad_magic,
    "truncated": truncated,
    "totalsize-beyond": totalsize_beyond,
    "string-offset": string_offset,
    "unterminated-node": unterminated_node,
    "address-cells-0": address_cells_0,
    "address-cells-5": address_cells_5,
    "address-cells-root-0": address_cells_root_0,
    "address-cells-root-5": address_cells_root_5,
    "reg-length": reg_length,
    "no-memory": no_memory,
    "memory-misses-kernel": memory_misses_kernel,
    "reserved-all": reserved_all,
    "reserved-20": reserved_20,
    "memory-odd-base": memory_odd_base,
    "ghost-hart": ghost_hart,
}


def generate(outdir, names=None):
    """Write the blobs; returns {name: path}."""
    os.makedirs(outdir, exist_ok=True)
    # make check boots two at a time: each caller dumps its own good blob,
    # or one could read the other's half-written file.
    tag = "-".join(names) if names else "all"
    good_path = os.path.join(outdir, "good-%s.dtb" % tag)
    good = dump_good(good_path)
    out = {"good": good_path}
    for name in names or CASES:
        path = os.path.join(outdir, name + ".dtb")
        with open(path, "wb") as f:
            f.write(CASES[name](good))
        out[name] = path
    return out


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name, path in generate(sys.argv[1], sys.argv[2:] or None).items():
        print("%-22s %s" % (name, path))
