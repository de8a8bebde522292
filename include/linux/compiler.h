/* SPDX-License-Identifier: GPL-2.0 */
/* Compiler attributes with Linux's names, so generic code reads like Linux's. */
#ifndef _BOOTMEM_LINUX_COMPILER_H
#define _BOOTMEM_LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline	inline __attribute__((always_inline))
#endif
#define noinline	__attribute__((noinline))
/*
 * Never inlined, cloned or specialised: a function that memblock=debug names as the caller
 * must keep its plain name (GCC would otherwise print "name.constprop.0" or "name.isra.0").
 */
#ifdef __clang__
#define __noipa		__attribute__((__noinline__))
#else
#define __noipa		__attribute__((__noipa__))
#endif
#define __noreturn	__attribute__((noreturn))
/* A function whose frame may see the stack canary change (it seeds it, or never returns). */
#define __no_stack_protector	__attribute__((no_stack_protector))
#define __maybe_unused	__attribute__((unused))
#define __used		__attribute__((used))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __section(s)	__attribute__((section(s)))
#define __aligned(x)	__attribute__((aligned(x)))
#define __packed	__attribute__((packed))
#define barrier()	__asm__ __volatile__("" ::: "memory")

/* Section markers: in the kernel they would let init code be freed; here they document intent. */
#define __init
#define __initdata
#define __init_memblock
#define __initdata_memblock
#define __meminit
#define __refdata

#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))



#ifndef _RET_IP_
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#endif

#ifndef _THIS_IP_
#define _THIS_IP_	({ __label__ __here; __here: (unsigned long)&&__here; })
#endif

#endif
