#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random memory topologies: on the host under every bootmem variant, the
variants compared, and a sample booted in QEMU.

1. Runs $(O)/host/topology_<variant> (tests/explore/topology.c: memblock,
   bitmap, each with and without deferred struct page init) on the same
   seeds, and passes its TAP on: one line per check over all topologies,
   one per failing topology with its seed.
2. Compares what the variants handed to the buddy allocator, topology by
   topology (their --dump): the bitmap backend must hand over the same
   pages as memblock, and deferred init, once done, the same as none.
3. Boots --boots topologies per backend in QEMU virt (-m 1G) with the
   selftest application: the generated memory nodes, reserved-memory and
   /memreserve/ replace the machine's /memory in QEMU's own devicetree
   (dtc merges them) and the kernel gets it through -dtb.  Each boot must
   exit 0 with every KTAP case passing, and both backends must hand over
   the same pages (the boot log's handoff line).

The seeds are SEED, SEED+1, ...: --seed, else $SEED, else the clock;
printed first.  Rerun one topology with
    $(O)/host/topology_<variant> --seed S --count 1 -v
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

SRCTREE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SRCTREE, "ci"))
sys.path.insert(0, os.path.join(SRCTREE, "tests"))
import qemu  # noqa: E402

# The variants tests/explore/explore.mk builds (TOPOLOGY_VARIANTS): the
# ones whose program exists run.
VARIANTS = ["memblock", "bitmap", "memblock_deferred", "bitmap_deferred"]
# (a, b): a and b must hand over the same pages on every topology
PAIRS = [("memblock", "bitmap"), ("memblock_deferred", "bitmap_deferred"),
         ("memblock", "memblock_deferred")]
TAP = re.compile(r"^(ok|not ok) \d+ - (.*)$")
BACKENDS = {"memblock": [], "bitmap": ["CONFIG_BOOTMEM_BITMAP=y"]}
HANDOFF = re.compile(r"mm: (\d+) pages handed to the buddy allocator .*"
                     r"kernel image (\d+) pages")
TOTALS = re.compile(r"# Totals: pass:(\d+) fail:(\d+)")
QEMU_MACHINE = ["-M", "virt", "-m", "1G", "-smp", "1"]


def base_seed(arg=None):
    if arg:
        return int(arg, 0)
    if os.environ.get("SEED"):
        return int(os.environ["SEED"], 0)
    return int(time.time()) & 0xffffffff


def prog(objtree, variant):
    return os.path.join(objtree, "host", "topology_" + variant)


def run_variant(objtree, variant, seed, count, dump, timeout):
    cmd = [prog(objtree, variant), "--seed", str(seed), "--count", str(count),
           "--dump", dump]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode("utf-8", "replace")
    except OSError as e:
        return None, str(e)


