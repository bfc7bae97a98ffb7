# SPDX-License-Identifier: MIT
"""Boot definitions per board and loader (tests/qemu/boots.py): riscv
virt and sifive_u, U-Boot from an SD card image, x86_64 through PVH and
GRUB, the external application, exit statuses, memdemo on small machines
and `make debug`."""
import os
import subprocess
import sys

import qemu  # ci/qemu.py: tests/run_tests.py puts ci/ on sys.path
import uboot
from boot_checks import dt_memory_check
from boot_common import BROUGHT_UP_4, DEBIAN_FW, DEBUG_SPINLOCK, HELLO, \
    MEMSTRESS_SMP, OVMF, SELFTEST, SMP4, VIRT, X86, x86_iso_boot

RISCV = []
UBOOT = []
X86_BOOTS = []
EXTAPP_BOOTS = []
EXIT = []
MEMDEMO = []
NO_CLINT = []
MAKE_DEBUG = []


RISCV += [
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
         machine="-M virt -m 128M " + SMP4, append="memblock=debug",
         # OpenSBI's lottery picks the boot hart, which becomes CPU 0
         expect=[r"smp: 4 harts in /cpus, booted on hart [0-3], 4 usable",
                 BROUGHT_UP_4],
         check=dt_memory_check(["-M", "virt", "-m", "128M", "-smp", "4"])),
    dict(name="virt-mem64M", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         append="mem=64M", expect=[r"mem=: memory capped at 64 MiB"]),
    dict(name="virt-numa2", config=VIRT, fragment=HELLO, board="qemu_riscv64_virt",
         machine="-M virt -m 256M -smp 2 -object memory-backend-ram,id=m0,size=128M "
                 "-object memory-backend-ram,id=m1,size=128M "
                 "-numa node,memdev=m0,cpus=0,nodeid=0 "
                 "-numa node,memdev=m1,cpus=1,nodeid=1",
         append="memblock=debug",
         expect=[r"on node 0", r"on node 1",
                 r"smp: Brought up 2 nodes, 2 CPUs"],
         check=dt_memory_check(
             ["-M", "virt", "-m", "256M", "-smp", "2",
              "-object", "memory-backend-ram,id=m0,size=128M",
              "-object", "memory-backend-ram,id=m1,size=128M",
              "-numa", "node,memdev=m0,cpus=0,nodeid=0",
              "-numa", "node,memdev=m1,cpus=1,nodeid=1"])),
    dict(name="sifive_u", config="qemu_sifive_u_defconfig", fragment=HELLO,
         board="qemu_sifive_u", append="memblock=debug",
         expect=[r"console \[sifive-uart@10010000\] enabled",
                 # the E51 monitor core has no MMU: four U54s of five
                 # harts; OpenSBI's lottery picks the boot hart among them
                 r"smp: hart 0 skipped: no MMU \(a monitor core\)",
                 r"smp: 5 harts in /cpus, booted on hart [1-4], 4 usable",
                 BROUGHT_UP_4, r"Hello from hello"],
         # OpenSBI adds a no-map region to this blob at run time, which
         # splits the node's ranges; QEMU's dump lacks it, so tools/memmap
         # is not compared here.
         check=dt_memory_check(["-M", "sifive_u", "-smp", "5", "-m", "256M"],
                               memmap=False)),
    # Every suite on four CPUs with the lock debugger on: memstress also
    # runs on all four at once (issue 19).
    dict(name="virt-selftest", config=VIRT, fragment=SELFTEST + DEBUG_SPINLOCK,
         board="qemu_riscv64_virt", machine="-M virt -m 128M " + SMP4,
         ktap=True, min_cases=5, timeout=600,
         expect=[r"slab test: kmalloc-64 red zone off",
                 r"ok \d+ slab_kmalloc_natural_alignment", BROUGHT_UP_4,
                 MEMSTRESS_SMP, r"(?<!not )ok \d+ memstress_smp",
                 r"# Totals: pass:\d+ fail:0"],
         reject=[r"spinlock lockup", r"failed to start"]),
    # kmalloc's natural alignment with red-zoned (padded) kmalloc caches
    dict(name="virt-slab-debug-z", config=VIRT,
         fragment=SELFTEST + ["CONFIG_SLAB_DEBUG=y"],
         board="qemu_riscv64_virt", append="slab_debug=Z -- slab",
         ktap=True, min_cases=5,
         expect=[r"slab test: kmalloc-64 red zone on",
                 r"ok \d+ slab_kmalloc_natural_alignment",
                 r"# Totals: pass:\d+ fail:0"]),
]


