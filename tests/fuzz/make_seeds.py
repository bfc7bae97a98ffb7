#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the binary seed inputs of tests/fuzz/corpus/ (printf, memblock,
e820, page_alloc, slab).  The fdt seeds are copies of tests/host/fdt_blobs/*.dtb and the
cmdline seeds are plain text files, and regress-* files are inputs that
once failed; these are committed as they are.

usage: tests/fuzz/make_seeds.py   (rewrites the files; deterministic)
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    path = os.path.join(HERE, "corpus", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def printf_seeds():
    # Read by fuzz_printf.c as: literal length + bytes, conversion
    # selector, flags, width/precision selectors and values, argument.
    write("printf/mixed", bytes(range(0, 256, 3)) * 2)
    write("printf/ints", bytes([0, 0, 0x0F, 0x09, 40, 10, 7, 8, 1, 2, 3, 4,
                                5, 6, 7, 8, 1, 0, 1]) * 8)
    write("printf/strings", bytes([2, 65, 66, 7, 20, 1, 0x05, 30, 5, 0x41,
                                   0x42, 0x43, 0x44, 0x45, 0, 1]) +
          b"hello world" * 3)


def memblock_seeds():
    # 6 bytes per operation: kind, base (2), size (2), node/flags.
    ops = [(0, 0, 16, 0x81, 0, 0), (0, 4, 0, 0x80, 200, 1),
           (2, 0, 32, 0, 8, 0), (4, 0, 64, 0, 3, 0),
           (11, 0, 0, 0x3F, 0, 0x20), (12, 0, 0, 0, 0, 1),
           (11, 0, 0, 0x45, 0, 0x40), (15, 0, 10, 0x80, 100, 0),
           (14, 0, 0, 0x81, 0, 0), (8, 1, 0, 0x80, 50, 0),
           (10, 2, 0, 0x80, 60, 2), (13, 3, 0, 0, 0, 0),
           (11, 0, 0, 1, 0, 1), (3, 0, 30, 0, 4, 0),
           (1, 5, 0, 0x80, 10, 0), (6, 0, 20, 0, 9, 0)]
    write("memblock/mixed", b"".join(bytes(o) for o in ops))
    write("memblock/adds", b"".join(bytes((0, i, 0, 0x80, i * 3, i))
                                    for i in range(1, 12)))


def e820_seeds():
    # One count byte, 17-byte entries (address, size, selector), then the
    # command line.  Selector 0xa0 | t: 36-bit address and size as given,
    # type index t (0 RAM, 1 reserved, 2 ACPI, 6 PRAM, ...).
    def table(entries):
        return bytes([len(entries)]) + b"".join(
            struct.pack("<QQB", a, s, 0xA0 | t) for a, s, t in entries)

    seabios = table([(0, 0x9FC00, 0), (0x9FC00, 0x400, 1),
                     (0xF0000, 0x10000, 1), (0x100000, 0x7EE0000, 0),
                     (0x7FE0000, 0x20000, 1), (0xFFFC0000, 0x40000, 1)])
    write("e820/seabios-128m", seabios + b"mem=64M")
    write("e820/memmap", seabios + b"memmap=16M$64M,4M%8M-1+12 "
          b"memmap=exactmap,640K@0,100M@1M memblock=debug")
    write("e820/overlap", table([(0, 0xA0000, 0), (0x80000, 0x100000, 1),
                                 (0x100000, 0x1000000, 0),
                                 (0x800000, 0x100000, 2),
                                 (0x2000000, 0x100000, 6)]) + b"memmap=2M!32M")


def ops4(ops):
    return b"".join(bytes(o) for o in ops)


def page_alloc_seeds():
    # 4 bytes per operation (fuzz_page_alloc.c): kind, order/slot,
    # gfp index, node.  Kinds 0-3 allocate (kind % 3: alloc_pages_node,
    # __get_free_pages, alloc_pages_exact), 4-5 free, 6 split, 7 cpu and
    # drain, 8 pcp/grouping switches.  Order selector: < 150 order 0,
    # 214 order 8, 246 order 10.
    write("page_alloc/mixed", ops4(
        [(0, 0, 0, 0), (1, 160, 2, 1), (2, 20, 4, 2), (0, 214, 10, 0),
         (7, 1, 1, 0), (0, 5, 1, 0), (4, 1, 0, 0), (6, 0, 0, 0),
         (8, 1, 0, 0), (0, 0, 3, 0), (8, 3, 0, 0), (5, 2, 0, 0),
         (0, 246, 2, 2), (7, 3, 3, 0), (0, 0, 7, 2), (4, 0, 0, 0)]))
    # emergency allocations from DMA until it runs dry, pcp pages on
    # another CPU: __GFP_MEMALLOC may only fail when memory is gone
    write("page_alloc/memalloc-dma", ops4(
        [(7, 1, 0, 0), (0, 0, 3, 0), (4, 0, 0, 0), (7, 0, 0, 0)] +
        [(0, 214, 12, 0)] * 5 + [(0, 210, 12, 0)] * 16 +
        [(0, 151, 12, 0)] * 4 + [(7, 1, 0, 0), (0, 0, 12, 0),
                                 (7, 0, 0, 0)] + [(0, 0, 12, 0)] * 20))
    write("page_alloc/no-pcp-split", ops4(
        [(8, 1, 0, 0), (0, 152, 0, 0), (6, 0, 0, 0), (0, 153, 9, 1),
         (2, 40, 5, 0), (4, 3, 0, 0), (8, 5, 0, 0), (8, 15, 0, 0),
         (0, 220, 2, 2), (5, 1, 0, 0), (8, 3, 0, 0), (4, 0, 0, 0)]))


def slab_seeds():
    # 4 bytes per operation (fuzz_slab.c): kind, slot, cache/size, size.
    # Kinds 0-2 allocate (byte 2 % 12: 0-3 kmalloc kinds, 4-9 fixed
    # caches, 10-11 input-made caches), 3-4 free, 5 krealloc, 6 cpu,
    # 7 shrink, 8 create, 9 destroy.
    write("slab/mixed", ops4(
        [(0, 0, 3, 40), (0, 1, 4, 0), (0, 2, 5, 1), (0, 3, 8, 0),
         (1, 4, 0, 200), (2, 5, 1, 3), (5, 0, 200, 9), (6, 0, 3, 0),
         (0, 6, 9, 2), (3, 1, 0, 0), (7, 0, 1, 0), (4, 2, 0, 0),
         (0, 7, 2, 7), (0, 8, 3, 255), (6, 0, 0, 0), (3, 6, 0, 0)]))
    write("slab/dyn-caches", ops4(
        [(8, 0, 0x40, 0xc8), (8, 1, 7, 0x20), (0, 0, 10, 0),
         (0, 1, 11, 1), (0, 2, 10, 3), (6, 0, 3, 0), (3, 0, 0, 0),
         (9, 0, 0, 0), (8, 0, 0x13, 0x38), (0, 3, 10, 0), (7, 0, 20, 0),
         (9, 1, 0, 0)]))
    write("slab/large", ops4(
        [(0, i, 3, 0xc0 + i) for i in range(8)] +
        [(5, i, 0xc0, i) for i in range(8)] + [(3, i, 0, 0)
                                               for i in range(8)]))


if __name__ == "__main__":
    printf_seeds()
    memblock_seeds()
    e820_seeds()
    page_alloc_seeds()
    slab_seeds()
