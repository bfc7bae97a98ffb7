# SPDX-License-Identifier: MIT
"""QEMU boot tests run by `make check` (tests/run_tests.py).

Each entry: name, config (a boards/<arch>/<board>/*_defconfig file, by
name), optional fragment (extra
.config lines), board/arch, machine (QEMU machine flags replacing the
board's), bios, append (kernel command line), qemu_extra, status (expected
exit status), expect/reject (regexes over the boot log), ktap (count the
guest's KTAP cases), check (a function returning (name, ok, diag) tuples).
"""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

import qemu  # ci/qemu.py: tests/run_tests.py puts ci/ on sys.path

DEBIAN_FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic"
VIRT = "qemu_riscv64_virt_defconfig"
SELFTEST = ["CONFIG_APP_SELFTEST=y"]
HELLO = ["CONFIG_APP_HELLO=y"]


_memmap_tool = {}
_memmap_lock = threading.Lock()


def memmap_tool(srctree):
    """Build tools/memmap once per run (into a private O=); its path or
    None with the build's output."""
    with _memmap_lock:
        if "path" not in _memmap_tool:
            out = tempfile.mkdtemp(prefix="kite-memmap-")
            atexit.register(shutil.rmtree, out, True)
            p = subprocess.run(["make", "-s", "-C", srctree, "O=" + out,
                                "memmap-tool"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            tool = os.path.join(out, "tools", "memmap")
            _memmap_tool["path"] = tool if p.returncode == 0 else None
            _memmap_tool["log"] = p.stdout.decode("utf-8", "replace")
        return _memmap_tool["path"], _memmap_tool["log"]


# The zone set-up lines the kernel prints at boot, and tools/memmap too.
ZONE_LINE = re.compile(
    r"^(?:\[[ 0-9.]+\] )?(\s*(?:(?:DMA|DMA32|Normal|Movable)\s+(?:empty|\[mem .*\])"
    r"|node\s+\d+: \[mem .*\]|Initmem setup node .*|On node \d+ totalpages: \d+"
    r"|\w+ zone: \d+ pages spanned, \d+ present))$", re.M)


def memmap_matches_boot(text, srctree, dtb, cmdline):
    """tools/memmap on the machine's DTB must print the zone set-up lines
    of the real boot, line for line (the promise of docs/bringup.md)."""
    tool, log = memmap_tool(srctree)
    if not tool:
        return [("tools/memmap builds", False, log)]
    p = subprocess.run([tool, dtb, "--"] + cmdline.split(),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    tool_out = p.stdout.decode("utf-8", "replace")
    # The host build has every zone type configured, so it also lists
    # the ones this kernel leaves out, as "empty": compare the rest.
    want = [m.group(1).strip() for m in ZONE_LINE.finditer(text)
            if not m.group(1).endswith("empty")]
    got = [m.group(1).strip() for m in ZONE_LINE.finditer(tool_out)
           if not m.group(1).endswith("empty")]
    zones = ("tools/memmap prints the boot's %d zone set-up lines" % len(want),
             p.returncode == 0 and len(want) >= 5 and got == want,
             "boot:\n  %s\nmemmap:\n  %s" % ("\n  ".join(want),
                                             "\n  ".join(got)))
    # Its default devicetree address is where QEMU put the blob: the
    # tool reserves the blob from there, as the kernel does.
    m = re.search(r"dt: devicetree at (0x[0-9a-f]+)", text)
    at = int(m.group(1), 16) if m else None
    blob = ("tools/memmap reserves the blob where QEMU put it (%s)" %
            (m.group(1) if m else "no 'dt: devicetree at' line"),
            at is not None and re.search(r"reserved\[0x[0-9a-f]+\]\s+\[%#018x-"
                                         % at, tool_out) is not None,
            tool_out)
    return [zones, blob]


def dt_memory_check(machine_args, cmdline="", memmap=True):
    """Compare the boot log's memblock dump with the machine's own DTB,
    dumped by QEMU and decoded with dtc (an independent oracle); and run
    tools/memmap on that DTB, which must print what the boot printed."""
    def check(text, srctree):
        out = []
        dtb = "/tmp/kite-check-%d-%d.dtb" % (os.getpid(),
                                             threading.get_ident())
        args = ["qemu-system-riscv64"] + machine_args
        args[args.index("-M") + 1] += ",dumpdtb=" + dtb
        subprocess.run(args + ["-nographic", "-bios", "default"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dts = subprocess.run(["dtc", "-I", "dtb", "-O", "dts", dtb],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                             ).stdout.decode()
        if memmap:
            out += memmap_matches_boot(text, srctree, dtb, cmdline)
        os.unlink(dtb)
        mem = []
        for m in re.finditer(r"memory@[0-9a-f]+ \{[^}]*?reg = <([^>]*)>", dts):
            cells = [int(c, 16) for c in m.group(1).split()]
            for i in range(0, len(cells), 4):
                base = (cells[i] << 32) | cells[i + 1]
                size = (cells[i + 2] << 32) | cells[i + 3]
                mem.append((base, size))
        mem.sort()
        # memblock merges adjacent ranges of one node; do the same
        # unless the node ids differ (the log prints nodes).
        dumped = [(int(a, 16), int(b, 16) - int(a, 16) + 1)
                  for a, b in re.findall(
                      r"memory\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]", text)]
        out.append(("memblock memory matches the DTB's /memory nodes",
                    sum(s for _, s in mem) == sum(s for _, s in dumped) and
                    all(any(b <= db < b + s for b, s in mem) for db, _ in dumped),
                    "dtb: %s\nlog: %s" % ([(hex(b), hex(s)) for b, s in mem],
                                          [(hex(b), hex(s)) for b, s in dumped])))
        return out
    return check


BOOTS = [
    dict(name="virt-default", config=VIRT, board="qemu_riscv64_virt",
         expect=[r"console \[ns16550@10000000\] enabled",
                 r"Kernel command line:",
                 r"Power down: exit status 0"]),
    dict(name="virt-hello", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         expect=[r"Hello from hello on Kite!"]),
    # The smallest image (-Os, no printk, no kallsyms): docs/performance.md.
    dict(name="virt-tiny", config="qemu_riscv64_virt_tiny_defconfig",
         board="qemu_riscv64_virt", expect=[r"Hello from hello on Kite!"]),
    dict(name="virt-memblock-debug", config=VIRT, board="qemu_riscv64_virt",
         fragment=HELLO, append="memblock=debug",
         expect=[r"MEMBLOCK configuration:", r"reserved\[0x0\]"],
         check=dt_memory_check(["-M", "virt", "-m", "128M"])),
    dict(name="virt-fw_jump", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         bios=DEBIAN_FW + "/fw_jump.bin",
         expect=[r"Hello from hello"]),
    dict(name="virt-fw_dynamic", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         bios=DEBIAN_FW + "/fw_dynamic.bin",
         expect=[r"Hello from hello"]),
    dict(name="virt-1G", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         machine="-M virt -m 1G", append="memblock=debug",
         check=dt_memory_check(["-M", "virt", "-m", "1G"])),
    dict(name="virt-4G", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         machine="-M virt -m 4G", append="memblock=debug",
         expect=[r"memory\[0x0\]\s+\[0x0+80000000-0x0+17fffffff\]"],
         check=dt_memory_check(["-M", "virt", "-m", "4G"])),
    dict(name="virt-smp4", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         machine="-M virt -m 128M -smp 4", append="memblock=debug",
         # OpenSBI's lottery picks the boot hart: the other three are
         # reported stopped, whichever it is
         expect=[r"smp: 4 harts in /cpus, booted on hart ([0-3]); others "
                 r"stay stopped(\n.*smp: hart (?!\1)[0-3]: stopped){3}"],
         check=dt_memory_check(["-M", "virt", "-m", "128M", "-smp", "4"])),
    dict(name="virt-mem64M", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         append="mem=64M", expect=[r"mem=: memory capped at 64 MiB"]),
    dict(name="virt-numa2", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         machine="-M virt -m 256M -smp 2 -object memory-backend-ram,id=m0,size=128M "
                 "-object memory-backend-ram,id=m1,size=128M "
                 "-numa node,memdev=m0,cpus=0,nodeid=0 "
                 "-numa node,memdev=m1,cpus=1,nodeid=1",
         append="memblock=debug",
         expect=[r"on node 0", r"on node 1"],
         check=dt_memory_check(
             ["-M", "virt", "-m", "256M", "-smp", "2",
              "-object", "memory-backend-ram,id=m0,size=128M",
              "-object", "memory-backend-ram,id=m1,size=128M",
              "-numa", "node,memdev=m0,cpus=0,nodeid=0",
              "-numa", "node,memdev=m1,cpus=1,nodeid=1"])),
    dict(name="sifive_u", config="qemu_sifive_u_defconfig", fragment=HELLO,
         board="qemu_sifive_u", append="memblock=debug",
         expect=[r"console \[sifive-uart@10010000\] enabled",
                 r"smp: \d+ harts? in /cpus, booted on hart 1",
                 r"Hello from hello"],
         # OpenSBI adds a no-map region to this blob at run time, which
         # splits the node's ranges; QEMU's dump lacks it, so tools/memmap
         # is not compared here.
         check=dt_memory_check(["-M", "sifive_u", "-smp", "2", "-m", "256M"],
                               memmap=False)),
    dict(name="virt-selftest", config=VIRT, fragment=SELFTEST,
         board="qemu_riscv64_virt", ktap=True, min_cases=5,
         expect=[r"slab test: kmalloc-64 red zone off",
                 r"ok \d+ slab_kmalloc_natural_alignment",
                 r"# Totals: pass:\d+ fail:0"]),
    # kmalloc's natural alignment with red-zoned (padded) kmalloc caches
    dict(name="virt-slab-debug-z", config=VIRT,
         fragment=SELFTEST + ["CONFIG_SLAB_DEBUG=y"],
         board="qemu_riscv64_virt", append="slab_debug=Z -- slab",
         ktap=True, min_cases=5,
         expect=[r"slab test: kmalloc-64 red zone on",
                 r"ok \d+ slab_kmalloc_natural_alignment",
                 r"# Totals: pass:\d+ fail:0"]),
]

# ------------------------------------------------- hand-made memory maps
# QEMU's -numa gives each node one contiguous range, so layouts it cannot
# make (interleaved nodes, issue 16) are written into the machine's own
# devicetree: dumped by QEMU, decompiled, its /memory nodes replaced by one
# per range with numa-node-id (and each cpu@N on node N % nodes), and
# passed back with -dtb.  The blob is built once per run and kept for the
# tools/memmap comparison.
_memory_dtbs = {}
_memory_dtbs_lock = threading.Lock()


def memory_dtb(machine_args, ranges):
    """Path of a DTB for QEMU machine_args with RAM ranges [(base, size,
    nid)]; None with the error when QEMU or dtc failed."""
    key = (tuple(machine_args), tuple(ranges))
    with _memory_dtbs_lock:
        if key in _memory_dtbs:
            return _memory_dtbs[key]
        tmp = tempfile.mkdtemp(prefix="kite-memdtb-")
        atexit.register(shutil.rmtree, tmp, True)
        args = ["qemu-system-riscv64"] + list(machine_args)
        args[args.index("-M") + 1] += ",dumpdtb=" + os.path.join(tmp, "q.dtb")
        subprocess.run(args + ["-nographic", "-bios", "default"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        p = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts",
                            os.path.join(tmp, "q.dtb")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        dts = p.stdout.decode()
        nodes = len({nid for _, _, nid in ranges})
        mem = "".join(
            "\tmemory@%x {\n\t\tdevice_type = \"memory\";\n"
            "\t\tnuma-node-id = <%d>;\n\t\treg = <0x%x 0x%x 0x%x 0x%x>;\n"
            "\t};\n\n" % (base, nid, base >> 32, base & 0xffffffff,
                          size >> 32, size & 0xffffffff)
            for base, size, nid in ranges)
        dts, n = re.subn(r"\tmemory@[0-9a-f]+ \{[^}]*\};\n\n?", "", dts)
        dts = re.sub(r"(\n\tcpus \{)", "\n" + mem.rstrip("\n") + r"\1", dts,
                     count=1)
        dts = re.sub(r"(\t\tcpu@(\d+) \{\n)",
                     lambda m: "%s\t\t\tnuma-node-id = <%d>;\n"
                     % (m.group(1), int(m.group(2)) % nodes), dts)
        path = os.path.join(tmp, "memory.dtb")
        q = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", path],
                           input=dts.encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if p.returncode or q.returncode or n < 1:
            _memory_dtbs[key] = (None, "qemu dumpdtb/dtc failed:\n%s%s" % (
                p.stdout.decode(), q.stdout.decode()))
        else:
            _memory_dtbs[key] = (path, "")
        return _memory_dtbs[key]


def memory_dtb_boot(machine_args, ranges, cmdline=""):
    """(command, check) for a boot on memory_dtb(); the check runs
    tools/memmap on the same blob."""
    def command(srctree, out):
        path, err = memory_dtb(machine_args, ranges)
        if not path:
            raise SystemExit(err)
        return qemu.qemu_command("riscv", "qemu_riscv64_virt",
                                 os.path.join(out, "kernel.elf"), cmdline,
                                 extra=["-dtb", path],
                                 machine=" ".join(machine_args))

    def check(text, srctree):
        path, err = memory_dtb(machine_args, ranges)
        if not path:
            return [("devicetree built", False, err)]
        return memmap_matches_boot(text, srctree, path, cmdline)
    return command, check


# Issue 16: node 0 on both sides of node 1.  Every selftest must pass (the
# OOM test allocates and frees every page of both nodes) with no BUG.
NUMA_INTERLEAVED = [(0x80000000, 64 << 20, 0), (0x84000000, 64 << 20, 1),
                    (0x88000000, 128 << 20, 0)]
_il_command, _il_check = memory_dtb_boot(
    ["-M", "virt", "-m", "256M", "-smp", "2"], NUMA_INTERLEAVED)
BOOTS.append(dict(
    name="virt-numa-interleaved", config=VIRT, fragment=SELFTEST,
    board="qemu_riscv64_virt", command=_il_command, check=_il_check,
    ktap=True, min_cases=40, timeout=240,
    expect=[r"node   0: \[mem 0x0+80000000-0x0+83ffffff\]",
            r"node   1: \[mem 0x0+84000000-0x0+87ffffff\]",
            r"node   0: \[mem 0x0+88000000-0x0+8fffffff\]",
            r"mm: pfn->node map: 128 granules of 512 pages, 0 shared by "
            r"nodes, 3 node ranges",
            r"Node 1, zone +\w+: \d+ managed pages",
            r"(?<!not )ok \d+ oom_pages_until_null",
            r"# Totals: pass:\d+ fail:0"],
    reject=[r"BUG:", r"not ok"]))

# ---------------------------------------------------------------- U-Boot
# `make image`'s sdcard.img booted by Debian's U-Boot (tests/qemu/uboot.py):
# once through extlinux.conf (booti /Image, U-Boot's own DT), once through
# boot.scr (bootm kernel.itb#conf-1, the board's DT).  The extlinux entry
# also checks the Image header and `make flash` on a regular file.
import uboot  # noqa: E402

def uboot_boot(kind, **kw):
    """A hello boot on QEMU virt from an SD card image through U-Boot
    (uboot.SDCardBoot(@kind)); @kw adds expect= and the like."""
    sd = uboot.SDCardBoot(kind)
    return dict(name="virt-uboot-" + kind, config=VIRT, fragment=HELLO,
                board="qemu_riscv64_virt", targets=["all", "image"],
                command=sd.command, check=sd.check,
                skip_unless=uboot.available,
                skip_why="missing " + uboot.missing(), timeout=180, **kw)


BOOTS += [
    uboot_boot("extlinux",
               expect=[r"^U-Boot 20\d\d\.\d\d",
                       r"Found /extlinux/extlinux\.conf",
                       r"Retrieving file: /Image",
                       r"Starting kernel \.\.\.",
                       r"Hello from hello on Kite!"]),
    uboot_boot("fit",
               expect=[r"Found U-Boot script /boot\.scr",
                       r"Kite: loading kernel\.itb",
                       r"Using 'conf-1' configuration",
                       r"Verifying Hash Integrity \.\.\. sha256\+ OK",
                       r"Booting using the fdt blob at 0x82200000",
                       r"Starting kernel \.\.\.",
                       r"Hello from hello on Kite!"],
               reject=[r"Kite: could not boot"]),
]

# x86_64 (arch/x86): PVH through QEMU -kernel, and the GRUB ISO
# (multiboot2, `make image`) under SeaBIOS and OVMF.
X86 = "qemu_x86_64_defconfig"
OVMF = "/usr/share/ovmf/OVMF.fd"


def x86_iso_boot(extra=()):
    """QEMU argv booting $(O)/kite.iso from the CD-ROM (no -kernel)."""
    def command(srctree, out):
        return qemu.qemu_command("x86", "qemu_x86_64", None,
                                 extra=["-cdrom", os.path.join(out, "kite.iso")]
                                 + list(extra))
    return command


# Real firmware maps (QEMU's PVH map, GRUB's under SeaBIOS and OVMF) are
# sound: none of the malformed-map messages (x86-bade820-*) may appear.
X86_SOUND_MAP = [r"e820: firmware", r"e820: no usable RAM",
                 r"does not cover the kernel image", r"PVH: memmap_entries"]
X86_BASE = [r"console \[ttyS0\] enabled",
            r"BIOS-e820: \[mem 0x0000000000100000-0x[0-9a-f]{16}\] usable",
            r"x86/mm: direct map of RAM",
            r"Power down: exit status 0"]

BOOTS += [
    dict(name="x86-pvh", config=X86, arch="x86", board="qemu_x86_64",
         expect=X86_BASE + [r"boot: entered via PVH",
                            r"BIOS-e820: \[mem 0x0000000000000000-0x000000000009fbff\] usable",
                            r"BIOS-e820: \[mem 0x0000000000100000-0x0000000007fdffff\] usable"],
         reject=X86_SOUND_MAP),
    dict(name="x86-pvh-hello", config=X86, fragment=HELLO, arch="x86",
         board="qemu_x86_64", expect=[r"Hello from hello"]),
    dict(name="x86-pvh-3G", config=X86, fragment=HELLO, arch="x86",
         board="qemu_x86_64", machine="-m 3G", append="memblock=debug",
         expect=X86_BASE + [r"BIOS-e820: \[mem 0x0000000000100000-0x00000000bffdffff\] usable",
                            r"memory\[0x1\]\s+\[0x0+100000-0x0+bffdffff\]"],
         reject=[r"BIOS-e820: \[mem 0x00000001"]),
    dict(name="x86-pvh-5G", config=X86, fragment=HELLO, arch="x86",
         board="qemu_x86_64", machine="-m 5G", append="memblock=debug",
         expect=X86_BASE + [r"BIOS-e820: \[mem 0x0000000100000000-0x000000017fffffff\] usable",
                            r"memory\[0x2\]\s+\[0x0+100000000-0x0+17fffffff\]",
                            r"direct map of RAM up to 0x180000000",
                            r"Normal\s+\[mem 0x0000000100000000-0x000000017fffffff\]"]),
    dict(name="x86-pvh-1G-pages", config=X86, fragment=HELLO, arch="x86",
         board="qemu_x86_64", machine="-m 5G -cpu max",
         expect=[r"direct map of RAM up to 0x180000000: [1-9]\d* x 1G",
                 r"Power down: exit status 0"]),
    dict(name="x86-pvh-cmdline", config=X86, fragment=HELLO, arch="x86",
         board="qemu_x86_64",
         append="mem=1 mem=junk memmap=16M$64M,bogus memmap=4M%8M-1+12",
         expect=[r"mem=1: below the 8 MiB the kernel needs, ignored",
                 r"mem=junk: not a size",
                 r"memmap=bogus: size is not a number",
                 r"user-defined physical RAM map:",
                 r"user: \[mem 0x0000000004000000-0x0000000004ffffff\] reserved",
                 r"user: \[mem 0x0000000000800000-0x0000000000bfffff\] persistent \(type 12\)",
                 r"Hello from hello", r"Power down: exit status 0"]),
    dict(name="x86-pvh-mem64M", config=X86, fragment=HELLO, arch="x86",
         board="qemu_x86_64", append="mem=64M",
         expect=[r"mem=: memory capped at 64 MiB", r"Hello from hello"]),
    dict(name="x86-iso-seabios", config=X86, arch="x86", board="qemu_x86_64",
         targets=["all", "image"], command=x86_iso_boot(),
         expect=X86_BASE + [r"boot: entered via multiboot2",
                            r"multiboot2: loaded by GRUB"],
         reject=X86_SOUND_MAP),
    dict(name="x86-iso-ovmf", config=X86, arch="x86", board="qemu_x86_64",
         targets=["all", "image"], command=x86_iso_boot(["-bios", OVMF]),
         skip_unless=lambda: os.path.exists(OVMF), skip_why="no " + OVMF,
         expect=X86_BASE + [r"boot: entered via multiboot2",
                            # OVMF's fragmented map: NVS islands at 8 MiB
                            r"BIOS-e820: \[mem 0x0000000000800000-0x0000000000807fff\] ACPI NVS",
                            r"BIOS-e820: \[mem 0x0000000000100000-0x00000000007fffff\] usable"],
         reject=X86_SOUND_MAP),
]

# The external example (examples/external-app), built only through APP=
# as an out-of-tree application would be; one build serves every entry.
EXTAPP = "examples/external-app"


def extapp_boots(prefix, config, board, arch):
    common = dict(config=config, board=board, arch=arch, app=EXTAPP)
    return [
        dict(name=prefix + "-extapp", append="-- demo",
             expect=[r"Hello from an external application \(external-app 1\.0",
                     r"external-app: sorted 1000 numbers from seed 2024",
                     r"external-app: all checks passed \(0 failed\)",
                     r"external-app: atexit handler ran",
                     r"app: external exited with status 0"],
             reject=[r"check failed"], **common),
        dict(name=prefix + "-extapp-args", append="-- sum 1 2 0x10",
             expect=[r'argv\[4\] = "0x10"', r"external-app: sum = 19"],
             **common),
        dict(name=prefix + "-extapp-exit", append="-- exit 7", status=7,
             expect=[r"external-app: atexit handler ran",
                     r"app: external exited with status 7"], **common),
        dict(name=prefix + "-extapp-usage", append="-- bogus", status=64,
             expect=[r"usage: external-app"], **common),
        dict(name=prefix + "-extapp-abort", append="-- abort", status=122,
             expect=[r"app: abort\(\) called from app_main\+0x",
                     r"Call trace:",
                     r"app: external aborted \(exit status 122\)"],
             reject=[r"atexit handler ran"], **common),
        dict(name=prefix + "-extapp-assert", append="-- assert", status=122,
             expect=[r"main\.c:\d+: app_main: Assertion `argc == 1 && "
                     r"\"assert needs no arguments\"' failed\.",
                     r"app: abort\(\) called from __assert_fail\+0x",
                     r"app: external aborted \(exit status 122\)"],
             **common),
        dict(name=prefix + "-extapp-fault", append="-- fault", status=121,
             expect=[r"external-app: storing to 0xdead000000000000",
                     r"(Unhandled exception|exception).* app_main\+0x",
                     r"Power down: exit status 121"],
             reject=[r"atexit handler ran"], **common),
    ]


BOOTS += extapp_boots("virt", VIRT, "qemu_riscv64_virt", "riscv")
# x86_64: added once its configuration exists (the port is landing).
if os.path.exists(os.path.join(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))), "boards", "x86",
        "qemu_x86_64", "qemu_x86_64_defconfig")):
    BOOTS += extapp_boots("x86", "qemu_x86_64_defconfig", "qemu_x86_64", "x86")

# Both bootmem backends must hand the same pages to the buddy allocator on
# the same machine.  Each boot checks it hands over exactly what memblock
# had free; across boots the two kernel images differ in size, so the
# comparison is pages handed + image pages.
BITMAP = ["CONFIG_APP_HELLO=y", "CONFIG_BOOTMEM_BITMAP=y"]
BOOTS += [
    dict(name="virt-bootmem-bitmap", config=VIRT, fragment=BITMAP,
         board="qemu_riscv64_virt",
         expect=[r"pages handed to the buddy allocator \(bitmap bootmem\)",
                 r"Hello from hello on Kite!"],
         reject=[r"bootmem handoff mismatch"]),
]
CROSS = [
    dict(name="virt: bitmap and memblock backends free the same pages",
         boots=("virt-hello", "virt-bootmem-bitmap"),
         regex=r"mm: (\d+) pages handed to the buddy allocator .*kernel image (\d+) pages"),
]
if os.path.exists(os.path.join(os.path.dirname(__file__), "..", "..", "boards",
                               "x86", "qemu_x86_64", "qemu_x86_64_defconfig")):
    BOOTS += [
        dict(name="x86-bootmem-bitmap", config=X86, fragment=BITMAP, arch="x86",
             board="qemu_x86_64",
             expect=[r"pages handed to the buddy allocator \(bitmap bootmem\)",
                     r"Hello from hello on Kite!"],
             reject=[r"bootmem handoff mismatch"]),
    ]
    CROSS += [
        dict(name="x86: bitmap and memblock backends free the same pages",
             boots=("x86-pvh-hello", "x86-bootmem-bitmap"),
             regex=r"mm: (\d+) pages handed to the buddy allocator .*kernel image (\d+) pages"),
    ]


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
def virt_qemu(out, extra=()):
    return qemu.qemu_command("riscv", "qemu_riscv64_virt",
                             os.path.join(out, "kernel.elf"), extra=extra)


def malformed_dtb(case, extra=()):
    def command(srctree, out):
        import malformed
        dtb = malformed.generate(os.path.join(out, "malformed-dtb"),
                                 [case])[case]
        return virt_qemu(out, ["-dtb", dtb] + list(extra))
    return command


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


def memblock_dumped(text, kind):
    """(start, end, flags) of every @kind ("memory" or "reserved") region
    in the boot log's memblock=debug dumps."""
    return [(int(a, 16), int(b, 16) + 1, int(f, 16)) for a, b, f in re.findall(
        kind + r"\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\].*?"
        r"flags: (0x[0-9a-f]+)$", text, re.M)]


def covered(regions, start, end, flags=None):
    return any(a <= start and end <= b and (flags is None or f & flags)
               for a, b, f in regions)


def reserved_check(first, end):
    """The memblock=debug dump must show [first, end) reserved."""
    def check(text, srctree):
        regions = memblock_dumped(text, "reserved")
        return [("memblock reserves [%#x, %#x) (%d reserved regions dumped)"
                 % (first, end, len(regions)), covered(regions, first, end),
                 "reserved: %s" % [(hex(a), hex(b)) for a, b, _ in regions])]
    return check


def many_reserved_check(text, srctree):
    """Every region of malformed.MANY_RESERVED in the memblock dump: no-map
    ones as MEMBLOCK_NOMAP (0x4) memory, the others reserved."""
    import malformed
    mem = memblock_dumped(text, "memory")
    rsv = memblock_dumped(text, "reserved")
    lost = [(hex(b), nomap) for b, s, nomap in malformed.MANY_RESERVED
            if not (covered(mem, b, b + s, 0x4) if nomap
                    else covered(rsv, b, b + s))]
    return [("all %d reserved-memory regions kept out of free memory"
             % len(malformed.MANY_RESERVED), not lost and mem and rsv,
             "lost (base, no-map): %s" % lost)]
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
    BOOTS.append(dict(
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
BOOTS.append(dict(
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


def e820_map_check(want):
    """The BIOS-e820 lines must be @want exactly: (first, last, type)."""
    def check(text, srctree):
        got = [(int(a, 16), int(b, 16), t) for a, b, t in re.findall(
            r"BIOS-e820: \[mem (0x[0-9a-f]{16})-(0x[0-9a-f]{16})\] (.*)$",
            text, re.M)]
        return [("BIOS-e820 map is the sanitized one (%d entries)" % len(want),
                 got == want, "got:  %s\nwant: %s" % (
                     [(hex(a), hex(b), t) for a, b, t in got],
                     [(hex(a), hex(b), t) for a, b, t in want]))]
    return check


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
    BOOTS.append(dict(
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


BOOTS.append(dict(
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
BOOTS.append(dict(
    name="virt-badcmdline", config=VIRT, fragment=HELLO,
    board="qemu_riscv64_virt", append="mem=junk mem=1 mem=", timeout=60,
    expect=[r"mem=junk: not a size \(use e\.g\. mem=64M\), ignored",
            r"mem=1: below the 8 MiB the kernel needs, ignored",
            r"mem=: missing size, ignored",
            r"Hello from hello"],
    reject=[r"mem=: memory capped"]))

# W^X and guard pages (issue 11): one deliberate fault per boot
# (tests/kernel/fault_ktest.c, fault=<kind>), each expecting the trap report
# to name the cause, the address and the faulting function, and exit 121.
FAULT_FRAGMENT = HELLO + ["CONFIG_SELFTEST=y"]
FAULTS = {
    "riscv": dict(
        null=[r"load page fault \(scause 13\) at fault_null\+0x",
              r"stval: 0000000000000000"],
        write_text=[r"store/AMO page fault \(scause 15\) at fault_write_text\+0x"],
        write_rodata=[r"store/AMO page fault \(scause 15\) at fault_write_rodata\+0x"],
        exec_data=[r"instruction page fault \(scause 12\)",
                   r"\] fault_exec_data\+0x"],
        stack_guard=[r"store/AMO page fault \(scause 15\) at fault_stack_guard",
                     r"kernel stack overflow: sp [0-9a-f]+ in the guard page"],
        illegal=[r"illegal instruction \(scause 2\) at fault_illegal\+0x"],
        exec_init=[r"riscv/mm: init text \[0x[0-9a-f]+-0x[0-9a-f]+\) now RW NX",
                   r"fault: calling freed init text at",
                   r"instruction page fault \(scause 12\)",
                   r"\] fault_exec_init\+0x"]),
    "x86": dict(
        null=[r"page fault \(vector 14, error code 0x0\) at fault_null\+0x",
              r"cr2: 0000000000000000 \(read of a not-present page, NULL pointer\)"],
        write_text=[r"page fault \(vector 14, error code 0x3\) at fault_write_text\+0x",
                    r"\(write violating page protection\)"],
        write_rodata=[r"page fault \(vector 14, error code 0x3\) at fault_write_rodata\+0x",
                      r"\(write violating page protection\)"],
        exec_data=[r"page fault \(vector 14, error code 0x11\)",
                   r"\(instruction fetch violating page protection\)",
                   r"\] fault_exec_data\+0x"],
        # The #PF cannot push its frame onto the guard page: #DF on the
        # IST stack reports it.
        stack_guard=[r"double fault \(vector 8, error code 0x0\) at fault_stack_guard"],
        illegal=[r"invalid opcode \(vector 6, error code 0x0\) at fault_illegal\+0x"],
        # Executable, the poison (int3) would give a breakpoint trap.
        exec_init=[r"x86/mm: init text \[0x[0-9a-f]+-0x[0-9a-f]+\) now RW NX",
                   r"fault: calling freed init text at",
                   r"page fault \(vector 14, error code 0x11\)",
                   r"\(instruction fetch violating page protection\)",
                   r"\] fault_exec_init\+0x"]),
}
for _arch, _config, _board, _prefix in (
        ("riscv", VIRT, "qemu_riscv64_virt", "virt"),
        ("x86", X86, "qemu_x86_64", "x86-pvh")):
    for _kind, _expect in FAULTS[_arch].items():
        BOOTS.append(dict(
            name="%s-fault-%s" % (_prefix, _kind), config=_config,
            fragment=FAULT_FRAGMENT, arch=_arch, board=_board,
            append="fault=" + _kind, status=121,
            expect=[r"fault: triggering '%s'" % _kind] + _expect +
            [r"Call trace:", r"---\[ end trace: exception \]---",
             r"Power down: exit status 121"],
            reject=[r"did not fault", r"was executable", r"not freed",
                    r"Nested exception", r"Hello from hello"]))
# W^X on for every riscv virt boot: the map is built and init text freed.
BOOTS.append(dict(
    name="virt-wx-map", config=VIRT, fragment=FAULT_FRAGMENT,
    board="qemu_riscv64_virt", machine="-M virt -m 4G",
    expect=[r"riscv/mm: Sv39 identity map of RAM up to 0x180000000: [1-9] x 1G",
            r"riscv/mm: text RX, rodata R, data NX; NULL page and stack guard unmapped",
            r"riscv/mm: init text \[0x[0-9a-f]+-0x[0-9a-f]+\) now RW NX",
            r"Hello from hello on Kite!"]))

# Exit status on every board (ci/qemu.py, docs/applications.md): hello
# exits with the status after "--".  sifive_u has no exit device, so the
# status comes from the console's power-down line; virt and x86 carry it in
# QEMU's exit code too, and the two must agree.  One boot runs `make run`
# itself, which must fail on a non-zero status.
def make_run_command(append):
    def command(srctree, out):
        return ["sh", "-c", 'make -s -C "$0" O="$1" run QEMU_APPEND="$2" '
                '</dev/null 2>&1; echo "make run exited $?"',
                srctree, out, append]
    return command


for _name, _config, _arch, _board in (
        ("sifive_u", "qemu_sifive_u_defconfig", "riscv", "qemu_sifive_u"),
        ("virt", VIRT, "riscv", "qemu_riscv64_virt"),
        ("x86-pvh", X86, "x86", "qemu_x86_64")):
    BOOTS.append(dict(
        name=_name + "-exit7", config=_config, fragment=HELLO, arch=_arch,
        board=_board, append="-- 7", status=7,
        expect=[r"hello: exiting with status 7 as asked",
                r"app: hello exited with status 7",
                r"Power down: exit status 7"]))
BOOTS.append(dict(
    name="sifive_u-make-run-exit7", config="qemu_sifive_u_defconfig",
    fragment=HELLO, board="qemu_sifive_u", command=make_run_command("-- 7"),
    status=7, timeout=240,
    expect=[r"^\[ *[0-9.]+\] Power down: exit status 7\n"
            r"qemu: application exit status 7$",
            r"make(\[\d+\])?: \*\*\* \[.*run\] Error 7",
            r"^make run exited 2$"]))

# The default application (memdemo) on small machines: at each arch's
# smallest RAM (docs/performance.md, "smallest -m"), at sizes whose pcp
# batch once broke its free page count, and under mem= caps.
MEMDEMO_OK = [r"memdemo: all checks passed", r"Power down: exit status 0"]
for _arch, _config, _board, _prefix, _machine, _sizes in (
        ("riscv", VIRT, "qemu_riscv64_virt", "virt", "-M virt -m %s",
         ["5M", "64M", "96M"]),
        ("x86", X86, "qemu_x86_64", "x86-pvh", "-m %s", ["3M", "64M"])):
    for _m in _sizes:
        BOOTS.append(dict(
            name="%s-memdemo-%s" % (_prefix, _m), config=_config, arch=_arch,
            board=_board, machine=_machine % _m, expect=MEMDEMO_OK,
            reject=[r"\[FAIL\]"]))
    for _mem in (["8M", "12M", "16M", "64M"] if _arch == "riscv"
                 else ["8M", "64M"]):
        BOOTS.append(dict(
            name="%s-memdemo-mem%s" % (_prefix, _mem), config=_config,
            arch=_arch, board=_board, append="mem=" + _mem,
            expect=[r"mem=: memory capped at %s MiB" % _mem[:-1]] + MEMDEMO_OK,
            reject=[r"\[FAIL\]"]))

# SBI TIME without a timer behind it (issue 17): OpenSBI on a sifive_u
# devicetree without its CLINT node, as the upstream FU740 one, says
# "Timer Device: --- @ 0Hz"; the time CSR then reads 0 and the timer
# interrupt never comes due.  The kernel must notice within a bounded
# wait, say so, and run the application without timer interrupts.
def sifive_u_no_clint(srctree, out):
    dtb = os.path.join(out, "sifive_u-no-clint.dtb")
    subprocess.run(["qemu-system-riscv64", "-M", "sifive_u,dumpdtb=" + dtb,
                    "-smp", "2", "-m", "256M", "-nographic", "-bios",
                    "default"], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["fdtput", "-r", dtb, "/soc/clint@2000000"], check=True)
    return qemu.qemu_command("riscv", "qemu_sifive_u",
                             os.path.join(out, "kernel.elf"),
                             extra=["-dtb", dtb])


BOOTS.append(dict(
    name="sifive_u-no-clint", config="qemu_sifive_u_defconfig",
    fragment=HELLO, board="qemu_sifive_u", command=sifive_u_no_clint,
    timeout=90,
    expect=[r"Platform Timer Device\s*: --- @ 0Hz",
            r"timer: the time CSR stays at 0 over \d+ reads: the firmware "
            r"has no timer device behind SBI TIME; no timer interrupts",
            r"Hello from hello on Kite!",
            r"Power down: exit status 0"]))

# A detected mm error ends the run with EXIT_MM_ERROR (119), not 0:
# mm_error=<kind> (tests/kernel/fault_ktest.c) commits one that the kernel
# reports and survives; hello then returns 0.  The reports name their callers
# (symbol+0xoff/0xsize), and the boot log says which slab checks are on.
MM_ERROR = HELLO + ["CONFIG_SELFTEST=y", "CONFIG_SLAB_DEBUG=y"]
SYM = r"\+0x[0-9a-f]+/0x[0-9a-f]+"
MM_ERRORS = [
    ("slab_uaf", "slab_debug=FZPU",
     [r"slab: debug checks on for all caches: F \(free checks\), Z \(red "
      r"zones\), P \(poisoning\), U \(owner tracking\)$",
      r"BUG: kmalloc-64: poison overwritten \(write after free\) .* last "
      r"freed by mm_error_slab_uaf" + SYM + r", caller mm_error_slab_uaf" + SYM,
      r"Kernel tainted: B: 1 error report\(s\) during the run"]),
    ("slab_double_free", "slab_debug=ZF",
     [r"slab: debug checks on for all caches: F \(free checks\), Z \(red "
      r"zones\); off: P \(poisoning\), U \(owner tracking\) "
      r"\(slab_debug=FZPU\[,cache,\.\.\.\] turns on all\)",
      r"BUG: kmalloc-64: double free of object 0x[0-9a-f]+, last freed by "
      r"0x0, caller \w+" + SYM,
      r"Kernel tainted: B: 1 error report"]),
    ("page_double_free", "",
     [r"slab: debug checks built in \(CONFIG_SLAB_DEBUG\) but off; "
      r"slab_debug=FZPU\[,cache,\.\.\.\] turns on F \(free checks\), Z "
      r"\(red zones\), P \(poisoning\), U \(owner tracking\)",
      r"BUG: Bad page state: pfn:[0-9a-f]+ order:0 caller:\w+" + SYM,
      r"Kernel tainted: B: 1 error report"]),
    ("warn", "",
     [r"WARNING: at .*fault_ktest\.c:\d+, called from \w+" + SYM,
      r"Kernel tainted: W: 1 error report"]),
]
for _arch, _config, _board, _prefix in (
        ("riscv", VIRT, "qemu_riscv64_virt", "virt"),
        ("x86", X86, "qemu_x86_64", "x86-pvh")):
    for _kind, _opts, _expect in MM_ERRORS:
        BOOTS.append(dict(
            name="%s-mm-error-%s" % (_prefix, _kind), config=_config,
            fragment=MM_ERROR, arch=_arch, board=_board,
            append=("%s mm_error=%s" % (_opts, _kind)).strip(), status=119,
            expect=[r"mm_error: committing '%s'" % _kind] + _expect +
            [r"app: hello exited with status 0",
             r"Power down: exit status 119"]))

# mm selftests (tests/kernel/*_ktest.c, tests/kernel/memstress.c):
# the normal suites run in virt-selftest above and x86-selftest here; one
# debug boot per arch runs the misuse suite with the page/slab debug checks
# on, the bitmap bootmem backend and memblock/__init kept after boot; one
# boot checks the panicking bootmem variant; one short soak per arch.
MM_DEBUG = SELFTEST + ["CONFIG_DEBUG_MM_SELFTEST=y", "CONFIG_BOOTMEM_BITMAP=y",
                       "# CONFIG_FREE_INITMEM is not set",
                       "# CONFIG_ARCH_DISCARD_MEMBLOCK is not set"]
MM_MISUSE = [r"BUG: Bad page state: .*",
             r"page dumped because: .*\(double free\)",
             r"page dumped because: PG_reserved set",
             r"page dumped because: not aligned to its order",
             r"page dumped because: order >= MAX_ORDER at free",
             r"page dumped because: tail page has a nonzero _refcount",
             r"pagealloc: memory corruption at pfn",
             r"BUG: misuse_dfree: double free of object",
             r"BUG: misuse_inval: invalid free of .*not the start of an object",
             r"BUG: misuse_inval: invalid free of .*not a slab object",
             r"BUG: kfree: invalid pointer",
             r"BUG: misuse_two: free of object .* to the wrong cache",
             r"BUG: misuse_rz: red zone overwritten",
             r"BUG: misuse_uaf: poison overwritten \(write after free\)",
             r"slab: kmem_cache_destroy test_leaky: 1 objects still allocated",
             r"mm: \d+ pages handed to the buddy allocator \(bitmap bootmem\)",
             r"# Totals: pass:\d+ fail:0 skip:0"]
MM_EXPECTED = [r"# page_double_free: 1 expected error report\(s\)",
               r"Power down: exit status 0"]
MM_UNEXPECTED = [r"unexpected error report", r"Kernel tainted"]
MM_SOAK = r"memstress: 1000000 ops in \d+ ms \(\d+ ops/s\).*free pages start (\d+) end \1, 0 errors"
MM_PANIC = [r"Kernel panic - not syncing: Out of memory: bootmem alloc of "
            r"1125899906842624 bytes failed \(align 0x1000, goal 0x1234000, limit 0\)",
            r"Power down: exit status 120"]

# Without the event counters every suite must still pass (a random
# configuration, x86 KCONFIG_SEED=0x5eed1, found oom_pages_until_null
# counting on PGALLOC_FAIL).
BOOTS += [
    dict(name="virt-selftest-no-vm-events", config=VIRT,
         fragment=SELFTEST + ["# CONFIG_VM_EVENT_COUNTERS is not set"],
         board="qemu_riscv64_virt", ktap=True, min_cases=40,
         expect=[r"ok \d+ oom", r"# Totals: pass:\d+ fail:0"]),
]

BOOTS += [
    dict(name="x86-selftest", config=X86, fragment=SELFTEST, arch="x86",
         board="qemu_x86_64", ktap=True, min_cases=40,
         expect=[r"ok \d+ e820", r"ok \d+ memstress",
                 r"# Totals: pass:\d+ fail:0"]),
    # The misuse suite's reports are expected ones: the run ends 0.
    dict(name="virt-mm-debug", config=VIRT, fragment=MM_DEBUG,
         board="qemu_riscv64_virt", ktap=True, min_cases=60,
         expect=MM_MISUSE + MM_EXPECTED, reject=MM_UNEXPECTED),
    dict(name="x86-mm-debug", config=X86, fragment=MM_DEBUG, arch="x86",
         board="qemu_x86_64", ktap=True, min_cases=60,
         expect=MM_MISUSE + MM_EXPECTED, reject=MM_UNEXPECTED),
    dict(name="virt-bootmem-panic", config=VIRT, fragment=SELFTEST,
         board="qemu_riscv64_virt", append="bootmem_selftest=panic",
         status=120, expect=MM_PANIC, reject=[r"KTAP version"]),
    dict(name="virt-soak-short", config=VIRT, fragment=SELFTEST,
         board="qemu_riscv64_virt", append="memstress.ops=1000000 -- memstress",
         ktap=True, expect=[MM_SOAK]),
    dict(name="x86-soak-short", config=X86, fragment=SELFTEST, arch="x86",
         board="qemu_x86_64", append="memstress.ops=1000000 -- memstress",
         ktap=True, expect=[MM_SOAK]),
]

# The interleaved layout again on the debug build (bitmap bootmem backend,
# DEBUG_VM, the misuse suite): both backends must hand over every free page
# of both nodes, and the misuse suite's BUG: lines are the expected ones.
BOOTS.append(dict(
    name="virt-numa-interleaved-bitmap", config=VIRT, fragment=MM_DEBUG,
    board="qemu_riscv64_virt", command=_il_command, ktap=True, min_cases=60,
    timeout=300,
    expect=MM_MISUSE + [r"Node 1, zone +\w+: \d+ managed pages",
                        r"(?<!not )ok \d+ oom_pages_until_null"],
    # (the selftests WARN on purpose; these two would be node trouble)
    reject=[r"not ok", r"overlaps another node",
            r"not covered by any node"]))

# The bench application (app/bench), short: "-- quick" runs a few
# iterations; `make bench` (bench/run_bench.py) does the long runs.  The
# block must be complete and parseable, the timeline ordered.
BENCH = ["CONFIG_APP_BENCH=y"]


def bench_block_check(text, srctree):
    m = re.search(r"^timeline entry_ns=(\d+) setup_arch_ns=(\d+) "
                  r"mm_init_ns=(\d+) app_main_ns=(\d+)", text, re.M)
    marks = [int(x) for x in m.groups()] if m else []
    return [("boot timeline marks are in boot order",
             len(marks) == 4 and marks == sorted(marks) and marks[3] > 0,
             "timeline: %s" % marks)]


def bench_deferred_check(text, srctree):
    m = re.search(r"^deferred enabled=1 finish_ns=\d+ pages_before=(\d+) "
                  r"pages_after=(\d+)", text, re.M)
    ok = bool(m) and int(m.group(2)) > int(m.group(1))
    return [("deferred init finished after app_main and added pages",
             ok, m.group(0) if m else "no deferred line")]


BENCH_EXPECT = [r"^---- kite-bench begin ----$",
                r"^timeline entry_ns=\d+ setup_arch_ns=\d+ mm_init_ns=\d+ "
                r"app_main_ns=\d+",
                r"^footprint struct_page=\d+ ",
                r"^page pcp=1 order=0 iters=\d+ ns_x10=\d+",
                r"^slab kind=kmem_cache size=64 iters=\d+ ns_x10=\d+",
                r"^---- kite-bench end ----$"]
BENCH_REJECT = [r"^(page|slab) .* failed$"]
BOOTS += [
    dict(name="virt-bench", config=VIRT, fragment=BENCH,
         board="qemu_riscv64_virt", append="-- quick", expect=BENCH_EXPECT,
         reject=BENCH_REJECT, check=bench_block_check),
    dict(name="virt-bench-deferred", config=VIRT,
         fragment=BENCH + ["CONFIG_DEFERRED_STRUCT_PAGE_INIT=y",
                           "CONFIG_DEFERRED_INIT_FIRST_MB=32"],
         board="qemu_riscv64_virt", machine="-M virt -m 512M",
         append="-- quick",
         expect=BENCH_EXPECT + [r"__init sections kept until deferred",
                                r"deferred struct page init done",
                                r"Freeing unused kernel memory"],
         reject=BENCH_REJECT, check=bench_deferred_check),
    dict(name="x86-bench", config=X86, fragment=BENCH, arch="x86",
         board="qemu_x86_64", append="-- quick", expect=BENCH_EXPECT,
         reject=BENCH_REJECT, check=bench_block_check),
]

# The bitmap bootmem backend on layouts its word-at-a-time handoff gets
# wrong if it assumes alignment: RAM from pfn 0x80004 (not a multiple of
# 64), its tail a separate 60-page bank (malformed.py memory-odd-base).
# Every page memblock had free must be handed over.
BOOTS.append(dict(
    name="virt-bootmem-bitmap-odd-base", config=VIRT, fragment=BITMAP,
    board="qemu_riscv64_virt", command=malformed_dtb("memory-odd-base"),
    timeout=60,
    expect=[r"node   0: \[mem 0x0+80004000-0x0+87efffff\]",
            r"node   0: \[mem 0x0+87f40000-0x0+87f7bfff\]",
            r"pages handed to the buddy allocator \(bitmap bootmem\)",
            r"Hello from hello on Kite!", r"Power down: exit status 0"],
    reject=[r"bootmem handoff mismatch"]))


def deferred_handoff_check(text, srctree):
    """After deferred struct page init, every zone manages at most its
    present pages, and all of them together what memblock had free."""
    present = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"^(?:\[[ 0-9.]+\] )?\s*(\w+) zone: \d+ pages spanned, (\d+) "
        r"present$", text, re.M)}
    managed = {}
    for m in re.finditer(r"Node (\d+), zone\s+(\w+): (\d+) managed pages",
                         text):
        managed[(m.group(1), m.group(2))] = int(m.group(3))  # the last
    free = re.search(r"memblock had (\d+) free", text)
    over = [(z, n, present.get(z[1])) for z, n in managed.items()
            if n > present.get(z[1], 0)]
    return [("no zone manages more pages than it has", bool(managed) and
             not over, "over: %s" % over),
            ("deferred init: managed pages = memblock's free pages",
             bool(free) and sum(managed.values()) == int(free.group(1)),
             "managed %s, %s" % (managed, free and free.group(0)))]


# Bitmap bootmem with deferred struct page init: the boot handoff stops
# at the deferred part, deferred init frees the rest by the bitmaps, once.
BOOTS.append(dict(
    name="virt-bootmem-bitmap-deferred", config=VIRT,
    fragment=SELFTEST + ["CONFIG_BOOTMEM_BITMAP=y",
                         "CONFIG_DEFERRED_STRUCT_PAGE_INIT=y",
                         "CONFIG_DEFERRED_INIT_FIRST_MB=32"],
    board="qemu_riscv64_virt", machine="-M virt -m 512M", ktap=True,
    min_cases=40,
    expect=[r"pages handed to the buddy allocator \(bitmap bootmem\)",
            r"deferred struct page init done",
            r"# Totals: pass:\d+ fail:0"],
    reject=[r"BUG:", r"Unhandled exception"],
    check=deferred_handoff_check))

# Deferred struct page init with a small boot part (13 MiB, rounded to
# one 16 MiB MAX_ORDER block) and MAX_ORDER 13: the selftests start while
# most of memory is still deferred, and their first large allocation grows
# it on demand.  Suites that compare free page counts must see that growth
# before their baseline (randconfig KCONFIG_SEED=0x6b16bc35).
BOOTS.append(dict(
    name="virt-selftest-deferred-small", config=VIRT,
    fragment=SELFTEST + ["CONFIG_DEFERRED_STRUCT_PAGE_INIT=y",
                         "CONFIG_DEFERRED_INIT_FIRST_MB=13",
                         "CONFIG_MAX_ORDER=13"],
    board="qemu_riscv64_virt", ktap=True, min_cases=40,
    expect=[r"deferred struct page init done",
            r"(?<!not )ok \d+ page_alloc_orders",
            r"# Totals: pass:\d+ fail:0"],
    reject=[r"BUG:", r"Unhandled exception"]))

# Every selftest with slab debug on every cache (SLAB_DEBUG_ON): a
# kmalloc-2048 object then takes more than 2048 bytes, and the oom suite
# must still see memory run dry (randconfig KCONFIG_SEED=0x5eed0100).
BOOTS.append(dict(
    name="virt-selftest-slab-debug-on", config=VIRT,
    fragment=SELFTEST + ["CONFIG_SLAB_DEBUG=y", "CONFIG_SLAB_DEBUG_ON=y"],
    board="qemu_riscv64_virt", ktap=True, min_cases=40,
    expect=[r"(?<!not )ok \d+ oom_kmalloc_until_null",
            r"# Totals: pass:\d+ fail:0"],
    reject=[r"Unhandled exception"]))

# Every selftest with (almost) no emergency reserve: 3 KiB is under one
# page, so every min watermark is 0 and the oom suite cannot expect
# __GFP_MEMALLOC to find anything (randconfig KCONFIG_SEED=0x5eed0102).
BOOTS.append(dict(
    name="virt-selftest-no-reserve", config=VIRT,
    fragment=SELFTEST + ["CONFIG_MIN_FREE_KBYTES=3"],
    board="qemu_riscv64_virt", ktap=True, min_cases=40,
    expect=[r"(?<!not )ok \d+ oom_pages_until_null",
            r"(?<!not )ok \d+ oom_kmalloc_until_null",
            r"# Totals: pass:\d+ fail:0"],
    reject=[r"Unhandled exception"]))

# CONFIG_BUILTIN_DTB: the firmware's blob fails the structure check (a
# string offset out of range), so the kernel takes its built-in
# boards/riscv/qemu_riscv64_virt/qemu_riscv64_virt.dts instead and runs
# on, on an assumed map.
BOOTS.append(dict(
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
BOOTS.append(dict(
    name="virt-builtin-dtb-selftest", config=VIRT,
    fragment=SELFTEST + ["CONFIG_BUILTIN_DTB=y"], board="qemu_riscv64_virt",
    command=malformed_dtb("string-offset", ["-m", "256M"]), timeout=180,
    status=123, ktap=True, min_cases=5,
    expect=BUILTIN_ASSUMED + [r"ok \d+ oom_pages_until_null",
                              r"# Totals: pass:\d+ fail:0", BADFW],
    reject=[r"access fault"]))



# `make debug` as docs/applications.md tells a user to run it: the test
# (tests/qemu/gdbdebug.py) runs make debug on a free GDB_PORT, runs the
# gdb command it prints (gdb-multiarch, batch mode), breaks at app_main,
# prints a backtrace with symbols and continues to power-off.  A fragment
# of its own gives it its own O=: make debug relinks the kernel when
# anything changed, which no other boot may see half-written.
def make_debug(srctree, out):
    return [sys.executable, os.path.join(srctree, "tests", "qemu", "gdbdebug.py"),
            "--srctree", srctree, "--objtree", out, "--timeout", "240"]


GDB_EXPECT = [r"^\*\*\* gdb stub on localhost:\d+; QEMU waits",
              r"^    gdb-multiarch \S+/kernel\.elf -ex 'target remote :\d+'$",
              r"^Breakpoint 1, app_main \(",
              r"^#0\s+app_main \(.*\) at \S+/app/memdemo/memdemo\.c:\d+$",
              r"^#\d+\s+0x[0-9a-f]+ in run_application \(\) at \S+/kernel/app\.c:\d+$",
              r"^#\d+\s+0x[0-9a-f]+ in start_kernel \(bi=.*\) at \S+/kernel/main\.c:\d+$",
              r"Power down: exit status 0",
              r"^gdbdebug: make debug exit status 0$"]
GDB_REJECT = [r"^gdbdebug: .*(not found|killed|no gdb command)",
              r"Connection refused|Remote communication error"]
BOOTS += [
    dict(name="virt-make-debug", config=VIRT, board="qemu_riscv64_virt",
         fragment=["# make debug: own O="], command=make_debug, timeout=300,
         expect=GDB_EXPECT + [r"^#\d+\s+0x[0-9a-f]+ in riscv_boot \("],
         reject=GDB_REJECT),
    dict(name="x86-make-debug", config=X86, arch="x86", board="qemu_x86_64",
         fragment=["# make debug: own O="], command=make_debug, timeout=300,
         expect=GDB_EXPECT + [r"^#\d+\s+0x[0-9a-f]+ in x86_boot \("],
         reject=GDB_REJECT),
]

# x86 with damaged or missing ACPI tables (tests/qemu/boots_acpi.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boots_acpi  # noqa: E402
BOOTS += boots_acpi.ACPI_BOOTS
