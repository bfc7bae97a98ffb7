#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Kconfig front end for the Makefile, over Debian's python3-kconfiglib.

usage: kconfig.py defconfig FILE | olddefconfig | alldefconfig | savedefconfig OUT
                  | listnewconfig | syncconfig | menuconfig | oldconfig

Environment: srctree (source root), KCONFIG_CONFIG (the .config path), APP.
"""
import os
import sys

try:
    import kconfiglib
except ImportError:
    sys.exit("kconfig: python3-kconfiglib is missing: run ci/install-deps.sh")

srctree = os.environ["srctree"]
config = os.environ["KCONFIG_CONFIG"]
objtree = os.path.dirname(os.path.abspath(config))
os.environ.setdefault("APP", "")


def prefer_app(kconf):
    """`make APP=<dir>` means "build that application": select it for this
    build even if the .config chose another one.  Only syncconfig applies
    it, after writing .config, so the .config keeps the user's choice and
    the next build without APP= builds that again."""
    sym = kconf.syms.get("APP_EXTERNAL")
    if os.environ["APP"] and sym is not None and sym.visibility:
        sym.set_value(2)


def load(quiet=True):
    kconf = kconfiglib.Kconfig(os.path.join(srctree, "Kconfig"),
                               warn_to_stderr=False)
    if os.path.exists(config):
        kconf.load_config(config)
    for w in kconf.warnings:
        print("kconfig: warning: " + w, file=sys.stderr)
    return kconf


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd in ("menuconfig", "oldconfig"):
        # The stock front ends read KCONFIG_CONFIG and srctree themselves.
        import importlib
        mod = importlib.import_module(cmd)
        sys.argv = [cmd, os.path.join(srctree, "Kconfig")]
        os.chdir(srctree)
        mod._main()
        return
    if cmd == "defconfig":
        kconf = kconfiglib.Kconfig(os.path.join(srctree, "Kconfig"),
                                   warn_to_stderr=False)
        kconf.load_config(sys.argv[2])
        for w in kconf.warnings:
            # An option that no longer exists in a defconfig is worth a word.
            print("kconfig: warning: " + w, file=sys.stderr)
        kconf.write_config(config, save_old=False)
        print("  CONFIG   %s from %s" % (config, os.path.relpath(sys.argv[2], srctree)))
    elif cmd in ("olddefconfig", "alldefconfig"):
        kconf = load()
        kconf.write_config(config, save_old=False)
        print("  CONFIG   %s updated" % config)
    elif cmd == "savedefconfig":
        kconf = load()
        kconf.write_min_config(sys.argv[2])
    elif cmd == "listnewconfig":
        kconf = load()
        for sym in kconf.unique_defined_syms:
            if sym.user_value is None and sym.visibility and sym.config_string:
                print(sym.config_string.strip())
    elif cmd == "syncconfig":
        kconf = load()
        gen = os.path.join(objtree, "include", "generated")
        cfgdir = os.path.join(objtree, "include", "config")
        os.makedirs(gen, exist_ok=True)
        os.makedirs(cfgdir, exist_ok=True)
        # Keep .config complete (new symbols get their defaults), like
        # Linux's syncconfig, but only rewrite it when something changed.
        kconf.write_config(config, save_old=False)
        prefer_app(kconf)
        kconf.write_autoconf(os.path.join(gen, "autoconf.h"))
        kconf.sync_deps(cfgdir)
        # Make remakes auto.conf when any Kconfig file changes.
        with open(os.path.join(cfgdir, "auto.conf.cmd"), "w") as f:
            files = sorted(set(os.path.join(srctree, n) if not os.path.isabs(n) else n
                               for n in kconf.kconfig_filenames))
            f.write("%s: \\\n  %s\n" % (os.path.join(cfgdir, "auto.conf"),
                                        " \\\n  ".join(files)))
            for n in files:
                f.write("%s:\n" % n)
    else:
        sys.exit("kconfig: unknown command " + cmd)


main()
