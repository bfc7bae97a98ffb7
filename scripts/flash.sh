#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Write a bootable image to an SD card or USB stick, then read it back.
#
#   scripts/flash.sh IMAGE DEV        (make flash DEV=/dev/sdX calls this)
#
# DEV is a whole removable disk (/dev/sdX, /dev/mmcblkN) or a regular file.
# Refused: no DEV; a partition; a disk that is not removable
# (/sys/block/<dev>/removable = 0: that is how system disks look); a disk
# with anything mounted, used as swap or held by another driver (LVM,
# dm-crypt, RAID); an image larger than the disk.
# Before writing it prints the target's size and model and asks for "yes"
# on the terminal (/dev/tty); FORCE=1 skips the question.  With no terminal
# to ask on and no FORCE=1 it refuses.
set -euo pipefail

die() { echo "flash: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 IMAGE DEV"
img=$1 dev=$2
[ -n "$dev" ] || die "no target given: make flash DEV=/dev/sdX (see docs/flashing.md)"
[ -f "$img" ] || die "no image $img: run 'make image' first"
size=$(stat -L -c %s "$img")

human() { numfmt --to=iec-i --suffix=B "$1" 2>/dev/null || echo "$1 bytes"; }

# Of the devices in the first column of stdin, name the first that is the
# disk $1 (a /sys/block name) or one of its partitions, followed by $2;
# status 1 if there is none.
lists_disk() {
	local disk=$1 what=$2 src real name
	while read -r src _; do
		case $src in /dev/*) ;; *) continue ;; esac
		real=$(readlink -f "$src") || continue
		name=${real#/dev/}
		if [ "$name" = "$disk" ] || [ -e "/sys/block/$disk/$name" ]; then
			echo "$src $what"
			return 0
		fi
	done
	return 1
}

# Is the disk $1 (a /sys/block name), or one of its partitions, in use?
in_use() {
	local disk=$1
	lists_disk "$disk" "is mounted (see /proc/mounts)" < /proc/mounts &&
		return 0
	tail -n +2 /proc/swaps | lists_disk "$disk" "is in use as swap" &&
		return 0
	local h
	for h in /sys/block/"$disk"/holders/* /sys/block/"$disk"/*/holders/*; do
		if [ -e "$h" ]; then
			echo "/dev/${h##*/} sits on it (${h#/sys/block/})"
			return 0
		fi
	done
	return 1
}

if [ -b "$dev" ]; then
	real=$(readlink -f "$dev")
	name=${real#/dev/}
	if [ ! -d "/sys/block/$name" ]; then
		[ -e "/sys/class/block/$name/partition" ] &&
			die "$dev is a partition: give the whole disk (e.g. /dev/sdX, not /dev/sdX1)"
		die "$dev: no /sys/block/$name: not a whole disk"
	fi
	if why=$(in_use "$name"); then
		die "$dev is in use: $why; unmount it first"
	fi
	removable=$(cat "/sys/block/$name/removable" 2>/dev/null || echo 0)
	[ "$removable" = 1 ] ||
		die "$dev is not a removable disk (/sys/block/$name/removable = $removable): refusing to overwrite what looks like a system disk"
	dev_bytes=$(( $(cat "/sys/block/$name/size") * 512 ))
	model=$(cat "/sys/block/$name/device/vendor" "/sys/block/$name/device/model" \
		2>/dev/null | tr -s ' \n' ' ' | sed 's/ *$//')
	[ -n "$model" ] || model="unknown model"
	[ "$dev_bytes" -gt 0 ] || die "$dev has no medium (size 0)"
	[ "$size" -le "$dev_bytes" ] ||
		die "$img ($(human "$size")) does not fit on $dev ($(human "$dev_bytes"))"
	what="$dev: $(human "$dev_bytes"), $model, removable"
elif [ ! -e "$dev" ] && [[ $(readlink -m "$dev") == /dev/* ]]; then
	die "$dev: no such device (is the card inserted? see lsblk)"
elif [ -f "$dev" ] || [ ! -e "$dev" ]; then
	[ -d "$(dirname "$dev")" ] || die "$(dirname "$dev") does not exist"
	if [ -f "$dev" ]; then
		what="$dev: regular file, $(human "$(stat -L -c %s "$dev")") (replaced)"
	else
		what="$dev: regular file (created)"
	fi
else
	die "$dev is neither a block device nor a regular file"
fi

# Which build the image is: the .config beside it (make flash passes
# $(O)/sdcard.img or $(O)/kite.iso, and $(O)/.config is that build's).
cfg_value() { sed -n "s/^$1=\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" "$2" | head -n 1; }
config=$(dirname "$img")/.config
board=
if [ -f "$config" ]; then
	board=$(cfg_value CONFIG_BOARD "$config")
	arch=$(cfg_value CONFIG_ARCH "$config")
	app=$(cfg_value CONFIG_APP_NAME "$config")
fi
if [ -n "$board" ]; then
	built="board $board (${arch:-unknown arch}, app ${app:-unknown}; $config)"
else
	built="board unknown (no $config with CONFIG_BOARD beside the image)"
fi

echo "flash: image  $img ($(human "$size")), $built"
echo "flash: target $what"

if [ "${FORCE:-}" != 1 ]; then
	# Ask on the controlling terminal, not stdin: make may own stdin.
	if ! { exec 3<>/dev/tty; } 2>/dev/null; then
		die "no terminal to confirm on: refusing to write $dev (set FORCE=1 if you are sure)"
	fi
	printf 'flash: everything on %s will be lost. Type "yes" to write the image for board %s: ' \
		"$dev" "${board:-unknown}" >&3
	read -r answer <&3 || answer=
	exec 3>&-
	[ "$answer" = yes ] || die "not confirmed; nothing written"
fi

progress=none
[ -t 2 ] && progress=progress
echo "flash: writing..."
dd if="$img" of="$dev" bs=4M conv=fsync status="$progress"

# Read back through the device, not the page cache, where we can.
echo "flash: verifying $(human "$size")..."
if [ -b "$dev" ]; then
	blockdev --flushbufs "$dev" 2>/dev/null || true
	if ! cmp -n "$size" "$img" <(dd if="$dev" bs=4M iflag=direct \
			count=$(( (size + 4194303) / 4194304 )) status=none); then
		die "verify FAILED: $dev differs from $img"
	fi
else
	cmp -n "$size" "$img" "$dev" || die "verify FAILED: $dev differs from $img"
fi
echo "flash: done: $dev holds $img${board:+ (board $board)}; it is safe to remove it"
