#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Host tests of tools/memmap (make memmap-tool, docs/bringup.md); TAP.

Builds the tool once into a private O=, then feeds it E820 tables (good,
Linux boot-log lines with printk/dmesg/journal prefixes, and every kind
of line it must refuse) and devicetrees made with dtc: QEMU virt at
128 MiB and 4 GiB, the VisionFive 2 at 2, 4 and 8 GiB and the HiFive
Unmatched, each with the .config of its board (the kernel base and the
devicetree's address come from it).

usage: memmap_test.py [--srctree DIR] [--objtree DIR]
Exit status: 0 all passed, 1 some failed, 2 the tool did not build.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flash_test import Tap, run_in_tmp  # noqa: E402  (one TAP frame)

# QEMU's PVH map at 128 MiB as the x86 kernel prints it (boot x86-pvh).
QEMU_MAP = """\
[    0.006416] BIOS-provided physical RAM map:
[    0.006437] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
[    0.006454] BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
[    0.006470] BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved
[    0.006491] BIOS-e820: [mem 0x0000000000100000-0x0000000007fdffff] usable
[    0.006508] BIOS-e820: [mem 0x0000000007fe0000-0x0000000007ffffff] reserved
[    0.006524] BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved
[    0.006540] BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved
"""

# Every type name Linux prints, with the prefixes of dmesg -T, of
# journalctl -k and of dmesg -x.
TYPES_MAP = """\
[Mon Dec  7 12:00:00 2026] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
Dec 07 12:00:00 host kernel: BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
kern  :info  : [    0.000000] BIOS-e820: [mem 0x0000000000100000-0x0000000007efffff] usable
[    0.000000] BIOS-e820: [mem 0x0000000007f00000-0x0000000007f0ffff] ACPI data
[    0.000000] BIOS-e820: [mem 0x0000000007f10000-0x0000000007f1ffff] ACPI NVS
[    0.000000] BIOS-e820: [mem 0x0000000007f20000-0x0000000007f2ffff] unusable
[    0.000000] BIOS-e820: [mem 0x0000000008000000-0x0000000008ffffff] persistent (type 7)
[    0.000000] BIOS-e820: [mem 0x0000000009000000-0x0000000009ffffff] persistent (type 12)
[    0.000000] BIOS-e820: [mem 0x000000000a000000-0x000000000affffff] soft reserved
[    0.000000] BIOS-e820: [mem 0x000000000b000000-0x000000000bffffff] type 20
"""

E820_LINE = re.compile(r"BIOS-e820: \[mem 0x[0-9a-f]{16}-0x[0-9a-f]{16}\] .*$", re.M)

# (name, table, the line number it must name, text in the message)
BAD_E820 = [
    ("base size type (the issue's table)",
     "0x0 0x9fc00 1\n0x100000 0x7ee0000 1\n", 1, "is it a size?"),
    ("base size type, second line",
     "0x0 0x9fbff 1\n0x100000 0x7ee0000 1\n", 2, "is it a size?"),
    ("a word, after a blank line and a comment",
     "# map\n\n0x0 0x9fbff usable\nhello\n", 4, "not an E820 line"),
    ("a type with junk after it", "0x0 0x9fbff usable!\n", 1, "unknown type"),
    ("two types", "0x0 0x9fbff usable reserved\n", 1, "unknown type"),
    ("four numbers", "0x0 0x9fbff 0x1000 1\n", 1, "unknown type"),
    ("no type", "0x0 0x9fbff\n", 1, "no type"),
    ("a bare 'persistent' (type 7 or 12?)",
     "0x0 0x9fbff persistent\n", 1, "unknown type"),
    ("END below START", "0x100000 0x3ff 1\n", 1, "END is below START"),
    ("a negative number", "-1 0x9fbff 1\n", 1, "not an E820 line"),
    ("a number past 64 bits", "0x0 0x1ffffffffffffffff 1\n", 1, "bad END"),
    ("a size of 0", "0x1000 +0 usable\n", 1, "size 0"),
    ("a size past the end of memory",
     "0x1000 +0xffffffffffffffff usable\n", 1, "past the end"),
    ("a type past 32 bits", "0x0 0x9fbff 0x100000000\n", 1, "unknown type"),
    ("a log line with a size instead of END",
     "[    0.0] BIOS-e820: [mem 0x0000000000000000+0x9fc00] usable\n", 1,
     "want START-END"),
    ("a log line without its type",
     "[    0.0] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff]\n", 1,
     "no type"),
    ("another e820 log line (not the firmware map)",
     "[    0.0] e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n",
     1, "not an E820 line"),
    ("a NUL byte", "0x0 0x9fbff 1\n\0\n", 0, "not a text file"),
]


def run(tool, args, tmp, text=None, name="in"):
    """Run the tool (text: written to a file that is the last argument);
    (status, stdout, stderr)."""
    args = list(args)
    if text is not None:
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        args.append(path)
    p = subprocess.run([tool] + args, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def e820_tests(t, tool, tmp):
    # A pasted boot log reads back as the same map.
    st, out, err = run(tool, ["--e820", "--no-zones"], tmp, QEMU_MAP)
    want = E820_LINE.findall(QEMU_MAP)
    got = E820_LINE.findall(out)
    t.ok(st == 0 and got == want,
         "e820: QEMU's boot log (printk prefix) reads back as the same %d "
         "entries" % len(want), "status %d\n%s%s" % (st, out, err))
    t.ok(re.search(r"memory\[0x1\]\s+\[0x0+100000-0x0+7fdffff\]", out) is not None,
         "e820: its usable RAM reaches memblock", out)

    st, out, err = run(tool, ["--e820", "--no-zones"], tmp, TYPES_MAP)
    want = [l.split("BIOS-e820: ")[1] for l in TYPES_MAP.splitlines()]
    got = ["[" + g.split("[", 1)[1] for g in E820_LINE.findall(out)]
    t.ok(st == 0 and got == want,
         "e820: every Linux type name, dmesg -T / journal / dmesg -x prefixes",
         "status %d\nwant:\n%s\ngot:\n%s\n%s" % (st, "\n".join(want),
                                                 "\n".join(got), err))

    # The two table forms give the same map as the log lines.
    table = ("0x0 0x9fbff usable\n0x9fc00 +0x400 2   # comment\n"
             "0xf0000 0xfffff reserved\n0x100000 +0x7ee0000 1\n"
             "0x7fe0000 0x7ffffff type 2\n0xfffc0000 +0x40000 reserved\n"
             "0xfd00000000 0xffffffffff 2\n")
    st, out, err = run(tool, ["--e820", "--no-zones"], tmp, table)
    t.ok(st == 0 and E820_LINE.findall(out) == E820_LINE.findall(QEMU_MAP),
         "e820: START END TYPE and START +SIZE TYPE give the same map",
         "status %d\n%s%s" % (st, out, err))

    for name, text, line, why in BAD_E820:
        st, out, err = run(tool, ["--e820", "--no-zones"], tmp, text)
        bad = text.split("\n")[line - 1] if line else ""
        where = ":%d: " % line if line else ": "
        ok = (st == 2 and why in err and where in err and
              (not line or '"%s"' % bad.rstrip("\n") in err) and
              "BIOS-e820" not in out)
        t.ok(ok, "e820: rejected with line and text: %s" % name,
             "status %d\nstdout:\n%s\nstderr:\n%s" % (st, out, err))


DTS = """/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	model = "memmap test";
	chosen { };
	memory@%(base)x {
		device_type = "memory";
		reg = <0x%(bhi)x 0x%(blo)x 0x%(shi)x 0x%(slo)x>;
	};
};
"""


def dtb(tmp, name, base, size):
    src = os.path.join(tmp, name + ".dts")
    out = os.path.join(tmp, name + ".dtb")
    with open(src, "w") as f:
        f.write(DTS % dict(base=base, bhi=base >> 32, blo=base & 0xffffffff,
                           shi=size >> 32, slo=size & 0xffffffff))
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, src],
                   check=True)
    return out


