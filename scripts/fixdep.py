#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rewrite a gcc -MD dependency file the way Kbuild's fixdep does.

Every object depends on include/generated/autoconf.h, so a naive build
recompiles everything when any option changes.  Instead, drop that
dependency and add include/config/<sym>.h (touched by Kconfiglib's
sync_deps only when that symbol's value changes) for every CONFIG_ symbol
mentioned in the source file or the headers it includes.

A symbol's file exists only once its value has changed at least once, so
those prerequisites go through $(wildcard ...) and get no empty rule: a
missing one means "never changed", not "always out of date".

usage: fixdep.py DEPFILE TARGET OBJTREE OUT.d OUT.json SRCTREE SOURCE CC ARGS...

Writes the new rules to OUT.d and, in the same run (one interpreter start
per object instead of two), the compile_commands.json entry to OUT.json.
"""
import json
import re
import sys

depfile, target, objtree, outd, outjson, srctree, source = sys.argv[1:8]
ccargs = sys.argv[8:]
text = open(depfile).read().replace("\\\n", " ")
_, _, deps = text.partition(":")
deps = deps.split()
cfg = re.compile(rb"(?<![A-Za-z0-9_])CONFIG_([A-Za-z0-9_]+)")
syms = set()
kept = []
for d in deps:
    if d.endswith("include/generated/autoconf.h"):
        continue
    kept.append(d)
    try:
        with open(d, "rb") as f:
            for m in cfg.finditer(f.read()):
                syms.add(m.group(1).decode())
    except OSError:
        pass
cfgdeps = ["%s/include/config/%s.h" % (objtree, s.lower().replace("_", "/"))
           for s in sorted(syms)]
lines = ["%s: \\" % target]
lines += ["  %s \\" % d for d in kept]
lines += ["  $(wildcard %s) \\" % d for d in cfgdeps]
lines.append("")
# Like -MP: a removed header must not break the build.
lines += ["%s:" % d for d in kept]
with open(outd, "w") as f:
    f.write("\n".join(lines) + "\n")
with open(outjson, "w") as f:
    json.dump({"directory": srctree, "file": source, "output": target,
               "arguments": ccargs + ["-c", "-o", target, source]}, f)
