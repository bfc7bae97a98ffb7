# SPDX-License-Identifier: MIT
"""Deliberate-fault boot definitions (tests/qemu/boots.py): one trap per
boot (fault=<kind>, exit status 121) and one detected mm error per boot
(mm_error=<kind>, exit status 119), from tests/kernel/fault_ktest.c."""
import re

from boot_common import HELLO, VIRT, X86, X86_SMP

FAULT_BOOTS = []
MM_ERROR_BOOTS = []


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
        FAULT_BOOTS.append(dict(
            name="%s-fault-%s" % (_prefix, _kind), config=_config,
            fragment=FAULT_FRAGMENT, arch=_arch, board=_board,
            append="fault=" + _kind, status=121,
            expect=[r"fault: triggering '%s'" % _kind] + _expect +
            [r"Call trace:", r"---\[ end trace: exception \]---",
             r"Power down: exit status 121"],
            reject=[r"did not fault", r"was executable", r"not freed",
                    r"Nested exception", r"Hello from hello"]))
# W^X on for every riscv virt boot: the map is built and init text freed.
FAULT_BOOTS.append(dict(
    name="virt-wx-map", config=VIRT, fragment=FAULT_FRAGMENT,
    board="qemu_riscv64_virt", machine="-M virt -m 4G",
    expect=[r"riscv/mm: Sv39 identity map of RAM up to 0x180000000: [1-9] x 1G",
            r"riscv/mm: text RX, rodata R, data NX; NULL page and stack guard unmapped",
            r"riscv/mm: init text \[0x[0-9a-f]+-0x[0-9a-f]+\) now RW NX",
            r"Hello from hello on Kite!"]))


# Issue 19: a fault on another CPU (fault=smp_null: CPU 0 has CPU 1 load
# from NULL through smp_call_function_single()) must be reported there,
# stop the other CPUs and end with 121 as on the boot CPU; a spinlock CPU 1
# takes and keeps (fault=spinlock_lockup) must be found by the lock
# debugger, which names the lock and both CPUs, and panics (120).  Two
# CPUs are enough; the lockup is detected by a spin count, not by time.
SMP_FAULT_FRAGMENT = FAULT_FRAGMENT + ["CONFIG_DEBUG_SPINLOCK=y"]
SMP_FAULT_MACHINE = {"riscv": "-M virt -m 128M -smp 2 -accel tcg,thread=multi",
                     "x86": "-m 128M -smp 2 -accel tcg,thread=multi"}
SMP_NULL = {
    "riscv": [r"load page fault \(scause 13\) at fault_null_remote\+0x",
              r"stval: 0000000000000000", r"\]\s+on CPU#1 \(hart \d+\)$"],
    "x86": [r"page fault \(vector 14, error code 0x0\) at "
            r"fault_null_remote\+0x",
            r"cr2: 0000000000000000 \(read of a not-present page, NULL "
            r"pointer\)", r"\]\s+on CPU#1 \(APIC id \d+\)$"],
}
# The stop after the lockup panic: CPU 1 is parked with interrupts off, so
# the stop IPI cannot reach it.  x86 stops it with an NMI; RISC-V has no
# NMI through SBI, so the log names it and the power-off ends it.  The
# wait is a short loop count, and only the panic's stop waits (not the
# power-off's again): see stop_is_short().
SMP_STOP = {
    "riscv": [r"smp: CPU#1 \(hart \d+\) did not take the stop IPI "
              r"\(interrupts off\?\) and the arch has no NMI"],
    "x86": [r"smp: CPU#1 \(APIC id \d+\) did not take the stop IPI: sent "
            r"an NMI"],
}
STOP_SECONDS = 10


def stop_is_short(text, srctree):
    """From the panic line to the power-down line (smp_send_stop() waits
    in between) in less than STOP_SECONDS of guest time.  Before, the
    panic and then the power-off each waited 1 << 26 loops: 17 s at load 2
    on riscv."""
    del srctree  # unused: the log is enough
    t = {}
    for what, pat in (("panic", r"Kernel panic - not syncing"),
                      ("power", r"Power down: exit status")):
        m = re.search(r"^\[\s*([\d.]+)\] " + pat, text, re.M)
        t[what] = float(m.group(1)) if m else None
    ok = None not in t.values() and t["power"] - t["panic"] < STOP_SECONDS
    return [("the stop takes less than %d s of guest time" % STOP_SECONDS,
             ok, "panic at %s s, power down at %s s" % (t["panic"],
                                                       t["power"]))]


SMP_FAULTS = [
    ("smp_null", 121,
     [r"fault: CPU#0 runs a NULL load on CPU#1",
      r"fault: CPU#1 loading from \(nil\)", r"Call trace:"]),
    ("spinlock_lockup", 120,
     [r"fault: CPU#1 takes fault_lock and keeps it",
      r"fault: CPU#0 spins on fault_lock, held by CPU#1",
      r"BUG: spinlock lockup suspected on CPU#0, fault_lock held by CPU#1 "
      r"\(pc fault_hold_lock\+0x",
      r"Kernel panic - not syncing"]),
]
SMP_FAULT_BOOTS = []
for _arch, _config, _board, _prefix in (
        ("riscv", VIRT, "qemu_riscv64_virt", "virt"),
        ("x86", X86, "qemu_x86_64", "x86-pvh")):
    if _arch == "x86" and not X86_SMP:
        continue
    for _kind, _status, _expect in SMP_FAULTS:
        SMP_FAULT_BOOTS.append(dict(
            name="%s-fault-%s" % (_prefix, _kind), config=_config,
            fragment=SMP_FAULT_FRAGMENT, arch=_arch, board=_board,
            machine=SMP_FAULT_MACHINE[_arch], append="fault=" + _kind,
            status=_status, timeout=300,
            expect=[r"smp: Brought up 1 nodes?, 2 CPUs",
                    r"fault: '%s' armed for when the other CPUs are up"
                    % _kind,
                    r"fault: triggering '%s'" % _kind] + _expect +
            (SMP_NULL[_arch] if _kind == "smp_null" else SMP_STOP[_arch]) +
            [r"Power down: exit status %d" % _status],
            reject=[r"did not fault", r"needs a second CPU",
                    r"got fault_lock", r"returned -?\d+",
                    r"Nested exception", r"Hello from hello",
                    r"did not stop", r"non-maskable interrupt"],
            check=stop_is_short if _kind == "spinlock_lockup" else None))


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
        MM_ERROR_BOOTS.append(dict(
            name="%s-mm-error-%s" % (_prefix, _kind), config=_config,
            fragment=MM_ERROR, arch=_arch, board=_board,
            append=("%s mm_error=%s" % (_opts, _kind)).strip(), status=119,
            expect=[r"mm_error: committing '%s'" % _kind] + _expect +
            [r"app: hello exited with status 0",
             r"Power down: exit status 119"]))
