# Kite: U-Boot boot script (a template; `make image` fills in @APPEND@ and
# @FDTARG@ (" - ${fdtcontroladdr}" for boards without dts/<board>.dts),
# puts the result on the boot partition as boot.cmd and compiles it into
# boot.scr with:  mkimage -A riscv -O linux -T script -C none -d boot.cmd boot.scr).
#
# U-Boot's distro boot runs /boot.scr when the partition has no
# /extlinux/extlinux.conf (extlinux wins when both exist).  It sets devtype,
# devnum and distro_bootpart to where it found the script; this loads the
# FIT image kernel.itb from the same place and boots its "conf-1"
# configuration: the raw kernel plus the board's devicetree from dts/.
#
# To run it by hand from the U-Boot prompt (SD card = mmc 0, partition 1):
#   setenv devtype mmc; setenv devnum 0; setenv distro_bootpart 1
#   load mmc 0:1 ${scriptaddr} /boot.scr; source ${scriptaddr}

if test -z "${devtype}"; then
	setenv devtype mmc
	setenv devnum 0
	setenv distro_bootpart 1
fi

# The FIT goes to ramdisk_addr_r (Kite has no initrd).  Not kernel_addr_r:
# on some boards (VisionFive 2: 0x40200000) that is the kernel's own load
# address, and bootm refuses to copy a kernel over the image it comes from.
setenv kite_fit ${ramdisk_addr_r}
setenv bootargs "@APPEND@"

echo "Kite: loading kernel.itb from ${devtype} ${devnum}:${distro_bootpart}"
if load ${devtype} ${devnum}:${distro_bootpart} ${kite_fit} /kernel.itb; then
	bootm ${kite_fit}#conf-1@FDTARG@
fi
echo "Kite: could not boot kernel.itb (see docs/flashing.md)"
