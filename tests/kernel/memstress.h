/* SPDX-License-Identifier: MIT */
/*
 * memstress's engine, shared by the one-CPU run (memstress.c) and the
 * multi-CPU mode (memstress_smp.c): the slots and what one run (or one
 * CPU of a multi-CPU run) holds.
 */
#ifndef _TESTS_KERNEL_MEMSTRESS_H
#define _TESTS_KERNEL_MEMSTRESS_H

#include <kernel/types.h>

struct kmem_cache;

#define NCACHES 3

enum slot_kind { EMPTY, PAGES, OBJECT, KMALLOC };

struct slot {
	u8 kind;
	u8 order; /* PAGES */
	u8 cache; /* OBJECT */
	u8 cpu;	  /* where it was allocated */
	u32 size; /* OBJECT, KMALLOC: bytes filled */
	u64 seed;
	void *ptr;
};

struct stress {
	struct slot *slots;
	struct kmem_cache *caches[NCACHES];
	unsigned long live[NCACHES];
	unsigned long held_pages; /* pages in PAGES slots */
	unsigned long held_bytes; /* bytes in OBJECT / KMALLOC slots */
	unsigned long peak_pages;
	unsigned long peak_used; /* free_start - free, at checks */
	unsigned long errors;
	unsigned long cross_frees; /* slots freed on another CPU */
	u64 rng;
};

/* Count a violation; the first few are described. */
void memstress_error(struct stress *s, const char *what, const void *p);
/* The next number of @s's xorshift64* sequence. */
u64 memstress_rnd(struct stress *s);
/* Add (@sign 1) or remove (-1) @sl's holdings in @s's counters. */
void memstress_slot_account(struct stress *s, const struct slot *sl, long sign);
/* Fill the empty @sl with a random allocation; check and free a full one. */
void memstress_slot_alloc(struct stress *s, struct slot *sl);
void memstress_slot_free(struct stress *s, struct slot *sl);
/* The test caches (0 or -ENOMEM); shrink, check empty and destroy them. */
int memstress_caches_create(struct kmem_cache **caches);
void memstress_caches_destroy(struct stress *s);

#endif /* _TESTS_KERNEL_MEMSTRESS_H */
