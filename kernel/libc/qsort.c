// SPDX-License-Identifier: MIT
/*
 * DOC: qsort and bsearch
 *
 * qsort is an introsort: median-of-three quicksort that recurses into the
 * smaller side (so the stack stays O(log n)), insertion sort for short
 * runs, and heapsort once the recursion gets deeper than 2*log2(n), so no
 * input takes more than O(n log n) comparisons.  Not stable, as C allows.
 */
#include <stdint.h>

#include "../../include/libc/stdlib.h"

typedef int (*cmp_fn)(const void *, const void *);

static void swap_bytes(char *a, char *b, size_t size)
{
	if (a == b)
		return;
	if (size % sizeof(long) == 0 &&
	    ((uintptr_t)a | (uintptr_t)b) % sizeof(long) == 0) {
		for (; size; size -= sizeof(long)) {
			long t = *(long *)(void *)a;

			*(long *)(void *)a = *(long *)(void *)b;
			*(long *)(void *)b = t;
			a += sizeof(long);
			b += sizeof(long);
		}
		return;
	}
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i;
		     j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0;
		     j--)
			swap_bytes(base + (j - 1) * size, base + j * size,
				   size);
}

static void sift_down(char *base, size_t root, size_t n, size_t size,
		      cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

static void heap_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (size_t end = n; end-- > 1;) {
		swap_bytes(base, base + end * size, size);
		sift_down(base, 0, end, size, cmp);
	}
}

/* Put the median of first, middle and last at the front (the pivot). */
static void median_to_front(char *base, size_t n, size_t size, cmp_fn cmp)
{
	char *a = base + size, *b = base + (n / 2) * size,
	     *c = base + (n - 1) * size;
	char *m;

	if (cmp(a, b) < 0)
		m = cmp(b, c) < 0 ? b : (cmp(a, c) < 0 ? c : a);
	else
		m = cmp(a, c) < 0 ? a : (cmp(b, c) < 0 ? c : b);
	swap_bytes(base, m, size);
}

static void intro_sort(char *base, size_t n, size_t size, cmp_fn cmp, int depth)
{
	while (n > 12) {
		size_t i = 1, j = n - 1;

		if (depth-- == 0) {
			heap_sort(base, n, size, cmp);
			return;
		}
		median_to_front(base, n, size, cmp);
		/* Hoare partition around base[0]; equal keys split evenly. */
		for (;;) {
			while (i <= j && cmp(base + i * size, base) < 0)
				i++;
			while (j >= i && cmp(base + j * size, base) > 0)
				j--;
			if (i >= j)
				break;
			swap_bytes(base + i * size, base + j * size, size);
			i++;
			j--;
		}
		swap_bytes(base, base + j * size, size);
		/* [0, j) <= pivot == base[j] <= [j + 1, n) */
		if (j < n - j - 1) {
			intro_sort(base, j, size, cmp, depth);
			base += (j + 1) * size;
			n -= j + 1;
		} else {
			intro_sort(base + (j + 1) * size, n - j - 1, size, cmp,
				   depth);
			n = j;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *))
{
	int depth = 0;

	if (nmemb < 2 || size == 0)
		return;
	for (size_t n = nmemb; n > 1; n >>= 1)
		depth += 2;
	intro_sort(base, nmemb, size, compar, depth);
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *))
{
	const char *lo = base;

	while (nmemb) {
		const char *mid = lo + (nmemb / 2) * size;
		int r = compar(key, mid);

		if (r == 0)
			return (void *)mid;
		if (r > 0) {
			lo = mid + size;
			nmemb -= nmemb / 2 + 1;
		} else {
			nmemb /= 2;
		}
	}
	return NULL;
}
