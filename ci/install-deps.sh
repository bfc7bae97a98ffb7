#!/bin/sh
# Install the Debian packages this project needs, and nothing else.
#
# Idempotent: packages already present are left alone, and `apt-get update`
# runs only when something is missing.  Needs root (or sudo) to install.
set -eu

PKGS="
make gcc libc6-dev debootstrap
gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
qemu-system-misc qemu-system-x86 opensbi u-boot-qemu u-boot-tools
device-tree-compiler libfdt-dev python3-libfdt python3-kconfiglib
grub-pc-bin grub-efi-amd64-bin grub-common xorriso mtools fdisk gdisk dosfstools ovmf
clang clang-format llvm libclang-rt-14-dev gdb-multiarch
libmimalloc-dev libjemalloc-dev gnuplot-nox
"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

echo "install-deps: missing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "install-deps: not root and no sudo; install as root:" >&2
		echo "  apt-get install$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
echo "install-deps: done"
