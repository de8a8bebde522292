// SPDX-License-Identifier: GPL-2.0
/*
 * Linux's sort(): a bottom-up heapsort. It is not stable, so it must make exactly Linux's
 * moves: equal keys (dynamic /reserved-memory entries are all (0,0)) come out in Linux's order.
 */
#include <linux/kernel.h>
#include <linux/sort.h>

static void swap_bytes(void *a, void *b, int size)
{
	unsigned char *p = a, *q = b;

	while (size-- > 0) {
		unsigned char t = *p;

		*p++ = *q;
		*q++ = t;
	}
}

#define ELEM(i)	((char *)base + (i) * size)

/*
 * Sift-down as Linux does it: first follow the larger child (ties go left) all the way to a
 * leaf, one compare per level; then climb back to the first node not below the element, and
 * rotate the element into that spot along the path.
 */
static void sift_down(void *base, size_t size, size_t a, size_t n, cmp_func_t cmp,
		      swap_func_t swap_func)
{
	size_t b = a, c, d;

	for (;;) {
		c = 2 * b + 1;
		d = c + 1;
		if (d >= n)
			break;
		b = cmp(ELEM(c), ELEM(d)) >= 0 ? c : d;
	}
	if (d == n)		/* the last leaf has no sibling */
		b = c;

	while (b != a && cmp(ELEM(a), ELEM(b)) >= 0)
		b = (b - 1) / 2;
	c = b;			/* where the element at a belongs */
	while (b != a) {
		b = (b - 1) / 2;
		swap_func(ELEM(b), ELEM(c), size);
	}
}

void sort(void *base, size_t num, size_t size, cmp_func_t cmp, swap_func_t swap_func)
{
	size_t a = num / 2, n = num;

	if (!a || !size)	/* fewer than two elements */
		return;
	if (!swap_func)
		swap_func = swap_bytes;

	for (;;) {
		if (a) {			/* build the heap: sift down each parent */
			a--;
		} else if (--n) {		/* move the root behind the heap */
			swap_func(base, ELEM(n), size);
		} else {
			break;
		}
		sift_down(base, size, a, n, cmp, swap_func);
	}
}
