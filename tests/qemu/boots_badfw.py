# SPDX-License-Identifier: MIT
"""Bad-firmware boot definitions (tests/qemu/boots.py): malformed
devicetrees, too many reserved regions, malformed E820 maps, bad command
lines and the built-in devicetree fallback."""
import os
import sys

import qemu  # ci/qemu.py: tests/run_tests.py puts ci/ on sys.path
from boot_checks import e820_map_check, many_reserved_check, reserved_check
from boot_common import HELLO, SELFTEST, VIRT, X86, malformed_dtb, \
    virt_qemu, x86_iso_boot

DTB_BOOTS = []
E820_BOOTS = []
BUILTIN_BOOTS = []


# ---------------------------------------------------------------- bad firmware
# Malformed devicetrees (tests/qemu/malformed.py makes them from QEMU's own
# dump, into the build directory) and bad command lines: each must give a
# one-line error naming the problem, then either run on (status 0) or stop
# with EXIT_BADFW (123).  Most reach the kernel through -dtb.  QEMU 7.2 and
# OpenSBI 1.1 refuse the rest (QEMU: bad magic, totalsize beyond the file;
# OpenSBI: hangs on a truncated blob, faults on #address-cells 0/5 on the
# root), so for those tests/qemu/dtbinject.py boots the good DTB and writes
# the bad one over it at the kernel's entry, through QEMU's gdbstub.
# x86: overlapping memmap= belongs with the x86 boots (x86-pvh-cmdline);
# malformed E820 maps (x86-bade820-*) follow the devicetrees.
def injected(tool, case, qemu_argv):
    """QEMU (qemu_argv(out)) under tests/qemu/<tool>, which writes the
    case over what the firmware passes, at the kernel's entry."""
    def command(srctree, out):
        return [sys.executable, os.path.join(srctree, "tests", "qemu", tool),
                "--kernel", os.path.join(out, "kernel.elf"), "--case", case,
                "--"] + qemu_argv(out)
    return command


def injected_dtb(case):
    """The case applied to the DTB OpenSBI passes (dtbinject.py)."""
    return injected("dtbinject.py", case, virt_qemu)


BADFW = r"Power down: exit status 123"
INJECTED = (r"dtbinject: stopped at entry 0x80200000 \((hard|soft)ware "
            r"breakpoint\), a1 = 0x[0-9a-f]+: wrote \d+ bytes")
BUILTIN = HELLO + ["CONFIG_BUILTIN_DTB=y", "CONFIG_MEMBLOCK_DEBUG_DEFAULT=y"]
# On the built-in tree the memory map is assumed: the log says so, the RAM
# below the kernel stays reserved for the firmware (OpenSBI, behind PMP),
# and the run ends with EXIT_BADFW although the application returned 0
# (docs/bringup.md).
BUILTIN_ASSUMED = [
    r"dt: using the built-in devicetree \(qemu_riscv64_virt\)",
    r"dt: the memory map is assumed \(built-in devicetree\), not reported "
    r"by the firmware",
    r"dt: assumed map: reserving \[mem 0x0000000080000000-0x00000000801fffff\] "
    r"below the kernel for the firmware",
    r"app: the boot ran on the built-in devicetree \(the firmware's was "
    r"unusable\); exit status 123, not 0"]
BUILTIN_RUNS_ON = BUILTIN_ASSUMED + [r"Hello from hello on Kite!"]


