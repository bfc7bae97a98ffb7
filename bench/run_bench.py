#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run every Kite benchmark and write bench/results/ (`make bench`).

1. host: the benchmark programs `make bench` built in $(O)/bench
   (bench_page_alloc, bench_slab, bench_memmap_init, bench_bootmem_*),
   each writing a CSV;
2. guest: the bench application booted under QEMU (TCG) on riscv and
   x86_64 with -m 128M, 1G and 4G, CONFIG_DEFERRED_STRUCT_PAGE_INIT off
   and on, several boots each: the boot timeline from the guest's own
   clock, plus the in-guest page/slab microbenchmarks once per arch;
   then the bench app's "smp" mode at -smp 1, 2 and 4 (multi-threaded
   TCG): the pairs on every CPU at once, ops/s per CPU and in total
   (guest_smp.csv; --smp-only runs just this part);
3. footprint: sizeof(struct page) and memory after boot (from the guest),
   the hello image per arch (kernel.bin, loaded segments, sections) as
   the defconfig builds it and as the *_tiny_defconfig builds it (-Os,
   no printk, no kallsyms), and the smallest -m with which each still
   boots (bisection);
4. plots: bench/plots/*.gp through gnuplot, SVG and PNG into
   bench/results/.

Builds and boots use tests/run_tests.py's build_config() and ci/qemu.py,
like `make check`.  Results are CSV (one file per benchmark) plus
summary.md with the key numbers; docs/performance.md discusses them.
"""
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRCTREE, "ci"))
sys.path.insert(0, os.path.join(SRCTREE, "tests"))
sys.path.insert(0, os.path.join(SRCTREE, "tests", "qemu"))
import qemu  # noqa: E402  ci/qemu.py
import cli  # noqa: E402  ci/cli.py (the --srctree/--objtree parser)
import run_tests  # noqa: E402  tests/run_tests.py (build_config)
sys.path.insert(0, os.path.join(SRCTREE, "bench"))
import targets  # noqa: E402  bench/targets.py (issue 20's targets)
import guest_smp  # noqa: E402  bench/guest_smp.py (-smp 1/2/4)

ARCHES = {
    "riscv": dict(config="qemu_riscv64_virt_defconfig",
                  tiny="qemu_riscv64_virt_tiny_defconfig",
                  board="qemu_riscv64_virt", machine="-M virt -smp 1 -m %s"),
    "x86": dict(config="qemu_x86_64_defconfig",
                tiny="qemu_x86_64_tiny_defconfig", board="qemu_x86_64",
                machine="-m %s"),
}
MEMS = ["128M", "1G", "4G"]
MEM_MIB = {"128M": 128, "1G": 1024, "4G": 4096}
# The bench app without the in-kernel test suites (not part of a
# production image); "#" lines are comments to build_config's check.
BENCH_FRAG = ["CONFIG_APP_BENCH=y", "# CONFIG_SELFTEST is not set"]
DEFERRED_FRAG = ["CONFIG_DEFERRED_STRUCT_PAGE_INIT=y"]
HELLO_FRAG = ["CONFIG_APP_HELLO=y"]
# Footprint variants: (name, ARCHES key of the configuration, fragment).
# The tiny configurations build hello by themselves.
FOOTPRINT = (("hello", "config", HELLO_FRAG), ("tiny", "tiny", []))

BLOCK = re.compile(r"---- kite-bench begin ----\n(.*?)---- kite-bench end ----",
                   re.S)


def log(msg):
    print(msg, flush=True)


def parse_block(text):
    """The bench app's block -> {section: [dict, ...]}."""
    m = BLOCK.search(text)
    if not m:
        return None
    out = {}
    for line in m.group(1).splitlines():
        words = line.split()
        if not words:
            continue
        kv = dict(w.split("=", 1) for w in words[1:] if "=" in w)
        if words[1:] and words[-1] == "failed":
            kv["failed"] = "1"
        out.setdefault(words[0], []).append(kv)
    return out


# ---------------------------------------------------------------- host
def run_host(a, progs, res):
    bench = os.path.join(a.objtree, "bench")
    jobs = []
    if "page_alloc" in progs:
        jobs.append(("page_alloc", ["bench_page_alloc", "page_alloc.csv"]))
    if "slab" in progs:
        jobs.append(("slab", ["bench_slab", "slab.csv"]))
    if "mm_smp" in progs:
        jobs.append(("mm_smp", ["bench_mm_smp", "mm_smp.csv"]))
    if "memmap_init" in progs:
        sizes = ["1", "4"] if a.quick else ["1", "16", "64"]
        jobs.append(("memmap_init", ["bench_memmap_init", "memmap_init.csv"]
                     + sizes))
    counts = [100, 1000] if a.quick else [100, 1000, 5000, 20000]
    for backend in ("memblock", "bitmap"):
        name = "bootmem_" + backend
        if name in progs:
            for n in counts:
                jobs.append((name, ["bench_" + name,
                                    "%s_%d.csv" % (name, n), str(n)]))
    for name, (prog, csv, *args) in jobs:
        if a.only and name not in a.only:
            continue
        path = os.path.join(bench, prog)
        log("== host: %s %s" % (prog, " ".join(args)))
        t = time.monotonic()
        p = subprocess.run([path, os.path.join(res, csv)] + args,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        text = p.stdout.decode("utf-8", "replace")
        sys.stdout.write(text)
        with open(os.path.join(res, csv.replace(".csv", ".txt")), "w") as f:
            f.write(text)
        log("   (%.1f s, exit %d)" % (time.monotonic() - t, p.returncode))
        if p.returncode:
            raise SystemExit("%s failed" % prog)
    # One bootmem table for the plot: backend, calls, ns/call, cycles/call.
    rows, texts = [], []
    for backend in ("memblock", "bitmap"):
        for n in counts:
            path = os.path.join(res, "bootmem_%s_%d.csv" % (backend, n))
            if not os.path.exists(path):
                continue
            for line in open(path).read().splitlines()[1:]:
                f = line.split(",")
                if f[1] in ("alloc", "alloc_free"):
                    rows.append("%s,%s,%d,%s,%s" % (backend, f[1], n, f[5],
                                                    f[6]))
            os.unlink(path)
            txt = path.replace(".csv", ".txt")
            texts.append(open(txt).read())
            os.unlink(txt)
    if texts:
        with open(os.path.join(res, "bootmem.txt"), "w") as out:
            out.write("".join(texts))
    if rows:
        with open(os.path.join(res, "bootmem.csv"), "w") as f:
            f.write("backend,workload,calls,ns_per_call,cycles_per_call\n")
            f.write("\n".join(rows) + "\n")


# ---------------------------------------------------------------- guest
def build(a, arch, frag, config="config"):
    facts = ARCHES[arch]
    boot = dict(name="bench", config=facts[config], fragment=frag,
                board=facts["board"], arch=arch)
    t = time.monotonic()
    out, blog = run_tests.build_config(a.objtree, boot, a.jobs)
    if not out:
        sys.stdout.write(blog[-4000:])
        raise SystemExit("build of %s %s failed" % (arch, frag))
    log("   built %s %s in %s (%.0f s)" % (arch, " ".join(frag), out,
                                          time.monotonic() - t))
    return out


def boot(arch, out, mem, append, timeout=120, logname=None, extra="",
         machine=None):
    facts = ARCHES[arch]
    cmd = qemu.qemu_command(arch, facts["board"],
                            os.path.join(out, "kernel.elf"), append,
                            machine=(machine or facts["machine"] % mem) + extra)
    # Console into a file, not a pipe: the timeline measures the guest,
    # not this script being woken for every character (ci/qemu.py).
    rc, text = qemu.run(cmd, timeout, logname, to_file=True)
    return qemu.map_status(arch, rc), text


# Deterministic guest time: with -icount shift=0 QEMU advances the guest's
# clock by 1 ns per executed instruction, so the marks count instructions
# (a 1 GHz, one-instruction-per-cycle machine) whatever the host load is.
# tcg-quiet: TCG with "quiet" on the command line, which leaves only the
# lines printed before the command line is parsed: how much of the wall
# clock is console output (every character is an exit to QEMU and a
# write() on the host).  icount-quiet: the boot work of issue 20's target.
# (mode, QEMU flags, kernel command line)
ICOUNT = " -icount shift=0"
MODES = (("tcg", "", ""), ("icount", ICOUNT, ""), ("tcg-quiet", "", "quiet"),
         ("icount-quiet", ICOUNT, "quiet"))


def run_guest(a, res):
    runs = 2 if a.quick else a.runs
    timeline = ["arch,mem_mib,deferred,mode,run,entry_ns,setup_arch_ns,"
                "mm_init_ns,app_main_ns,deferred_finish_ns,managed_pages,"
                "present_pages,loadavg"]
    micro_page = ["arch,pcp,order,iters,ns,ticks"]
    micro_slab = ["arch,kind,size,iters,ns,ticks"]
    foot = ["arch,mem_mib,deferred,struct_page,present_pages,managed_pages,"
            "reserved_pages,free_pages,memmap_bytes,image_bytes,text,rodata,"
            "data,bss,init"]
    logs = os.path.join(a.objtree, "bench", "logs")
    os.makedirs(logs, exist_ok=True)
    for arch in ARCHES:
        for deferred in (0, 1):
            frag = BENCH_FRAG + (DEFERRED_FRAG if deferred else [])
            out = build(a, arch, frag)
            for mem in MEMS:
                for mode, extra, cmdline in MODES:
                    for r in range(1 if mode.startswith("icount") else runs):
                        full = (r == 0 and mem == "128M" and not deferred
                                and mode == "tcg" and not a.quick)
                        name = os.path.join(logs, "%s-%s-d%d-%s-%d.log" %
                                            (arch, mem, deferred, mode, r))
                        load = open("/proc/loadavg").read().split()[0]
                        status, text = boot(arch, out, mem, cmdline + (
                            "" if full else " -- quick"), logname=name,
                            extra=extra)
                        blk = parse_block(text)
                        if status != 0 or not blk or "timeline" not in blk:
                            raise SystemExit("bench app on %s -m %s failed "
                                             "(status %s): see %s"
                                             % (arch, mem, status, name))
                        tl = blk["timeline"][0]
                        fp = blk["footprint"][-1]
                        df = blk.get("deferred", [{}])[0]
                        timeline.append(",".join(str(x) for x in (
                            arch, MEM_MIB[mem], deferred, mode, r,
                            tl["entry_ns"], tl["setup_arch_ns"],
                            tl["mm_init_ns"], tl["app_main_ns"],
                            df.get("finish_ns", 0), fp["managed_pages"],
                            fp["present_pages"], load)))
                        log("   %-5s -m %-4s deferred=%d %-6s run %d: app_main "
                            "at %7.2f ms (setup_arch %6.2f, mm_init %6.2f), "
                            "deferred finish %6.2f ms" % (
                                arch, mem, deferred, mode, r,
                                int(tl["app_main_ns"]) / 1e6,
                                int(tl["setup_arch_ns"]) / 1e6,
                                int(tl["mm_init_ns"]) / 1e6,
                                int(df.get("finish_ns", 0)) / 1e6))
                        if r == 0 and mode == "tcg":
                            # after deferred init finished: all memory up
                            f0 = blk["footprint"][-1]
                            foot.append(",".join(str(f0[k]) if k in f0 else
                                                 str(k) for k in (
                                arch, MEM_MIB[mem], deferred, "struct_page",
                                "present_pages", "managed_pages",
                                "reserved_pages", "free_pages", "memmap_bytes",
                                "image_bytes", "text", "rodata", "data", "bss",
                                "init")))
                        if full:
                            collect_micro(arch, blk, micro_page, micro_slab)
    for arch in ARCHES:
        for mem in ("128M", "4G"):
            for d in (0, 1):
                lf = os.path.join(logs, "%s-%s-d%d-icount-0.log" % (arch, mem, d))
                if os.path.exists(lf):
                    boot_profile(lf, os.path.join(
                        res, "boot_profile_%s_%s_d%d.txt" % (arch, mem, d)))
    for name, rows in (("timeline.csv", timeline), ("guest_page.csv", micro_page),
                       ("guest_slab.csv", micro_slab),
                       ("guest_footprint.csv", foot)):
        with open(os.path.join(res, name), "w") as f:
            f.write("\n".join(rows) + "\n")
    # Medians per (arch, mem, deferred, mode): what the plot and summary use.
    groups = {}
    for line in timeline[1:]:
        f = line.split(",")
        groups.setdefault((f[0], int(f[1]), int(f[2]), f[3]), []).append(
            [int(x) for x in f[5:10]])
    med = ["arch,mem_mib,deferred,mode,runs,entry_ms,setup_arch_ms,mm_init_ms,"
           "app_main_ms,deferred_finish_ms,app_main_min_ms"]
    for (arch, mib, d, mode), rows in sorted(groups.items()):
        cols = list(zip(*rows))
        med.append("%s,%d,%d,%s,%d,%s,%.3f" % (
            arch, mib, d, mode, len(rows),
            ",".join("%.3f" % (statistics.median(c) / 1e6) for c in cols),
            min(cols[3]) / 1e6))
    with open(os.path.join(res, "timeline_median.csv"), "w") as f:
        f.write("\n".join(med) + "\n")


def boot_profile(logfile, out):
    """printk timestamps of an -icount boot -> instructions per step."""
    prev, rows = 0.0, []
    for line in open(logfile, errors="replace"):
        m = re.match(r"^\[\s*([\d.]+)\] (.*)$", line.rstrip())
        if m:
            t = float(m.group(1))
            rows.append("%9.0f  %s" % ((t - prev) * 1e6, m.group(2)[:100]))
            prev = t
    with open(out, "w") as f:
        f.write("# kilo-instructions (-icount shift=0) from the previous line "
                "to this one\n" + "\n".join(rows) + "\n")


def collect_micro(arch, blk, micro_page, micro_slab):
    for p in blk.get("page", []):
        if "failed" not in p:
            micro_page.append("%s,%s,%s,%s,%.1f,%.1f" % (
                arch, p["pcp"], p["order"], p["iters"],
                int(p["ns_x10"]) / 10, int(p["ticks_x10"]) / 10))
    for s in blk.get("slab", []):
        if "failed" not in s:
            micro_slab.append("%s,%s,%s,%s,%.1f,%.1f" % (
                arch, s["kind"], s["size"], s["iters"],
                int(s["ns_x10"]) / 10, int(s["ticks_x10"]) / 10))


# ---------------------------------------------------------------- footprint
def elf_segments(path):
    """(filesz, memsz) summed over PT_LOAD, from readelf."""
    p = subprocess.run(["readelf", "-lW", path], stdout=subprocess.PIPE)
    files = mems = 0
    for line in p.stdout.decode().splitlines():
        w = line.split()
        if w and w[0] == "LOAD":
            files += int(w[4], 16)
            mems += int(w[5], 16)
    return files, mems


def elf_sections(path):
    """{section name: size} of the allocated sections, from readelf."""
    p = subprocess.run(["readelf", "-SW", path], stdout=subprocess.PIPE)
    out = {}
    for line in p.stdout.decode().splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+"
                     r"\s+([0-9a-f]+)", line)
        if m:
            out[m.group(1)] = int(m.group(2), 16)
    return out


def hello_runs(arch, out, mib):
    status, text = boot(arch, out, "%dM" % mib, "", timeout=60)
    return status == 0 and "Hello from hello on Kite!" in text


def min_mem(arch, out, lo=1, hi=128):
    """Smallest -m (MiB) in [lo, hi] with which hello boots (bisection;
    assumes booting is monotonic in memory size)."""
    if not hello_runs(arch, out, hi):
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if hello_runs(arch, out, mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def run_footprint(a, res):
    rows = ["arch,variant,kernel_bin,load_filesz,load_memsz,text,data,bss,"
            "sec_text,sec_init_text,sec_init_data,sec_rodata,sec_data,"
            "min_mem_mib"]
    for arch in ARCHES:
        for variant, config, frag in FOOTPRINT:
            out = build(a, arch, frag, config)
            binsz = os.path.getsize(os.path.join(out, "kernel.bin"))
            filesz, memsz = elf_segments(os.path.join(out, "kernel.elf"))
            p = subprocess.run(["size", os.path.join(out, "kernel.elf")],
                               stdout=subprocess.PIPE)
            text, data, bss = p.stdout.decode().splitlines()[1].split()[:3]
            secs = elf_sections(os.path.join(out, "kernel.elf"))
            mm = min_mem(arch, out, 1, 128) if not a.quick or \
                variant == "hello" else ""
            rows.append("%s,%s,%d,%d,%d,%s,%s,%s,%s,%s" % (
                arch, variant, binsz, filesz, memsz, text, data, bss,
                ",".join(str(secs.get(n, 0)) for n in (
                    ".text", ".init.text", ".init.data", ".rodata", ".data")),
                mm if mm is not None else "none"))
            log("   %-5s %-17s kernel.bin %7d B, PT_LOAD %7d B file / %7d B "
                "mem, smallest -m %s MiB" % (arch, variant, binsz, filesz,
                                              memsz, mm))
    with open(os.path.join(res, "footprint.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")


# ---------------------------------------------------------------- plots
def plot_data(res):
    """Wide tables for gnuplot (one column per series)."""
    rows = read_csv(res, "timeline_median.csv")
    if rows:
        series = [(a, m, d) for m in ("tcg", "icount") for a in ARCHES
                  for d in ("0", "1")]
        t = {(r["arch"], r["mode"], r["deferred"], r["mem_mib"]):
             r["app_main_ms"] for r in rows}
        out = ["mem_mib," + ",".join("%s_%s_d%s" % s for s in series)]
        for mib in sorted({int(r["mem_mib"]) for r in rows}):
            out.append("%d," % mib + ",".join(
                t.get(s + (str(mib),), "") for s in series))
        with open(os.path.join(res, "timeline_wide.csv"), "w") as f:
            f.write("\n".join(out) + "\n")
    rows = read_csv(res, "memmap_init.csv")
    if rows:
        what = ("memmap_init", "free_all", "init+free_all", "memset")
        out = ["gib," + ",".join(what)]
        for gib in sorted({int(r["gib"]) for r in rows}):
            g = {r["what"]: r["ms_per_gib"] for r in rows
                 if r["gib"] == str(gib)}
            out.append("%d," % gib + ",".join(g.get(w, "") for w in what))
        with open(os.path.join(res, "memmap_init_wide.csv"), "w") as f:
            f.write("\n".join(out) + "\n")


    rows = read_csv(res, "slab.csv")
    if rows:
        als = ("kmem_cache", "kmalloc", "glibc", "mimalloc", "jemalloc")
        pair = {(r["size"], r["allocator"]): r["cycles"] for r in rows
                if r["workload"] == "pair"}
        out = ["size," + ",".join(als)]
        for size in sorted({int(r["size"]) for r in rows
                            if r["workload"] == "pair"}):
            out.append("%d," % size + ",".join(pair.get((str(size), a), "")
                                               for a in als))
        with open(os.path.join(res, "slab_wide.csv"), "w") as f:
            f.write("\n".join(out) + "\n")
    rows = read_csv(res, "bootmem.csv")
    if rows:
        series = [(b, w) for b in ("memblock", "bitmap")
                  for w in ("alloc", "alloc_free")]
        v = {(r["backend"], r["workload"], r["calls"]): r["ns_per_call"]
             for r in rows}
        out = ["calls," + ",".join("%s_%s" % x for x in series)]
        for n in sorted({int(r["calls"]) for r in rows}):
            out.append("%d," % n + ",".join(v.get(x + (str(n),), "")
                                            for x in series))
        with open(os.path.join(res, "bootmem_wide.csv"), "w") as f:
            f.write("\n".join(out) + "\n")


def run_plots(res):
    plot_data(res)
    if not shutil.which("gnuplot"):
        log("   gnuplot not found: no plots")
        return
    plots = os.path.join(SRCTREE, "bench", "plots")
    for gp in sorted(os.listdir(plots)):
        if not gp.endswith(".gp"):
            continue
        for fmt in ("svg", "png"):
            p = subprocess.run(["gnuplot", "-e", "results='%s'; fmt='%s'"
                                % (res, fmt), os.path.join(plots, gp)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            log("   plot %s (%s)%s" % (gp, fmt, "" if p.returncode == 0 else
                                       ": failed\n" + p.stdout.decode()))


# One reader for the result CSVs and one table writer: bench/targets.py's.
read_csv = targets.read_csv
md_table = targets.md_table


def page_alloc_summary(res):
    rows = read_csv(res, "page_alloc.csv")
    if not rows:
        return []
    floor = [float(r["cycles"]) for r in rows if r["test"] == "floor"]
    floor = floor[0] if floor else 0
    pairs = {(r["variant"], r["order"]): r["cycles"] for r in rows
             if r["test"] == "pair"}

    def cell(key):
        c = pairs.get(key)
        return "-" if c is None else "%s (%.1fx)" % (
            c, float(c) / floor) if floor else c
    out = md_table("Page allocator, host (cycles per alloc+free pair, and "
                   "the ratio to the floor: a LIFO list pair, %.1f cycles)"
                   % floor, ("order", "pcp", "no pcp"),
                   [("%d" % o, cell(("pcp", str(o))), cell(("nopcp", str(o))))
                    for o in range(11)])
    out += ["- %s %s: %s cycles/op (%.1fx the floor)" % (
        r["test"], r["variant"], r["cycles"],
        float(r["cycles"]) / floor if floor else 0)
        for r in rows if r["test"] == "churn"]
    return out + ["- fragmentation %s: order>=%s share %s%% before, %s%% after"
                  % (r["variant"], r["order"], r["cycles"], r["ns"])
                  for r in rows if r["test"] == "frag"] + [""]


def slab_summary(res):
    rows = read_csv(res, "slab.csv")
    als = []
    for r in rows:
        if r["allocator"] not in als:
            als.append(r["allocator"])
    pair = {(r["size"], r["allocator"]): r["cycles"] for r in rows
            if r["workload"] == "pair"}
    sizes = sorted({int(r["size"]) for r in rows if r["workload"] == "pair"})
    return md_table("Slab, host (cycles per alloc+free pair)",
                    ["size"] + als,
                    [["%d" % size] + [pair.get((str(size), a), "-")
                                      for a in als] for size in sizes]
                    ) if rows else []


def memmap_summary(res):
    rows = read_csv(res, "memmap_init.csv")
    body = []
    for gib in sorted({int(r["gib"]) for r in rows}):
        g = {r["what"]: r for r in rows if r["gib"] == str(gib)}
        body.append(("%d GiB" % gib, g["memmap_init"]["ms_per_gib"],
                     g["free_all"]["ms_per_gib"],
                     g["init+free_all"]["ms_per_gib"],
                     g["memset"]["ms_per_gib"], g["ratio"]["ns"] + "x"))
    return md_table("Boot-time memory init, host (ms per GiB of RAM)",
                    ("RAM", "memmap init", "free_all", "init+free_all",
                     "memset limit", "ratio"), body) if rows else []


def bootmem_summary(res):
    rows = read_csv(res, "bootmem.csv")
    v = {(r["backend"], r["workload"], r["calls"]): r["ns_per_call"]
         for r in rows}
    return md_table("bootmem, host (ns per call)",
                    ("calls", "memblock", "memblock, 1/8 freed", "bitmap",
                     "bitmap, 1/8 freed"),
                    [["%d" % n] + [v.get((b, w, str(n)), "-")
                                   for b in ("memblock", "bitmap")
                                   for w in ("alloc", "alloc_free")]
                     for n in sorted({int(r["calls"]) for r in rows})]
                    ) if rows else []


def timeline_summary(res):
    rows = read_csv(res, "timeline_median.csv")
    t = {(r["arch"], r["mem_mib"], r["deferred"], r["mode"]): r
         for r in rows}
    body = []
    for (arch, mib, d, mode), r in sorted(
            t.items(), key=lambda kv: (kv[0][0], int(kv[0][1]), kv[0][2])):
        if mode != "tcg":
            continue
        i = t.get((arch, mib, d, "icount"), {})
        q = t.get((arch, mib, d, "tcg-quiet"), {})
        iq = t.get((arch, mib, d, "icount-quiet"), {})
        body.append((arch, "%s MiB" % mib, "on" if d == "1" else "off",
                     "%s (%s)" % (r["app_main_ms"], r["app_main_min_ms"]),
                     "%s (%s)" % (q.get("app_main_ms", "-"),
                                  q.get("app_main_min_ms", "-")),
                     i.get("app_main_ms", "-"), iq.get("app_main_ms", "-"),
                     i.get("deferred_finish_ms", "-")))
    return md_table("Guest boot, entry -> app_main (ms)",
                    ("arch", "RAM", "deferred", "tcg", "tcg quiet", "icount",
                     "icount quiet", "deferred finish (icount)"), body,
                    "tcg: wall clock, median (min) of the boots; tcg quiet: "
                    "the same with `quiet`; icount: -icount shift=0, million "
                    "instructions (icount quiet: with `quiet`)"
                    ) if rows else []


def footprint_summary(res):
    rows = read_csv(res, "guest_footprint.csv")
    out = md_table("Memory after boot (guest, 4 KiB pages)",
                   ("arch", "RAM", "deferred", "struct page", "present",
                    "managed", "reserved", "memmap bytes", "image bytes"),
                   [[r["arch"], r["mem_mib"] + " MiB"] + [r[k] for k in (
                       "deferred", "struct_page", "present_pages",
                       "managed_pages", "reserved_pages", "memmap_bytes",
                       "image_bytes")] for r in rows]) if rows else []
    rows = read_csv(res, "footprint.csv")
    cols = (("arch", "arch"), ("variant", "variant"),
            ("kernel.bin", "kernel_bin"), ("PT_LOAD file", "load_filesz"),
            ("PT_LOAD mem", "load_memsz"), (".text", "sec_text"),
            (".init.text", "sec_init_text"), (".init.data", "sec_init_data"),
            (".rodata", "sec_rodata"), (".data", "sec_data"),
            ("smallest -m (MiB)", "min_mem_mib"))
    return out + (md_table("Images", [c for c, _ in cols],
                           [[r.get(k, "-") for _, k in cols] for r in rows],
                           "hello: the defconfig with the hello app; tiny: "
                           "the *_tiny_defconfig (-Os, no printk, no "
                           "kallsyms)") if rows else [])


def summary(res):
    """summary.md: the key numbers, one table per benchmark."""
    out = ["# Kite benchmark summary", "", "```"]
    out += open(os.path.join(res, "machine.txt")).read().splitlines()
    out += ["```", ""]
    out += targets.targets(res)
    out += page_alloc_summary(res) + slab_summary(res) + memmap_summary(res)
    out += bootmem_summary(res) + timeline_summary(res)
    out += guest_smp.summary(res) + footprint_summary(res)
    with open(os.path.join(res, "summary.md"), "w") as f:
        f.write("\n".join(out))
    log("\n".join(out))


def machine_info(res):
    def first(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT
                                  ).stdout.decode().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    osname = "?"
    if os.path.exists("/etc/os-release"):
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip().strip('"')
    mem = open("/proc/meminfo").readline().split()[1]
    text = ("date: %s\ncpu: %s, %d CPUs\nmemory: %d MiB\nos: %s, kernel %s\n"
            "qemu: %s\ngcc: %s\nload average at start: %s\n" % (
                time.strftime("%Y-%m-%d %H:%M:%S"), cpu, os.cpu_count(),
                int(mem) // 1024, osname, platform.release(),
                first(["qemu-system-riscv64", "--version"]),
                first(["gcc", "--version"]),
                open("/proc/loadavg").read().strip()))
    with open(os.path.join(res, "machine.txt"), "w") as f:
        f.write(text)
    sys.stdout.write(text)


def main():
    ap = cli.tree_parser(__doc__, srctree=SRCTREE,
                         objtree=os.path.join(SRCTREE, "build"))
    ap.add_argument("--progs", default="", help="host programs built by make")
    ap.add_argument("--results", default=None,
                    help="default: bench/results (--quick: $(O)/bench/results-quick)")
    ap.add_argument("--runs", type=int, default=5,
                    help="boots per (arch, -m, deferred) for the timeline")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--quick", action="store_true",
                    help="short runs: a smoke test of the harness")
    ap.add_argument("--host-only", action="store_true")
    ap.add_argument("--guest-only", action="store_true")
    ap.add_argument("--no-footprint", action="store_true")
    ap.add_argument("--smp-only", action="store_true",
                    help="only the guest throughput boots at -smp 1/2/4")
    ap.add_argument("--only", default="",
                    help="comma-separated host programs to run")
    a = ap.parse_args()
    a.only = [x for x in a.only.split(",") if x]
    a.objtree = os.path.abspath(a.objtree)
    if a.results is None:
        # A smoke test must not overwrite the committed results.
        a.results = (os.path.join(a.objtree, "bench", "results-quick")
                     if a.quick else os.path.join(SRCTREE, "bench", "results"))
    res = os.path.abspath(a.results)
    os.makedirs(res, exist_ok=True)
    t0 = time.monotonic()
    machine_info(res)
    if not a.guest_only and not a.smp_only:
        run_host(a, a.progs.split(), res)
    if not a.host_only and not a.smp_only:
        log("== guest: bench app, boot timeline (%d boots each)" %
            (2 if a.quick else a.runs))
        run_guest(a, res)
    if not a.host_only:
        log("== guest: bench app on %s CPUs (multi-threaded TCG)" %
            "/".join(str(n) for n in guest_smp.SMP_CPUS))
        guest_smp.run(a, res, BENCH_FRAG, build, boot, parse_block, log)
    if not a.host_only and not a.smp_only:
        if not a.no_footprint:
            log("== footprint: hello images, smallest -m")
            run_footprint(a, res)
    log("== plots")
    run_plots(res)
    log("== summary")
    summary(res)
    log("bench: results in %s (%.0f s)" % (res, time.monotonic() - t0))


if __name__ == "__main__":
    main()
