#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The `make check` driver: one protocol (TAP) for everything.

1. Host unit tests (built by the Makefile with ASan + UBSan): each binary
   prints TAP; every "ok"/"not ok" line is one counted assertion.
2. QEMU boot tests (tests/qemu/boots.py): each configuration is built in
   its own output directory, booted with a timeout, and checked: the exit
   status, expected boot-log lines, and every KTAP case the guest prints.

Prints TAP as it goes and ends with the single line
"N passed, N failed" (", N skipped" when any were skipped, each with its
reason above).  Exits non-zero on any failure.
"""
import argparse
import concurrent.futures
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRCTREE, "ci"))
sys.path.insert(0, os.path.join(SRCTREE, "tests", "qemu"))
import qemu  # noqa: E402


class Results:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.n = 0
        self.failures = []

    def ok(self, cond, name, diag=None):
        self.n += 1
        if cond:
            self.passed += 1
            print("ok %d - %s" % (self.n, name))
        else:
            self.failed += 1
            self.failures.append(name)
            print("not ok %d - %s" % (self.n, name))
            if diag:
                for line in diag.rstrip().splitlines()[-40:]:
                    print("#   " + line)
        sys.stdout.flush()

    def skip(self, name, why):
        self.n += 1
        self.skipped += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why))


TAP_LINE = re.compile(r"^(\s*)(ok|not ok)\s+(\d+)\s*-?\s*(.*)$")
# The guest's printk puts "[    0.071234] " before every line.
PRINTK_TIME = re.compile(r"^\[\s*\d+\.\d+\] ")


def parse_tap(text, prefix, res, nested_only=False):
    """Count TAP/KTAP result lines. For KTAP (nested), count the cases
    (indented lines); suite lines summarise them and are not re-counted."""
    seen = 0
    for line in text.splitlines():
        m = TAP_LINE.match(PRINTK_TIME.sub("", line, count=1))
        if not m:
            continue
        indent, verdict, _, rest = m.groups()
        if nested_only and not indent:
            continue
        if not nested_only and indent:
            continue
        seen += 1
        name, _, directive = rest.partition(" # ")
        name = "%s: %s" % (prefix, name.strip())
        if directive.upper().startswith("SKIP"):
            res.skip(name, directive[4:].strip() or "no reason given")
        else:
            res.ok(verdict == "ok", name)
    return seen


def run_host_tests(objtree, names, res, timeout):
    env = dict(os.environ, SRCTREE=SRCTREE)
    for name in names:
        exe = os.path.join(objtree, "host", name)
        print("# host test %s" % name, flush=True)
        start = time.monotonic()
        try:
            p = subprocess.run([exe], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env,
                               timeout=timeout)
            out = p.stdout.decode("utf-8", "replace")
            rc = p.returncode
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace")
            rc = None
        seen = parse_tap(out, name, res)
        for line in out.splitlines():
            if line.startswith("# seed"):
                print(line)
        if rc != 0 or seen == 0:
            why = ("timed out after %ds" % timeout if rc is None else
                   "exit status %d" % rc if rc != 0 else "no TAP output")
            res.ok(False, "%s: %s" % (name, why), out)
        print("# %s: %d checks in %.1f s" % (name, seen, time.monotonic() - start),
              flush=True)


# Host-side TAP scripts (tools, not the kernel): run with --srctree/--objtree.
TAP_SCRIPTS = ["tests/flash_test.py", "tests/build_test.py --no-fresh-machine",
               "tests/memmap_test.py", "tests/flash_hint_test.py",
               "tests/qemu_status_test.py", "tests/boards_test.py",
               "tests/explore/kconfig_rules.py", "scripts/checklayers.py",
               "tests/layers_test.py", "scripts/fnlen.py --tap",
               "tests/fnlen_test.py"]
# Longer than --host-timeout: build_test.py builds several kernels.
TAP_TIMEOUTS = {"tests/build_test.py --no-fresh-machine": 1800}
# ci/fresh-machine.sh (as root: a minbase Debian chroot running the README's
# make run) mostly waits on the network and dpkg, so it runs in the
# background from the start of make check and is collected at the end.
FRESH_MACHINE = "tests/build_test.py --fresh-machine-only"
FRESH_MACHINE_TIMEOUT = 2700


def start_tap_script(rel, objtree, timeout):
    """Run a TAP script in a thread; returns a function that waits for it
    and gives (output, exit status or None on a timeout)."""
    box = {}
    cmd = [sys.executable] + [os.path.join(SRCTREE, rel.split()[0])] + \
        rel.split()[1:] + ["--srctree", SRCTREE, "--objtree", objtree]

    def work():
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=timeout)
            box["r"] = (p.stdout.decode("utf-8", "replace"), p.returncode)
        except subprocess.TimeoutExpired as e:
            box["r"] = ((e.stdout or b"").decode("utf-8", "replace"), None)
    th = threading.Thread(target=work, daemon=True)
    th.start()

    def wait():
        th.join()
        return box["r"]
    return wait


def collect_tap_script(rel, out, rc, res):
    seen = parse_tap(out, rel, res)
    # Status 1 = some "not ok" (already counted); more = the script broke.
    if rc is None or rc > 1 or seen == 0:
        res.ok(False, "%s: %s" % (rel, "timed out" if rc is None else
                                  "exit status %d" % rc if rc else "no TAP output"),
               out)


def run_tap_scripts(objtree, res, timeout):
    for rel in TAP_SCRIPTS:
        print("# tap script %s" % rel, flush=True)
        limit = max(timeout, TAP_TIMEOUTS.get(rel, 0))
        out, rc = start_tap_script(rel, objtree, limit)()
        collect_tap_script(rel, out, rc, res)


def run_fuzzers(objtree, res, seconds, jobs):
    """Build the libFuzzer targets (tests/fuzz/fuzz.mk) and run each for
    @seconds: one result per target."""
    sys.path.insert(0, os.path.join(SRCTREE, "tests", "fuzz"))
    import run_fuzz
    names = run_fuzz.NAMES
    if not shutil.which(os.environ.get("FUZZ_CC", "clang")):
        for n in names:
            res.skip("fuzz %s" % n, "clang not installed (libFuzzer)")
        return
    print("# fuzzers: building", flush=True)
    p = subprocess.run(["make", "-f", os.path.join(SRCTREE, "Makefile"),
                        "O=" + objtree, "-j%d" % jobs, "fuzzers"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode:
        res.ok(False, "fuzz: build the fuzz targets",
               p.stdout.decode("utf-8", "replace"))
        return
    for name, ok, summary, out in run_fuzz.run(objtree, names, seconds, jobs):
        res.ok(ok, "fuzz %s: %s" % (name, summary), out)


def check_format(res):
    """One TAP line: every C file in the tree is clang-format clean
    (the same check as make format-check)."""
    import shutil
    if not shutil.which("clang-format"):
        res.skip("format: clang-format clean", "clang-format is not installed")
        return
    try:
        files = subprocess.run(["git", "ls-files", "*.c", "*.h"], cwd=SRCTREE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               check=True).stdout.decode().split()
    except (OSError, subprocess.CalledProcessError):
        files = [os.path.relpath(os.path.join(d, f), SRCTREE)
                 for d, _, fs in os.walk(SRCTREE) if "/build" not in d
                 for f in fs if f.endswith((".c", ".h"))]
    p = subprocess.run(["clang-format", "--dry-run", "-Werror"] + files,
                       cwd=SRCTREE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode("utf-8", "replace")
    bad = sorted(set(l.split(":")[0] for l in out.splitlines() if ": error:" in l))
    res.ok(p.returncode == 0, "format: %d C files clang-format clean%s" % (
        len(files), "" if not bad else " (not: %s)" % " ".join(bad[:10])), out)


def build_config(objtree, boot, jobs):
    key = boot["config"] + "|" + "|".join(sorted(boot.get("fragment", [])))
    key += "|" + boot.get("app", "")
    tag = hashlib.sha1(key.encode()).hexdigest()[:10]
    out = os.path.join(objtree, "check", boot["config"].replace("_defconfig", "") + "-" + tag)
    os.makedirs(out, exist_ok=True)
    mk = ["make", "-f", os.path.join(SRCTREE, "Makefile"), "O=" + out]
    if boot.get("app"):
        mk.append("APP=" + os.path.join(SRCTREE, boot["app"]))
    log = []
    cfg = os.path.join(out, ".config")
    want = "\n".join(boot.get("fragment", []))
    stamp = os.path.join(out, ".check-fragment")
    fresh = not (os.path.exists(cfg) and os.path.exists(stamp) and
                 open(stamp).read() == key)
    steps = []
    if fresh:
        steps.append(mk + [boot["config"]])
    steps.append(None)  # apply fragment
    # "targets": what to build besides the kernel (e.g. ["all", "image"]).
    steps.append(mk + ["-j%d" % jobs] + boot.get("targets", ["all"]))
    for step in steps:
        if step is None:
            if fresh and want:
                with open(cfg, "a") as f:
                    f.write("\n" + want + "\n")
                p = subprocess.run(mk + ["olddefconfig"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
                log.append(p.stdout.decode())
                if p.returncode:
                    return None, "".join(log)
            with open(stamp, "w") as f:
                f.write(key)
            continue
        p = subprocess.run(step, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        log.append(p.stdout.decode("utf-8", "replace"))
        if p.returncode:
            return None, "".join(log)
    if want:
        text = open(cfg).read()
        for line in boot.get("fragment", []):
            if line.startswith("#"):
                continue
            if line not in text.splitlines():
                return None, "config fragment line not applied: %s\n" % line
    return out, "".join(log)


def run_boot(boot, out):
    arch = boot.get("arch", "riscv")
    board = boot["board"]
    kernel = os.path.join(out, boot.get("image", "kernel.elf"))
    if boot.get("command"):
        cmd = boot["command"](SRCTREE, out)
    else:
        cmd = qemu.qemu_command(arch, board, kernel, boot.get("append", ""),
                                boot.get("qemu_extra", []),
                                machine=boot.get("machine"))
        if boot.get("bios") is not None:
            i = cmd.index("-bios") if "-bios" in cmd else -1
            if i >= 0:
                cmd[i + 1] = boot["bios"]
    log = os.path.join(out, "boot-%s.log" % boot["name"])
    rc, text = qemu.run(cmd, boot.get("timeout", 120), log)
    if rc is None:
        return None, text, log
    # The status as `make run` reports it: the exit device checked
    # against the console's power-down line (ci/qemu.py).
    status, note = qemu.exit_status(arch, board, rc, text)
    if note:
        text += "\nqemu: %s\n" % note
        with open(log, "a") as f:
            f.write("qemu: %s\n" % note)
    return status, text, log


# No boot may print these, whatever it tests.
GLOBAL_REJECT = [r"bootmem handoff mismatch",
                 # x86: not behind a power-off that was on its way
                 r"power: cannot power off"]


def check_boot(boot, status, text, log, res):
    name = "boot %s" % boot["name"]
    if status is None:
        res.ok(False, "%s: finished within %ds" % (name, boot.get("timeout", 120)),
               text)
        return
    want = boot.get("status", 0)
    res.ok(status == want, "%s: exit status %d (want %d)" % (name, status, want),
           None if status == want else text)
    for pat in boot.get("expect", []):
        res.ok(re.search(pat, text, re.M) is not None,
               "%s: log matches /%s/" % (name, pat), "see " + log)
    for pat in boot.get("reject", []) + GLOBAL_REJECT:
        res.ok(re.search(pat, text, re.M) is None,
               "%s: log has no /%s/" % (name, pat), "see " + log)
    if boot.get("check"):
        for item in boot["check"](text, SRCTREE):
            if not (isinstance(item, tuple) and len(item) == 3):
                res.ok(False, "%s: check returned %r, not (name, cond, diag)"
                       % (name, item))
                continue
            cname, cond, diag = item
            res.ok(cond, "%s: %s" % (name, cname), diag)
    if boot.get("ktap"):
        n = parse_tap(text, name, res, nested_only=True)
        res.ok(n >= boot.get("min_cases", 1),
               "%s: KTAP cases seen (%d)" % (name, n))


def topology():
    """tests/explore/topology.py: random memory topologies."""
    sys.path.insert(0, os.path.join(SRCTREE, "tests", "explore"))
    import topology as t
    return t


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", default=SRCTREE)
    ap.add_argument("--objtree", required=True)
    ap.add_argument("--host-tests", default="")
    ap.add_argument("--boot-only", action="store_true")
    ap.add_argument("--no-boot", action="store_true")
    ap.add_argument("--filter", default="", help="only boots whose name contains this")
    ap.add_argument("--list", action="store_true",
                    help="print the boots (after --filter) and exit")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--host-timeout", type=int, default=600)
    ap.add_argument("--fuzz-seconds", type=int, default=0,
                    help="run each libFuzzer target this long (0: none)")
    ap.add_argument("--randconfigs", type=int, default=0,
                    help="build and boot this many random configurations "
                    "with the selftest app (tests/explore/randconfig.py)")
    ap.add_argument("--randconfig-seed", default="",
                    help="their first KCONFIG_SEED (default: from the clock)")
    ap.add_argument("--topologies", type=int, default=0,
                    help="random memory topologies per bootmem variant on "
                    "the host (tests/explore/topology.py)")
    ap.add_argument("--topology-boots", type=int, default=0,
                    help="random topologies booted in QEMU per backend")
    ap.add_argument("--topology-seed", default="",
                    help="their first seed (default: $SEED or the clock)")
    return ap.parse_args()


def build_boots(a, todo, res):
    """Build each distinct configuration of @todo once, in order; the
    output directory per boot name (None: the build failed)."""
    built = {}
    cache = {}
    for b in todo:
        key = (b["config"], tuple(sorted(b.get("fragment", []))),
               b.get("app", ""), tuple(b.get("targets", [])))
        if key not in cache:
            t = time.monotonic()
            out, blog = build_config(a.objtree, b, a.jobs)
            cache[key] = out
            res.ok(out is not None, "build %s%s (%.0f s)" % (
                b["config"], "".join(" +" + f for f in key[1]) +
                (" APP=" + key[2] if key[2] else ""),
                time.monotonic() - t), blog)
        built[b["name"]] = cache[key]
    return built


def run_boots(a, todo, built, res):
    """Boot what was built (skips reported); the log text per boot name."""
    runnable = [b for b in todo if built.get(b["name"])]
    for b in todo:
        if b.get("skip_unless") and not b["skip_unless"]():
            res.skip("boot %s" % b["name"], b.get("skip_why", "prerequisite missing"))
    runnable = [b for b in runnable
                if not (b.get("skip_unless") and not b["skip_unless"]())]
    # TCG QEMU is single-threaded: boot two at a time on two cores.
    logs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = [(b, ex.submit(run_boot, b, built[b["name"]])) for b in runnable]
        for b, f in futs:
            try:
                status, text, log = f.result()
            except Exception as e:  # a broken test setup is a failure
                res.ok(False, "boot %s: test setup (%s: %s)" % (
                    b["name"], type(e).__name__, e))
                continue
            logs[b["name"]] = text
            print("# boot %s (%s)" % (b["name"], log), flush=True)
            check_boot(b, status, text, log, res)
    return logs


def cross_checks(cross, logs, filt, res):
    """One value read from two boots' logs must agree (e.g. pages handed
    to the buddy under both bootmem backends)."""
    for c in cross:
        if not all(n in logs for n in c["boots"]):
            if all(filt in n for n in c["boots"]):
                res.ok(False, "cross %s: both boots ran" % c["name"])
            continue
        vals = []
        for n in c["boots"]:
            m = re.search(c["regex"], logs[n], re.M)
            # Several groups: the value is their sum.
            vals.append(sum(int(g) for g in m.groups()) if m else None)
        res.ok(None not in vals and len(set(vals)) == 1,
               "cross %s: %s" % (c["name"], " == ".join(
                   "%s (%s)" % (v, n) for v, n in zip(vals, c["boots"]))))


def summary(res, t0):
    """The plan, the time, the failures and the one-line total."""
    print("1..%d" % res.n)
    print("# %.0f s" % (time.monotonic() - t0))
    if res.failures:
        print("# failed:")
        for f in res.failures[:50]:
            print("#   " + f)
    line = "%d passed, %d failed" % (res.passed, res.failed)
    if res.skipped:
        line += ", %d skipped" % res.skipped
    print(line)


def list_boots(filt):
    """--list: one line per boot (name, config, status, log patterns),
    then their number; nothing is built or run."""
    import boots
    todo = [b for b in boots.BOOTS if filt in b["name"]]
    for b in todo:
        print("%-44s %-36s status %-3d %d patterns" % (
            b["name"], b["config"], b.get("status", 0),
            len(b.get("expect", [])) + len(b.get("reject", []))))
    print("# %d boots" % len(todo))


def main():
    a = parse_args()
    if a.list:
        list_boots(a.filter)
        return
    res = Results()
    t0 = time.monotonic()
    print("TAP version 13")

    fresh = None
    if not a.boot_only and not a.no_boot and not a.filter:
        print("# tap script %s: started in the background" % FRESH_MACHINE,
              flush=True)
        fresh = start_tap_script(FRESH_MACHINE, a.objtree,
                                 FRESH_MACHINE_TIMEOUT)
    if not a.boot_only:
        check_format(res)
        run_host_tests(a.objtree, a.host_tests.split(), res, a.host_timeout)
        run_tap_scripts(a.objtree, res, a.host_timeout)
        if a.topologies > 0:
            topology().host(a.objtree, topology().base_seed(a.topology_seed),
                            a.topologies, res.ok, min(a.jobs, 2))
        if a.fuzz_seconds > 0:
            run_fuzzers(a.objtree, res, a.fuzz_seconds, min(a.jobs, 2))

    if not a.no_boot and a.topology_boots > 0 and not a.filter:
        topology().boots(a.objtree, topology().base_seed(a.topology_seed),
                         a.topology_boots, res.ok, a.jobs)

    if not a.no_boot and a.randconfigs > 0 and not a.filter:
        sys.path.insert(0, os.path.join(SRCTREE, "tests", "explore"))
        import randconfig
        randconfig.run(a.objtree, a.randconfigs,
                       randconfig.base_seed(a.randconfig_seed),
                       jobs=a.jobs, report=lambda ok, name, diag:
                       res.ok(ok, name, diag))

    if not a.no_boot:
        import boots
        todo = [b for b in boots.BOOTS if a.filter in b["name"]]
        built = build_boots(a, todo, res)
        logs = run_boots(a, todo, built, res)
        cross_checks(getattr(boots, "CROSS", []), logs, a.filter, res)

    if fresh:
        print("# tap script %s: waiting for it" % FRESH_MACHINE, flush=True)
        out, rc = fresh()
        collect_tap_script(FRESH_MACHINE, out, rc, res)

    summary(res, t0)
    sys.exit(1 if res.failed else 0)


if __name__ == "__main__":
    main()