# (case, delivery, config fragment, status, expected lines)
BAD_DTBS = [
    ("string-offset", malformed_dtb, HELLO, 123,
     [r"dt: property at struct offset \d+: string offset \d+ outside the "
      r"strings block"]),
    ("unterminated-node", malformed_dtb, HELLO, 123,
     [r"dt: FDT_END at struct offset \d+ with 1 nodes open"]),
    ("address-cells-0", malformed_dtb, HELLO, 123,
     [r"dt: /membus: #address-cells 0 is out of range"]),
    ("address-cells-5", malformed_dtb, HELLO, 123,
     [r"dt: /membus: #address-cells 5 is out of range"]),
    ("reg-length", malformed_dtb, HELLO, 123,
     [r"dt: /memory@80000000: reg length 20 is not a multiple of 16 bytes"]),
    ("no-memory", malformed_dtb, HELLO, 123,
     [r'dt: no /memory node with device_type "memory"']),
    ("memory-misses-kernel", malformed_dtb, HELLO, 0,
     [r"dt: memory nodes do not cover the kernel image .*; adding it",
      r"Hello from hello"]),
    ("reserved-all", malformed_dtb, HELLO, 123,
     [r"dt: reserved region all@80000000 covers the kernel image",
      r"memblock: no free memory left after reservations, stopping"]),
    # Injected.  A damaged header or structure block leaves no way to find
    # the exit device in the blob, so these three run on the built-in DTB.
    ("bad-magic", injected_dtb, BUILTIN, 123,
     [INJECTED, r"dt: bad magic 0xdeadbeef \(expected 0xd00dfeed\)"] +
     BUILTIN_RUNS_ON),
    ("truncated", injected_dtb, BUILTIN, 123,
     [INJECTED, r"dt: structure block is zero from struct offset \d+ to "
      r"its end at \d+: blob truncated\?"] + BUILTIN_RUNS_ON),
    ("totalsize-beyond", injected_dtb, BUILTIN, 123,
     [INJECTED, r"dt: totalsize \d+ exceeds the 2097152 bytes available"] +
     BUILTIN_RUNS_ON),
    # Without a built-in DTB the same blobs stop the boot, and the
    # board's test finisher address (CONFIG_POWEROFF_SIFIVE_TEST_FALLBACK)
    # still carries the status to QEMU.
    ("bad-magic-nobuiltin", injected_dtb, HELLO, 123,
     [INJECTED, r"dt: bad magic 0xdeadbeef \(expected 0xd00dfeed\)",
      r"dt: no valid devicetree: cannot find memory, stopping",
      r"power: devicetree unreadable; using the board's test finisher "
      r"at 0x100000"]),
    ("truncated-nobuiltin", injected_dtb, HELLO, 123,
     [INJECTED, r"power: no test finisher in the devicetree; using the "
      r"board's test finisher at 0x100000",
      r"dt: structure block is zero from struct offset \d+ to its end at "
      r"\d+: blob truncated\?"]),
    ("totalsize-beyond-nobuiltin", injected_dtb, HELLO, 123,
     [INJECTED, r"dt: totalsize \d+ exceeds the 2097152 bytes available",
      r"power: devicetree unreadable; using the board's test finisher "
      r"at 0x100000"]),
    ("address-cells-root-0", injected_dtb, HELLO, 123,
     [INJECTED, r"dt: /: #address-cells 0 is out of range \(1\.\.4\)",
      r"dt: /memory@80000000: unusable reg \(-22\), node skipped"]),
    ("address-cells-root-5", injected_dtb, HELLO, 123,
     [INJECTED, r"dt: /: #address-cells 5 is out of range \(1\.\.4\)",
      r"dt: /memory@80000000: unusable reg \(-22\), node skipped"]),
]
for _case, _delivery, _fragment, _status, _expect in BAD_DTBS:
    DTB_BOOTS.append(dict(
        name="virt-baddtb-" + _case, config=VIRT, fragment=_fragment,
        board="qemu_riscv64_virt",
        # "<case>-nobuiltin": the same malformed.py case, another config
        command=_delivery(_case.replace("-nobuiltin", "")),
        status=_status, timeout=60,
        expect=_expect + ([BADFW] if _status == 123 else []),
        # The firmware's blob must not have been taken as sound.
        reject=([r"dt: devicetree at 0x"] if _fragment is BUILTIN else []) +
        [r"dtbinject: injection failed"],
        check=(reserved_check(0x80000000, 0x80200000)
               if _fragment is BUILTIN else None)))

