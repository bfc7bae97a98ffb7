#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rewrite a gcc -MD dependency file the way Kbuild's fixdep does.

Every object depends on include/generated/autoconf.h, so a naive build
recompiles everything when any option changes.  Instead, drop that
dependency and add include/config/<sym>.h (touched by Kconfiglib's
sync_deps only when that symbol's value changes) for every CONFIG_ symbol
mentioned in the source file or the headers it includes.

usage: fixdep.py DEPFILE TARGET OBJTREE  (writes the new rules to stdout)
"""
import re
import sys

depfile, target, objtree = sys.argv[1:4]
text = open(depfile).read().replace("\\\n", " ")
_, _, deps = text.partition(":")
deps = deps.split()
cfg = re.compile(rb"CONFIG_([A-Za-z0-9_]+)")
syms = set()
kept = []
for d in deps:
    if d.endswith("include/generated/autoconf.h") or d.endswith("include/kernel/kconfig.h"):
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
print("%s: \\" % target)
for d in kept + cfgdeps:
    print("  %s \\" % d)
print("")
for d in kept + cfgdeps:
    # Like -MP: a removed header or symbol must not break the build.
    print("%s:" % d)