def read_dump(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            f = line.split()
            if len(f) >= 3:
                out[f[0]] = (f[1], f[2], len(f) > 3)
    return out


def host(objtree, seed, count, report, jobs=2, timeout=None):
    """Every variant on @count topologies from @seed, then the
    comparisons.  report(ok, name, diag) per TAP line.  @timeout bounds
    each variant's run (a hang, not slowness: a loaded 2-core machine took
    over 30 minutes for 10,000), by default 600 s + 1 s per topology."""
    if timeout is None:
        timeout = 600 + count
    print("# topology: %d topologies per variant from seed %#x (SEED=%#x "
          "reproduces the run)" % (count, seed, seed), flush=True)
    variants = [v for v in VARIANTS if os.path.exists(prog(objtree, v))]
    report("memblock" in variants and len(variants) > 1,
           "topology: programs built (%s)" % " ".join(variants) or "none",
           "build them with make host-tests")
    tmp = tempfile.mkdtemp(prefix="kite-topology-")
    dumps = {v: os.path.join(tmp, v + ".dump") for v in variants}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = {v: ex.submit(run_variant, objtree, v, seed, count, dumps[v],
                             timeout) for v in variants}
        for v in variants:
            t = time.monotonic()
            rc, out = futs[v].result()
            seen = 0
            lines = out.splitlines()
            for i, line in enumerate(lines):
                m = TAP.match(line)
                if not m:
                    continue
                seen += 1
                diag = []
                for d in lines[i + 1:]:
                    if TAP.match(d) or not d.startswith("#"):
                        break
                    diag.append(d[1:].strip())
                report(m.group(1) == "ok", "topology %s: %s" % (v, m.group(2)),
                       "\n".join(diag))
            if rc is None or rc > 1 or not seen:
                report(False, "topology %s: ran to the end (%s)" % (
                    v, "timed out or missing" if rc is None else
                    "exit status %d" % rc), out[-3000:])
            print("# topology %s: %d checks (%.0f s)" % (v, seen, time.monotonic() - t),
                  flush=True)
    got = {v: read_dump(dumps[v]) for v in variants}
    for a, b in PAIRS:
        if a not in got or b not in got:
            continue
        diff = [s for s in got[a] if s in got[b] and not got[a][s][2] and
                not got[b][s][2] and got[a][s][:2] != got[b][s][:2]]
        both = sum(1 for s in got[a] if s in got[b])
        name = ("topology: %s and %s hand over the same pages (%d of %d "
                "topologies differ)" % (a, b, len(diff), both))
        report(not diff and both == count, name,
               "\n".join("seed %s: %s pages (hash %s) vs %s pages (hash %s)" % (
                   s, got[a][s][0], got[a][s][1], got[b][s][0], got[b][s][1])
                   for s in diff[:10]))
    for f in dumps.values():
        if os.path.exists(f):
            os.unlink(f)
    os.rmdir(tmp)


# ---------------------------------------------------------------- QEMU

def qemu_dts(objtree, out, seed):
    """QEMU virt's own devicetree with the memory of topology @seed
    (--qemu profile) instead of its /memory: the path of the blob."""
    base = os.path.join(out, "topology-%#x" % seed)
    dumped = base + ".qemu.dtb"
    subprocess.run(["qemu-system-riscv64"] +
                   [a if a != "virt" else "virt,dumpdtb=" + dumped
                    for a in QEMU_MACHINE] + ["-nographic", "-bios", "default"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dumped],
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    frag = base + ".frag"
    subprocess.run([prog(objtree, "memblock"), "--qemu", "--seed", str(seed),
                    "--dts", frag], check=True)
    frag_lines = open(frag).read().splitlines()
    memres = [l for l in frag_lines if l.startswith("/memreserve/")]
    body = [l for l in frag_lines if not l.startswith("/memreserve/")]
    mems = re.findall(r"^\t(memory@[0-9a-f]+) \{", dts, re.M)
    head, _, rest = dts.partition("/dts-v1/;")
    text = (head + "/dts-v1/;\n" + "\n".join(memres) + rest +
            "\n/ {\n" + "".join("\t/delete-node/ %s;\n" % m for m in mems) +
            "};\n" + "\n".join(body) + "\n")
    with open(base + ".dts", "w") as f:
        f.write(text)
    p = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", base + ".dtb",
                        base + ".dts"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode:
        raise RuntimeError("dtc: " + p.stdout.decode())
    return base + ".dtb"


def build_kernel(objtree, backend, jobs):
    import run_tests
    boot = dict(config="qemu_riscv64_virt_defconfig",
                fragment=["CONFIG_APP_SELFTEST=y"] + BACKENDS[backend])
    return run_tests.build_config(objtree, boot, jobs)


def boots(objtree, seed, n, report, jobs=2, timeout=600):
    """@n topologies (QEMU profile) from @seed, each booted on both
    backends; report(ok, name, diag) per result."""
    print("# topology boots: %d topologies from seed %#x on both backends"
          % (n, seed), flush=True)
    kernels = {}
    for backend in BACKENDS:
        t = time.monotonic()
        out, log = build_kernel(objtree, backend, jobs)
        report(out is not None, "topology boot: build the %s selftest kernel "
               "(%.0f s)" % (backend, time.monotonic() - t), log)
        if out:
            kernels[backend] = out
    if len(kernels) != len(BACKENDS):
        return
    work = []
    for i in range(n):
        s = (seed + i) & 0xffffffff
        try:
            dtb = qemu_dts(objtree, kernels["memblock"], s)
        except (subprocess.CalledProcessError, RuntimeError, OSError) as e:
            report(False, "topology boot seed %#x: make the devicetree" % s, str(e))
            continue
        for backend, out in kernels.items():
            work.append((s, backend, out, dtb))

    def boot_one(item):
        s, backend, out, dtb = item
        cmd = qemu.qemu_command("riscv", "qemu_riscv64_virt",
                                os.path.join(out, "kernel.elf"),
                                extra=["-dtb", dtb],
                                machine=" ".join(QEMU_MACHINE))
        log = os.path.join(out, "boot-topology-%#x.log" % s)
        rc, text = qemu.run(cmd, timeout, log)
        return rc, text, log

    handed = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        results = list(ex.map(boot_one, work))
    for (s, backend, out, dtb), (rc, text, log) in zip(work, results):
        m = TOTALS.search(text)
        h = HANDOFF.search(text)
        problems = []
        if rc is None:
            problems.append("timed out after %d s" % timeout)
        elif rc:
            problems.append("exit status %d" % rc)
        if not m:
            problems.append("no KTAP totals")
        elif int(m.group(2)):
            problems.append("%s selftests failed: %s" % (m.group(2), "; ".join(
                l.strip() for l in text.splitlines() if "not ok" in l)[:300]))
        for pat in (r"bootmem handoff mismatch.*", r"Kernel panic.*",
                    r"runtime error.*"):
            hit = re.search(pat, text)
            if hit:
                problems.append(hit.group(0)[:160])
        if h:
            handed.setdefault(s, {})[backend] = int(h.group(1)) + int(h.group(2))
        report(not problems, "topology boot seed %#x (%s): %s" % (
            s, backend, "; ".join(problems) if problems else
            "exit 0, " + m.group(0)),
            "devicetree: %s\nlog: %s\nhost: %s --qemu --seed %#x --count 1 -v"
            % (dtb[:-4] + ".dts", log, prog(objtree, backend), s))
    for s, h in sorted(handed.items()):
        report(len(h) == 2 and len(set(h.values())) == 1,
               "topology boot seed %#x: both backends hand over the same "
               "pages (%s)" % (s, ", ".join("%s %d" % kv for kv in sorted(h.items()))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--objtree", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--boots", type=int, default=0)
    ap.add_argument("--seed")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int,
                    help="seconds per variant (default: 600 + 1 per topology)")
    a = ap.parse_args()
    n = [0, 0]

    def report(ok, name, diag=""):
        n[0] += 1
        n[1] += not ok
        print("%s %d - %s" % ("ok" if ok else "not ok", n[0], name))
        if not ok and diag:
            for line in diag.rstrip().splitlines()[:30]:
                print("#   " + line)
        sys.stdout.flush()

    print("TAP version 13")
    seed = base_seed(a.seed)
    if a.count:
        host(a.objtree, seed, a.count, report, a.jobs, a.timeout)
    if a.boots:
        boots(a.objtree, seed, a.boots, report, a.jobs)
    print("1..%d" % n[0])
    print("%d passed, %d failed" % (n[0] - n[1], n[1]))
    sys.exit(1 if n[1] else 0)


if __name__ == "__main__":
    main()