# More /reserved-memory nodes (20, added to OpenSBI's tree at the kernel's
# entry) than memblock's static arrays hold (16): each must be kept, no-map
# ones as MEMBLOCK_NOMAP memory, the others reserved.
DTB_BOOTS.append(dict(
    name="virt-reserved-20", config=VIRT,
    fragment=HELLO + ["CONFIG_INIT_MEMBLOCK_REGIONS=16",
                      "CONFIG_MEMBLOCK_DEBUG_DEFAULT=y"],
    board="qemu_riscv64_virt", command=injected_dtb("reserved-20"),
    timeout=60,
    expect=[INJECTED, r"OF: reserved mem: 0x0000000085300000\.\."
            r"0x000000008530ffff \(64 KiB\) map many19@85300000",
            r"Hello from hello on Kite!", r"Power down: exit status 0"],
    reject=[r"dtbinject: injection failed", r"memblock: cannot"],
    check=many_reserved_check))


# Malformed E820 maps at the real PVH entry: QEMU builds the PVH start
# info itself, so tests/qemu/e820inject.py stops the guest at the
# kernel's PVH entry and rewrites the memory map that ebx points to
# (QEMU's own at -m 128M, 7 entries, made malformed).  Each case gets a
# one-line message naming the problem, then runs on with the sanitized
# map checked line by line, or stops with EXIT_BADFW (123; isa-debug-exit
# makes QEMU exit 247, ci/qemu.py maps it back).
def injected_e820(case, append):
    return injected("e820inject.py", case, lambda out: qemu.qemu_command(
        "x86", "qemu_x86_64", os.path.join(out, "kernel.elf"), append))


QEMU_E820 = [(0x0, 0x9fbff, "usable"), (0x9fc00, 0x9ffff, "reserved"),
             (0xf0000, 0xfffff, "reserved"), (0x100000, 0x7fdffff, "usable"),
             (0x7fe0000, 0x7ffffff, "reserved"),
             (0xfffc0000, 0xffffffff, "reserved"),
             (0xfd00000000, 0xffffffffff, "reserved")]
E820_INJECTED = (r"e820inject: stopped at PVH entry 0x[0-9a-f]+ \((hard|soft)"
                 r"ware breakpoint\), ebx = 0x[0-9a-f]+: QEMU's map has 7 "
                 r"entries at 0x[0-9a-f]+; ")
E820_RUNS_ON = [r"x86/mm: direct map of RAM", r"Hello from hello on Kite!",
                r"Power down: exit status 0"]
