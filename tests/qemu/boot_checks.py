# SPDX-License-Identifier: MIT
"""Log checks of the QEMU boots (tests/qemu/boots.py): each returns, or
makes, a function check(text, srctree) giving (name, ok, diag) tuples
over the boot log, against an independent oracle where there is one (the
machine's own DTB decoded with dtc, tools/memmap, malformed.py's list)."""
import atexit
import os
import re
import shutil
import subprocess
import tempfile
import threading


_memmap_tool = {}
_memmap_lock = threading.Lock()


def memmap_tool(srctree):
    """Build tools/memmap once per run (into a private O=); its path or
    None with the build's output."""
    with _memmap_lock:
        if "path" not in _memmap_tool:
            out = tempfile.mkdtemp(prefix="kite-memmap-")
            atexit.register(shutil.rmtree, out, True)
            p = subprocess.run(["make", "-s", "-C", srctree, "O=" + out,
                                "memmap-tool"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            tool = os.path.join(out, "tools", "memmap")
            _memmap_tool["path"] = tool if p.returncode == 0 else None
            _memmap_tool["log"] = p.stdout.decode("utf-8", "replace")
        return _memmap_tool["path"], _memmap_tool["log"]


# The zone set-up lines the kernel prints at boot, and tools/memmap too.
ZONE_LINE = re.compile(
    r"^(?:\[[ 0-9.]+\] )?(\s*(?:(?:DMA|DMA32|Normal|Movable)\s+(?:empty|\[mem .*\])"
    r"|node\s+\d+: \[mem .*\]|Initmem setup node .*|On node \d+ totalpages: \d+"
    r"|\w+ zone: \d+ pages spanned, \d+ present))$", re.M)


def memmap_matches_boot(text, srctree, dtb, cmdline):
    """tools/memmap on the machine's DTB must print the zone set-up lines
    of the real boot, line for line (the promise of docs/bringup.md)."""
    tool, log = memmap_tool(srctree)
    if not tool:
        return [("tools/memmap builds", False, log)]
    p = subprocess.run([tool, dtb, "--"] + cmdline.split(),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    tool_out = p.stdout.decode("utf-8", "replace")
    # The host build has every zone type configured, so it also lists
    # the ones this kernel leaves out, as "empty": compare the rest.
    want = [m.group(1).strip() for m in ZONE_LINE.finditer(text)
            if not m.group(1).endswith("empty")]
    got = [m.group(1).strip() for m in ZONE_LINE.finditer(tool_out)
           if not m.group(1).endswith("empty")]
    zones = ("tools/memmap prints the boot's %d zone set-up lines" % len(want),
             p.returncode == 0 and len(want) >= 5 and got == want,
             "boot:\n  %s\nmemmap:\n  %s" % ("\n  ".join(want),
                                             "\n  ".join(got)))
    # Its default devicetree address is where QEMU put the blob: the
    # tool reserves the blob from there, as the kernel does.
    m = re.search(r"dt: devicetree at (0x[0-9a-f]+)", text)
    at = int(m.group(1), 16) if m else None
    blob = ("tools/memmap reserves the blob where QEMU put it (%s)" %
            (m.group(1) if m else "no 'dt: devicetree at' line"),
            at is not None and re.search(r"reserved\[0x[0-9a-f]+\]\s+\[%#018x-"
                                         % at, tool_out) is not None,
            tool_out)
    return [zones, blob]


def dt_memory_check(machine_args, cmdline="", memmap=True):
    """Compare the boot log's memblock dump with the machine's own DTB,
    dumped by QEMU and decoded with dtc (an independent oracle); and run
    tools/memmap on that DTB, which must print what the boot printed."""
    def check(text, srctree):
        out = []
        dtb = "/tmp/kite-check-%d-%d.dtb" % (os.getpid(),
                                             threading.get_ident())
        args = ["qemu-system-riscv64"] + machine_args
        args[args.index("-M") + 1] += ",dumpdtb=" + dtb
        subprocess.run(args + ["-nographic", "-bios", "default"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dts = subprocess.run(["dtc", "-I", "dtb", "-O", "dts", dtb],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                             ).stdout.decode()
        if memmap:
            out += memmap_matches_boot(text, srctree, dtb, cmdline)
        os.unlink(dtb)
        mem = []
        for m in re.finditer(r"memory@[0-9a-f]+ \{[^}]*?reg = <([^>]*)>", dts):
            cells = [int(c, 16) for c in m.group(1).split()]
            for i in range(0, len(cells), 4):
                base = (cells[i] << 32) | cells[i + 1]
                size = (cells[i + 2] << 32) | cells[i + 3]
                mem.append((base, size))
        mem.sort()
        # memblock merges adjacent ranges of one node; do the same
        # unless the node ids differ (the log prints nodes).
        dumped = [(int(a, 16), int(b, 16) - int(a, 16) + 1)
                  for a, b in re.findall(
                      r"memory\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]", text)]
        out.append(("memblock memory matches the DTB's /memory nodes",
                    sum(s for _, s in mem) == sum(s for _, s in dumped) and
                    all(any(b <= db < b + s for b, s in mem) for db, _ in dumped),
                    "dtb: %s\nlog: %s" % ([(hex(b), hex(s)) for b, s in mem],
                                          [(hex(b), hex(s)) for b, s in dumped])))
        return out
    return check


def memblock_dumped(text, kind):
    """(start, end, flags) of every @kind ("memory" or "reserved") region
    in the boot log's memblock=debug dumps."""
    return [(int(a, 16), int(b, 16) + 1, int(f, 16)) for a, b, f in re.findall(
        kind + r"\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\].*?"
        r"flags: (0x[0-9a-f]+)$", text, re.M)]


def covered(regions, start, end, flags=None):
    return any(a <= start and end <= b and (flags is None or f & flags)
               for a, b, f in regions)


def reserved_check(first, end):
    """The memblock=debug dump must show [first, end) reserved."""
    def check(text, srctree):
        regions = memblock_dumped(text, "reserved")
        return [("memblock reserves [%#x, %#x) (%d reserved regions dumped)"
                 % (first, end, len(regions)), covered(regions, first, end),
                 "reserved: %s" % [(hex(a), hex(b)) for a, b, _ in regions])]
    return check


def many_reserved_check(text, srctree):
    """Every region of malformed.MANY_RESERVED in the memblock dump: no-map
    ones as MEMBLOCK_NOMAP (0x4) memory, the others reserved."""
    import malformed
    mem = memblock_dumped(text, "memory")
    rsv = memblock_dumped(text, "reserved")
    lost = [(hex(b), nomap) for b, s, nomap in malformed.MANY_RESERVED
            if not (covered(mem, b, b + s, 0x4) if nomap
                    else covered(rsv, b, b + s))]
    return [("all %d reserved-memory regions kept out of free memory"
             % len(malformed.MANY_RESERVED), not lost and mem and rsv,
             "lost (base, no-map): %s" % lost)]


def e820_map_check(want):
    """The BIOS-e820 lines must be @want exactly: (first, last, type)."""
    def check(text, srctree):
        got = [(int(a, 16), int(b, 16), t) for a, b, t in re.findall(
            r"BIOS-e820: \[mem (0x[0-9a-f]{16})-(0x[0-9a-f]{16})\] (.*)$",
            text, re.M)]
        return [("BIOS-e820 map is the sanitized one (%d entries)" % len(want),
                 got == want, "got:  %s\nwant: %s" % (
                     [(hex(a), hex(b), t) for a, b, t in got],
                     [(hex(a), hex(b), t) for a, b, t in want]))]
    return check


def bench_block_check(text, srctree):
    m = re.search(r"^timeline entry_ns=(\d+) setup_arch_ns=(\d+) "
                  r"mm_init_ns=(\d+) app_main_ns=(\d+)", text, re.M)
    marks = [int(x) for x in m.groups()] if m else []
    return [("boot timeline marks are in boot order",
             len(marks) == 4 and marks == sorted(marks) and marks[3] > 0,
             "timeline: %s" % marks)]


def bench_deferred_check(text, srctree):
    m = re.search(r"^deferred enabled=1 finish_ns=\d+ pages_before=(\d+) "
                  r"pages_after=(\d+)", text, re.M)
    ok = bool(m) and int(m.group(2)) > int(m.group(1))
    return [("deferred init finished after app_main and added pages",
             ok, m.group(0) if m else "no deferred line")]


def deferred_handoff_check(text, srctree):
    """After deferred struct page init, every zone manages at most its
    present pages, and all of them together what memblock had free."""
    present = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"^(?:\[[ 0-9.]+\] )?\s*(\w+) zone: \d+ pages spanned, (\d+) "
        r"present$", text, re.M)}
    managed = {}
    for m in re.finditer(r"Node (\d+), zone\s+(\w+): (\d+) managed pages",
                         text):
        managed[(m.group(1), m.group(2))] = int(m.group(3))  # the last
    free = re.search(r"memblock had (\d+) free", text)
    over = [(z, n, present.get(z[1])) for z, n in managed.items()
            if n > present.get(z[1], 0)]
    return [("no zone manages more pages than it has", bool(managed) and
             not over, "over: %s" % over),
            ("deferred init: managed pages = memblock's free pages",
             bool(free) and sum(managed.values()) == int(free.group(1)),
             "managed %s, %s" % (managed, free and free.group(0)))]
