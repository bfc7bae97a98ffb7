# SPDX-License-Identifier: MIT
"""The guest part of `make bench` on several CPUs (issue 19), called by
bench/run_bench.py: the bench app's "smp" mode at -smp 1, 2 and 4 on
both arches, guest_smp.csv and its table in summary.md."""
import os
import statistics

import targets  # bench/targets.py: read_csv

# Guest throughput on several CPUs (issue 19): the bench app's "smp"
# mode (app/bench/bench.c) runs the order-0 page pair and the 64-byte
# kmem_cache pair on every CPU at once, with one vCPU thread per CPU
# (multi-threaded TCG).  This machine has 2 cores: at -smp 4 the vCPU
# threads share them, so the total cannot grow past about 2x -smp 1.
SMP_CPUS = (1, 2, 4)
SMP_MACHINE = {"riscv": "-M virt -m 128M -smp %d -accel tcg,thread=multi",
               "x86": "-m 128M -smp %d -accel tcg,thread=multi"}


def run(a, res, frag, build, boot, parse_block, log):
    """Boot the bench app (built with the config fragment @frag) in its
    smp mode per arch and CPU count, with run_bench.py's build(), boot(),
    parse_block() and log(); write guest_smp.csv."""
    runs = 1 if a.quick else 3
    rows = ["arch,cpus,run,cpu,kind,iters,ns_per_op,ops_per_s,loadavg"]
    logs = os.path.join(a.objtree, "bench", "logs")
    os.makedirs(logs, exist_ok=True)
    for arch in SMP_MACHINE:
        out = build(a, arch, frag)
        for n in SMP_CPUS:
            for r in range(runs):
                name = os.path.join(logs, "%s-smp%d-%d.log" % (arch, n, r))
                load = open("/proc/loadavg").read().split()[0]
                status, text = boot(arch, out, None, " -- smp" + (
                    " quick" if a.quick else ""), timeout=300, logname=name,
                    machine=SMP_MACHINE[arch] % n)
                blk = parse_block(text)
                cfg = (blk or {}).get("config", [{}])[0]
                smp = [x for x in (blk or {}).get("smp", [])
                       if "failed" not in x]
                if (status != 0 or not blk or cfg.get("cpus") != str(n)
                        or not smp):
                    raise SystemExit("bench app on %s -smp %d failed "
                                     "(status %s, %s CPUs): see %s"
                                     % (arch, n, status, cfg.get("cpus"),
                                        name))
                for x in smp:
                    if x.get("kind") == "total":
                        for kind in ("page", "kmem_cache"):
                            rows.append("%s,%d,%d,all,%s,,,%s,%s" % (
                                arch, n, r, kind, x[kind + "_ops_per_s"],
                                load))
                        log("   %-5s -smp %d run %d: page pair %s ops/s, "
                            "kmem_cache pair %s ops/s (all CPUs), load %s"
                            % (arch, n, r, x["page_ops_per_s"],
                               x["kmem_cache_ops_per_s"], load))
                    else:
                        rows.append("%s,%d,%d,%s,%s,%s,%.1f,%s,%s" % (
                            arch, n, r, x["cpu"], x["kind"], x["iters"],
                            int(x["ns_x10"]) / 10, x["ops_per_s"], load))
    with open(os.path.join(res, "guest_smp.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")


def summary(res):
    """The summary.md lines for guest_smp.csv (none without it)."""
    rows = targets.read_csv(res, "guest_smp.csv")
    if not rows:
        return []
    tot = {}
    for r in rows:
        if r["cpu"] == "all":
            tot.setdefault((r["arch"], int(r["cpus"])), {}).setdefault(
                r["kind"], []).append((int(r["ops_per_s"]), r["loadavg"]))
    body = []
    for (arch, n), k in sorted(tot.items()):
        pg = statistics.median(v for v, _ in k["page"])
        kc = statistics.median(v for v, _ in k["kmem_cache"])
        one = tot.get((arch, 1))
        ratio = "-"
        if one:
            ratio = "%.2fx / %.2fx" % (
                pg / statistics.median(v for v, _ in one["page"]),
                kc / statistics.median(v for v, _ in one["kmem_cache"]))
        body.append((arch, "%d" % n, "%.0f" % pg, "%.0f" % (pg / n),
                     "%.0f" % kc, "%.0f" % (kc / n), ratio,
                     "/".join(l for _, l in k["page"])))
    return targets.md_table(
        "Guest throughput on 1, 2 and 4 CPUs (ops/s, median of the boots)",
        ("arch", "-smp", "order-0 page pair, all CPUs", "per CPU",
         "kmem_cache pair (64 B), all CPUs", "per CPU", "total vs -smp 1",
         "load"), body,
        "Every CPU runs the pair at once (bench app, `smp` mode); "
        "multi-threaded TCG, one vCPU thread per CPU, on the host's %d "
        "cores" % (os.cpu_count() or 0))
