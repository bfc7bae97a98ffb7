/*
 * Configuration for the host build of mm/ (tests, fuzzers, benchmarks).
 * Every symbol can be overridden with -D on the compiler command line.
 */
#ifndef _HOST_AUTOCONF_H
#define _HOST_AUTOCONF_H

#ifndef CONFIG_PRINTK
#define CONFIG_PRINTK 1
#endif
#ifndef CONFIG_SMP
#define CONFIG_SMP 1
#endif
#ifndef CONFIG_NR_CPUS
#define CONFIG_NR_CPUS 4
#endif
#ifndef CONFIG_NODES_SHIFT
#define CONFIG_NODES_SHIFT 2
#endif
#ifndef CONFIG_ZONE_DMA
#define CONFIG_ZONE_DMA 1
#endif
#ifndef CONFIG_ZONE_DMA32
#define CONFIG_ZONE_DMA32 1
#endif
#ifndef CONFIG_ZONE_MOVABLE
#define CONFIG_ZONE_MOVABLE 1
#endif
#ifndef CONFIG_MAX_ORDER
#define CONFIG_MAX_ORDER 11
#endif
#ifndef CONFIG_MIN_FREE_KBYTES
#define CONFIG_MIN_FREE_KBYTES 1024
#endif
#ifndef CONFIG_INIT_MEMBLOCK_REGIONS
#define CONFIG_INIT_MEMBLOCK_REGIONS 128
#endif
#ifndef CONFIG_ARCH_DISCARD_MEMBLOCK
#define CONFIG_ARCH_DISCARD_MEMBLOCK 1
#endif
#ifndef CONFIG_HAVE_MEMBLOCK_PHYS_MAP
#define CONFIG_HAVE_MEMBLOCK_PHYS_MAP 1
#endif

/* bootmem backend choice: exactly one; -DCONFIG_BOOTMEM_BITMAP=1 flips it */
#if !defined(CONFIG_BOOTMEM_BITMAP) && !defined(CONFIG_BOOTMEM_MEMBLOCK)
#define CONFIG_BOOTMEM_MEMBLOCK 1
#endif

#ifndef CONFIG_SLAB_DEBUG
#define CONFIG_SLAB_DEBUG 1
#endif

#ifndef CONFIG_VM_EVENT_COUNTERS
#define CONFIG_VM_EVENT_COUNTERS 1
#endif

#endif
