/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel-wide helpers with Linux's names: alignment, min/max, PFN and error helpers. */
#ifndef _BOOTMEM_LINUX_KERNEL_H
#define _BOOTMEM_LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/sizes.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define __ALIGN_MASK(x, m)	(((x) + (m)) & ~(m))
#define ALIGN(x, a)		__ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define round_up(x, y)		((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y)	((x) & ~((__typeof__(x))((y) - 1)))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))

#define min(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b)	({ t _a = (a); t _b = (b); _a < _b ? _a : _b; })
#define max_t(t, a, b)	({ t _a = (a); t _b = (b); _a > _b ? _a : _b; })
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define swap(a, b)	do { __typeof__(a) _t = (a); (a) = (b); (b) = _t; } while (0)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define U8_MAX		((u8)~0U)
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)
#ifndef ULLONG_MAX
#define ULLONG_MAX	(~0ULL)
#endif
#ifndef ULONG_MAX
#define ULONG_MAX	(~0UL)
#endif
#define PHYS_ADDR_MAX	(~(phys_addr_t)0)

#include <asm/page-def.h>	/* PAGE_SHIFT: the granule is arm64's choice */
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	ALIGN(x, PAGE_SIZE)

#define PFN_ALIGN(x)	(((unsigned long)(x) + (PAGE_SIZE - 1)) & PAGE_MASK)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

#ifndef SMP_CACHE_BYTES		/* Linux's tools/ headers (memblock simulator) use 32 */
#define SMP_CACHE_BYTES	64
#endif
#define NUMA_NO_NODE	(-1)
#define NODES_SHIFT	4		/* Debian arm64: CONFIG_NODES_SHIFT=4 */
#define MAX_NUMNODES	(1 << NODES_SHIFT)

#define EINVAL		22
#define ENOMEM		12
#define EBUSY		16
#define ENOENT		2
#define ENODEV		19
#define EFAULT		14
#define ERANGE		34
#define ENOSPC		28
#define ENODATA		61
#define EOVERFLOW	75
#define ENOTDIR		20
#define EISDIR		21
#define ENAMETOOLONG	36
#define ELOOP		40

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline int __ffs64(u64 x)
{
	return __builtin_ctzll(x);
}

static inline int ilog2_u64(u64 x)
{
	return fls64(x) - 1;
}

/* Stops the machine after printing "Kernel panic - not syncing: ...". */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
/* Stops the CPU(s) for good once panic() has printed; arch code (or the host harness) provides it. */
void arch_panic_halt(const char *msg) __noreturn;

#define BUG()		panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c)	do { if (unlikely(c)) BUG(); } while (0)
#define WARN_ON(c)	({ int _c = !!(c); if (unlikely(_c)) { \
				pr_warn("WARNING: %s:%d: %s\n", __FILE__, __LINE__, #c); } \
				unlikely(_c); })
#define WARN_ON_ONCE(c)	WARN_ON(c)

#endif
