#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""compile_commands.json support.

ccjson.py SRCTREE SOURCE OBJECT CC ARGS...   one entry (JSON object) to stdout
ccjson.py --merge FILE...                    the merged array to stdout
"""
import json
import sys

if sys.argv[1] == "--merge":
    entries = []
    for name in sys.argv[2:]:
        try:
            with open(name) as f:
                entries.append(json.load(f))
        except (OSError, ValueError):
            pass
    json.dump(entries, sys.stdout, indent=1)
    print()
else:
    srctree, src, obj = sys.argv[1:4]
    args = sys.argv[4:] + ["-c", "-o", obj, src]
    json.dump({"directory": srctree, "file": src, "output": obj,
               "arguments": args}, sys.stdout)
