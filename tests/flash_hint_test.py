#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Host tests: `make image` tells how to flash *this* build's image, and
`make flash` (scripts/flash.sh) says which board the image is for; TAP.

The hint is read from `make -n image` (what the recipe would print), for a
riscv and an x86 configuration in their own O=, with and without APP=.
flash.sh is run with FORCE=1 on a regular file next to a real .config.

usage: flash_hint_test.py [--srctree DIR] [--objtree DIR]
Exit status: 0 all passed, 1 some failed.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flash_test import Tap, flash, run_in_tmp  # noqa: E402


def make(srctree, *args):
    p = subprocess.run(["make", "-C", srctree] + list(args),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def image_line(out):
    return next((l for l in out.splitlines() if "  IMAGE    " in l), "")


def hint_tests(t, srctree, tmp):
    app = os.path.join(srctree, "examples", "external-app")
    for config, img in (("starfive_visionfive2_defconfig", "sdcard.img"),
                        ("qemu_x86_64_defconfig", "kite.iso")):
        o = os.path.join(tmp, config.replace("_defconfig", ""))
        rc, out = make(srctree, "-s", "O=" + o, config)
        if rc:
            t.ok(False, "hint: make %s" % config, out)
            continue
        # One dry run of both: what image prints, what flash runs.
        rc, out = make(srctree, "-n", "O=" + o, "image", "flash",
                       "DEV=/tmp/nothing")
        line = image_line(out)
        t.ok(rc == 0 and "%s/%s" % (o, img) in line and
             line.rstrip().rstrip('"').endswith(
                 "make O=%s flash DEV=/dev/sdX" % o),
             "hint: %s: make image says make O=%s flash" % (config, o),
             out[-2000:] if not line else line)
        # make flash writes that image (x86 had no FLASH_IMAGE at all).
        t.ok(rc == 0 and "scripts/flash.sh %s/%s " % (o, img) in out,
             "flash: %s: make flash writes %s" % (config, img), out[-2000:])
        if img != "sdcard.img":
            continue  # the hint is built the same way on both arches
        rc, out = make(srctree, "-n", "O=" + o, "APP=" + app, "image")
        line = image_line(out)
        t.ok(rc == 0 and "make O=%s APP=%s flash DEV=/dev/sdX" % (o, app) in line,
             "hint: %s: an APP= build's hint keeps APP=" % config,
             out[-2000:] if not line else line)


def board_tests(t, srctree, tmp):
    o = os.path.join(tmp, "vf2-flash")
    rc, out = make(srctree, "-s", "O=" + o, "starfive_visionfive2_defconfig")
    img = os.path.join(o, "sdcard.img")
    with open(img, "wb") as f:
        f.write(os.urandom(65536))
    rc, out = flash(srctree, img, os.path.join(tmp, "card.img"), force=True)
    t.ok(rc == 0 and "board starfive_visionfive2 (riscv, app memdemo;" in out
         and "holds %s (board starfive_visionfive2)" % img in out,
         "flash: names the board, arch and app of the image's build", out)
    lone = os.path.join(tmp, "lone")
    os.makedirs(lone)
    shutil.copy(img, lone)
    rc, out = flash(srctree, os.path.join(lone, "sdcard.img"),
                    os.path.join(tmp, "card2.img"), force=True)
    t.ok(rc == 0 and "board unknown (no %s/.config" % lone in out,
         "flash: an image without a .config beside it: board unknown", out)


def all_tests(a, tmp):
    t = Tap()
    hint_tests(t, a.srctree, tmp)
    board_tests(t, a.srctree, tmp)
    return t


def main():
    return run_in_tmp("kite-flash-hint-", all_tests)


if __name__ == "__main__":
    sys.exit(main())
