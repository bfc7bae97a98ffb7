#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Combinations Kconfig must rule out, because the kernel they would
build is broken: each was found by a random configuration
(tests/explore/randconfig.py) and fixed with a dependency.  One TAP line
per rule: the option is asked for and must not be set.

    kconfig_rules.py --srctree S --objtree O
"""
import argparse
import os
import subprocess
import sys
import tempfile

# (fragment, symbol that must end up unset, why, the seed that found it)
RULES = [
    (["CONFIG_ARCH_RISCV=y", "CONFIG_ZONE_DMA=y"], "ZONE_DMA",
     "riscv sets no DMA limit: ZONE_DMA would be empty and GFP_DMA fail",
     "riscv KCONFIG_SEED=0x5eed0"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", required=True)
    ap.add_argument("--objtree", required=True)
    a = ap.parse_args()
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    failed = 0
    print("TAP version 13")
    with tempfile.TemporaryDirectory(prefix="kite-kconfig-rules-") as tmp:
        for i, (frag, sym, why, seed) in enumerate(RULES, 1):
            cfg = os.path.join(tmp, "%d.config" % i)
            with open(cfg, "w") as f:
                f.write("\n".join(frag) + "\n")
            env = dict(os.environ, srctree=a.srctree, KCONFIG_CONFIG=cfg, APP="")
            p = subprocess.run([python, os.path.join(a.srctree, "scripts", "kconfig.py"),
                                "olddefconfig"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            text = open(cfg).read()
            ok = p.returncode == 0 and ("CONFIG_%s=y" % sym) not in text.splitlines()
            failed += not ok
            print("%s %d - kconfig: %s rules out %s (%s; found by %s)" % (
                "ok" if ok else "not ok", i, " ".join(frag), sym, why, seed))
    print("1..%d" % len(RULES))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
