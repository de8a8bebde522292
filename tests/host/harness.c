// SPDX-License-Identifier: GPL-2.0
/*
 * Host harness: what the kernel's arch code provides, for code built on the host.
 * Physical memory is one sparse MAP_NORESERVE window; only touched pages cost memory.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/memory.h>
#include "harness.h"

#include <linux/console.h>

s64 memstart_addr;
char *sim_phys_base;

/* Stand-ins for the image's linker symbols: a fake 4 MiB "image". */
static char fake_image[4 << 20] __attribute__((aligned(4096)));
char *const fake_image_base = fake_image;

/*
 * <asm/sections.h> symbols inside the fake image, for code that measures the kernel
 * (mem_init_print_info): 1280K text, 704K rodata, 512K init, 512K data, 256K bss.
 */
__asm__(".globl bm_host_text, bm_host_stext, bm_host_etext, bm_host__start_rodata\n"
	".globl bm_host__end_rodata, bm_host__init_begin, bm_host__init_end\n"
	".globl bm_host_sdata, bm_host_edata, bm_host__bss_start, bm_host__bss_stop\n"
	".globl bm_host_end\n"
	".set bm_host_text, fake_image\n"
	".set bm_host_stext, fake_image + 0x10000\n"
	".set bm_host_etext, fake_image + 0x150000\n"
	".set bm_host__start_rodata, fake_image + 0x150000\n"
	".set bm_host__end_rodata, fake_image + 0x200000\n"
	".set bm_host__init_begin, fake_image + 0x200000\n"
	".set bm_host__init_end, fake_image + 0x280000\n"
	".set bm_host_sdata, fake_image + 0x280000\n"
	".set bm_host_edata, fake_image + 0x300000\n"
	".set bm_host__bss_start, fake_image + 0x300000\n"
	".set bm_host__bss_stop, fake_image + 0x340000\n"
	".set bm_host_end, fake_image + 0x340000\n");

__attribute__((constructor)) static void sim_init(void)
{
	sim_phys_base = mmap(NULL, SIM_PHYS_LIMIT, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (sim_phys_base == MAP_FAILED) {
		perror("harness: mmap of the simulated physical window");
		exit(2);
	}
}

void *sim_phys_to_virt(phys_addr_t pa)
{
	if (pa >= SIM_PHYS_LIMIT) {
		fprintf(stderr, "harness: phys_to_virt(%#llx) outside the simulated window\n",
			pa);
		abort();
	}
	return sim_phys_base + pa;
}

phys_addr_t sim_virt_to_phys(const volatile void *p)
{
	const char *c = (const char *)p;

	if (c < sim_phys_base || c >= sim_phys_base + SIM_PHYS_LIMIT) {
		fprintf(stderr, "harness: virt_to_phys(%p) outside the simulated window\n", c);
		abort();
	}
	return (phys_addr_t)(c - sim_phys_base);
}

void sim_discard(phys_addr_t base, phys_addr_t size)
{
	madvise(sim_phys_to_virt(base & PAGE_MASK), PAGE_ALIGN(size), MADV_DONTNEED);
}

/* ---- console capture ---- */
static char *cap;
static size_t cap_len, cap_size;

static void cap_append(const char *s, size_t n)
{
	if (cap_len + n + 1 > cap_size) {
		cap_size = (cap_len + n + 1) * 2 + 4096;
		cap = realloc(cap, cap_size);
		if (!cap)
			abort();
	}
	memcpy(cap + cap_len, s, n);
	cap_len += n;
	cap[cap_len] = 0;
	if (getenv("HARNESS_VERBOSE"))
		fwrite(s, 1, n, stderr);
}

const char *console_capture(void)
{
	return cap ? cap : "";
}

void console_capture_reset(void)
{
	cap_len = 0;
	if (cap)
		cap[0] = 0;
}

const char *console_text(void)
{
	static char *buf;
	const char *c = console_capture();
	size_t i = 0;

	free(buf);
	buf = malloc(strlen(c) + 1);
	if (!buf)
		abort();
	while (*c) {
		if (*c == '[' && (c == console_capture() || c[-1] == '\n')) {
			const char *e = strstr(c, "] ");

			if (e && e - c < 20) {
				c = e + 2;
				continue;
			}
		}
		buf[i++] = *c++;
	}
	buf[i] = 0;
	return buf;
}

int console_contains(const char *needle)
{
	return strstr(console_capture(), needle) != NULL;
}

/* Host side of the arch hooks that lib/ and mm/ call. */
/* The printk timestamp clock: 0 unless a test sets it. */
u64 host_clock_ns;

u64 local_clock(void)
{
	return host_clock_ns;
}

void host_console_write(const char *s, unsigned int n)
{
	cap_append(s, n);
}

/* printk's console on the host: everything printed lands in the capture buffer. */
static void harness_con_write(struct console *con, const char *s, unsigned int n)
{
	host_console_write(s, n);
}

static struct console harness_console = {
	.name = "harness",
	.write = harness_con_write,
	.flags = CON_QUIET,
};

__attribute__((constructor)) static void harness_console_init(void)
{
	register_console(&harness_console);
}

/* ---- panic ---- */
static jmp_buf *panic_jmp;
static char panic_msg[1024];

const char *panic_message(void)
{
	return panic_msg;
}

void arch_panic_halt(const char *msg)
{
	snprintf(panic_msg, sizeof(panic_msg), "%s", msg ? msg : "");
	if (panic_jmp)
		longjmp(*panic_jmp, 1);
	fprintf(stderr, "unexpected panic: %s\n", panic_msg);
	abort();
}

int run_expect_panic(void (*fn)(void *), void *arg)
{
	jmp_buf jb, *saved = panic_jmp;

	panic_msg[0] = 0;
	panic_jmp = &jb;
	if (setjmp(jb)) {
		panic_jmp = saved;
		return 1;
	}
	fn(arg);
	panic_jmp = saved;
	return 0;
}
