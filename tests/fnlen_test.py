#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the size-limit check (scripts/fnlen.py --tap); TAP.

The check runs over tiny fake trees (not git checkouts, so every .c and .h
below the root counts): a clean one passes; a function one line over the
limit, one hidden behind braces in comments and strings, and a file one
line over its limit (C or Python) each fail, naming the function or file.  The real tree
is checked by scripts/fnlen.py --tap itself (tests/run_tests.py runs both).

usage: fnlen_test.py [--srctree DIR] [--objtree DIR]
Exit status: 0 all passed, 1 some failed.
"""
import contextlib
import io
import os
import sys

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRCTREE, "scripts"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fnlen  # noqa: E402
import flash_test  # noqa: E402  (its TAP printer and frame)
from layers_test import fake_tree  # noqa: E402


def function(name, lines, body="\tx++;\n"):
    """A C function of exactly @lines lines, header to closing brace."""
    return "int %s(int x)\n{\n%s\treturn x;\n}\n" % (name, body * (lines - 4))


def run(root):
    """(exit status, output) of the check over @root."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = fnlen.main(["--tap", "--srctree", root])
    return rc, out.getvalue()


def all_tests(a, tmp):
    t = flash_test.Tap()
    clean = {"mm/a.c": function("fits", 80) + "\n" * 600,
             "lib/b.h": "static inline " + function("also_fits", 80)}
    root = os.path.join(tmp, "clean")
    fake_tree(root, clean)
    rc, out = run(root)
    t.ok(rc == 0 and "not ok" not in out and "(2 functions)" in out,
         "80-line functions in a 680-line file pass", out)

    root = os.path.join(tmp, "longfn")
    fake_tree(root, dict(clean, **{"kernel/c.c": function("too_long", 81)}))
    rc, out = run(root)
    t.ok(rc == 1 and "not ok 1 - fnlen: no function over 80" in out
         and "#   81 kernel/c.c:1 too_long" in out,
         "an 81-line function fails, named with its file:line", out)

    root = os.path.join(tmp, "braces")
    fake_tree(root, dict(clean, **{"kernel/d.c": function(
        "hidden", 81, '\tputs("}"); /* } */\n')}))
    rc, out = run(root)
    t.ok(rc == 1 and "#   81 kernel/d.c:1 hidden" in out,
         "braces in strings and comments do not end a function", out)

    root = os.path.join(tmp, "longfile")
    fake_tree(root, dict(clean, **{"mm/a.c": clean["mm/a.c"] + "\n" * 21}))
    rc, out = run(root)
    t.ok(rc == 1 and "ok 1 - fnlen" in out and
         "not ok 2 - fnlen: no source file over 700" in out
         and "#   701 mm/a.c" in out,
         "a 701-line file fails, named", out)

    root = os.path.join(tmp, "longpy")
    fake_tree(root, dict(clean, **{"tools/e.py": "x = 1\n" * 701}))
    rc, out = run(root)
    t.ok(rc == 1 and "#   701 tools/e.py" in out,
         "a 701-line Python file fails too", out)
    return t


def main():
    return flash_test.run_in_tmp("kite-fnlen-test-", all_tests)


if __name__ == "__main__":
    sys.exit(main())
