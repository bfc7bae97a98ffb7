#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Long C functions and long source files: a report for issue 18's limits
(no function over 80 lines, no source file over 700, unless justified).

A function runs from the first line of its header (return type, name and
parameters, however many lines they take) to its closing brace.  Comments,
strings, character constants and preprocessor lines (with their
continuations) are blanked before the braces are counted, so a '{' in a
string or a macro body does not count; a function whose braces differ
between #if branches is measured as the text has them.

usage: fnlen.py [--max-lines N] [--max-file-lines N] [--check] [PATH...]
       fnlen.py --tap [--srctree DIR] [--objtree DIR]
PATHs are files or directories (default: the tracked .c and .h files of the
tree this script is in, or of --srctree).  Prints "LINES FILE:LINE NAME" for
every longer function and "LINES FILE" for every longer file, longest first.
--tap (make check, through tests/run_tests.py) prints the same as two TAP
results, one per limit, over the tracked files of --srctree: functions in
.c and .h files, the length of those and of .S, .py, .sh, .mk and Makefiles.
Exit status: 0, or with --check or --tap 1 when anything is over a limit.
"""
import argparse
import os
import re
import subprocess
import sys

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def blank(text):
    """text with comments, strings, character constants and preprocessor
    lines replaced by spaces (newlines kept, so line numbers hold)."""
    out, i, n = [], 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if line_start and c == "#":
            # a preprocessor line and its backslash continuations
            j = i
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    j += 2
                    continue
                j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        line_start = c == "\n"
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def function_name(header):
    """The name a function header defines, or None if it defines none (a
    struct, union, enum or an initializer)."""
    h = header.strip()
    if not h.endswith(")") or "=" in h.split("(")[0]:
        return None
    depth = 0
    for k in range(len(h) - 1, -1, -1):
        if h[k] == ")":
            depth += 1
        elif h[k] == "(":
            depth -= 1
            if depth == 0:
                m = re.search(r"([A-Za-z_]\w*)\s*$", h[:k])
                if not m or m.group(1) in ("if", "while", "for", "switch",
                                           "return", "sizeof"):
                    return None
                return m.group(1)
    return None


def functions(text):
    """(name, first line, line count) of every function defined in text."""
    code = blank(text)
    found, depth, last_end, start = [], 0, 0, None
    for i, c in enumerate(code):
        if c == "{":
            if depth == 0:
                header = code[last_end:i]
                name = function_name(header)
                if name:
                    lead = len(header) - len(header.lstrip())
                    start = (name, code.count("\n", 0, last_end + lead) + 1)
                else:
                    start = None
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                if start:
                    end = code.count("\n", 0, i) + 1
                    found.append((start[0], start[1], end - start[1] + 1))
                start = None
                last_end = i + 1
            depth = max(depth, 0)
        elif c == ";" and depth == 0:
            last_end = i + 1
    return found


C_SOURCES = (".c", ".h")
# What else counts as a source file for the file limit (--tap).
OTHER_SOURCES = (".S", ".py", ".sh", ".mk", "Makefile")


def sources(paths, srctree=SRCTREE, endings=C_SOURCES):
    if not paths:
        p = subprocess.run(["git", "-C", srctree, "ls-files"] +
                           ["*" + e for e in endings],
                           capture_output=True, text=True)
        if p.returncode == 0:
            return [os.path.join(srctree, f) for f in p.stdout.split()]
        paths = [srctree]  # not a git checkout: every source below it
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, f) for f in names
                          if f.endswith(endings)]
        else:
            files.append(p)
    return sorted(files)


def measure(files, max_lines, max_file_lines, top):
    """(longer functions, longer files, functions measured), each a list
    of printable lines, longest first; names are relative to @top.  Only
    C files have their functions measured."""
    long_fns, long_files, nfns = [], [], 0
    for f in files:
        text = open(f, errors="replace").read()
        rel = os.path.relpath(f, top)
        lines = text.count("\n")
        if lines > max_file_lines:
            long_files.append((lines, rel))
        if not f.endswith(C_SOURCES):
            continue
        for name, line, n in functions(text):
            nfns += 1
            if n > max_lines:
                long_fns.append((n, "%s:%d" % (rel, line), name))
    return (["%d %s %s" % t for t in sorted(long_fns, reverse=True)],
            ["%d %s" % t for t in sorted(long_files, reverse=True)], nfns)


def tap(a):
    """The two limits as TAP results over the tracked files of --srctree:
    functions in C, file lengths in C, assembly, Python, shell and make."""
    files = sources([], a.srctree, C_SOURCES + OTHER_SOURCES)
    fns, big, nfns = measure(files, a.max_lines, a.max_file_lines, a.srctree)
    rows = (("no function over %d lines (%d functions)" % (a.max_lines, nfns),
             fns),
            ("no source file over %d lines (%d files)" % (a.max_file_lines,
                                                          len(files)), big))
    print("TAP version 13")
    for i, (name, bad) in enumerate(rows, 1):
        print("%s %d - fnlen: %s" % ("not ok" if bad else "ok", i, name))
        for b in bad:
            print("#   " + b)
    print("1..%d" % len(rows))
    return 1 if fns or big else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max-lines", type=int, default=80)
    ap.add_argument("--max-file-lines", type=int, default=700)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("--srctree", default=SRCTREE)
    ap.add_argument("--objtree", default=None)  # unused: run_tests.py's
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args(argv)
    if a.tap:
        return tap(a)
    fns, big, _ = measure(sources(a.paths, a.srctree), a.max_lines,
                          a.max_file_lines, os.getcwd())
    for line in fns + big:
        print(line)
    return 1 if a.check and (fns or big) else 0


if __name__ == "__main__":
    sys.exit(main())