def defconfig(srctree, tmp, board):
    """The .config that make <board>_defconfig writes."""
    out = os.path.join(tmp, "cfg-" + board)
    p = subprocess.run(["make", "-s", "-C", srctree, "O=" + out,
                        board + "_defconfig"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode:
        raise SystemExit("memmap_test: make %s_defconfig failed:\n%s" %
                         (board, p.stdout.decode()))
    return os.path.join(out, ".config")


GIB = 1 << 30
MIB = 1 << 20
# (board, RAM base, RAM size, kernel base, where the blob is, why)
DTB_CASES = [
    ("qemu_riscv64_virt", 0x80000000, 128 * MIB, 0x80200000, 0x87e00000, "QEMU"),
    ("qemu_riscv64_virt", 0x80000000, 4 * GIB, 0x80200000, 0xbfe00000, "QEMU"),
    ("qemu_sifive_u", 0x80000000, 256 * MIB, 0x80200000, 0x8fe00000, "QEMU"),
    ("starfive_visionfive2", 0x40000000, 2 * GIB, 0x40200000, 0xbfe00000, "U-Boot"),
    ("starfive_visionfive2", 0x40000000, 4 * GIB, 0x40200000, 0xffe00000, "U-Boot"),
    ("starfive_visionfive2", 0x40000000, 8 * GIB, 0x40200000, 0xffe00000, "U-Boot"),
    ("sifive_unmatched", 0x80000000, 16 * GIB, 0x80200000, 0xffe00000, "U-Boot"),
]


def dtb_board_tests(t, tool, tmp, srctree, built_config):
    """Each board's kernel base and blob address from its .config; the
    .config per board."""
    configs = {}
    for board, base, size, kbase, dtb_pa, who in DTB_CASES:
        if board not in configs:
            configs[board] = defconfig(srctree, tmp, board)
        blob = dtb(tmp, "%s-%d" % (board, size >> 20), base, size)
        # The tool's own O= has this board's .config, as after
        # make O=... <board>_defconfig memmap-tool.
        shutil.copy(configs[board], built_config)
        st, out, err = run(tool, ["--no-zones", blob], tmp)
        name = "dtb: %s, %d MiB:" % (board, size >> 20)
        t.ok(st == 0 and "memmap: kernel image at %#x" % kbase in out and
             "(CONFIG_KERNEL_LOAD_ADDR)" in out,
             "%s kernel base %#x from the build's .config" % (name, kbase),
             "status %d\n%s%s" % (st, out, err))
        t.ok(re.search(r"memmap: devicetree blob at %#x \(%s" % (dtb_pa, who),
                       out) is not None,
             "%s devicetree blob at %#x (%s)" % (name, dtb_pa, who), out + err)
        t.ok("do not cover the kernel image" not in out and
             re.search(r"reserved\[0x\d+\]\s+\[%#018x-" % kbase, out) is not None,
             "%s the kernel image is reserved where it loads" % name, out)
    os.unlink(built_config)
    return configs


def dtb_option_tests(t, tool, tmp, srctree, configs):
    """A board's own tree, the command-line overrides, NUMA, no config."""
    # The board's own devicetree (the FIT's, CONFIG_BUILTIN_DTB's) must fit
    # the smallest VisionFive 2, the 2 GiB one.
    src = os.path.join(srctree, "boards", "riscv", "starfive_visionfive2",
                       "starfive_visionfive2.dts")
    blob = os.path.join(tmp, "vf2-tree.dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", blob, src],
                   check=True)
    st, out, err = run(tool, ["--no-zones", "--config",
                              configs["starfive_visionfive2"], blob], tmp)
    t.ok(st == 0 and "memory: 2048 MiB RAM" in out,
         "dtb: boards/riscv/starfive_visionfive2/starfive_visionfive2.dts "
         "claims no more than the 2 GiB board's RAM", out + err)

    # --config names another build's; --kernel-base and --dtb-addr win.
    blob = dtb(tmp, "vf2-cli", 0x40000000, 4 * GIB)
    st, out, err = run(tool, ["--no-zones", "--config",
                              configs["starfive_visionfive2"], blob], tmp)
    t.ok(st == 0 and "memmap: kernel image at 0x40200000" in out,
         "dtb: --config FILE is read", out + err)
    st, out, err = run(tool, ["--no-zones", "--config",
                              configs["starfive_visionfive2"], "--kernel-base",
                              "0x40400000", "--dtb-addr", "0x46000000", blob], tmp)
    t.ok(st == 0 and "kernel image at 0x40400000, 2048 KiB (--kernel-base)" in out
         and "devicetree blob at 0x46000000 (--dtb-addr)" in out,
         "dtb: --kernel-base and --dtb-addr override the configuration",
         out + err)
    st, out, err = run(tool, ["--no-zones", "--config",
                              os.path.join(tmp, "nonexistent"), blob], tmp)
    t.ok(st == 2 and "nonexistent" in err,
         "dtb: a missing --config file is an error", "%d\n%s%s" % (st, out, err))
    # QEMU places the blob by all of RAM, also when NUMA nodes split it
    # into several /memory nodes (boot virt-numa2: 0x8fe00000).
    two = dtb(tmp, "numa", 0x80000000, 128 * MIB)
    src = two[:-4] + ".dts"
    with open(src) as f:
        text = f.read()
    text = text.replace("};\n};\n", """};
	memory@88000000 {
		device_type = "memory";
		reg = <0x0 0x88000000 0x0 0x8000000>;
	};
};
""")
    with open(src, "w") as f:
        f.write(text)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", two, src],
                   check=True)
    st, out, err = run(tool, ["--no-zones", two], tmp)
    t.ok(st == 0 and "memory: 256 MiB RAM" in out and
         "devicetree blob at 0x8fe00000 (QEMU" in out,
         "dtb: two touching /memory nodes (NUMA): the blob below their end",
         out + err)

    # No configuration at all: QEMU virt's defaults.
    st, out, err = run(tool, ["--no-zones", dtb(tmp, "virt", 0x80000000,
                                                   128 * MIB)], tmp)
    t.ok(st == 0 and "kernel image at 0x80200000" in out and
         "devicetree blob at 0x87e00000 (QEMU" in out,
         "dtb: without a .config, QEMU virt's kernel base and blob address",
         out + err)


def dtb_tests(t, tool, tmp, srctree, built_config):
    configs = dtb_board_tests(t, tool, tmp, srctree, built_config)
    dtb_option_tests(t, tool, tmp, srctree, configs)


def all_tests(a, tmp):
    """Build the tool into @tmp, then its E820 and devicetree cases."""
    p = subprocess.run(["make", "-s", "-C", a.srctree, "O=" + tmp,
                        "memmap-tool"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    tool = os.path.join(tmp, "tools", "memmap")
    if p.returncode or not os.path.exists(tool):
        print("not ok 1 - memmap-tool builds")
        for line in p.stdout.decode("utf-8", "replace").splitlines()[-30:]:
            print("#   " + line)
        return 2
    t = Tap()
    e820_tests(t, tool, tmp)
    dtb_tests(t, tool, tmp, a.srctree, os.path.join(tmp, ".config"))
    return t


def main():
    return run_in_tmp("kite-memmap-test-", all_tests)


if __name__ == "__main__":
    sys.exit(main())
