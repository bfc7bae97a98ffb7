#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The include-direction check (docs/internals.md, "Layers"); TAP.

Reads every #include line of every .c/.h/.S file under lib/ kernel/ mm/
arch/ drivers/ app/ include/ and fails when
  (a) an include arrow points up the layers: application -> kernel -> mm
      -> library, with arch/ and drivers/ beside the kernel layer, using
      mm/, the library and the narrow asm/ contract (LAYER_MAY_INCLUDE);
  (b) files of two subsystems include each other, directly or through
      others (a circle between subsystems).
A header belongs to the layer of its implementation (HEADERS below); a
header not in the table fails too, so a new one gets a deliberate place.

In-kernel test suites (test_*.c, *_ktest.c, tests/) stand on top of
everything they test and are not checked.

usage: checklayers.py [--srctree DIR] [--objtree DIR]   (objtree unused)
Exit status: 0 clean, 1 a check failed.
"""
import argparse
import os
import re
import sys

SOURCE_DIRS = ["lib", "kernel", "mm", "arch", "drivers", "app", "include"]

# Who may include whom.  "base" is the freestanding vocabulary every layer
# shares (types, compiler attributes, errno values, list, log2); "asm" is
# the narrow arch contract (page size, MMIO accessors, trap frame).
LAYER_MAY_INCLUDE = {
    "app": {"app", "kernel", "mm", "lib", "base", "asm"},
    "kernel": {"kernel", "mm", "lib", "base", "asm"},
    "arch": {"arch", "mm", "lib", "base", "asm", "drivers"},
    "drivers": {"drivers", "mm", "lib", "base", "asm"},
    "mm": {"mm", "lib", "base", "asm"},
    "lib": {"lib", "base", "asm"},
    "asm": {"base", "asm"},
    "base": {"base"},
}

# Each shared header's layer: that of the code implementing it.
HEADERS = {
    "kernel/types.h": "base",
    "kernel/compiler.h": "base",
    "kernel/kconfig.h": "base",
    "kernel/errno.h": "base",
    "kernel/list.h": "base",
    "kernel/cpumask.h": "base",
    "kernel/log2.h": "base",
    "kernel/printk.h": "lib",
    "kernel/printf.h": "lib",
    "kernel/string.h": "lib",
    "kernel/cmdline.h": "lib",
    "kernel/console.h": "lib",
    "kernel/fdt.h": "lib",
    "kernel/fdt_memory.h": "lib",
    "kernel/kallsyms.h": "lib",
    "kernel/time.h": "lib",
    "kernel/taint.h": "lib",  # lib/panic.c
    "kernel/exit.h": "lib",  # exit statuses, panic's power-off
    "kernel/spinlock.h": "lib",  # lib/spinlock.c
    "kernel/spinlock_types.h": "lib",
    # The arch <-> generic boot contract: declarations only (see the file).
    "kernel/init.h": "asm",
    "kernel/app.h": "kernel",  # the application contract
    "kernel/smp.h": "kernel",  # kernel/smp.c: CPUs, cross-calls
    "kernel/ktest.h": "kernel",
    "kernel/serial.h": "drivers",
    "asm-generic/page.h": "asm",
    "asm-generic/sections.h": "asm",  # linker-script symbols
    "asm-generic/boot_info.h": "asm",  # entry code -> setup_arch()
    "asm-generic/mm.h": "asm",  # the shared half of asm/mm.h
    # The arch <-> generic SMP contract: declarations only.
    "asm-generic/smp.h": "asm",
    "asm-generic/smp_call.h": "asm",  # cross-calls, for mm/ too
    "asm-generic/stacktrace.h": "arch",  # the frame-pointer walker
    "asm-generic/kernel.lds.h": "arch",
    # The narrow asm/ contract generic code may use ...
    "asm/mm.h": "asm",
    "asm/io.h": "asm",
    "asm/ptrace.h": "asm",
    "asm/smp.h": "asm",  # this CPU's id, the per-cpu base register
    # ... and the arch's own headers.
    "asm/acpi.h": "arch",
    "asm/apic.h": "arch",
    "asm/boot.h": "arch",
    "asm/csr.h": "arch",
    "asm/e820.h": "arch",
    "asm/fdt_memblock.h": "arch",
    "asm/pgtable.h": "arch",
    "asm/processor.h": "arch",
    "asm/sbi.h": "arch",
    "asm/setup.h": "arch",
}
# Whole directories of include/.
HEADER_DIRS = {"mm/": "mm", "libc/": "kernel"}

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
TEST_RE = re.compile(r"(^|/)(test_[^/]*\.c|[^/]*_ktest\.c|memstress\.[ch])$")


def source_layer(rel):
    """(layer, subsystem) of a source file, or None for a test suite."""
    if TEST_RE.search(rel):
        return None
    top = rel.split("/")
    if top[0] == "include":
        hl = header_layer(rel, "<", "/".join(top[1:]))
        return hl if hl and hl[0] != "system" else ("unknown", "unknown")
    if top[0] in ("arch", "drivers", "app") and len(top) > 2:
        return top[0], "/".join(top[:2])
    return top[0], top[0]


def header_layer(rel_file, kind, name):
    """(layer, subsystem) of an included header, "system" for the C
    compiler's own (stdint.h ...), or None when the table lacks it."""
    if "include/libc/" in name or name.startswith("libc/"):
        return "kernel", "kernel"
    if kind == '"' and name.startswith("../"):
        # a private header up the tree (mm/bootmem/<name>/ -> mm/): the
        # layer of the file it names
        return source_layer(os.path.normpath(os.path.join(
            os.path.dirname(rel_file), name)))
    if kind == '"' and "/" not in name.lstrip("./"):
        return None  # resolved by the caller: the includer's own
    if name in HEADERS:
        layer = HEADERS[name]
        return layer, layer
    for d, layer in HEADER_DIRS.items():
        if name.startswith(d):
            return layer, layer
    if "/" not in name and kind == "<":
        return "system", "system"
    return None


