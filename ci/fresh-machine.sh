#!/bin/bash
# SPDX-License-Identifier: MIT
#
# The README's first steps on a fresh Debian 12 machine, in a chroot.
#
#   ci/fresh-machine.sh [WORKDIR]        (default: build/fresh-machine)
#
# FRESH_SRC=dir clones another checkout instead of this one.
#
# 1. debootstrap a minimal bookworm (--variant=minbase) from the Debian
#    mirror this machine's apt uses;
# 2. add make and git only, and put a python3 first on PATH that cannot
#    import Debian's packages (like a pyenv python3: issue 17);
# 3. git clone this tree's HEAD (committed work only) and, as the README
#    says, run `make run` there: it must install what is missing, build and
#    boot on the first try; then a short part of `make check` (one QEMU
#    boot test, make check-boot --filter virt-default).
#
# Needs root, debootstrap and the Debian mirror.  Kept between runs, in
# WORKDIR: debootstrap's packages (a --make-tarball tarball), the root file
# system after steps 1 and 2 (a tar: those steps end the same each time),
# and apt's downloaded .deb files (bind-mounted at the chroot's
# /var/cache/apt/archives), so a second run downloads nothing.  The root
# file system is unpacked anew each time, and what `make run` installs,
# apt installs inside it every time.  Delete WORKDIR to start from nothing.
# Exit status: 0 when every step passed.
set -euo pipefail

srctree=$(cd "${FRESH_SRC:-$(dirname "$0")/..}" && pwd)
work=$(realpath -m "${1:-$srctree/build/fresh-machine}")
suite=bookworm
root=$work/root
tarball=$work/$suite-minbase.tar.gz
archives=$work/apt-archives

die() { echo "fresh-machine: $*" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || die "debootstrap is missing: run ci/install-deps.sh"

# The mirror apt uses here: deb822 sources first, then the one-line format.
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	awk '/^URIs:/ { u = $2 } /^Suites:/ && / '"$suite"'( |$)/ && u { print u; exit }')
if [ -z "$mirror" ]; then
	mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '$1 == "deb" && $3 == "'"$suite"'" { print $2; exit }')
fi
mirror=${mirror:-http://deb.debian.org/debian}

mounts=()
cleanup() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount -l "${mounts[i]}" 2>/dev/null || true
	done
	# Only once nothing is mounted inside it any more.
	if ! grep -q " $root/" /proc/mounts; then
		rm -rf "$root"
	fi
}
trap cleanup EXIT

step() { printf 'fresh-machine: %s\n' "$*"; }
t0=$SECONDS
mkdir -p "$work" "$archives"
if grep -q " $root/" /proc/mounts; then
	die "$root still has mounts from an earlier run: umount them first"
fi
rm -rf "$root"

bind() { # bind SRC DEST
	mkdir -p "$2"
	mount --bind "$1" "$2"
	mounts+=("$2")
}
mount_all() {
	mount -t proc proc "$root/proc"
	mounts+=("$root/proc")
	bind /dev "$root/dev"
	bind /dev/pts "$root/dev/pts"
	bind "$archives" "$root/var/cache/apt/archives"
	cp /etc/resolv.conf "$root/etc/resolv.conf"
}
inside() { # inside COMMAND: run a shell command as root in the chroot
	chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive KITE_FRESH_MACHINE=1 \
		/bin/bash -c "$1"
}

# Steps 1 and 2 give the same root file system every time: the first run
# keeps it in $base and later runs unpack that.
base=$work/$suite-minbase-make-git.tar
if [ -f "$base" ]; then
	step "$suite minbase + make + git from $base"
	mkdir -p "$root"
	tar -xpf "$base" -C "$root"
	mount_all
else
	if [ ! -f "$tarball" ]; then
		step "downloading the $suite minbase packages from $mirror"
		rm -rf "$work/tarball-root"
		debootstrap --variant=minbase --make-tarball="$tarball.tmp" "$suite" \
			"$work/tarball-root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
			{ tail -20 "$work/debootstrap.log" >&2; die "debootstrap --make-tarball failed"; }
		rm -rf "$work/tarball-root"
		mv "$tarball.tmp" "$tarball"
	fi
	step "debootstrap --variant=minbase $suite ($mirror)"
	debootstrap --variant=minbase --unpack-tarball="$tarball" "$suite" "$root" "$mirror" \
		>"$work/debootstrap.log" 2>&1 ||
		{ tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
	# Keep the downloaded packages for the next run; start no services.
	echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' \
		>"$root/etc/apt/apt.conf.d/01keep"
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod +x "$root/usr/sbin/policy-rc.d"
	mount_all
	step "apt-get install make git"
	inside 'apt-get update -qq && apt-get install -y -qq --no-install-recommends make git >/dev/null'
	tar -cf "$base.tmp" -C "$root" --exclude=./proc/* --exclude=./dev/* \
		--exclude=./var/cache/apt/archives/* .
	mv "$base.tmp" "$base"
fi
step "base system in $((SECONDS - t0)) s"

# A python3 first on PATH that cannot import Debian's python3-kconfiglib,
# like pyenv's: -S leaves dist-packages off sys.path.  Before Debian's
# python3 is installed, it is not there at all.
mkdir -p "$root/usr/local/bin"
cat >"$root/usr/local/bin/python3" <<'EOF'
#!/bin/sh
# fresh-machine.sh: stands in for a pyenv python3 without Debian's packages.
[ -x /usr/bin/python3 ] || { echo "pyenv: python3: command not found" >&2; exit 127; }
exec /usr/bin/python3 -S "$@"
EOF
chmod +x "$root/usr/local/bin/python3"

# A bundle of HEAD: the clone inside sees no path of the host's repository
# (a worktree's .git points outside the tree).
rev=$(git -C "$srctree" rev-parse HEAD)
step "git clone $srctree (HEAD $rev)"
git -C "$srctree" bundle create -q "$root/root/kite.bundle" HEAD
inside 'git -c advice.detachedHead=false clone -q /root/kite.bundle /root/kite'
t1=$SECONDS

step "make run (the README's first command)"
status=0
inside 'cd /root/kite && make run </dev/null' 2>&1 | tee "$work/make-run.log" || status=$?
step "make run: exit status $status, $((SECONDS - t1)) s"
if [ "$status" -ne 0 ]; then
	echo "fresh-machine: FAILED: make run (log: $work/make-run.log)" >&2
	exit 1
fi
# The stand-in must still be the python3 on PATH, and still blind.
if inside 'python3 -c "import kconfiglib"' 2>/dev/null; then
	echo "fresh-machine: FAILED: the python3 first on PATH imports kconfiglib: test is void" >&2
	exit 1
fi

t2=$SECONDS
step "make check-boot CHECK_ARGS=\"--filter virt-default\""
inside 'cd /root/kite && make check-boot CHECK_ARGS="--filter virt-default" </dev/null' 2>&1 |
	tee "$work/make-check.log" || status=$?
step "make check-boot: exit status $status, $((SECONDS - t2)) s"
if [ "$status" -ne 0 ] || ! grep -q '^[1-9][0-9]* passed, 0 failed' "$work/make-check.log"; then
	echo "fresh-machine: FAILED: make check-boot (log: $work/make-check.log)" >&2
	exit 1
fi
step "passed in $((SECONDS - t0)) s"
