/* SPDX-License-Identifier: MIT */
/*
 * Sv39 page tables (RISC-V privileged spec, "Sv39: Page-Based 39-bit
 * Virtual-Memory System").  Three levels of 512 eight-byte entries; a leaf
 * may sit at any level: 1 GiB (level 2), 2 MiB (level 1) or 4 KiB
 * (level 0).  The kernel keeps VA == PA (asm/mm.h), so a table's physical
 * address is also where C code reads and writes it.
 */
#ifndef _ASM_RISCV_PGTABLE_H
#define _ASM_RISCV_PGTABLE_H

#include <asm/mm.h>
#include <kernel/types.h>

typedef u64 pte_t;

/* PTE bits 0..7; bits 8-9 are free for software, PPN is bits 10-53. */
#define _PAGE_V (1UL << 0) /* valid */
#define _PAGE_R (1UL << 1) /* readable */
#define _PAGE_W (1UL << 2) /* writable (W without R is reserved) */
#define _PAGE_X (1UL << 3) /* executable */
#define _PAGE_U (1UL << 4) /* user: never set, the kernel is all S-mode */
#define _PAGE_G (1UL << 5) /* global: one address space, no ASIDs */
/*
 * Accessed / dirty.  Hardware may either set these or raise a page fault
 * when they are clear (the spec allows both; Svadu makes it explicit), so
 * every leaf is created with both already set.
 */
#define _PAGE_A (1UL << 6)
#define _PAGE_D (1UL << 7)
/* Any of R/W/X set: a leaf; all clear (with V): a pointer to a table. */
#define _PAGE_LEAF (_PAGE_R | _PAGE_W | _PAGE_X)
#define _PAGE_PFN_SHIFT 10
#define _PAGE_PFN_MASK (((1UL << 44) - 1) << _PAGE_PFN_SHIFT)

#define _PAGE_KERNEL_BASE (_PAGE_V | _PAGE_G | _PAGE_A | _PAGE_D)
#define PAGE_KERNEL (_PAGE_KERNEL_BASE | _PAGE_R | _PAGE_W)
#define PAGE_KERNEL_RO (_PAGE_KERNEL_BASE | _PAGE_R)
#define PAGE_KERNEL_RX (_PAGE_KERNEL_BASE | _PAGE_R | _PAGE_X)
/* No Svpbmt: the platform's PMAs make device regions uncached. */
#define PAGE_KERNEL_IO PAGE_KERNEL

#define PTRS_PER_PT 512
#define PT_LEVELS 3
/* Bytes a leaf at @lvl maps: 4 KiB, 2 MiB, 1 GiB. */
#define PT_LEVEL_SHIFT(lvl) (PAGE_SHIFT + 9 * (lvl))
#define PT_LEVEL_SIZE(lvl) (1ULL << PT_LEVEL_SHIFT(lvl))
#define PT_INDEX(va, lvl) (((va) >> PT_LEVEL_SHIFT(lvl)) & (PTRS_PER_PT - 1))

/*
 * Sv39 virtual addresses are 39 bits sign-extended, so the identity map
 * reaches physical addresses below 2^38 (256 GiB) only.
 */
#define SV39_IDENTITY_LIMIT (1ULL << 38)

#define SATP_MODE_SV39 (8UL << 60)
#define SATP_PPN_MASK ((1UL << 44) - 1)

static inline pte_t pfn_pte(phys_addr_t pa, unsigned long prot)
{
	return ((pa >> PAGE_SHIFT) << _PAGE_PFN_SHIFT) | prot;
}

static inline phys_addr_t pte_phys(pte_t pte)
{
	return (phys_addr_t)((pte & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT)
	       << PAGE_SHIFT;
}

static inline void local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

/* Whether riscv_paging_init() turned translation on. */
bool riscv_paging_enabled(void);

#endif /* _ASM_RISCV_PGTABLE_H */