# ---------------------------------------------------------------- U-Boot
# `make image`'s sdcard.img booted by Debian's U-Boot (tests/qemu/uboot.py):
# once through extlinux.conf (booti /Image, U-Boot's own DT), once through
# boot.scr (bootm kernel.itb#conf-1, the board's DT).  The extlinux entry
# also checks the Image header and `make flash` on a regular file.
def uboot_boot(kind, **kw):
    """A hello boot on QEMU virt from an SD card image through U-Boot
    (uboot.SDCardBoot(@kind)); @kw adds expect= and the like."""
    sd = uboot.SDCardBoot(kind)
    return dict(name="virt-uboot-" + kind, config=VIRT, fragment=HELLO,
                board="qemu_riscv64_virt", targets=["all", "image"],
                command=sd.command, check=sd.check,
                skip_unless=uboot.available,
                skip_why="missing " + uboot.missing(), timeout=180, **kw)


UBOOT += [
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
# Real firmware maps (QEMU's PVH map, GRUB's under SeaBIOS and OVMF) are
# sound: none of the malformed-map messages (x86-bade820-*) may appear.
X86_SOUND_MAP = [r"e820: firmware", r"e820: no usable RAM",
                 r"does not cover the kernel image", r"PVH: memmap_entries"]
X86_BASE = [r"console \[ttyS0\] enabled",
            r"BIOS-e820: \[mem 0x0000000000100000-0x[0-9a-f]{16}\] usable",
            r"x86/mm: direct map of RAM",
            r"Power down: exit status 0"]

X86_BOOTS += [
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


EXTAPP_BOOTS += extapp_boots("virt", VIRT, "qemu_riscv64_virt", "riscv")
# x86_64: added once its configuration exists (the port is landing).
if os.path.exists(os.path.join(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))), "boards", "x86",
        "qemu_x86_64", "qemu_x86_64_defconfig")):
    EXTAPP_BOOTS += extapp_boots("x86", "qemu_x86_64_defconfig", "qemu_x86_64", "x86")


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
    EXIT.append(dict(
        name=_name + "-exit7", config=_config, fragment=HELLO, arch=_arch,
        board=_board, append="-- 7", status=7,
        expect=[r"hello: exiting with status 7 as asked",
                r"app: hello exited with status 7",
                r"Power down: exit status 7"]))
EXIT.append(dict(
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
        MEMDEMO.append(dict(
            name="%s-memdemo-%s" % (_prefix, _m), config=_config, arch=_arch,
            board=_board, machine=_machine % _m, expect=MEMDEMO_OK,
            reject=[r"\[FAIL\]"]))
    for _mem in (["8M", "12M", "16M", "64M"] if _arch == "riscv"
                 else ["8M", "64M"]):
        MEMDEMO.append(dict(
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
                    "-smp", "5", "-m", "256M", "-nographic", "-bios",
                    "default"], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["fdtput", "-r", dtb, "/soc/clint@2000000"], check=True)
    return qemu.qemu_command("riscv", "qemu_sifive_u",
                             os.path.join(out, "kernel.elf"),
                             extra=["-dtb", dtb])


NO_CLINT.append(dict(
    name="sifive_u-no-clint", config="qemu_sifive_u_defconfig",
    fragment=HELLO, board="qemu_sifive_u", command=sifive_u_no_clint,
    timeout=180,
    expect=[r"Platform Timer Device\s*: --- @ 0Hz",
            r"timer: the time CSR stays at 0 over \d+ reads: the firmware "
            r"has no timer device behind SBI TIME; no timer interrupts",
            # no CLINT, no IPI: the application harts never start,
            # and each is named with the reason
            r"smp: CPU#1 \(hart \d\) failed to start: ",
            r"smp: Brought up 1 node, 1 CPU\b",
            r"Hello from hello on Kite!",
            r"Power down: exit status 0"]))


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
              r"^(Thread \d+ hit )?Breakpoint 1, app_main \(",
              r"^#0\s+app_main \(.*\) at \S+/app/memdemo/memdemo\.c:\d+$",
              r"^#\d+\s+0x[0-9a-f]+ in run_application \(\) at \S+/kernel/app\.c:\d+$",
              r"^#\d+\s+0x[0-9a-f]+ in start_kernel \(bi=.*\) at \S+/kernel/main\.c:\d+$",
              r"Power down: exit status 0",
              r"^gdbdebug: make debug exit status 0$"]
GDB_REJECT = [r"^gdbdebug: .*(not found|killed|no gdb command)",
              r"Connection refused|Remote communication error"]
MAKE_DEBUG += [
    dict(name="virt-make-debug", config=VIRT, board="qemu_riscv64_virt",
         fragment=["# make debug: own O="], command=make_debug, timeout=300,
         expect=GDB_EXPECT + [r"^#\d+\s+0x[0-9a-f]+ in riscv_boot \("],
         reject=GDB_REJECT),
    dict(name="x86-make-debug", config=X86, arch="x86", board="qemu_x86_64",
         fragment=["# make debug: own O="], command=make_debug, timeout=300,
         expect=GDB_EXPECT + [r"^#\d+\s+0x[0-9a-f]+ in x86_boot \("],
         reject=GDB_REJECT),
]
