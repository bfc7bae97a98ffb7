#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Host tests of scripts/flash.sh (what `make flash DEV=...` runs); TAP.

Only regular files and refusals are exercised: nothing is ever written to a
block device.  As root with loop devices available, a loop device (whose
/sys/block/loopN/removable is 0, like a system disk) and a partition of one
must be refused; without them those cases are skipped.  `make flash` itself
is tested end to end by the virt-uboot-extlinux boot (tests/qemu/uboot.py).

usage: flash_test.py [--srctree DIR] [--objtree DIR]
Exit status: 0 all passed, 1 some failed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=""):
        self.n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name))
        if not cond:
            self.failed += 1
            for line in diag.rstrip().splitlines()[-20:]:
                print("#   " + line)
        sys.stdout.flush()

    def skip(self, name, why):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why))


def run_in_tmp(prefix, body):
    """The frame of a test script: --srctree and --objtree parsed, TAP's
    header, body(args, tmp) run in a fresh temporary directory (removed
    afterwards), then the plan.  body returns its Tap, or an exit status
    of its own when it could not start."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", default=SRCTREE)
    ap.add_argument("--objtree", default=None)
    a = ap.parse_args()
    print("TAP version 13")
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        t = body(a, tmp)
        if isinstance(t, int):
            return t
        print("1..%d" % t.n)
        return 1 if t.failed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def flash(srctree, img, dev, force=False, setsid=True):
    """Run flash.sh with no terminal (new session, stdin /dev/null)."""
    env = dict(os.environ)
    env.pop("FORCE", None)
    if force:
        env["FORCE"] = "1"
    p = subprocess.run([os.path.join(srctree, "scripts", "flash.sh"), img, dev],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env=env, start_new_session=setsid)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def same(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def loop_tests(t, srctree, tmp, img):
    name = "refuses a loop device (removable = 0) and a partition"
    if os.geteuid() != 0 or not shutil.which("losetup") or not shutil.which("sgdisk"):
        t.skip(name, "needs root, losetup and sgdisk")
        return
    back = os.path.join(tmp, "loop-backing.img")
    with open(back, "wb") as f:
        f.truncate(8 << 20)
    subprocess.run(["sgdisk", "-o", "-n", "1:2048:", back], stdout=subprocess.DEVNULL,
                   check=True)
    p = subprocess.run(["losetup", "-P", "-f", "--show", back], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        t.skip(name, "losetup failed: " + p.stderr.decode().strip())
        return
    loop = p.stdout.decode().strip()
    try:
        before = open(back, "rb").read()
        rc, out = flash(srctree, img, loop, force=True)
        t.ok(rc != 0 and "not a removable disk" in out,
             "refuses non-removable %s even with FORCE=1" % loop, out)
        part = loop + "p1"
        if os.path.exists(part):
            rc, out = flash(srctree, img, part, force=True)
            t.ok(rc != 0 and "is a partition" in out, "refuses partition %s" % part, out)
        else:
            t.skip("refuses a partition", "%s did not appear" % part)
        t.ok(open(back, "rb").read() == before, "loop device left untouched")
    finally:
        subprocess.run(["losetup", "-d", loop])


def mounted_test(t, srctree, img):
    """The disk holding / is mounted: refused (before any question)."""
    root = None
    with open("/proc/mounts") as f:
        for line in f:
            src, mnt = line.split()[:2]
            if mnt == "/" and src.startswith("/dev/"):
                root = src
    if not root or not os.path.exists(root):
        t.skip("refuses a mounted disk", "/ is not on a /dev block device")
        return
    real = os.path.realpath(root)
    name = os.path.basename(real)
    # The whole disk when / is on a partition of it.
    if not os.path.isdir("/sys/block/" + name):
        for disk in os.listdir("/sys/block"):
            if os.path.isdir("/sys/block/%s/%s" % (disk, name)):
                real = "/dev/" + disk
    # No FORCE: even a broken check would stop at the missing terminal.
    rc, out = flash(srctree, img, real)
    t.ok(rc != 0 and "is mounted" in out, "refuses %s (mounted on /)" % real, out)


def file_tests(a, tmp):
    """Regular files and refusals, then mounted and loop devices."""
    t = Tap()
    img = os.path.join(tmp, "image.bin")
    with open(img, "wb") as f:   # not a multiple of any block size
        f.write(os.urandom((3 << 20) + 4097))
    dev = os.path.join(tmp, "card.img")

    rc, out = flash(a.srctree, img, "")
    t.ok(rc != 0 and "no target" in out, "refuses without DEV", out)

    rc, out = flash(a.srctree, os.path.join(tmp, "nope.img"), dev, force=True)
    t.ok(rc != 0 and "make image" in out and not os.path.exists(dev),
         "refuses a missing image", out)

    rc, out = flash(a.srctree, img, dev)
    t.ok(rc != 0 and "no terminal" in out and not os.path.exists(dev),
         "refuses without FORCE=1 and without a terminal", out)

    rc, out = flash(a.srctree, img, dev, force=True)
    t.ok(rc == 0 and os.path.exists(dev) and same(img, dev),
         "FORCE=1 writes an identical copy to a new regular file", out)
    t.ok("regular file" in out and "verifying" in out,
         "prints the target as a regular file and verifies", out)

    with open(dev, "wb") as f:   # larger and different: replaced exactly
        f.write(b"\xff" * (5 << 20))
    rc, out = flash(a.srctree, img, dev, force=True)
    t.ok(rc == 0 and same(img, dev),
         "FORCE=1 replaces a larger existing file exactly", out)

    rc, out = flash(a.srctree, img, "/dev/null", force=True)
    t.ok(rc != 0 and "neither a block device nor a regular file" in out,
         "refuses a character device", out)

    rc, out = flash(a.srctree, img, "/dev/kite-no-such-disk", force=True)
    t.ok(rc != 0 and "no such device" in out and
         not os.path.exists("/dev/kite-no-such-disk"),
         "refuses a missing /dev path (creates no file there)", out)

    mounted_test(t, a.srctree, img)
    loop_tests(t, a.srctree, tmp, img)
    return t


def main():
    return run_in_tmp("kite-flash-", file_tests)


if __name__ == "__main__":
    sys.exit(main())
