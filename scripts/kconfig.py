#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Kconfig front end for the Makefile, over Debian's python3-kconfiglib.

usage: kconfig.py defconfig FILE | olddefconfig | alldefconfig | savedefconfig OUT
                  | listnewconfig | syncconfig | menuconfig | oldconfig
                  | randconfig | allnoconfig | allyesconfig

Environment: srctree (source root), KCONFIG_CONFIG (the .config path), APP.
randconfig, allnoconfig and allyesconfig also read, as Kbuild's conf does:
  KCONFIG_SEED       the random seed (decimal or 0x hex); printed either way
  KCONFIG_ALLCONFIG  a .config fragment whose values are fixed first and
                     never changed (e.g. pin the board and the application)
  KCONFIG_PROBABILITY  percent chance that a bool is y (randconfig; 50)
"""
import os
import random
import sys
import time

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


def all_config(kconf, mode, seed=None):
    """allnoconfig / allyesconfig / randconfig over the Kconfig tree, in
    menu order so that a choice made early decides what is visible later.
    Symbols (and choices) that KCONFIG_ALLCONFIG set keep their values.
    Only visible options change; selects and depends on are Kconfiglib's,
    so every result is a configuration Kconfig allows."""
    rng = random.Random(seed)
    prob = int(os.environ.get("KCONFIG_PROBABILITY", "50"))
    fixed = set()
    frag = os.environ.get("KCONFIG_ALLCONFIG")
    if frag:
        if not os.path.exists(frag):
            sys.exit("kconfig: KCONFIG_ALLCONFIG=%s: no such file" % frag)
        kconf.load_config(frag, replace=False)
        for w in kconf.warnings:
            print("kconfig: warning: " + w, file=sys.stderr)
        fixed = {sym for sym in kconf.unique_defined_syms
                 if sym.user_value is not None}
        fixed |= {c for c in kconf.unique_choices
                  if c.user_selection is not None}
    # Two passes: a value chosen late (a select, a choice) can make an
    # earlier option visible; the second pass gives that one a value too.
    done = set()
    for _ in range(2):
        for node in kconf.node_iter():
            item = node.item
            if item in fixed or item in done:
                continue
            if isinstance(item, kconfiglib.Choice):
                syms = [s for s in item.syms if s.visibility]
                if not item.visibility or not syms:
                    continue
                # all{no,yes}config keep the choice's default entry
                pick = (rng.choice(syms) if mode == "rand"
                        else item.selection or syms[0])
                pick.set_value(2)
                done.add(item)
                continue
            if not isinstance(item, kconfiglib.Symbol) or item.choice:
                continue
            if not item.visibility:
                continue
            if item.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
                vals = item.assignable
                if not vals:
                    continue
                if mode == "rand":
                    want = 2 if rng.randrange(100) < prob else 0
                else:
                    want = 2 if mode == "yes" else 0
                # "y" may be out of reach (depends on m) and "n" too (a
                # select): take the closest assignable value.
                val = min(vals, key=lambda v: abs(v - want))
                item.set_value(val)
                done.add(item)
            elif item.orig_type == kconfiglib.INT and mode == "rand":
                rng_ = int_range(item)
                if rng_ is None:
                    continue
                lo, hi = rng_
                # Log-uniform half of the time: small values (a tight
                # memblock array, 8 MiB of early memmap) are the
                # interesting ones; else the default.
                if rng.randrange(2):
                    v = lo + int(2 ** rng.uniform(0, (hi - lo + 1).bit_length())) - 1
                    item.set_value(str(min(hi, v)))
                done.add(item)


def int_range(sym):
    """(low, high) of an int symbol's active range, or None."""
    for lo, hi, cond in sym.ranges:
        if kconfiglib.expr_value(cond):
            return (int(lo.str_value, 0), int(hi.str_value, 0))
    return None


def seed_from_env():
    env = os.environ.get("KCONFIG_SEED")
    if env:
        try:
            return int(env, 0)
        except ValueError:
            sys.exit("kconfig: KCONFIG_SEED=%s: not a number" % env)
    return (int(time.time() * 1000) ^ os.getpid()) & 0xffffffff


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
    elif cmd in ("randconfig", "allnoconfig", "allyesconfig"):
        kconf = kconfiglib.Kconfig(os.path.join(srctree, "Kconfig"),
                                   warn_to_stderr=False)
        prefer_app(kconf)
        seed = None
        if cmd == "randconfig":
            seed = seed_from_env()
            # Kbuild prints the seed the same way: rerun with it.
            print("KCONFIG_SEED=%#x" % seed)
        all_config(kconf, {"randconfig": "rand", "allnoconfig": "no",
                           "allyesconfig": "yes"}[cmd], seed)
        kconf.write_config(config, save_old=False)
        print("  CONFIG   %s (%s%s)" % (config, cmd, "" if seed is None
                                        else ", KCONFIG_SEED=%#x" % seed))
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
