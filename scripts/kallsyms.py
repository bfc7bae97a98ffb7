#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn `nm -n` output into the kernel's symbol table (assembly to stdout).

Only text symbols are kept: backtraces only need them, and since the table
is placed after .text by the linker script, its size cannot move them
between the two link passes (the Makefile checks that).

Layout (lib/kallsyms.c reads it):
  kallsyms_table: .quad count
                  count x { .quad address; .quad name_offset }
                  names: NUL-terminated strings
"""
import sys

syms = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 3:
        continue
    addr, kind, name = parts
    if kind not in "tTwW" or name.startswith(".L") or name.startswith("$"):
        continue
    syms.append((int(addr, 16), name))
syms.sort()

print("\t.section .rodata.kallsyms,\"a\"")
print("\t.balign 8")
print("\t.globl kallsyms_table")
print("kallsyms_table:")
print("\t.quad %d" % len(syms))
off = 0
for addr, name in syms:
    print("\t.quad 0x%x, %d" % (addr, off))
    off += len(name) + 1
for _, name in syms:
    print("\t.asciz \"%s\"" % name)
