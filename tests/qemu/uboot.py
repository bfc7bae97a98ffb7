# SPDX-License-Identifier: MIT
"""Boot tests through U-Boot: the sdcard.img that `make image` builds, on
QEMU virt with Debian's u-boot-qemu (S-mode, on QEMU's bundled OpenSBI).

    qemu-system-riscv64 -M virt -m 512M -bios default
        -kernel /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin
        -drive file=<copy of sdcard.img>,format=raw,if=virtio -dtb <virt DTB>

U-Boot needs -m >= 256M.  Its autoboot waits 2 s for a key; the DTB given
with -dtb is QEMU's own (dumped with the same -m/-smp) plus
/config { bootdelay = <0>; }, which U-Boot reads at start-up.  Distro boot
then scans the bootable partition: /extlinux/extlinux.conf (booti /Image)
wins over /boot.scr (load kernel.itb, bootm), so the FIT variant boots a
copy with extlinux.conf deleted (mtools, no mounting).

Also here: parsers for the GPT and the RISC-V Image header, used as
independent checks of what scripts/mkimage-riscv.sh wrote.
"""
import os
import shutil
import struct
import subprocess
import uuid

UBOOT = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin"
MACHINE = ["-M", "virt", "-m", "512M", "-smp", "1"]
TOOLS = ["qemu-system-riscv64", "fdtput", "mdel", "mkimage", "sgdisk",
         "mkfs.vfat", "mcopy", "dtc"]


def available():
    return os.path.exists(UBOOT) and all(shutil.which(t) for t in TOOLS)


def missing():
    what = [] if os.path.exists(UBOOT) else [UBOOT + " (u-boot-qemu)"]
    return ", ".join(what + [t for t in TOOLS if not shutil.which(t)])


