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
#include <asm-generic/early_ioremap.h>
#include "harness.h"

#include <linux/console.h>

char *sim_phys_base;

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

/*
 * early_memremap() on the host: the simulated memory itself, or NULL past its end (where the
 * kernel's fixmap would map nothing the CPU can read).
 */
void *early_ioremap_map_slot(int slot, phys_addr_t phys, unsigned int nrpages, bool ro)
{
	if (phys >= SIM_PHYS_LIMIT || nrpages > (SIM_PHYS_LIMIT - phys) >> PAGE_SHIFT)
		return NULL;
	return sim_phys_to_virt(phys);
}

void early_ioremap_unmap_slot(int slot, unsigned int nrpages)
{
}

/* Ranges past the window (a hostile input's placement) have nothing to release. */
void sim_discard(phys_addr_t base, phys_addr_t size)
{
	if (base >= SIM_PHYS_LIMIT)
		return;
	size = min_t(phys_addr_t, size, SIM_PHYS_LIMIT - base);
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

/* printk's console on the host: everything printed lands in the capture buffer. */
static void harness_con_write(struct console *con, const char *s, unsigned int n)
{
	cap_append(s, n);
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

/* ---- resets ---- */
extern void (*const __start_host_resets[])(void) __attribute__((weak));
extern void (*const __stop_host_resets[])(void) __attribute__((weak));

void host_reset_boot_state(void)
{
	void (*const *fn)(void);

	for (fn = __start_host_resets; fn < __stop_host_resets; fn++)
		(*fn)();
	console_capture_reset();
}

void *harness_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		n = -1;
	buf = n < 0 ? NULL : aligned_alloc(8, ALIGN(n + 1, 8));
	if (!buf || fread(buf, 1, n, f) != (size_t)n) {
		fprintf(stderr, "harness: cannot read %s\n", path);
		exit(1);
	}
	buf[n] = 0;
	fclose(f);
	if (len)
		*len = n;
	return buf;
}