E820_STOPS = [r"boot: no usable memory map from the loader, stopping"]
# (case, append, status, expected lines, map after sanitizing or None)
BAD_E820 = [
    ("overlap", "memblock=debug", 0,
     [r"e820: firmware entries 3 \[mem 0x0000000000100000-0x0000000007fdffff\] "
      r"usable and 4 \[mem 0x0000000004000000-0x0000000004ffffff\] reserved "
      r"overlap; the higher type wins",
      # the reserved 16 MiB never reach memblock
      r"memory\[0x1\]\s+\[0x0+100000-0x0+3ffffff\]",
      r"memory\[0x2\]\s+\[0x0+5000000-0x0+7fdffff\]"] + E820_RUNS_ON,
     QEMU_E820[:3] + [(0x100000, 0x3ffffff, "usable"),
                      (0x4000000, 0x4ffffff, "reserved"),
                      (0x5000000, 0x7fdffff, "usable")] + QEMU_E820[4:]),
    ("unsorted", "", 0,
     [r"e820: firmware map is not sorted: entry 1 at 0xfffc0000 follows "
      r"entry 0 at 0xfd00000000; sorting it"] + E820_RUNS_ON, QEMU_E820),
    ("zero-size", "", 0,
     [r"e820: firmware entry 3 \[0x100000 \+ 0x0\] has size 0; skipped"] +
     E820_RUNS_ON, QEMU_E820),
    ("wrap", "", 0,
     [r"e820: firmware entry 7 \[0xfffffffffff00000 \+ 0x200000\] overflows "
      r"64 bits; skipped"] + E820_RUNS_ON, QEMU_E820),
    # 1000 entries: QEMU's 7, then 4 KiB reserved pieces from 2 TiB, 8 KiB
    # apart.  The first 128 are kept: the last is piece 120.
    ("too-many", "", 0,
     [r"PVH: memory map at 0x20000, 1000 entries",
      r"PVH: memmap_entries 1000 is more than the 128 the kernel holds; "
      r"using the first 128, ignoring 872"] + E820_RUNS_ON,
     QEMU_E820 + [(0x20000000000 + i * 0x2000, 0x20000000fff + i * 0x2000,
                   "reserved") for i in range(121)]),
    ("memmap-null", "", 123,
     [r"PVH: memmap_paddr is 0: the start info has no memory map"] +
     E820_STOPS, []),
    ("memmap-above-4g", "", 123,
     [r"PVH: memory map at 0x200000000, 7 entries",
      r"PVH: memmap_paddr 0x200000000 is outside the low 4 GiB"] +
     E820_STOPS, []),
    # A hole below 4 GiB reads as zeros: seven empty entries.
    ("memmap-hole", "", 123,
     [r"PVH: memory map at 0xd0000000, 7 entries",
      r"e820: firmware entry 0 \[0x0 \+ 0x0\] has size 0; skipped",
      r"e820: firmware entry 6 \[0x0 \+ 0x0\] has size 0; skipped",
      r"PVH: none of the 7 memory map entries at 0xd0000000 is a valid "
      r"range"] + E820_STOPS, []),
    ("single-entry", "", 123,
     [r"PVH: memory map at 0x[0-9a-f]+, 1 entry",
      r"e820: firmware map has 1 entry; not trusting it",
      r"PVH: memory map has 1 entry, and the start info carries no basic "
      r"memory sizes to fall back on \(multiboot2 does\); refusing to guess"] +
     E820_STOPS, []),
    ("no-ram", "", 123,
     [r"e820: no usable RAM in the firmware memory map, stopping"],
     [(0x0, 0x9ffff, "reserved"), (0xf0000, 0x7ffffff, "reserved"),
      (0xfffc0000, 0xffffffff, "reserved"),
      (0xfd00000000, 0xffffffffff, "reserved")]),
    # RAM above 1 MiB starts at 16 MiB: as riscv's memory-misses-kernel,
    # the image is added and the boot runs on.
    ("ram-misses-kernel", "memblock=debug", 0,
     [r"e820: usable RAM does not cover the kernel image \[mem "
      r"0x0000000000100000-0x0000000000[0-9a-f]{6}\]; adding it",
      r"memory\[0x1\]\s+\[0x0+100000-0x0+1[0-9a-f]{5}\]",
      r"memory\[0x2\]\s+\[0x0+1000000-0x0+7fdffff\]"] + E820_RUNS_ON,
     QEMU_E820[:3] + [(0x1000000, 0x7fdffff, "usable")] + QEMU_E820[4:]),
]
# Each sanitizer message belongs to these cases; no other may print it.
E820_OWN = {r"overlap;": ("overlap",), r"not sorted": ("unsorted",),
            r"has size 0": ("zero-size", "memmap-hole"),
            r"overflows": ("wrap",)}
for _case, _append, _status, _expect, _map in BAD_E820:
    E820_BOOTS.append(dict(
        name="x86-bade820-" + _case, config=X86, fragment=HELLO, arch="x86",
        board="qemu_x86_64", command=injected_e820(_case, _append),
        status=_status, timeout=60,
        expect=[E820_INJECTED] + _expect + ([BADFW] if _status == 123 else []),
        # Only the problem the case made is reported.
        reject=[r"e820inject: injection failed"] +
        [r for r, cases in E820_OWN.items() if _case not in cases] +
        ([r"Hello from hello", r"x86/mm: direct map"] if _status else []),
        check=e820_map_check(_map)))