def dtb_bootdelay0(path, machine=MACHINE):
    """QEMU's DTB for `machine`, with U-Boot's autoboot delay set to 0."""
    args = list(machine)
    args[args.index("-M") + 1] += ",dumpdtb=" + path
    subprocess.run(["qemu-system-riscv64"] + args + ["-nographic", "-bios", "default"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    subprocess.run(["fdtput", "-c", path, "/config"], check=True)
    subprocess.run(["fdtput", "-t", "i", path, "/config", "bootdelay", "0"], check=True)
    return path


def gpt_partitions(path):
    """The GPT's used entries: dicts num, first, last, type, name, attrs."""
    with open(path, "rb") as f:
        f.seek(512)
        hdr = f.read(92)
        if hdr[:8] != b"EFI PART":
            raise ValueError("%s: no GPT header at LBA 1" % path)
        entries_lba, count, size = struct.unpack_from("<QII", hdr, 72)
        f.seek(entries_lba * 512)
        table = f.read(count * size)
    parts = []
    for i in range(count):
        e = table[i * size:(i + 1) * size]
        if e[:16] == bytes(16):
            continue
        first, last, attrs = struct.unpack_from("<QQQ", e, 32)
        parts.append(dict(num=i + 1, first=first, last=last, attrs=attrs,
                          type=str(uuid.UUID(bytes_le=e[:16])).upper(),
                          name=e[56:128].decode("utf-16-le").rstrip("\0")))
    return parts


def boot_partition(path):
    """The partition U-Boot's distro boot scans: legacy-BIOS-bootable (bit 2)."""
    for p in gpt_partitions(path):
        if p["attrs"] & 4:
            return p
    raise ValueError("%s: no partition marked bootable" % path)


def image_header(path):
    """Fields of the 64-byte Linux RISC-V Image header."""
    with open(path, "rb") as f:
        h = f.read(64)
    code0, code1, text_offset, image_size, flags, version = \
        struct.unpack_from("<IIQQQI", h, 0)
    return dict(code0=code0, code1=code1, text_offset=text_offset,
                image_size=image_size, flags=flags,
                version=(version >> 16, version & 0xffff),
                magic=h[48:56], magic2=h[56:60])


def system_map(path):
    syms = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                syms[parts[2]] = int(parts[0], 16)
    return syms


def image_checks(out):
    """(name, ok, diag): the Image header against System.map."""
    res = []
    img = os.path.join(out, "Image")
    h = image_header(img)
    syms = system_map(os.path.join(out, "System.map"))
    res.append(("Image: code0 is a jump (jal x0)",
                h["code0"] & 0xfff == 0x06f, hex(h["code0"])))
    res.append(("Image: text_offset 0x200000", h["text_offset"] == 0x200000,
                hex(h["text_offset"])))
    res.append(("Image: version 0.2", h["version"] == (0, 2), str(h["version"])))
    res.append(("Image: magic RISCV\\0\\0\\0 and RSC\\x05",
                h["magic"] == b"RISCV\0\0\0" and h["magic2"] == b"RSC\x05",
                repr((h["magic"], h["magic2"]))))
    res.append(("Image: little-endian flags 0", h["flags"] == 0, hex(h["flags"])))
    start, bss_end = syms.get("_start", 0), syms.get("__bss_stop", 0)
    res.append(("Image: image_size covers BSS (_start..__bss_stop)",
                bss_end > start and h["image_size"] >= bss_end - start,
                "image_size %#x, __bss_stop - _start %#x" %
                (h["image_size"], bss_end - start)))
    res.append(("Image: file no larger than image_size",
                os.path.getsize(img) <= h["image_size"],
                "file %d, image_size %d" % (os.path.getsize(img), h["image_size"])))
    return res


class SDCardBoot:
    """One U-Boot boot of out/sdcard.img; via "extlinux" (booti /Image) or
    "fit" (boot.scr -> bootm kernel.itb)."""

    def __init__(self, via):
        assert via in ("extlinux", "fit")
        self.via = via
        self.out = None

    def command(self, srctree, out):
        self.out = out
        disk = os.path.join(out, "uboot-%s.img" % self.via)
        shutil.copyfile(os.path.join(out, "sdcard.img"), disk)
        if self.via == "fit":
            offset = boot_partition(disk)["first"] * 512
            subprocess.run(["mdel", "-i", "%s@@%d" % (disk, offset),
                            "::/extlinux/extlinux.conf"], check=True)
        dtb = dtb_bootdelay0(os.path.join(out, "uboot-%s.dtb" % self.via))
        return (["qemu-system-riscv64"] + MACHINE +
                ["-bios", "default", "-kernel", UBOOT,
                 "-drive", "file=%s,format=raw,if=virtio" % disk,
                 "-dtb", dtb, "-nographic", "-no-reboot"])

    def check(self, text, srctree):
        res = []
        if self.via == "extlinux":
            res += image_checks(self.out)
            res += self.flash_checks(srctree)
        part = boot_partition(os.path.join(self.out, "sdcard.img"))
        res.append(("sdcard.img: FAT boot partition 1 at sector 2048",
                    part["num"] == 1 and part["first"] == 2048, str(part)))
        return res

    def flash_checks(self, srctree):
        """`make flash` end to end, on a regular file as the target."""
        res = []
        mk = ["make", "-s", "-f", os.path.join(srctree, "Makefile"), "O=" + self.out]
        target = os.path.join(self.out, "flash-target.img")
        if os.path.exists(target):
            os.unlink(target)
        p = subprocess.run(mk + ["flash"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = p.stdout.decode("utf-8", "replace")
        res.append(("make flash without DEV refuses",
                    p.returncode != 0 and "no target" in out, out))
        p = subprocess.run(mk + ["flash", "DEV=" + target], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           start_new_session=True)
        out = p.stdout.decode("utf-8", "replace")
        res.append(("make flash without FORCE and without a terminal refuses",
                    p.returncode != 0 and "no terminal" in out and
                    not os.path.exists(target), out))
        p = subprocess.run(mk + ["flash", "DEV=" + target, "FORCE=1"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, start_new_session=True)
        out = p.stdout.decode("utf-8", "replace")
        same = False
        if p.returncode == 0 and os.path.exists(target):
            with open(target, "rb") as a, \
                    open(os.path.join(self.out, "sdcard.img"), "rb") as b:
                same = a.read() == b.read()
        res.append(("make flash DEV=<file> FORCE=1 writes an identical copy",
                    same, out))
        if os.path.exists(target):
            os.unlink(target)
        return res
