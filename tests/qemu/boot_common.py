# SPDX-License-Identifier: MIT
"""What the boot modules share (tests/qemu/boots.py): the configurations
and fragments every kind of boot uses, and the QEMU command builders used
by more than one kind (the x86 ISO, a malformed DTB on virt, a hand-made
memory map)."""
import atexit
import os
import re
import shutil
import subprocess
import tempfile
import threading

import qemu  # ci/qemu.py: tests/run_tests.py puts ci/ on sys.path
from boot_checks import memmap_matches_boot


DEBIAN_FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic"
VIRT = "qemu_riscv64_virt_defconfig"
SELFTEST = ["CONFIG_APP_SELFTEST=y"]
HELLO = ["CONFIG_APP_HELLO=y"]
X86 = "qemu_x86_64_defconfig"
OVMF = "/usr/share/ovmf/OVMF.fd"
# The x86 APs come up (issue 19: INIT-SIPI-SIPI, the CPUs from the
# MADT): the x86 boots of several CPUs are on.
X86_SMP = True
# Several CPUs (issue 19): four under multi-threaded TCG, the lock
# debugger on, and what a boot with all four up prints.
SMP4 = "-smp 4 -accel tcg,thread=multi"
DEBUG_SPINLOCK = ["CONFIG_DEBUG_SPINLOCK=y"]
BROUGHT_UP_4 = r"smp: Brought up 1 nodes?, 4 CPUs"
# memstress_smp (tests/kernel/memstress.c): blocks handed between CPUs
# and freed on another one, free pages and slab objects back at their
# start, no error.
MEMSTRESS_SMP = (r"memstress: smp: 4 CPUs, \d+ ops each in \d+ ms, "
                 r"[1-9]\d* handed between CPUs, [1-9]\d* freed on another "
                 r"CPU, free pages start (\d+) end \1, slab objects start "
                 r"(\d+) end \2, 0 errors")


# x86_64: the GRUB ISO (multiboot2, `make image`) from the CD-ROM.
def x86_iso_boot(extra=(), machine=None):
    """QEMU argv booting $(O)/kite.iso from the CD-ROM (no -kernel);
    @machine replaces the board's machine flags."""
    def command(srctree, out):
        return qemu.qemu_command("x86", "qemu_x86_64", None,
                                 extra=["-cdrom", os.path.join(out, "kite.iso")]
                                 + list(extra), machine=machine)
    return command


# Malformed devicetrees (tests/qemu/malformed.py, boots_badfw.py) on virt.
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
