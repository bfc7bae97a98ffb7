#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the include-direction check (scripts/checklayers.py); TAP.

The check runs over tiny fake trees: a clean one passes, and one with an
upward arrow (mm/ including the kernel layer), one with a header the table
does not know, and one with a circle between two subsystems (arch <->
drivers) each fail, and so does a relative "../" include that reaches
a higher layer, naming the file:line and the arrow.  The real tree is
checked by scripts/checklayers.py itself (tests/run_tests.py runs both).

usage: layers_test.py [--srctree DIR] [--objtree DIR]
Exit status: 0 all passed, 1 some failed.
"""
import argparse
import contextlib
import io
import os
import sys
import tempfile

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRCTREE, "scripts"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checklayers  # noqa: E402
import flash_test  # noqa: E402  (its TAP printer)


def fake_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def run(root):
    """(exit status, output) of the check over @root."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = checklayers.main(["--srctree", root])
    return rc, out.getvalue()


CLEAN = {
    "lib/printk.c": "#include <kernel/printk.h>\n#include <asm/mm.h>\n",
    "mm/slab.c": "#include <kernel/printk.h>\n#include <mm/slab.h>\n"
                 "#include \"slab_internal.h\"\n#include <stdint.h>\n",
    "kernel/main.c": "#include <mm/boot.h>\n#include <kernel/init.h>\n",
    "app/hello/hello.c": "#include \"../../include/libc/stdio.h\"\n",
    # A backend's directory reaches its subsystem's private header.
    "mm/bootmem/x/bootmem_x.c": "#include \"../../bootmem_internal.h\"\n",
    "mm/bootmem_internal.h": "#include <mm/bootmem.h>\n",
    # Test suites stand on top: not checked.
    "mm/test_slab.c": "#include <kernel/ktest.h>\n",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--srctree", default=SRCTREE)
    ap.add_argument("--objtree", default=None)
    ap.parse_args()
    t = flash_test.Tap()
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "clean")
        fake_tree(root, CLEAN)
        rc, out = run(root)
        t.ok(rc == 0 and "not ok" not in out,
             "a tree whose arrows all point down passes", out)

        root = os.path.join(tmp, "upward")
        fake_tree(root, dict(CLEAN, **{
            "mm/page_alloc.c": "#include <mm/gfp.h>\n\n#include <kernel/ktest.h>\n"}))
        rc, out = run(root)
        t.ok(rc == 1 and "not ok 1 - layers: include arrows point down" in out
             and "mm/page_alloc.c:3: mm -> kernel (kernel/ktest.h)" in out,
             "an upward arrow (mm -> kernel) fails with its file:line", out)
        t.ok("not ok 2" in out and "circle between kernel, mm" in out,
             "... and, with kernel -> mm, is a circle too", out)

        root = os.path.join(tmp, "unknown")
        fake_tree(root, dict(CLEAN, **{
            "lib/string.c": "#include <kernel/nosuch.h>\n"}))
        rc, out = run(root)
        t.ok(rc == 1 and "lib/string.c:1: <kernel/nosuch.h> is in no layer"
             in out, "a header not in the table fails", out)

        root = os.path.join(tmp, "relative")
        fake_tree(root, dict(CLEAN, **{
            "mm/bootmem/x/bootmem_x.c": "#include \"../../../kernel/app.h\"\n",
            "kernel/app.h": ""}))
        rc, out = run(root)
        t.ok(rc == 1 and "mm/bootmem/x/bootmem_x.c:1: mm -> kernel" in out,
             "a relative include up the tree is judged by the file it names",
             out)

        root = os.path.join(tmp, "circle")
        fake_tree(root, dict(CLEAN, **{
            "arch/riscv/kernel/setup.c": "#include <kernel/serial.h>\n",
            "drivers/uart/sbi.c": "#include <asm/sbi.h>\n"}))
        rc, out = run(root)
        t.ok(rc == 1 and "not ok 2 - layers: no circle" in out and "arch -> drivers at arch/riscv/kernel/setup.c:1" in out
             and "drivers -> arch at drivers/uart/sbi.c:1" in out,
             "a circle between two subsystems (arch <-> drivers) fails", out)
        t.ok("drivers/uart/sbi.c:1: drivers -> arch (asm/sbi.h)" in out,
             "... and its upward half (drivers -> arch) is named", out)
    print("1..%d" % t.n)
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