# The same single-entry map through GRUB (multiboot2, kite.iso): there the
# basic meminfo tag gives the BIOS memory sizes, and the boot runs on them.
def injected_e820_iso(case):
    def command(srctree, out):
        return [sys.executable,
                os.path.join(srctree, "tests", "qemu", "e820inject.py"),
                "--kernel", os.path.join(out, "kernel.elf"), "--case", case,
                "--multiboot2", "--timeout", "120",
                "--"] + x86_iso_boot()(srctree, out)
    return command


E820_BOOTS.append(dict(
    name="x86-iso-bade820-single-entry", config=X86, fragment=HELLO,
    arch="x86", board="qemu_x86_64", targets=["all", "image"],
    command=injected_e820_iso("single-entry"), timeout=180,
    expect=[r"e820inject: stopped at multiboot2 entry 0x[0-9a-f]+ \((hard|soft)"
            r"ware breakpoint\), ebx = 0x[0-9a-f]+: GRUB's map has \d+ "
            r"entries; wrote a memory map tag of 1 entries",
            r"boot: entered via multiboot2",
            r"e820: firmware map has 1 entry; not trusting it",
            r"multiboot2: memory map tag unusable; using the basic meminfo "
            r"tag instead: 639 KiB from 0, \d+ KiB from 1 MiB",
            r"BIOS-e820: \[mem 0x0000000000000000-0x000000000009fbff\] usable",
            r"BIOS-e820: \[mem 0x0000000000100000-0x[0-9a-f]{16}\] usable"] +
    E820_RUNS_ON,
    reject=[r"e820inject: injection failed"]))
E820_BOOTS.append(dict(
    name="virt-badcmdline", config=VIRT, fragment=HELLO,
    board="qemu_riscv64_virt", append="mem=junk mem=1 mem=", timeout=60,
    expect=[r"mem=junk: not a size \(use e\.g\. mem=64M\), ignored",
            r"mem=1: below the 8 MiB the kernel needs, ignored",
            r"mem=: missing size, ignored",
            r"Hello from hello"],
    reject=[r"mem=: memory capped"]))


# CONFIG_BUILTIN_DTB: the firmware's blob fails the structure check (a
# string offset out of range), so the kernel takes its built-in
# boards/riscv/qemu_riscv64_virt/qemu_riscv64_virt.dts instead and runs
# on, on an assumed map.
BUILTIN_BOOTS.append(dict(
    name="virt-builtin-dtb", config=VIRT,
    fragment=BUILTIN, board="qemu_riscv64_virt",
    command=malformed_dtb("string-offset"), timeout=60, status=123,
    expect=[r"dt: property at struct offset \d+: string offset \d+ outside"] +
    BUILTIN_RUNS_ON + [BADFW],
    check=reserved_check(0x80000000, 0x80200000)))


# The same on a 256 MiB machine (the built-in tree says 128 MiB) with the
# selftest application: oom_pages_until_null allocates and writes every
# free page, so a page of OpenSBI's PMP-protected region handed out would
# fault (store/AMO access fault at 0x80000000, exit status 121).
BUILTIN_BOOTS.append(dict(
    name="virt-builtin-dtb-selftest", config=VIRT,
    fragment=SELFTEST + ["CONFIG_BUILTIN_DTB=y"], board="qemu_riscv64_virt",
    command=malformed_dtb("string-offset", ["-m", "256M"]), timeout=180,
    status=123, ktap=True, min_cases=5,
    expect=BUILTIN_ASSUMED + [r"ok \d+ oom_pages_until_null",
                              r"# Totals: pass:\d+ fail:0", BADFW],
    reject=[r"access fault"]))
