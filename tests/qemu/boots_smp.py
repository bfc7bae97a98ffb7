# SPDX-License-Identifier: MIT
"""SMP boot definitions (issue 19; tests/qemu/boots.py): four CPUs under
multi-threaded TCG on riscv virt, x86 PVH and x86 through GRUB + OVMF,
each running memstress on every CPU at once (spinlock debugging on, no
page or slab object lost at the end), and smpdemo's parallel sieve.

TCG with four vCPU threads on a shared two-core machine is slow, and
nothing here may race on wall time: the timeouts are generous.  The
guest's one timed wait, for a CPU that does not come online, is 10 s of
its own clock; the ghost boots check its length from the log's own
timestamps."""
import os
import re
import subprocess

import qemu  # ci/qemu.py: tests/run_tests.py puts ci/ on sys.path
from boot_common import BROUGHT_UP_4, DEBUG_SPINLOCK, HELLO, MEMSTRESS_SMP, \
    OVMF, SELFTEST, SMP4, VIRT, X86, X86_SMP, x86_iso_boot
from boots_acpi import INJECTED, acpi_injected
from boots_badfw import INJECTED as DTB_INJECTED, injected_dtb
from malformed import GHOST_HART

VIRT_SMP4 = "-M virt -m 256M " + SMP4
X86_SMP4 = "-m 256M " + SMP4
SMP_SELFTEST = SELFTEST + DEBUG_SPINLOCK
SMP_REJECT = [r"failed to start", r"spinlock lockup", r"BUG:",
              r"Unhandled exception"]
SMPDEMO = ["CONFIG_APP_SMPDEMO=y"]
SMPDEMO_OK = [BROUGHT_UP_4,
              r"smpdemo: primes below 2000000 on 4 CPUs",
              r"smpdemo: parallel: 148933 primes, sum 142913828922",
              r"smpdemo: the sieve ran on 4 of 4 CPUs",
              r"smpdemo: serial: +148933 primes, sum 142913828922",
              r"smpdemo: the parallel result matches the serial one",
              r"Power down: exit status 0"]

SMP_BOOTS = [
    dict(name="virt-smpdemo", config=VIRT, fragment=SMPDEMO + DEBUG_SPINLOCK,
         board="qemu_riscv64_virt", machine=VIRT_SMP4, timeout=300,
         expect=SMPDEMO_OK, reject=SMP_REJECT),
]
if X86_SMP:
    SMP_BOOTS += [
        dict(name="x86-smpdemo", config=X86, fragment=SMPDEMO + DEBUG_SPINLOCK,
             arch="x86", board="qemu_x86_64", machine=X86_SMP4, timeout=300,
             expect=SMPDEMO_OK, reject=SMP_REJECT),
        # GRUB under OVMF (multiboot2, the MADT through the ACPI tags):
        # only the memstress suite (CONFIG_APP_CMDLINE; GRUB's entry has
        # no "--" part).
        dict(name="x86-iso-ovmf-smp", config=X86,
             fragment=SMP_SELFTEST + ['CONFIG_APP_CMDLINE="memstress"'],
             arch="x86", board="qemu_x86_64", targets=["all", "image"],
             command=x86_iso_boot(["-bios", OVMF], machine=X86_SMP4),
             skip_unless=lambda: os.path.exists(OVMF),
             skip_why="no " + OVMF, timeout=600, ktap=True, min_cases=2,
             expect=[r"boot: entered via multiboot2", BROUGHT_UP_4,
                     MEMSTRESS_SMP, r"(?<!not )ok \d+ memstress_smp",
                     r"Power down: exit status 0"],
             reject=SMP_REJECT + [r"not ok"]),
    ]


TIMESTAMP = re.compile(r"^\[ *(\d+\.\d+)\] (.*)$", re.M)
BOOT_TIMEOUT = r"failed to start: did not come online within 10 s \(-110\)"


def boot_wait_check(text, _srctree):
    """The wait for a CPU that never comes: smp_init() gives up after 10 s
    of guest time (kernel/smp.c).  From the timestamp of the line logged
    before the wait to that of the failure: at least 10 s by construction,
    and well under 20 s unless the guest's clock or the bound is wrong (the
    old loop-count bound took 70-143 s here)."""
    lines = TIMESTAMP.findall(text)
    for i, (stamp, msg) in enumerate(lines):
        if i and re.search(BOOT_TIMEOUT, msg):
            waited = float(stamp) - float(lines[i - 1][0])
            return [("the wait for the absent CPU took %.1f s of guest time "
                     "(10 to 20)" % waited, 10.0 <= waited < 20.0,
                     "previous line: " + lines[i - 1][1])]
    return [("the log has a timestamped failure line after another", False,
             "no timestamped /%s/" % BOOT_TIMEOUT)]


