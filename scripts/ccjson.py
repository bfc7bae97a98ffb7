#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Merge the per-object entries that scripts/fixdep.py writes (one JSON
object per .json file) into compile_commands.json on stdout.

usage: ccjson.py --merge FILE...
"""
import json
import sys

if len(sys.argv) < 2 or sys.argv[1] != "--merge":
    sys.exit(__doc__)
entries = []
for name in sys.argv[2:]:
    try:
        with open(name) as f:
            entries.append(json.load(f))
    except (OSError, ValueError):
        pass
json.dump(entries, sys.stdout, indent=1)
print()
