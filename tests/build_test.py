#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the build itself (the top-level Makefile, scripts/kconfig.py,
scripts/fixdep.py, arch/*/image.mk); TAP.

- error messages: APP= without a directory or app.mk, a board name without
  _defconfig (no .config written or touched), an unknown *_defconfig
  (lists the valid names), an unknown goal;
- incremental builds, counting the compiler runs through a CC wrapper: a
  no-op build runs none, toggling CONFIG_PAGE_POISONING recompiles exactly
  the objects whose source or headers name a symbol whose value changed
  (found with a grep, not a list), and a second `make image` rewrites no
  image;
- host programs (in a copy of the tree): a no-op build of a host test
  runs no compiler, and touching a header it includes recompiles exactly
  the objects whose dependency files name the header, then relinks it;
- a one-off `make APP=dir` leaves the application chosen in .config;
- `make image IMAGE_APPEND=...` on x86 reaches the ISO's grub.cfg;
- ci/fresh-machine.sh (the README's commands in a minimal Debian chroot),
  when run as root with debootstrap installed (else skipped, with why).

usage: build_test.py [--srctree DIR] [--objtree DIR]
                     [--no-fresh-machine | --fresh-machine-only]
Work directories are under OBJTREE/build-test (and OBJTREE/fresh-machine).
Exit status: 0 all passed, 1 some failed.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import flash_test  # noqa: E402  (its TAP printer)


class Tap(flash_test.Tap):
    def ok(self, cond, name, diag=""):
        super().ok(cond, name, diag or "")
        return cond


class Build:
    """make -f SRCTREE/Makefile O=out ..., optionally through a CC wrapper
    that logs every compile (-c) to out/../cc.log."""

    def __init__(self, srctree, out, cc=None):
        self.srctree, self.out, self.cc = srctree, out, cc
        os.makedirs(out, exist_ok=True)

    def make(self, *args, cc=True):
        cmd = ["make", "-f", os.path.join(self.srctree, "Makefile"), "O=" + self.out]
        if cc and self.cc:
            cmd.append("CC=" + self.cc.path)
        p = subprocess.run(cmd + list(args), stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return p.returncode, p.stdout.decode("utf-8", "replace")


class CcWrapper:
    """A compiler that appends the object it compiles (-o of a -c run, or
    the command if there is none) to a log, then runs the real one."""

    def __init__(self, workdir, real):
        self.path = os.path.join(workdir, "cc-wrapper")
        self.log = os.path.join(workdir, "cc.log")
        with open(self.path, "w") as f:
            f.write('#!/bin/sh\n'
                    '# build_test.py: count the compiler runs\n'
                    'case " $* " in *" -c "*) echo "$*" >> %s ;; esac\n'
                    'exec %s "$@"\n' % (self.log, real))
        os.chmod(self.path, 0o755)
        self.reset()

    def reset(self):
        open(self.log, "w").close()

    def objects(self):
        """The objects compiled from sources since reset() (the link's
        own kallsyms .S files in OBJTREE are not sources)."""
        objs = []
        for line in open(self.log):
            words = line.split()
            if "-o" not in words:
                continue
            obj = words[words.index("-o") + 1]
            if not os.path.basename(obj).startswith(".kallsyms"):
                objs.append(obj)
        return objs


def mtimes(paths):
    return {p: os.stat(p).st_mtime_ns if os.path.exists(p) else None for p in paths}


def riscv_cc():
    for p in ("riscv64-unknown-elf-", "riscv64-linux-gnu-"):
        if shutil.which(p + "gcc"):
            return shutil.which(p + "gcc")
    return None


def set_option(config, sym, value):
    """Set CONFIG_<sym> to value ('y', or None for not set) in .config,
    the way menuconfig would save it."""
    lines = open(config).read().splitlines()
    pat = re.compile(r"^(# )?CONFIG_%s(=| is not set)" % sym)
    new = "CONFIG_%s=%s" % (sym, value) if value else "# CONFIG_%s is not set" % sym
    out = [new if pat.match(l) else l for l in lines]
    if new not in out:
        out.append(new)
    with open(config, "w") as f:
        f.write("\n".join(out) + "\n")


def auto_conf(out):
    vals = {}
    for line in open(os.path.join(out, "include", "config", "auto.conf")):
        m = re.match(r"^CONFIG_(\w+)=(.*)$", line.strip())
        if m:
            vals[m.group(1)] = m.group(2)
    return vals


def object_inputs(out):
    """object -> [its source and the headers gcc listed for it], from
    compile_commands.json and the .d files (headers only: the symbol
    prerequisites that fixdep adds are left out)."""
    inputs = {}
    for e in json.load(open(os.path.join(out, "compile_commands.json"))):
        files = [e["file"]]
        d = e["output"][:-2] + ".d"
        if os.path.exists(d):
            for w in open(d).read().replace("\\\n", " ").split():
                if w.endswith(":") or "wildcard" in w or "/include/config/" in w:
                    continue
                if w.endswith((".h", ".c", ".S")):
                    files.append(w)
        inputs[e["output"]] = sorted(set(files))
    return inputs


def users_of(inputs, syms):
    """Objects whose source or headers name CONFIG_<sym> for any sym (a
    plain grep over the files)."""
    if not syms:
        return set()
    pat = re.compile(r"(?<![A-Za-z0-9_])CONFIG_(%s)(?![A-Za-z0-9_])" %
                     "|".join(map(re.escape, sorted(syms))))
    cache = {}

    def names(path):
        if path not in cache:
            try:
                cache[path] = pat.search(open(path, errors="replace").read()) is not None
            except OSError:
                cache[path] = False
        return cache[path]
    return {obj for obj, files in inputs.items() if any(names(f) for f in files)}


# ---------------------------------------------------------------- errors
def test_errors(t, srctree, work):
    out = os.path.join(work, "errors")
    shutil.rmtree(out, ignore_errors=True)
    b = Build(srctree, out)
    cfg = os.path.join(out, ".config")

    rc, log = b.make("APP=/nonexistent")
    t.ok(rc != 0 and "APP=/nonexistent: no such directory" in log and
         "No rule to make target" not in log and not os.path.exists(cfg),
         "make APP=/nonexistent: says the directory is missing, writes no .config", log)
    with tempfile.TemporaryDirectory() as empty:
        rc, log = b.make("APP=" + empty)
        t.ok(rc != 0 and "has no app.mk" in log and not os.path.exists(cfg),
             "make APP=<dir without app.mk>: says app.mk is missing", log)

    rc, log = b.make("qemu_sifive_u", "run")
    t.ok(rc != 0 and "did you mean qemu_sifive_u_defconfig?" in log and
         not os.path.exists(cfg),
         "make qemu_sifive_u run: suggests qemu_sifive_u_defconfig, writes no .config", log)

    rc, log = b.make("foo_defconfig")
    names = sorted(os.path.basename(p) for p in
                   glob.glob(os.path.join(srctree, "boards", "*", "*",
                                          "*_defconfig")))
    missing = [n for n in names if n not in log]
    t.ok(rc != 0 and names and not missing and not os.path.exists(cfg),
         "make foo_defconfig: fails and lists the %d valid names" % len(names),
         log + ("missing: %s" % missing if missing else ""))

    # With a .config: it stays as it was, byte for byte and in time.
    rc, log = b.make("qemu_riscv64_virt_defconfig")
    if not t.ok(rc == 0, "make qemu_riscv64_virt_defconfig", log):
        return
    before = (open(cfg, "rb").read(), os.stat(cfg).st_mtime_ns)
    rc, log = b.make("qemu_sifive_u", "run")
    t.ok(rc != 0 and "did you mean qemu_sifive_u_defconfig?" in log and
         before == (open(cfg, "rb").read(), os.stat(cfg).st_mtime_ns),
         "make qemu_sifive_u run with a .config: suggestion, .config untouched", log)
    rc, log = b.make("frobnicate")
    t.ok(rc != 0 and "No rule to make target 'frobnicate'" in log,
         "make frobnicate: \"No rule to make target 'frobnicate'\"", log)


# ---------------------------------------------------------------- incremental
def test_incremental(t, srctree, work):
    real = riscv_cc()
    if not real:
        t.skip("incremental builds", "no RISC-V gcc (run ci/install-deps.sh)")
        return None
    out = os.path.join(work, "riscv")
    os.makedirs(work, exist_ok=True)
    cc = CcWrapper(work, real)
    b = Build(srctree, out, cc)
    rc, log = b.make("qemu_riscv64_virt_defconfig")
    if not t.ok(rc == 0, "riscv: make qemu_riscv64_virt_defconfig", log):
        return None
    rc, log = b.make("-j2", "all")
    if not t.ok(rc == 0, "riscv: make all (%d objects compiled)" % len(cc.objects()), log):
        return None
    elf = os.path.join(out, "kernel.elf")

    cc.reset()
    before = mtimes([elf])
    start = time.monotonic()
    rc, log = b.make("-j2", "all")
    secs = time.monotonic() - start
    n = len(cc.objects())
    t.ok(rc == 0 and n == 0 and mtimes([elf]) == before,
         "riscv: no-op make runs no compiler and keeps kernel.elf "
         "(%d compiler runs, %.2f s)" % (n, secs), log + open(cc.log).read())

    config = os.path.join(out, ".config")
    total = len(object_inputs(out))
    for value in ("y", None):
        old = auto_conf(out)
        set_option(config, "PAGE_POISONING", value)
        cc.reset()
        before = mtimes([elf])
        rc, log = b.make("-j2", "all")
        new = auto_conf(out)
        changed = {s for s in set(old) | set(new) if old.get(s) != new.get(s)}
        want = users_of(object_inputs(out), changed)
        got = cc.objects()
        rel = lambda objs: " ".join(sorted(os.path.relpath(o, out) for o in objs))
        t.ok(rc == 0 and "PAGE_POISONING" in changed and want and
             sorted(got) == sorted(want) and mtimes([elf]) != before,
             "riscv: CONFIG_PAGE_POISONING=%s recompiles the %d of %d objects "
             "that use it (%s) and relinks" % (value or "n", len(want), total, rel(want)),
             "%s\nchanged: %s\nwant: %s\ngot:  %s" % (log, sorted(changed), rel(want),
                                                     rel(got)))

    # make image: a second run rewrites none of the images.
    if not (shutil.which("mkimage") and shutil.which("sgdisk") and shutil.which("mcopy")):
        t.skip("riscv: a second make image rewrites nothing",
               "u-boot-tools, gdisk or mtools missing (run ci/install-deps.sh)")
        return b
    rc, log = b.make("-j2", "image")
    if not t.ok(rc == 0, "riscv: make image", log):
        return b
    imgs = [os.path.join(out, f) for f in ("Image", "kernel.itb", "boot.scr",
                                          "extlinux/extlinux.conf", "sdcard.img")]
    before = mtimes(imgs)
    cc.reset()
    rc, log = b.make("-j2", "image")
    same = [os.path.relpath(p, out) for p in imgs if mtimes([p]) == {p: before[p]}]
    t.ok(rc == 0 and len(same) == len(imgs) and not cc.objects(),
         "riscv: a second make image rewrites nothing (%s)" % " ".join(same),
         log + open(cc.log).read())
    return b


# ---------------------------------------------------------------- host deps
def copy_tree(srctree, dst):
    """The source tree's files (those git tracks or would track, else all
    but .git and build directories) copied to dst."""
    shutil.rmtree(dst, ignore_errors=True)
    p = subprocess.run(["git", "-C", srctree, "ls-files", "-z", "-co",
                        "--exclude-standard"], capture_output=True)
    if p.returncode != 0 or not p.stdout:
        shutil.copytree(srctree, dst, symlinks=True,
                        ignore=shutil.ignore_patterns(".git", "build*"))
        return
    for f in p.stdout.decode().split("\0"):
        s = os.path.join(srctree, f)
        if f and os.path.isfile(s):
            os.makedirs(os.path.dirname(os.path.join(dst, f)), exist_ok=True)
            shutil.copy2(s, os.path.join(dst, f), follow_symlinks=False)


def test_host_deps(t, srctree, work):
    """Dependency tracking of the host programs, on tests/host/memparse.mk's
    test: its sources include tests/host/tap.h, lib/memparse.c does not."""
    src, out = os.path.join(work, "host-deps-src"), os.path.join(work, "host-deps")
    copy_tree(srctree, src)
    shutil.rmtree(out, ignore_errors=True)
    wrapper, log = os.path.join(work, "hostcc-wrapper"), os.path.join(work, "hostcc.log")
    with open(wrapper, "w") as f:
        f.write('#!/bin/sh\n# build_test.py: the sources each host compile reads\n'
                'for a in "$@"; do case "$a" in *.c) echo "$a" >> %s ;; esac; done\n'
                'exec %s "$@"\n' % (log, shutil.which("gcc") or "gcc"))
    os.chmod(wrapper, 0o755)
    prog = os.path.join(out, "host", "memparse")
    b = Build(src, out)

    def build(*extra):
        open(log, "w").close()
        before = mtimes([prog])
        rc, text = b.make("HOSTCC=" + wrapper, prog, *extra)
        compiled = sorted(os.path.relpath(l.strip(), src) for l in open(log))
        return rc, text, compiled, mtimes([prog]) != before

    rc, text, compiled, _ = build()
    if not t.ok(rc == 0, "host deps: make host/memparse", text):
        return
    rc, text, compiled, relinked = build()
    t.ok(rc == 0 and not compiled and not relinked,
         "host deps: a no-op make compiles nothing and keeps host/memparse",
         "%s\ncompiled: %s" % (text, compiled))

    header = os.path.join(src, "tests", "host", "tap.h")
    os.utime(header)
    users = []
    for d in glob.glob(os.path.join(out, "host", "memparse.objs", "**", "*.d"),
                       recursive=True):
        deps = open(d).read().replace("\\\n", " ").split()
        if header in deps:
            users.append(os.path.relpath(deps[1], src))
    rc, text, compiled, relinked = build()
    t.ok(rc == 0 and relinked and "tests/host/test_memparse.c" in users and
         "lib/memparse.c" not in users and compiled == sorted(users),
         "host deps: touching tests/host/tap.h recompiles exactly its users "
         "(%s) and relinks host/memparse" % " ".join(sorted(users)),
         "%s\ncompiled: %s\nusers: %s" % (text, compiled, sorted(users)))
    rc, text, compiled, relinked = build()
    t.ok(rc == 0 and not compiled and not relinked,
         "host deps: then a no-op make compiles nothing again",
         "%s\ncompiled: %s" % (text, compiled))

    # The program's flags are part of what its objects depend on: an object
    # built with other flags may have another struct layout (CONFIG_ values).
    everything = sorted(os.path.relpath(os.path.splitext(o)[0] + ".c",
                                        os.path.join(out, "host", "memparse.objs"))
                        for o in glob.glob(os.path.join(out, "host", "memparse.objs",
                                                        "**", "*.o"), recursive=True))
    for extra, what in ((["host-memparse-cflags=-DKITE_FLAGS_TEST"], "a new flag"),
                        ([], "the flag gone again")):
        rc, text, compiled, relinked = build(*extra)
        t.ok(rc == 0 and relinked and compiled == everything,
             "host deps: %s recompiles all %d objects of host/memparse and "
             "relinks it" % (what, len(everything)),
             "%s\ncompiled: %s\nexpected: %s" % (text, compiled, everything))
    rc, text, compiled, relinked = build()
    t.ok(rc == 0 and not compiled and not relinked,
         "host deps: a no-op make after the flag changes compiles nothing",
         "%s\ncompiled: %s" % (text, compiled))


# ---------------------------------------------------------------- APP=
def test_app_one_off(t, srctree, b):
    if b is None:
        t.skip("make APP=dir is a one-off", "no riscv build")
        return
    out, config = b.out, os.path.join(b.out, ".config")
    # The choice menuconfig would save: hello instead of the default.
    for sym, val in (("APP_MEMDEMO", None), ("APP_HELLO", "y")):
        set_option(config, sym, val)
    rc, log = b.make("-j2", "all")
    t.ok(rc == 0 and "app hello)" in log, "APP: .config choice hello is built", log)
    ext = os.path.join(srctree, "examples", "external-app")
    rc, log = b.make("-j2", "all", "APP=" + ext)
    t.ok(rc == 0 and "app external)" in log,
         "APP: make APP=examples/external-app builds the external app", log)
    text = open(config).read()
    t.ok("CONFIG_APP_HELLO=y" in text.splitlines(),
         "APP: .config still chooses hello after make APP=...",
         "\n".join(l for l in text.splitlines() if "APP" in l))
    rc, log = b.make("-j2", "all")
    t.ok(rc == 0 and "app hello)" in log and auto_conf(out).get("APP_NAME") == '"hello"',
         "APP: the next plain make builds hello again", log)


# ---------------------------------------------------------------- x86 image
def test_x86_image_append(t, srctree, work):
    name = "x86: make image IMAGE_APPEND=... reaches grub.cfg"
    if not (shutil.which("grub-mkrescue") and shutil.which("xorriso")):
        t.skip(name, "grub-mkrescue or xorriso missing (run ci/install-deps.sh)")
        return
    out = os.path.join(work, "x86")
    b = Build(srctree, out)
    rc, log = b.make("qemu_x86_64_tiny_defconfig")
    if not t.ok(rc == 0, "x86: make qemu_x86_64_tiny_defconfig", log):
        return
    grub = os.path.join(out, "iso", "boot", "grub", "grub.cfg")
    iso = os.path.join(out, "kite.iso")
    for args in ("memblock=debug build_test=1", "loglevel=7 -- two words"):
        rc, log = b.make("-j2", "image", "IMAGE_APPEND=" + args)
        cfg = open(grub).read() if os.path.exists(grub) else ""
        t.ok(rc == 0 and re.search(r"multiboot2 /boot/kernel\.elf %s$" % re.escape(args),
                                   cfg, re.M) is not None,
             "x86: make image IMAGE_APPEND=\"%s\": grub.cfg has it" % args, log + cfg)
    before = mtimes([iso])
    rc, log = b.make("image", "IMAGE_APPEND=" + args)
    t.ok(rc == 0 and mtimes([iso]) == before,
         "x86: the same make image again keeps kite.iso", log)
    rc, log = b.make("image", "IMAGE_CMDLINE=x")
    t.ok(rc != 0 and "IMAGE_APPEND" in log,
         "x86: the old IMAGE_CMDLINE is refused, naming IMAGE_APPEND", log)


# ---------------------------------------------------------------- fresh machine
def test_fresh_machine(t, srctree, objtree):
    name = "ci/fresh-machine.sh: make run and make check-boot in a minbase chroot"
    if os.environ.get("KITE_FRESH_MACHINE"):
        t.skip(name, "already inside the fresh-machine chroot")
        return
    if os.geteuid() != 0:
        t.skip(name, "needs root (debootstrap, chroot)")
        return
    if not shutil.which("debootstrap"):
        t.skip(name, "debootstrap is missing (run ci/install-deps.sh)")
        return
    start = time.monotonic()
    p = subprocess.run([os.path.join(srctree, "ci", "fresh-machine.sh"),
                        os.path.join(objtree, "fresh-machine")],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    out = p.stdout.decode("utf-8", "replace")
    for line in out.splitlines():
        if line.startswith("fresh-machine:"):
            print("# " + line)
    t.ok(p.returncode == 0, "%s (%.0f s)" % (name, time.monotonic() - start), out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", default=SRCTREE)
    ap.add_argument("--objtree", default=os.path.join(SRCTREE, "build"))
    ap.add_argument("--no-fresh-machine", action="store_true")
    ap.add_argument("--fresh-machine-only", action="store_true",
                    help="only ci/fresh-machine.sh (make check runs it beside "
                    "the boots: it waits on the network and dpkg, not the CPU)")
    a = ap.parse_args()
    srctree, objtree = os.path.abspath(a.srctree), os.path.abspath(a.objtree)
    t = Tap()
    if a.fresh_machine_only:
        test_fresh_machine(t, srctree, objtree)
        print("1..%d" % t.n)
        sys.exit(1 if t.failed else 0)
    work = os.path.join(objtree, "build-test")
    os.makedirs(work, exist_ok=True)
    test_errors(t, srctree, work)
    b = test_incremental(t, srctree, work)
    test_host_deps(t, srctree, work)
    test_app_one_off(t, srctree, b)
    test_x86_image_append(t, srctree, work)
    if not a.no_fresh_machine:
        test_fresh_machine(t, srctree, objtree)
    print("1..%d" % t.n)
    sys.exit(1 if t.failed else 0)


if __name__ == "__main__":
    main()
