# SPDX-License-Identifier: MIT
"""Memory-management boot definitions (tests/qemu/boots.py): interleaved
NUMA nodes, the two bootmem backends, the mm selftest and debug suites,
the soak, the bench application, deferred struct page init."""
import os

from boot_checks import bench_block_check, bench_deferred_check, \
    deferred_handoff_check
from boot_common import BROUGHT_UP_4, DEBUG_SPINLOCK, MEMSTRESS_SMP, \
    SELFTEST, SMP4, VIRT, X86, X86_SMP, malformed_dtb, memory_dtb_boot

NUMA_IL = []
BITMAP_BOOTS = []
SELFTESTS = []
BENCH_BOOTS = []
BOOTMEM_BOOTS = []


# Issue 16: node 0 on both sides of node 1.  Every selftest must pass (the
# OOM test allocates and frees every page of both nodes) with no BUG.
NUMA_INTERLEAVED = [(0x80000000, 64 << 20, 0), (0x84000000, 64 << 20, 1),
                    (0x88000000, 128 << 20, 0)]
_il_command, _il_check = memory_dtb_boot(
    ["-M", "virt", "-m", "256M", "-smp", "2"], NUMA_INTERLEAVED)
NUMA_IL.append(dict(
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


# Both bootmem backends must hand the same pages to the buddy allocator on
# the same machine.  Each boot checks it hands over exactly what memblock
# had free; across boots the two kernel images differ in size, so the
# comparison is pages handed + image pages.
BITMAP = ["CONFIG_APP_HELLO=y", "CONFIG_BOOTMEM_BITMAP=y"]
BITMAP_BOOTS += [
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
    BITMAP_BOOTS += [
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
SELFTESTS += [
    dict(name="virt-selftest-no-vm-events", config=VIRT,
         fragment=SELFTEST + ["# CONFIG_VM_EVENT_COUNTERS is not set"],
         board="qemu_riscv64_virt", ktap=True, min_cases=40,
         expect=[r"ok \d+ oom", r"# Totals: pass:\d+ fail:0"]),
]

# Once the x86 APs come up, x86-selftest runs on four CPUs as
# virt-selftest does (boots_board.py), memstress on all four at once.
X86_SMP_SELFTEST = dict(
    fragment=SELFTEST + DEBUG_SPINLOCK, machine="-m 128M " + SMP4,
    timeout=600, reject=[r"spinlock lockup", r"failed to start"],
    expect=[BROUGHT_UP_4, MEMSTRESS_SMP, r"(?<!not )ok \d+ memstress_smp"]
) if X86_SMP else dict(fragment=SELFTEST, expect=[])
SELFTESTS += [
    dict(name="x86-selftest", config=X86, arch="x86",
         board="qemu_x86_64", ktap=True, min_cases=40,
         **dict(X86_SMP_SELFTEST,
                expect=[r"ok \d+ e820", r"ok \d+ memstress",
                        r"# Totals: pass:\d+ fail:0"] +
                X86_SMP_SELFTEST["expect"])),
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
    # (on every CPU of the board's default -smp too)
    dict(name="virt-soak-short", config=VIRT, fragment=SELFTEST,
         board="qemu_riscv64_virt", append="memstress.ops=1000000 -- memstress",
         ktap=True, timeout=300, expect=[MM_SOAK, MEMSTRESS_SMP]),
    dict(name="x86-soak-short", config=X86, fragment=SELFTEST, arch="x86",
         board="qemu_x86_64", append="memstress.ops=1000000 -- memstress",
         ktap=True, timeout=300,
         expect=[MM_SOAK] + ([MEMSTRESS_SMP] if X86_SMP else [])),
]

# The interleaved layout again on the debug build (bitmap bootmem backend,
# DEBUG_VM, the misuse suite): both backends must hand over every free page
# of both nodes, and the misuse suite's BUG: lines are the expected ones.
SELFTESTS.append(dict(
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


BENCH_EXPECT = [r"^---- kite-bench begin ----$",
                r"^timeline entry_ns=\d+ setup_arch_ns=\d+ mm_init_ns=\d+ "
                r"app_main_ns=\d+",
                r"^footprint struct_page=\d+ ",
                r"^page pcp=1 order=0 iters=\d+ ns_x10=\d+",
                r"^slab kind=kmem_cache size=64 iters=\d+ ns_x10=\d+",
                r"^---- kite-bench end ----$"]
BENCH_REJECT = [r"^(page|slab|smp) .* failed$"]


def bench_smp(cpus):
    """The smp lines (every CPU at once) at @cpus CPUs."""
    return [r"^smp cpus=%d cpu=%d kind=page order=0 iters=\d+ ns_x10=\d+ "
            r"ops_per_s=[1-9]\d*$" % (cpus, cpus - 1),
            r"^smp cpus=%d cpu=%d kind=kmem_cache size=64 iters=\d+ "
            r"ns_x10=\d+ ops_per_s=[1-9]\d*$" % (cpus, cpus - 1),
            r"^smp cpus=%d kind=total page_ops_per_s=[1-9]\d* "
            r"kmem_cache_ops_per_s=[1-9]\d*$" % cpus]



BENCH_BOOTS += [
    dict(name="virt-bench", config=VIRT, fragment=BENCH,
         board="qemu_riscv64_virt", machine="-M virt -m 128M " + SMP4,
         append="-- quick", expect=BENCH_EXPECT + bench_smp(4),
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
         board="qemu_x86_64", append="-- quick",
         machine="-m 128M " + SMP4 if X86_SMP else None,
         expect=BENCH_EXPECT + bench_smp(4 if X86_SMP else 1),
         reject=BENCH_REJECT, check=bench_block_check),
]


# The bitmap bootmem backend on layouts its word-at-a-time handoff gets
# wrong if it assumes alignment: RAM from pfn 0x80004 (not a multiple of
# 64), its tail a separate 60-page bank (malformed.py memory-odd-base).
# Every page memblock had free must be handed over.
BOOTMEM_BOOTS.append(dict(
    name="virt-bootmem-bitmap-odd-base", config=VIRT, fragment=BITMAP,
    board="qemu_riscv64_virt", command=malformed_dtb("memory-odd-base"),
    timeout=60,
    expect=[r"node   0: \[mem 0x0+80004000-0x0+87efffff\]",
            r"node   0: \[mem 0x0+87f40000-0x0+87f7bfff\]",
            r"pages handed to the buddy allocator \(bitmap bootmem\)",
            r"Hello from hello on Kite!", r"Power down: exit status 0"],
    reject=[r"bootmem handoff mismatch"]))


# Bitmap bootmem with deferred struct page init: the boot handoff stops
# at the deferred part, deferred init frees the rest by the bitmaps, once.
BOOTMEM_BOOTS.append(dict(
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
BOOTMEM_BOOTS.append(dict(
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
BOOTMEM_BOOTS.append(dict(
    name="virt-selftest-slab-debug-on", config=VIRT,
    fragment=SELFTEST + ["CONFIG_SLAB_DEBUG=y", "CONFIG_SLAB_DEBUG_ON=y"],
    board="qemu_riscv64_virt", ktap=True, min_cases=40,
    expect=[r"(?<!not )ok \d+ oom_kmalloc_until_null",
            r"# Totals: pass:\d+ fail:0"],
    reject=[r"Unhandled exception"]))

# Every selftest with (almost) no emergency reserve: 3 KiB is under one
# page, so every min watermark is 0 and the oom suite cannot expect
# __GFP_MEMALLOC to find anything (randconfig KCONFIG_SEED=0x5eed0102).
BOOTMEM_BOOTS.append(dict(
    name="virt-selftest-no-reserve", config=VIRT,
    fragment=SELFTEST + ["CONFIG_MIN_FREE_KBYTES=3"],
    board="qemu_riscv64_virt", ktap=True, min_cases=40,
    expect=[r"(?<!not )ok \d+ oom_pages_until_null",
            r"(?<!not )ok \d+ oom_kmalloc_until_null",
            r"# Totals: pass:\d+ fail:0"],
    reject=[r"Unhandled exception"]))