# A CPU the firmware lists but that never answers, or that the firmware
# refuses to start: the log names it with the reason and the others come
# up.  RISC-V: QEMU's own devicetree (-smp
# 3: harts 0-2) with a cpu@5 node after cpu@0, passed back with -dtb.
# OpenSBI takes hart 5 into its hart list, so SBI HSM hart_start(5)
# succeeds, but no hart 5 exists to run (QEMU 7.2, OpenSBI 1.1): the
# bounded wait runs out.  x86: tests/qemu/acpiinject.py's madt-ghost-cpu
# gives the MADT's second CPU APIC id 7, which no CPU has (and the CPU
# with APIC id 1 never gets its SIPI).  The wait is 10 s of guest time.
GHOST_HART_MACHINE = "-M virt -m 128M -smp 3 -accel tcg,thread=multi"
def ghost_hart_command(srctree, out):
    """QEMU with its own devicetree plus GHOST_HART (built into @out)."""
    machine = GHOST_HART_MACHINE.split()
    q, dts, dtb = (os.path.join(out, "ghost-hart." + e)
                   for e in ("qemu.dtb", "dts", "dtb"))
    dump = ["qemu-system-riscv64"] + machine + ["-nographic", "-bios",
                                                "default"]
    dump[dump.index("-M") + 1] += ",dumpdtb=" + q
    subprocess.run(dump, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", q],
                          stdout=subprocess.PIPE, check=True).stdout.decode()
    text, n = re.subn(r"(\n\t\tcpu@1 \{)", "\n" + GHOST_HART.rstrip("\n")
                      + r"\n\1", text, count=1)
    if n != 1:
        raise SystemExit("ghost hart: no cpu@1 node in QEMU's devicetree")
    with open(dts, "w") as f:
        f.write(text)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, dts],
                   check=True)
    return qemu.qemu_command("riscv", "qemu_riscv64_virt",
                             os.path.join(out, "kernel.elf"),
                             extra=["-dtb", dtb], machine=GHOST_HART_MACHINE)


SMP_BOOTS.append(dict(
    name="virt-smp-ghost-hart", config=VIRT, fragment=HELLO,
    board="qemu_riscv64_virt", command=ghost_hart_command, timeout=600,
    check=boot_wait_check,
    expect=[r"smp: 4 harts in /cpus, booted on hart 0, 4 usable",
            r"smp: CPU#1 \(hart 5\) " + BOOT_TIMEOUT,
            r"smp: Brought up 1 node, 3 CPUs",
            r"Hello from hello", r"Power down: exit status 0"],
    reject=[r"CPU#[023] \(hart \d+\) failed", r"Unhandled exception"]))
if X86_SMP:
    SMP_BOOTS.append(dict(
        name="x86-smp-ghost-cpu", config=X86, fragment=HELLO, arch="x86",
        board="qemu_x86_64", command=acpi_injected("madt-ghost-cpu"),
        timeout=600, check=boot_wait_check,
        expect=[INJECTED + r".*second CPU's APIC id 1 -> 7",
                r"ACPI: MADT at 0x[0-9a-f]+: 4 enabled CPUs",
                r"smp: CPU#1 \(APIC id 7\) " + BOOT_TIMEOUT,
                r"smp: Brought up 1 node, 3 CPUs",
                r"Hello from hello", r"Power down: exit status 0"],
        reject=[r"acpiinject: injection failed",
                r"CPU#[023] \(APIC id \d+\) failed", r"Unhandled exception"]))
# The same devicetree written over OpenSBI's at the kernel's entry
# (dtbinject.py, malformed.py's ghost-hart case): OpenSBI has never heard
# of hart 5 and refuses hart_start (SBI_ERR_INVALID_PARAM).  At the
# board's -smp 4 hart 3 is the fifth and stays off (CONFIG_NR_CPUS=4).
SMP_BOOTS.append(dict(
    name="virt-smp-hsm-refused", config=VIRT, fragment=HELLO,
    board="qemu_riscv64_virt", command=injected_dtb("ghost-hart"),
    timeout=300,
    expect=[DTB_INJECTED,
            r"smp: hart 3 skipped: beyond CONFIG_NR_CPUS=4",
            r"smp: SBI HSM hart_start\(hart 5\) failed: .* \(SBI error -3\)",
            r"smp: CPU#1 \(hart 5\) failed to start: the firmware refused "
            r"to start it \(-5\)", r"smp: Brought up 1 node, 3 CPUs",
            r"Hello from hello", r"Power down: exit status 0"],
    reject=[r"dtbinject: injection failed", r"CPU#[023] \(hart \d+\) failed",
            r"Unhandled exception"]))