def scan(srctree):
    """Every include arrow: (file, line, header, src layer, src subsystem,
    header layer or None, header subsystem)."""
    arrows = []
    for top in SOURCE_DIRS:
        for dirpath, _, files in os.walk(os.path.join(srctree, top)):
            for f in sorted(files):
                if not f.endswith((".c", ".h", ".S")):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, srctree)
                src = source_layer(rel)
                if src is None:
                    continue
                with open(path, encoding="utf-8", errors="replace") as fh:
                    for n, line in enumerate(fh, 1):
                        m = INCLUDE_RE.match(line)
                        if not m:
                            continue
                        kind, name = m.groups()
                        if kind == '"' and "/" not in name:
                            hl = (src[0], src[1])  # beside the includer
                        else:
                            hl = header_layer(rel, kind, name)
                        arrows.append((rel, n, name, src[0], src[1],
                                       hl[0] if hl else None,
                                       hl[1] if hl else None))
    return arrows


def upward(arrows):
    """(a): the arrows that point up, or at a header not in the table."""
    bad = []
    for rel, n, name, sl, _, hl, _ in arrows:
        if hl == "system":
            continue
        if hl is None:
            bad.append("%s:%d: <%s> is in no layer (add it to HEADERS in "
                       "scripts/checklayers.py)" % (rel, n, name))
        elif hl not in LAYER_MAY_INCLUDE.get(sl, ()):
            bad.append("%s:%d: %s -> %s (%s)" % (rel, n, sl, hl, name))
    return bad


def circles(arrows):
    """(b): strongly connected sets of two or more subsystems, each with
    one arrow per edge as evidence."""
    edges = {}
    for rel, n, name, _, ss, _, hs in arrows:
        if hs in (None, "system", "base", "asm") or hs == ss:
            continue
        # A header's subsystem is its layer; a file's is its directory.
        src = ss if ss in LAYER_MAY_INCLUDE else ss.split("/")[0]
        if src == hs:
            continue
        edges.setdefault(src, {}).setdefault(hs, "%s:%d (%s)" % (rel, n, name))
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    for v in sorted(edges):
        if v not in index:
            visit(v)
    msgs = []
    for comp in out:
        why = ["%s -> %s at %s" % (a, b, edges[a][b]) for a in comp
               for b in comp if b in edges.get(a, {})]
        msgs.append("circle between %s: %s" % (", ".join(comp),
                                                "; ".join(why)))
    return msgs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--srctree", default=os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--objtree", default=None)
    a = ap.parse_args(argv)
    arrows = scan(a.srctree)
    n, failed = 0, 0
    for name, bad in (("include arrows point down the layers", upward(arrows)),
                      ("no circle between subsystems", circles(arrows))):
        n += 1
        print("%s %d - layers: %s (%d arrows)" %
              ("not ok" if bad else "ok", n, name, len(arrows)))
        for b in bad:
            print("#   " + b)
        failed += bool(bad)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
