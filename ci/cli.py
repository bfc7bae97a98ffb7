# SPDX-License-Identifier: MIT
"""The command line every tool run on a Kite tree starts with.

tree_parser() is the ArgumentParser of tests/fuzz/run_fuzz.py,
tests/qemu/gdbdebug.py and bench/run_bench.py: the script's docstring as
its help, shown as written, and the two trees make passes, --srctree (the
sources) and --objtree (the O= build directory).  A default of None makes
the option required.  Kept here, beside ci/qemu.py, so that no test
directory depends on another for it.
"""
import argparse


def tree_parser(doc, srctree=None, objtree=None):
    ap = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name, default in (("--srctree", srctree), ("--objtree", objtree)):
        ap.add_argument(name, default=default, required=default is None)
    return ap
