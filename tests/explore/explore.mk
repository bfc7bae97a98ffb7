# SPDX-License-Identifier: MIT
# The exploration (tests/explore/): random configurations and random
# memory topologies.  Included by the top Makefile.
#
#   make randconfig-check N=20      N random configurations, built and booted
#                                   with the selftest app (KCONFIG_SEED=first seed)
#   make explore-topology           TOPOLOGIES random topologies on the host,
#                                   every backend (SEED=first seed)
#   make explore                    the acceptance run: EXPLORE_CONFIGS random
#                                   configurations, EXPLORE_TOPOLOGIES
#                                   topologies, EXPLORE_BOOTS of them in QEMU
#
# The topology program is built once per bootmem backend, with and
# without deferred struct page init (like tests/host/memblock.mk builds
# the bootmem test per backend), from the real sources, with ASan + UBSan.
# CONFIG_INIT_MEMBLOCK_REGIONS=16 is Kconfig's minimum: topologies with
# many reservations then outgrow the static arrays before they may grow.
# Only combinations Kconfig allows: if it comes to forbid one (e.g. the
# bitmap backend with deferred init), drop that variant here and
# tests/explore/topology.py runs the others.
TOPOLOGY_VARIANTS := memblock bitmap memblock_deferred bitmap_deferred
topology-srcs := tests/explore/topology.c tests/explore/topology_gen.c \
	tests/explore/topology_check.c $(HOST_ENV_SRCS) \
	lib/fdt.c lib/fdt_path.c lib/fdt_check.c lib/fdt_prop.c lib/fdt_addr.c lib/fdt_memory.c \
	arch/riscv/kernel/fdt_memblock.c lib/cmdline.c lib/strscpy.c \
	arch/x86/kernel/e820.c arch/x86/kernel/e820_memblock.c \
	mm/memblock_cmdline.c \
	mm/bootmem.c $(PAGE_ALLOC_SRCS) $(SLAB_SRCS)
topology-cflags := -I$(srctree)/arch/x86/include \
	-I$(srctree)/arch/riscv/include -DCONFIG_CMDLINE='""' \
	-DCONFIG_INIT_MEMBLOCK_REGIONS=16
topology-memblock-cflags := -DCONFIG_BOOTMEM_MEMBLOCK=1
topology-memblock-srcs := mm/bootmem/memblock/bootmem_memblock.c
topology-bitmap-cflags := -DCONFIG_BOOTMEM_BITMAP=1
topology-bitmap-srcs = $(BOOTMEM_BITMAP_SRCS)
topology-memblock_deferred-cflags := -DCONFIG_BOOTMEM_MEMBLOCK=1 \
	-DCONFIG_DEFERRED_STRUCT_PAGE_INIT=1 -DCONFIG_DEFERRED_INIT_FIRST_MB=8
topology-memblock_deferred-srcs := mm/bootmem/memblock/bootmem_memblock.c
topology-bitmap_deferred-cflags := -DCONFIG_BOOTMEM_BITMAP=1 \
	-DCONFIG_DEFERRED_STRUCT_PAGE_INIT=1 -DCONFIG_DEFERRED_INIT_FIRST_MB=8
topology-bitmap_deferred-srcs = $(BOOTMEM_BITMAP_SRCS)

$(foreach v,$(TOPOLOGY_VARIANTS),$(eval $(call host_prog,$(objtree)/host/topology_$(v),\
	$(topology-srcs) $(topology-$(v)-srcs),\
	$$(HOSTCC),$$(HOST_CPPFLAGS) $$(HOST_CFLAGS) $$(topology-cflags) \
	$$(topology-$(v)-cflags),-lfdt,$(srctree)/tests/explore/explore.mk)))
TOPOLOGY_PROGS := $(addprefix $(objtree)/host/topology_,$(TOPOLOGY_VARIANTS))
host-tests: $(TOPOLOGY_PROGS)

# make check: how many topologies per variant on the host (four variants),
# random configurations (each a build and a boot: about a minute), and
# topologies booted in QEMU per backend.  0 leaves a part out.
CHECK_TOPOLOGIES ?= 300
CHECK_RANDCONFIGS ?= 2
CHECK_TOPOLOGY_BOOTS ?= 1
# make check's sample is pinned, so that CI is reproducible and a red run
# is a regression, not a new random draw; KCONFIG_SEED= and SEED= pick
# others, and make explore / randconfig-check / explore-topology draw from
# the clock.
CHECK_KCONFIG_SEED ?= 0x6b16bc35
CHECK_SEED ?= 0x1000
EXPLORE_CHECK_ARGS = --randconfigs $(CHECK_RANDCONFIGS) \
	--randconfig-seed "$(or $(KCONFIG_SEED),$(CHECK_KCONFIG_SEED))" \
	--topologies $(CHECK_TOPOLOGIES) \
	--topology-boots $(CHECK_TOPOLOGY_BOOTS) \
	--topology-seed "$(or $(SEED),$(CHECK_SEED))"

N ?= 10
randconfig-check:
	$(Q)$(PYTHON) $(srctree)/tests/explore/randconfig.py --objtree $(objtree) \
		-n $(N) $(if $(KCONFIG_SEED),--seed $(KCONFIG_SEED))

TOPOLOGIES ?= 10000
explore-topology: $(TOPOLOGY_PROGS)
	$(Q)$(PYTHON) $(srctree)/tests/explore/topology.py --objtree $(objtree) \
		--count $(TOPOLOGIES) --boots 0 $(if $(SEED),--seed $(SEED))

EXPLORE_TOPOLOGIES ?= 10000
EXPLORE_CONFIGS ?= 100
EXPLORE_BOOTS ?= 10
explore: $(TOPOLOGY_PROGS)
	$(Q)st=0; \
	$(PYTHON) $(srctree)/tests/explore/topology.py --objtree $(objtree) \
		--count $(EXPLORE_TOPOLOGIES) --boots $(EXPLORE_BOOTS) \
		$(if $(SEED),--seed $(SEED)) || st=1; \
	$(PYTHON) $(srctree)/tests/explore/randconfig.py --objtree $(objtree) \
		-n $(EXPLORE_CONFIGS) $(if $(KCONFIG_SEED),--seed $(KCONFIG_SEED)) || st=1; \
	exit $$st

.PHONY: randconfig-check explore explore-topology
