#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boards and applications are found by their directories (docs/boards.md,
docs/applications.md); TAP.

First the tree's own boards: each boards/<arch>/<board>/ has its files,
its *_defconfig names start with the board's name and are unique, choosing
its Kconfig entry sets BOARD to the directory's name, and ci/qemu.py reads
its board.mk.  Then, in a copy of the source tree, one new directory each:
boards/riscv/<new>/ must give `make <new>_defconfig`, `make help`'s entry
and the board's own defaults; app/<new>/, drivers/uart/<new>/ and
mm/bootmem/<new>/ (a bootmem backend) must be offered by Kconfig and
compiled from their objs.mk, with no line added elsewhere
(docs/internals.md, "Where a new piece goes").  No kernel is built.

usage: boards_test.py [--srctree DIR] [--objtree DIR]
Exit status: 0 all passed, 1 some failed.
"""
import argparse
import glob
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flash_test import SRCTREE, Tap  # noqa: E402
from flash_hint_test import make  # noqa: E402

BOARD_FILES = ("Kconfig.board", "Kconfig.defconfig", "board.mk", "README.md")
APP_FILES = ("Kconfig.app", "Kconfig.defconfig", "objs.mk")


def entry_symbol(path):
    """The symbol a Kconfig.board / Kconfig.app adds to its choice."""
    m = re.search(r"^config\s+(\w+)", open(path).read(), re.M)
    return m.group(1) if m else None


def kconfig(srctree):
    import kconfiglib
    os.environ["srctree"] = srctree
    os.environ.setdefault("APP", "")
    return kconfiglib.Kconfig(os.path.join(srctree, "Kconfig"),
                              warn_to_stderr=False)


def check_tree(t, srctree):
    boards = sorted(glob.glob(os.path.join(srctree, "boards", "*", "*", "")))
    t.ok(len(boards) >= 6, "boards/: %d board directories" % len(boards))
    names = {}
    for d in boards:
        arch, board = d.rstrip("/").split("/")[-2:]
        missing = [f for f in BOARD_FILES if not os.path.exists(d + f)]
        t.ok(not missing, "%s/%s: has %s" % (arch, board, ", ".join(BOARD_FILES)),
             "missing: %s" % missing)
        for f in sorted(glob.glob(d + "*_defconfig")):
            name = os.path.basename(f)
            t.ok(name.startswith(board + "_") and name not in names,
                 "%s: named after its board, unique" % name,
                 "also in %s" % names.get(name))
            names[name] = d
    kconf = kconfig(srctree)
    arch_sym = {"riscv": "ARCH_RISCV", "x86": "ARCH_X86_64"}
    sys.path.insert(0, os.path.join(srctree, "ci"))
    import qemu
    for d in boards:
        arch, board = d.rstrip("/").split("/")[-2:]
        sym = entry_symbol(d + "Kconfig.board")
        kconf.syms[arch_sym[arch]].set_value(2)
        set_ok = sym in kconf.syms and kconf.syms[sym].set_value(2)
        got = kconf.syms["BOARD"].str_value
        t.ok(set_ok and got == board and kconf.syms[sym].choice is not None,
             "%s/%s: choosing %s sets BOARD=\"%s\"" % (arch, board, sym, board),
             "BOARD=%r" % got)
        facts = qemu.board_facts(arch, board)
        t.ok("QEMU_SYSTEM" in facts,
             "%s/%s: ci/qemu.py reads board.mk" % (arch, board), str(facts))
    for d in sorted(glob.glob(os.path.join(srctree, "app", "*", ""))):
        app = d.rstrip("/").split("/")[-1]
        missing = [f for f in APP_FILES if not os.path.exists(d + f)]
        sym = entry_symbol(d + "Kconfig.app") if not missing else None
        if sym in kconf.syms:
            kconf.syms[sym].set_value(2)
        got = kconf.syms["APP_NAME"].str_value
        t.ok(not missing and got == app,
             "app/%s: has %s; choosing %s sets APP_NAME=\"%s\""
             % (app, ", ".join(APP_FILES), sym, app),
             "missing: %s, APP_NAME=%r" % (missing, got))


def add_board(src):
    """boards/riscv/kite_test_board/: qemu_riscv64_virt's directory with
    the names changed and a load address of its own."""
    old, new = "qemu_riscv64_virt", "kite_test_board"
    od = os.path.join(src, "boards", "riscv", old)
    nd = os.path.join(src, "boards", "riscv", new)
    os.makedirs(nd)
    for f in os.listdir(od):
        text = open(os.path.join(od, f)).read()
        text = text.replace(old.upper(), new.upper()).replace(old, new)
        if f == "Kconfig.defconfig":
            text = text.replace("\nendif", "\nconfig KERNEL_LOAD_ADDR\n"
                                "\tdefault 0x90200000\n\nendif")
        with open(os.path.join(nd, f.replace(old, new)), "w") as out:
            out.write(text)


def add_app(src):
    d = os.path.join(src, "app", "kite_test_app")
    os.makedirs(d)
    files = {
        "Kconfig.app": "config APP_KITE_TEST_APP\n\tbool \"kite_test_app\"\n",
        "Kconfig.defconfig": "config APP_NAME\n\tdefault \"kite_test_app\" "
                             "if APP_KITE_TEST_APP\n",
        "objs.mk": "app-y += kite_test_app.o\n",
        "kite_test_app.c": "int app_main(int argc, char **argv)\n{\n"
                           "\treturn 0;\n}\n",
    }
    for f, text in files.items():
        with open(os.path.join(d, f), "w") as out:
            out.write(text)


def add_uart_and_backend(src):
    """drivers/uart/kite_test_uart/ (ns16550's init under a compatible of
    its own) and mm/bootmem/kite_test/ (the memblock shims, renamed):
    each is one directory, with no line added elsewhere."""
    d = os.path.join(src, "drivers", "uart", "kite_test_uart")
    os.makedirs(d)
    files = {
        "Kconfig": "config SERIAL_KITE_TEST_UART\n\tbool \"uart: test\"\n"
                   "\tdepends on ARCH_RISCV && SERIAL_NS16550\n",
        "objs.mk": "obj-$(CONFIG_SERIAL_KITE_TEST_UART) += "
                   "drivers/uart/kite_test_uart/kite_test_uart.o\n",
        "kite_test_uart.c": "#include <kernel/serial.h>\n\n"
        "static const char *const compat[] = {\"kite,test-uart\", NULL};\n"
        "static const struct uart_dt_driver drv = {\n\t.name = \"test\",\n"
        "\t.compatible = compat,\n\t.init = ns16550_init,\n};\n"
        "UART_DT_DRIVER(drv);\n",
    }
    mb = os.path.join(src, "mm", "bootmem", "memblock")
    d2 = os.path.join(src, "mm", "bootmem", "kite_test")
    os.makedirs(d2)
    files2 = {
        "Kconfig": "config BOOTMEM_KITE_TEST\n\tbool \"mm: test backend\"\n",
        "objs.mk": "obj-$(CONFIG_BOOTMEM_KITE_TEST) += "
                   "mm/bootmem/kite_test/bootmem_kite_test.o\n",
        "bootmem_kite_test.c": open(os.path.join(
            mb, "bootmem_memblock.c")).read(),
    }
    for base, fs in ((d, files), (d2, files2)):
        for f, text in fs.items():
            with open(os.path.join(base, f), "w") as out:
                out.write(text)


def check_new_dirs(t, srctree, tmp):
    src = os.path.join(tmp, "src")
    def skip(d, names):
        # Not the repository nor build output in the tree (O=build*).
        top = os.path.abspath(d) == srctree
        return [f for f in names if f in (".git", "__pycache__") or
                (top and f.startswith("build") and os.path.isdir(os.path.join(d, f)))]
    shutil.copytree(srctree, src, symlinks=True, ignore=skip)
    add_board(src)
    add_app(src)
    add_uart_and_backend(src)
    o = os.path.join(tmp, "o")
    rc, log = make(src, "O=" + o, "kite_test_board_defconfig")
    cfg = os.path.join(o, ".config")
    text = open(cfg).read() if os.path.exists(cfg) else ""
    t.ok(rc == 0 and "CONFIG_BOARD_KITE_TEST_BOARD=y" in text and
         'CONFIG_BOARD="kite_test_board"' in text,
         "new board directory: make kite_test_board_defconfig", log + text)
    t.ok("CONFIG_KERNEL_LOAD_ADDR=0x90200000" in text and
         "CONFIG_POWEROFF_SIFIVE_TEST_FALLBACK=0x100000" in text,
         "new board directory: its Kconfig.defconfig defaults apply", text)
    rc, log = make(src, "help")
    t.ok(rc == 0 and re.search(r"^\s+kite_test_board_defconfig$", log, re.M),
         "new board directory: make help lists kite_test_board_defconfig", log)
    with open(cfg, "a") as f:
        f.write("CONFIG_APP_KITE_TEST_APP=y\n")
    rc, log = make(src, "O=" + o, "olddefconfig")
    text = open(cfg).read()
    t.ok(rc == 0 and 'CONFIG_APP_NAME="kite_test_app"' in text,
         "new app directory: Kconfig offers it, APP_NAME names it", log + text)
    # make -n still remakes the configuration, then prints the compiles.
    rc, log = make(src, "-n", "O=" + o, "all")
    t.ok(rc == 0 and "app/kite_test_app/kite_test_app.c" in log,
         "new app directory: the build compiles its objs.mk", log[-2000:])
    with open(cfg, "a") as f:
        f.write("CONFIG_SERIAL_KITE_TEST_UART=y\nCONFIG_BOOTMEM_KITE_TEST=y\n")
    rc, log = make(src, "O=" + o, "olddefconfig")
    text = open(cfg).read()
    t.ok(rc == 0 and "CONFIG_SERIAL_KITE_TEST_UART=y" in text and
         "CONFIG_BOOTMEM_KITE_TEST=y" in text and
         "# CONFIG_BOOTMEM_MEMBLOCK is not set" in text,
         "new UART driver and bootmem backend directories: Kconfig offers "
         "them (the backend in the backend choice)", log + text)
    rc, log = make(src, "-n", "O=" + o, "all")
    t.ok(rc == 0 and "drivers/uart/kite_test_uart/kite_test_uart.c" in log
         and "mm/bootmem/kite_test/bootmem_kite_test.c" in log and
         "mm/bootmem/memblock/bootmem_memblock.c" not in log,
         "new UART driver and bootmem backend directories: the build "
         "compiles their objs.mk", log[-2000:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", default=SRCTREE)
    ap.add_argument("--objtree", default=None)
    a = ap.parse_args()
    srctree = os.path.abspath(a.srctree)
    t = Tap()
    check_tree(t, srctree)
    with tempfile.TemporaryDirectory(prefix="kite-boards-") as tmp:
        check_new_dirs(t, srctree, tmp)
    print("1..%d" % t.n)
    sys.exit(1 if t.failed else 0)


if __name__ == "__main__":
    main()
