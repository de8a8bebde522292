// SPDX-License-Identifier: GPL-2.0
/*
 * lib/ and the command line: vsnprintf against Linux's formats, printk levels, prefixes and
 * replay, panic, memparse and friends, sort() against Linux's permutation, parameters.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/sort.h>
/* glibc's stdio after our headers: must still compile (our snprintf is bm_snprintf here). */
#include <stdio.h>
#include <limits.h>
#include "harness.h"
#include "string_selftest.h"
#include <linux/crash_core.h>
#include <linux/sizes.h>

/* ------------------------------------------------------------------ helpers */

static char out[4096];

static const char *fmt(const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(out, sizeof(out), f, ap);
	va_end(ap);
	return out;
}

/* A tiny symbol table for %pS: [0x1000, 0x1040) is memblock_add. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	if (addr >= 0x1000 && addr < 0x1040) {
		*size = 0x40;
		*offset = addr - 0x1000;
		return "memblock_add";
	}
	return NULL;
}

/* Every test starts from a fresh boot's printk (its own reset) and a zero clock. */
static int reset_printk(void **state)
{
	host_reset_boot_state();
	host_clock_ns = 0;
	return 0;
}

/* ------------------------------------------------------------------ vsnprintf */

static void test_integers(void **state)
{
	assert_string_equal(fmt("%d", 0), "0");
	assert_string_equal(fmt("%d|%i", -5, 17), "-5|17");
	assert_string_equal(fmt("%5d|", 42), "   42|");
	assert_string_equal(fmt("%-5d|", 42), "42   |");
	assert_string_equal(fmt("%05d", -42), "-0042");
	assert_string_equal(fmt("%+d % d %+d", 5, 5, -5), "+5  5 -5");
	assert_string_equal(fmt("%.3d", 7), "007");
	assert_string_equal(fmt("%5.3d|", 7), "  007|");
	/* Linux keeps '0' with a precision (glibc drops it) and prints 0 even with %.0d. */
	assert_string_equal(fmt("%05.3d", 7), "00007");
	assert_string_equal(fmt("%.0d", 0), "0");
	assert_string_equal(fmt("%2d", 100), "100");
	assert_string_equal(fmt("%u", 4294967295U), "4294967295");
	assert_string_equal(fmt("%lld", LLONG_MIN), "-9223372036854775808");
	assert_string_equal(fmt("%lld", LLONG_MAX), "9223372036854775807");
	assert_string_equal(fmt("%llu", ULLONG_MAX), "18446744073709551615");
	assert_string_equal(fmt("%ld|%lu", -1L, 1UL << 63), "-1|9223372036854775808");
	assert_string_equal(fmt("%d", INT_MIN), "-2147483648");
	assert_string_equal(fmt("%hhd|%hhu", 0x1ff, 0x1ff), "-1|255");
	assert_string_equal(fmt("%hd|%hu", 0x18000, 0x18000), "-32768|32768");
	assert_string_equal(fmt("%zu|%zd", (size_t)-1, (ssize_t)-3), "18446744073709551615|-3");
	assert_string_equal(fmt("%td|%jd", (ptrdiff_t)-4, (intmax_t)-7), "-4|-7");
	assert_string_equal(fmt("%lld", -1LL), "-1");
	assert_string_equal(fmt("%3lld|%-4lld|", 5LL, -6LL), "  5|-6  |");
	assert_string_equal(fmt("%*d|%-*d|", 4, 1, 3, 2), "   1|2  |");
	assert_string_equal(fmt("%*d|", -4, 1), "1   |");
	assert_string_equal(fmt("%.*d", 4, 3), "0003");
}

static void test_hex_octal(void **state)
{
	/* The two formats the oracle README calls out. */
	assert_string_equal(fmt("%#x", 0), "0x0");
	assert_string_equal(fmt("%#018Lx", 0x1234ULL), "0x0000000000001234");
	assert_string_equal(fmt("[mem %#018Lx-%#018Lx]", 0x40000000ULL, 0x7fffffffULL),
			    "[mem 0x0000000040000000-0x000000007fffffff]");
	assert_string_equal(fmt("%#010Lx", 0x7fffd380ULL), "0x7fffd380");
	assert_string_equal(fmt("%#010Lx", 0x1ULL), "0x00000001");
	assert_string_equal(fmt("%x|%X|%#X", 0xabcU, 0xabcU, 255U), "abc|ABC|0XFF");
	assert_string_equal(fmt("%#10x|", 255U), "      0xff|");
	assert_string_equal(fmt("%-#10x|", 255U), "0xff      |");
	assert_string_equal(fmt("%08x", 0xbeefU), "0000beef");
	assert_string_equal(fmt("%llx", ULLONG_MAX), "ffffffffffffffff");
	assert_string_equal(fmt("0x%lx", 0x4220b000UL), "0x4220b000");
	assert_string_equal(fmt("%o|%#o|%#o", 8U, 8U, 0U), "10|010|0");
	assert_string_equal(fmt("flags: %#x", 4U), "flags: 0x4");
	assert_string_equal(fmt(" %s[%#x]\t[%pa]", "memory", 0U, &(phys_addr_t){ 0x40000000 }),
			    " memory[0x0]\t[0x0000000040000000]");
}

static void test_strings_chars(void **state)
{
	const char *volatile nul = NULL;

	assert_string_equal(fmt("  %-8s ", "DMA"), "  DMA      ");
	assert_string_equal(fmt("%8s|", "DMA32"), "   DMA32|");
	assert_string_equal(fmt("%.2s|", "abc"), "ab|");
	assert_string_equal(fmt("%*s|%-*s|", 5, "ab", 4, "c"), "   ab|c   |");
	assert_string_equal(fmt("%*s|", -5, "ab"), "ab   |");
	/* Linux makes a negative precision 0 (C would ignore it). */
	assert_string_equal(fmt("%.*s|", -1, "abc"), "|");
	assert_string_equal(fmt("%s", nul), "(null)");
	assert_string_equal(fmt("%c%c", 'o', 'k'), "ok");
	assert_string_equal(fmt("%3c|%-3c|", 'A', 'B'), "  A|B  |");
	assert_string_equal(fmt("100%%"), "100%");
	assert_string_equal(fmt("[%5lu.%06lu] ", 3UL, 5UL), "[    3.000005] ");
	assert_string_equal(fmt("[%5lu.%06lu] ", 123456UL, 999999UL), "[123456.999999] ");
}

static void test_unknown_conversion_stops(void **state)
{
	const char *volatile f = "a%yb%d";

	/* As Linux: output stops at a conversion it does not know. */
	assert_int_equal(snprintf(out, sizeof(out), f, 5), 1);
	assert_string_equal(out, "a");
}

static void test_pointers(void **state)
{
	phys_addr_t pa = 0x40000000, big = 0xfffffffffffffffeULL;
	dma_addr_t da = 0x1000;

	assert_string_equal(fmt("%pa", &pa), "0x0000000040000000");
	assert_string_equal(fmt("%pap|", &big), "0xfffffffffffffffe|");
	assert_string_equal(fmt("[%pa-%pa]", &pa, &big),
			    "[0x0000000040000000-0xfffffffffffffffe]");
	assert_string_equal(fmt("%pad", &da), "0x0000000000001000");
	assert_string_equal(fmt("%pa", NULL), "(null)");
	assert_string_equal(fmt("%px", (void *)0x1234UL), "0000000000001234");
	assert_string_equal(fmt("%pK", (void *)0xffff000012345678UL), "ffff000012345678");
	assert_string_equal(fmt("%pS", (void *)0x101cUL), "memblock_add+0x1c/0x40");
	assert_string_equal(fmt("%ps", (void *)0x101cUL), "memblock_add");
	assert_string_equal(fmt("%pS", (void *)0x1000UL), "memblock_add+0x0/0x40");
	/* %pB looks one byte back: a return address just past the end still names the caller. */
	assert_string_equal(fmt("%pB", (void *)0x1040UL), "memblock_add+0x40/0x40");
	assert_string_equal(fmt("%pS", (void *)0x9000UL), "0x9000");
	assert_string_equal(fmt("%pS", (void *)0x1040UL), "0x1040");
	/* Every alphanumeric after %p belongs to the extension's name, as in Linux. */
	assert_string_equal(fmt("%pSR0x!", (void *)0x1001UL), "memblock_add+0x1/0x40!");
	assert_string_equal(fmt("%20ps|", (void *)0x1001UL), "        memblock_add|");
}

static void test_truncation(void **state)
{
	char b[8];

	memset(b, 'Z', sizeof(b));
	assert_int_equal(snprintf(b, 5, "%s", "abcdefgh"), 8);
	assert_string_equal(b, "abcd");
	assert_int_equal(b[5], 'Z');		/* nothing written past size */
	assert_int_equal(snprintf(NULL, 0, "%d", 12345), 5);
	memset(b, 'Z', sizeof(b));
	assert_int_equal(snprintf(b, 1, "xyz"), 3);
	assert_int_equal(b[0], '\0');
	assert_int_equal(b[1], 'Z');
	assert_int_equal(snprintf(b, sizeof(b), "%#018Lx", 1ULL), 18);
	assert_string_equal(b, "0x00000");

	assert_int_equal(scnprintf(b, 5, "%s", "abcdefgh"), 4);
	assert_int_equal(scnprintf(b, 0, "%s", "abcdefgh"), 0);
	assert_int_equal(scnprintf(b, 1, "%s", "abcdefgh"), 0);
	assert_int_equal(scnprintf(b, sizeof(b), "%s", "abc"), 3);
	assert_int_equal(scnprintf(b, 4, "abc"), 3);
	assert_int_equal(sprintf(b, "%d-%d", 1, 2), 3);
	assert_string_equal(b, "1-2");
	/* A "negative" size is refused, as Linux's WARN_ON_ONCE(size > INT_MAX). */
	assert_int_equal(snprintf(b, (size_t)-1, "abc"), 0);
}

/* ------------------------------------------------------------------ printk */

static void test_printk_prefix(void **state)
{
	pr_info("hello %d\n", 1);
	assert_string_equal(console_capture(), "[    0.000000] hello 1\n");

	console_capture_reset();
	host_clock_ns = 1234567891234ULL;		/* 1234.567891234 s */
	pr_err("t\n");
	assert_string_equal(console_capture(), "[ 1234.567891] t\n");

	console_capture_reset();
	host_clock_ns = 12345678000001000ULL;		/* wider than %5lu */
	pr_warn("w\n");
	assert_string_equal(console_capture(), "[12345678.000001] w\n");

	/* Each line of a multi-line message gets the record's timestamp. */
	console_capture_reset();
	host_clock_ns = 2000000;
	pr_err("OVERLAP DETECTED!\n%s overlaps\n", "a");
	assert_string_equal(console_capture(),
			    "[    0.002000] OVERLAP DETECTED!\n[    0.002000] a overlaps\n");
}

static void test_printk_levels(void **state)
{
	printk(KERN_DEBUG "dbg\n");
	pr_info("info\n");
	printk("default\n");			/* level 4 < 7: shown */
	assert_string_equal(console_capture(), "[    0.000000] info\n[    0.000000] default\n");

	console_capture_reset();
	console_loglevel = 4;
	pr_notice("notice\n");
	pr_warn("warn\n");			/* 4 is not below 4 */
	printk("default\n");
	pr_err("err\n");
	pr_emerg("emerg\n");
	assert_string_equal(console_capture(), "[    0.000000] err\n[    0.000000] emerg\n");

	console_capture_reset();
	console_loglevel = 5;
	printk("default\n");
	assert_string_equal(console_capture(), "[    0.000000] default\n");

	console_capture_reset();
	ignore_loglevel = true;
	console_loglevel = 1;
	printk(KERN_DEBUG "dbg\n");
	assert_string_equal(console_capture(), "[    0.000000] dbg\n");

	console_capture_reset();
	ignore_loglevel = false;
	console_loglevel = 7;
	console_verbose();
	assert_int_equal(console_loglevel, CONSOLE_LOGLEVEL_MOTORMOUTH);
	printk(KERN_DEBUG "dbg2\n");
	assert_true(console_contains("dbg2"));
}

static void test_printk_cont(void **state)
{
	pr_info("Zone ranges:");
	pr_cont(" a");
	pr_cont("b\n");
	assert_string_equal(console_capture(), "[    0.000000] Zone ranges: ab\n");

	/* A line left open is closed by the next message (Linux's console adds the '\n'). */
	console_capture_reset();
	pr_info("On node 0, zone DMA: 5 pages in unavailable ranges");
	pr_info("next\n");
	assert_string_equal(console_capture(),
			    "[    0.000000] On node 0, zone DMA: 5 pages in unavailable ranges\n"
			    "[    0.000000] next\n");

	/* KERN_CONT with no open line starts a new one. */
	console_capture_reset();
	pr_cont("alone\n");
	assert_string_equal(console_capture(), "[    0.000000] alone\n");

	/* A continuation inherits the line's level: suppressed with it. */
	console_capture_reset();
	printk(KERN_DEBUG "hidden");
	pr_cont(" still hidden\n");
	pr_info("shown\n");
	assert_string_equal(console_capture(), "[    0.000000] shown\n");

	/* An empty message is an empty line, as Linux prints it. */
	console_capture_reset();
	pr_info("\n");
	assert_string_equal(console_capture(), "[    0.000000] \n");
}

static char con2_buf[1 << 20];
static size_t con2_len;

static void con2_write(struct console *con, const char *s, unsigned int n)
{
	assert_true(con2_len + n < sizeof(con2_buf));
	memcpy(con2_buf + con2_len, s, n);
	con2_len += n;
	con2_buf[con2_len] = 0;
}

static void test_printk_replay(void **state)
{
	struct console *saved = console_drivers;
	struct console con2 = { .name = "ttyT0", .write = con2_write, .flags = CON_BOOT };

	assert_non_null(saved);
	host_clock_ns = 1234567891000ULL;
	pr_info("t\n");
	host_clock_ns = 0;
	console_capture_reset();
	assert_int_equal(unregister_console(saved), 0);
	assert_int_equal(unregister_console(saved), -ENODEV);
	assert_null(console_drivers);

	pr_info("logged while no console\n");
	printk(KERN_DEBUG "debug while no console\n");
	assert_string_equal(console_capture(), "");

	/* The first console gets the whole log, filtered by the loglevel of now. */
	con2_len = 0;
	register_console(&con2);
	assert_non_null(strstr(con2_buf, "[    0.000000] logged while no console\n"));
	assert_null(strstr(con2_buf, "debug while no console"));
	assert_non_null(strstr(con2_buf, "[    0.000000] printk: bootconsole [ttyT0] enabled\n"));
	/* ... and what was printed before, with its own timestamp: the buffer keeps everything. */
	assert_non_null(strstr(con2_buf, "[ 1234.567891] t\n"));

	/* A second console sees only new messages. */
	register_console(saved);
	console_capture_reset();
	pr_info("both\n");
	assert_string_equal(console_capture(), "[    0.000000] both\n");
	assert_non_null(strstr(con2_buf, "[    0.000000] both\n"));

	assert_int_equal(unregister_console(&con2), 0);
	assert_ptr_equal(console_drivers, saved);
}

static char dump_buf[1 << 20];
static size_t dump_len;

static void dump_emit(const char *s, unsigned int n)
{
	assert_true(dump_len + n < sizeof(dump_buf));
	memcpy(dump_buf + dump_len, s, n);
	dump_len += n;
	dump_buf[dump_len] = 0;
}

static void test_log_buf_dump_and_wrap(void **state)
{
	unsigned long dropped = log_buf_dropped();
	int i;

	printk(KERN_DEBUG "dump-debug-marker\n");
	pr_info("dump-info-marker\n");
	dump_len = 0;
	log_buf_dump(dump_emit, false);
	assert_non_null(strstr(dump_buf, "[    0.000000] dump-info-marker\n"));
	assert_null(strstr(dump_buf, "dump-debug-marker"));
	dump_len = 0;
	log_buf_dump(dump_emit, true);
	assert_non_null(strstr(dump_buf, "[    0.000000] dump-debug-marker\n"));

	/* 400 KiB of messages through a 256 KiB ring: the oldest go, the newest stay. */
	console_loglevel = 1;		/* keep the capture small */
	for (i = 0; i < 4000; i++)
		pr_info("wrap %05d %0*d\n", i, 80, 0);
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	assert_true(log_buf_dropped() > dropped);
	assert_true(log_buf_len_used() <= 256 * 1024);
	assert_true(log_buf_len_used() > 200 * 1024);
	dump_len = 0;
	log_buf_dump(dump_emit, true);
	assert_null(strstr(dump_buf, "dump-info-marker"));
	assert_null(strstr(dump_buf, "wrap 00000 "));
	assert_non_null(strstr(dump_buf, "wrap 03999 "));
	/* What is left starts on a record boundary: every line is whole. */
	assert_memory_equal(dump_buf, "[    0.000000] wrap ", 20);
}

static void test_printk_long_message(void **state)
{
	static char big[3000];
	int n;

	memset(big, 'x', sizeof(big) - 1);
	n = pr_info("%s\n", big);
	/*
	 * Linux keeps at most 1024 - 32 bytes of one printk, level header included; the '\n'
	 * was cut off too, so the line stays open until the next message.
	 */
	assert_int_equal(n, 992 - 1 - 2);
	assert_int_equal(strlen(console_capture()), 15 + 989);
	pr_info("after\n");
	assert_int_equal(strlen(console_capture()), 15 + 989 + 1 + 15 + 6);
}

/* ------------------------------------------------------------------ panic */

static void do_panic(void *arg)
{
	panic("boom %d\n", *(int *)arg);
}

static void test_panic(void **state)
{
	int v = 7;

	assert_int_equal(run_expect_panic(do_panic, &v), 1);
	assert_string_equal(panic_message(), "boom 7");
	assert_string_equal(console_capture(),
			    "[    0.000000] Kernel panic - not syncing: boom 7\n"
			    "[    0.000000] ---[ end Kernel panic - not syncing: boom 7 ]---\n");
	assert_int_equal(console_loglevel, CONSOLE_LOGLEVEL_MOTORMOUTH);
}

static int panics_in_write;

static void bad_con_write(struct console *con, const char *s, unsigned int n)
{
	if (panics_in_write && memmem(s, n, "Kernel panic", 12)) {
		panics_in_write = 0;
		panic("inner");
	}
}

static void do_panic_outer(void *arg)
{
	panic("outer");
}

static void test_panic_recursive(void **state)
{
	struct console bad = { .name = "bad", .write = bad_con_write, .flags = CON_QUIET };
	int v = 1;

	register_console(&bad);
	panics_in_write = 1;
	/*
	 * The inner panic stops at once instead of printing (and recursing) again; the message
	 * is the outer one, the only one formatted.
	 */
	assert_int_equal(run_expect_panic(do_panic_outer, NULL), 1);
	unregister_console(&bad);
	assert_string_equal(panic_message(), "outer");
	assert_int_equal(panics_in_write, 0);

	/* Afterwards printk and panic work as before. */
	console_capture_reset();
	pr_err("alive\n");
	assert_string_equal(console_capture(), "[    0.000000] alive\n");
	assert_int_equal(run_expect_panic(do_panic, &v), 1);
	assert_true(console_contains("Kernel panic - not syncing: boom 1\n"));
}

/* ------------------------------------------------------------------ string.c */


static int sgn(int x)
{
	return (x > 0) - (x < 0);
}

static void test_string_functions(void **state)
{
	char a[64], b[64];
	size_t i;

	for (i = 0; i < sizeof(a); i++)
		a[i] = (char)(i * 7 + 1);
	memset(b, 0, sizeof(b));
	assert_ptr_equal(st_memcpy(b + 1, a + 3, 40), b + 1);
	assert_memory_equal(b + 1, a + 3, 40);
	assert_int_equal(b[0], 0);
	assert_int_equal(b[41], 0);
	st_memcpy(b, a, 64);			/* aligned, word path */
	assert_memory_equal(b, a, 64);

	st_memset(b, 0xab, 37);
	for (i = 0; i < 37; i++)
		assert_int_equal((unsigned char)b[i], 0xab);
	assert_int_equal(b[37], a[37]);
	st_memset(b + 3, 0, 20);
	assert_int_equal(b[2], (char)0xab);
	assert_int_equal(b[3], 0);
	assert_int_equal(b[22], 0);
	assert_int_equal(b[23], (char)0xab);

	/* Overlap both ways. */
	memcpy(b, a, 64);
	st_memmove(b + 5, b, 50);
	assert_memory_equal(b + 5, a, 50);
	memcpy(b, a, 64);
	st_memmove(b, b + 5, 50);
	assert_memory_equal(b, a + 5, 50);

	assert_int_equal(st_memcmp("abc", "abd", 3), -1);
	assert_int_equal(st_memcmp("abd", "abc", 3), 1);
	assert_int_equal(st_memcmp("ab\x80", "ab\x01", 3), 1);	/* unsigned bytes */
	assert_int_equal(st_memcmp("abc", "abd", 2), 0);
	assert_ptr_equal(st_memchr("hello", 'l', 5), "hello" + 2);
	assert_null(st_memchr("hello", 'l', 2));
	assert_ptr_equal(st_memchr("a\0b", 0, 3), "a\0b" + 1);

	assert_int_equal(st_strlen(""), 0);
	assert_int_equal(st_strlen("memory"), 6);
	assert_int_equal(st_strnlen("memory", 3), 3);
	assert_int_equal(st_strnlen("mem", 10), 3);
	assert_int_equal(sgn(st_strcmp("a", "b")), -1);
	assert_int_equal(sgn(st_strcmp("b", "a")), 1);
	assert_int_equal(st_strcmp("same", "same"), 0);
	assert_int_equal(sgn(st_strcmp("ab", "abc")), -1);
	assert_int_equal(sgn(st_strcmp("\xff", "a")), 1);
	assert_int_equal(st_strncmp("abcX", "abcY", 3), 0);
	assert_int_equal(sgn(st_strncmp("abcX", "abcY", 4)), -1);
	assert_int_equal(st_strncmp("ab", "ab", 100), 0);
	assert_ptr_equal(st_strchr("a@b@c", '@'), "a@b@c" + 1);
	assert_ptr_equal(st_strrchr("a@b@c", '@'), "a@b@c" + 3);
	assert_null(st_strchr("abc", 'z'));
	assert_null(st_strrchr("abc", 'z'));
	assert_ptr_equal(st_strchr("abc", 0), "abc" + 3);
	assert_ptr_equal(st_strrchr("abc", 0), "abc" + 3);
	assert_ptr_equal(st_strstr("shared-dma-pool", "dma"), "shared-dma-pool" + 7);
	assert_ptr_equal(st_strstr("abc", ""), "abc");
	assert_null(st_strstr("ab", "abc"));
	assert_null(st_strstr("reusable", "nomap"));
}

static void test_strtoull_vs_glibc(void **state)
{
	static const char *const in[] = {
		"0", "42", "  -5", "+7", "0x1f", "0X1F", "0x", "0xg", "010", "08", "9",
		"99999999999999999999", "18446744073709551615", "18446744073709551616",
		"0xffffffffffffffff", "0x10000000000000000", "", "abc", "-", "12abc",
		"\t\n 33", "-0x10", "z", "Zz",
	};
	static const int bases[] = { 0, 8, 10, 16, 36 };
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(in); i++) {
		for (j = 0; j < ARRAY_SIZE(bases); j++) {
			char *e1, *e2;
			unsigned long long v1 = st_strtoull(in[i], &e1, bases[j]);
			unsigned long long v2 = strtoull(in[i], &e2, bases[j]);

			if (v1 != v2 || e1 != e2)
				fail_msg("strtoull(\"%s\", %d): ours %llu +%d, glibc %llu +%d",
					 in[i], bases[j], v1, (int)(e1 - in[i]), v2,
					 (int)(e2 - in[i]));
		}
	}
	assert_int_equal(st_strtoul("0x40000000", NULL, 16), 0x40000000UL);
}

static void test_simple_strtoull_and_kstrto(void **state)
{
	unsigned long long v;
	char *end;
	int iv;

	assert_int_equal(simple_strtoull("0x1000", &end, 0), 0x1000);
	assert_int_equal(*end, 0);
	assert_int_equal(simple_strtoull("0777", NULL, 0), 0777);
	assert_int_equal(simple_strtoull("123abc", &end, 10), 123);
	assert_string_equal(end, "abc");
	/* Linux's parser has no sign and no whitespace: nothing is consumed. */
	assert_int_equal(simple_strtoull(" 5", &end, 0), 0);
	assert_int_equal(*end, ' ');
	assert_int_equal(simple_strtoll("-12", NULL, 10), -12);
	/* Overflow wraps (Linux's simple_strtoull does not check). */
	assert_int_equal(simple_strtoull("18446744073709551617", NULL, 10), 1);

	assert_int_equal(kstrtoull("12345", 0, &v), 0);
	assert_int_equal(v, 12345);
	assert_int_equal(kstrtoull("+0x10\n", 0, &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(kstrtoull("18446744073709551615", 10, &v), 0);
	assert_true(v == ULLONG_MAX);
	v = 99;
	assert_int_equal(kstrtoull("18446744073709551616", 10, &v), -ERANGE);
	assert_int_equal(v, 99);
	assert_int_equal(kstrtoull("12x", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("-1", 10, &v), -EINVAL);
	assert_int_equal(kstrtoint("-2147483648", 10, &iv), 0);
	assert_int_equal(iv, INT_MIN);
	assert_int_equal(kstrtoint("2147483648", 10, &iv), -ERANGE);
	{
		bool b = false;

		assert_int_equal(kstrtobool("on", &b), 0);
		assert_true(b);
		assert_int_equal(kstrtobool("off", &b), 0);
		assert_false(b);
		assert_int_equal(kstrtobool("maybe", &b), -EINVAL);
	}
	assert_string_equal(skip_spaces(" \t x"), "x");
}

static void test_memparse(void **state)
{
	unsigned long long v;
	char *end;
	const char *s;

	assert_true(memparse("64M", &end) == 64ULL << 20);
	assert_int_equal(*end, 0);
	assert_true(memparse("0x1000", NULL) == 0x1000);
	assert_true(memparse("1G", NULL) == 1ULL << 30);
	assert_true(memparse("2g", NULL) == 2ULL << 30);
	assert_true(memparse("3k", NULL) == 3ULL << 10);
	assert_true(memparse("1T", NULL) == 1ULL << 40);
	assert_true(memparse("1p", NULL) == 1ULL << 50);
	assert_true(memparse("1E", NULL) == 1ULL << 60);
	assert_true(memparse("010", NULL) == 8);
	s = "12K,rest";
	assert_true(memparse(s, &end) == 12ULL << 10);
	assert_ptr_equal(end, s + 3);
	s = "512M@0x40000000";
	assert_true(memparse(s, &end) == 512ULL << 20);
	assert_string_equal(end, "@0x40000000");
	assert_true(memparse(end + 1, NULL) == 0x40000000ULL);
	s = "abc";
	assert_true(memparse(s, &end) == 0);
	assert_ptr_equal(end, s);
	s = "0x";			/* "0" then "x": not a hex number */
	assert_true(memparse(s, &end) == 0);
	assert_ptr_equal(end, s + 1);
	/* In hex, 'e' and 'E' are digits, not the exa suffix. */
	assert_true(memparse("0x1e", NULL) == 0x1e);

	/* Overflow: Linux's memparse wraps; memparse_safe says so. */
	assert_true(memparse("16E", NULL) == 0);
	assert_int_equal(memparse_safe("16E", &end, &v), -ERANGE);
	assert_int_equal(*end, 0);
	assert_int_equal(memparse_safe("15E", NULL, &v), 0);
	assert_true(v == 15ULL << 60);
	assert_int_equal(memparse_safe("17179869184G", NULL, &v), -ERANGE);
	assert_int_equal(memparse_safe("17179869183G", NULL, &v), 0);
	assert_true(v == 17179869183ULL << 30);
	assert_int_equal(memparse_safe("99999999999999999999", NULL, &v), -ERANGE);
	assert_int_equal(memparse_safe("0xffffffffffffffff", NULL, &v), 0);
	assert_true(v == ULLONG_MAX);
	assert_int_equal(memparse_safe("0x10000000000000000", NULL, &v), -ERANGE);
	assert_int_equal(memparse_safe("", NULL, &v), -EINVAL);
	assert_int_equal(memparse_safe("M", NULL, &v), -EINVAL);
	assert_int_equal(memparse_safe("0", NULL, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(memparse_safe("1K", NULL, &v), 0);
	assert_int_equal(v, 1024);
}

/* ------------------------------------------------------------------ sort */

struct rmem {
	const char *name;
	u64 base, size;
};

/* Linux 6.1's __rmem_cmp: base, then size; nothing else. */
static int rmem_cmp(const void *a, const void *b)
{
	const struct rmem *ra = a, *rb = b;

	if (ra->base != rb->base)
		return ra->base < rb->base ? -1 : 1;
	if (ra->size != rb->size)
		return ra->size < rb->size ? -1 : 1;
	return 0;
}

static void test_sort_reserved_mem_oracle(void **state)
{
	/* resmem-dynamic: dynamic nodes have key (0,0), the static one a real base. */
	struct rmem v[] = {
		{ "cma", 0, 0 }, { "dyn-nomap", 0, 0 }, { "dyn-plain", 0, 0 },
		{ "dyn-multi", 0, 0 }, { "static", 0x50000000, 0x400000 }, { "dyn-fail", 0, 0 },
	};
	static const char *const want[] = {
		"cma", "dyn-plain", "dyn-multi", "dyn-nomap", "dyn-fail", "static",
	};
	size_t i;

	sort(v, ARRAY_SIZE(v), sizeof(v[0]), rmem_cmp, NULL);
	for (i = 0; i < ARRAY_SIZE(v); i++)
		assert_string_equal(v[i].name, want[i]);
}

struct ki {
	int key, id;
};

static int ki_cmp(const void *a, const void *b)
{
	const struct ki *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

static int swaps;

static void ki_swap(void *a, void *b, int size)
{
	struct ki t = *(struct ki *)a;

	assert_int_equal(size, sizeof(struct ki));
	*(struct ki *)a = *(struct ki *)b;
	*(struct ki *)b = t;
	swaps++;
}

static void check_perm(const int *keys, int n, const int *want_ids, swap_func_t sw)
{
	struct ki v[16];
	int i;

	for (i = 0; i < n; i++) {
		v[i].key = keys[i];
		v[i].id = i;
	}
	sort(v, n, sizeof(v[0]), ki_cmp, sw);
	for (i = 0; i < n; i++) {
		if (v[i].id != want_ids[i])
			fail_msg("position %d: id %d, Linux has %d", i, v[i].id, want_ids[i]);
		if (i)
			assert_true(v[i - 1].key <= v[i].key);
	}
}

static void test_sort_permutations(void **state)
{
	/*
	 * All keys equal: the heap build moves nothing (every compare says "not smaller"), and
	 * each extraction swaps the root with the last heap slot, whose sift-down climbs straight
	 * back. So position k ends up with element k+1 and element 0 goes last.
	 */
	static const int eq[8] = { 0 }, eq_ids[8] = { 1, 2, 3, 4, 5, 6, 7, 0 };
	/* Two elements: sorted already, but Linux still swaps root and last: [1, 0]. */
	static const int two[2] = { 5, 5 }, two_ids[2] = { 1, 0 };
	/* Worked through Linux's sift-down by hand and checked against Linux's lib/sort.c. */
	static const int k1[8] = { 1, 1, 1, 1, 1, 0, 0, 0 }, k1_ids[8] = { 5, 6, 7, 2, 4, 3, 1, 0 };
	static const int k2[8] = { 2, 1, 2, 1, 2, 1, 2, 1 }, k2_ids[8] = { 7, 5, 3, 1, 2, 6, 4, 0 };
	static const int up[5] = { 1, 2, 3, 4, 5 }, up_ids[5] = { 0, 1, 2, 3, 4 };
	static const int down[5] = { 5, 4, 3, 2, 1 }, down_ids[5] = { 4, 3, 2, 1, 0 };

	check_perm(eq, 8, eq_ids, NULL);
	check_perm(two, 2, two_ids, NULL);
	check_perm(k1, 8, k1_ids, NULL);
	check_perm(k2, 8, k2_ids, ki_swap);
	check_perm(up, 5, up_ids, NULL);
	check_perm(down, 5, down_ids, NULL);

	/* Fewer than two elements: no compare, no swap. */
	swaps = 0;
	check_perm(up, 1, up_ids, ki_swap);
	check_perm(up, 0, up_ids, ki_swap);
	assert_int_equal(swaps, 0);
}

static void test_sort_random(void **state)
{
	struct ki v[200];
	unsigned int seed = 12345;
	int i, n;

	for (n = 0; n < 200; n += 7) {
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			v[i].key = (seed >> 16) % 50;
			v[i].id = i;
		}
		sort(v, n, sizeof(v[0]), ki_cmp, NULL);
		for (i = 1; i < n; i++)
			assert_true(v[i - 1].key <= v[i].key);
	}
}

/* ------------------------------------------------------------------ parameters */

static char seen[8][128];
static int nseen;

static int record(const char *tag, char *val)
{
	assert_true(nseen < 8);
	snprintf(seen[nseen++], sizeof(seen[0]), "%s:%s", tag, val ? val : "(NULL)");
	return 0;
}

static int bmtest_a(char *val) { return record("a", val); }
static int bmtest_dash(char *val) { return record("dash", val); }
static int bmtest_bad(char *val) { return -EINVAL; }
static int bmtest_setup(char *val) { record("setup", val); return 1; }

early_param("bmtest_a", bmtest_a);
early_param("bmtest-dash", bmtest_dash);
early_param("bmtest_bad", bmtest_bad);
__setup("bmtest_setup=", bmtest_setup);

static void test_params_early(void **state)
{
	static const char line[] =
		"  bmtest_a=1 bmtest_dash bmtest_a=\"x y  z\" bmtest_a=k=v=w bmtest_a= "
		"\"bmtest_a=q r\" bmtest_setup=9 other -- bmtest_a=after";

	nseen = 0;
	parse_early_param(line);
	assert_int_equal(nseen, 6);
	assert_string_equal(seen[0], "a:1");
	assert_string_equal(seen[1], "dash:(NULL)");	/* bare word: val NULL, '_' == '-' */
	assert_string_equal(seen[2], "a:x y  z");
	assert_string_equal(seen[3], "a:k=v=w");
	assert_string_equal(seen[4], "a:");
	assert_string_equal(seen[5], "a:q r");
	/* The handlers got a scratch copy: boot_command_line is what the bootloader gave. */
	assert_string_equal(boot_command_line, line);

	console_capture_reset();
	print_kernel_command_line();
	assert_string_equal(console_capture(), "[    0.000000] Kernel command line: "
			    "  bmtest_a=1 bmtest_dash bmtest_a=\"x y  z\" bmtest_a=k=v=w bmtest_a= "
			    "\"bmtest_a=q r\" bmtest_setup=9 other -- bmtest_a=after\n");

	console_capture_reset();
	nseen = 0;
	parse_early_param("bmtest_bad=3 bmtest_a");
	assert_int_equal(nseen, 1);
	assert_string_equal(seen[0], "a:(NULL)");
	assert_string_equal(console_capture(),
			    "[    0.000000] Malformed early option 'bmtest_bad'\n");
}

static void test_params_loglevel(void **state)
{
	parse_early_param("loglevel=3");
	assert_int_equal(console_loglevel, 3);
	parse_early_param("loglevel=8 ignore_loglevel");
	assert_int_equal(console_loglevel, 8);
	assert_true(ignore_loglevel);
	assert_true(console_contains("[    0.000000] printk: debug: ignoring loglevel setting.\n"));
	ignore_loglevel = false;
	console_loglevel = 7;
	console_capture_reset();
	parse_early_param("loglevel=x");
	assert_int_equal(console_loglevel, 7);
	assert_true(console_contains("Malformed early option 'loglevel'"));
	console_capture_reset();
	parse_early_param("loglevel");
	assert_true(console_contains("Malformed early option 'loglevel'"));
}

static void test_params_unknown(void **state)
{
	nseen = 0;
	parse_early_param("foo bmtest_a=1 bar=baz=1 mod.opt=2 BOOT_IMAGE=/vmlinuz kexec "
			  "\"quoted word\" bmtest_ab bmtest_setup=7 q=\"x y\" -- after");
	console_capture_reset();
	nseen = 0;
	parse_boot_args();
	/* The __setup handler ran, with the rest of the word after its "name=". */
	assert_int_equal(nseen, 1);
	assert_string_equal(seen[0], "setup:7");
	/* Bare words first, then "a=b" ones, as Linux's argv/envp lists. */
	assert_string_equal(console_capture(),
			    "[    0.000000] Unknown kernel command line parameters "
			    "\"foo quoted word bmtest_ab bar=baz=1 q=x y\", will be passed to user space.\n");

	/* Nothing unknown: nothing printed. */
	parse_early_param("bmtest_a=1 loglevel=7 -- whatever");
	console_capture_reset();
	parse_boot_args();
	assert_string_equal(console_capture(), "");
}

static void test_params_has_word_and_limits(void **state)
{
	static char longline[COMMAND_LINE_SIZE + 100];

	parse_early_param("mem=1G movable_node  earlycon=pl011,0x9000000 \"nokaslr\"");
	assert_true(cmdline_has_word("movable_node"));
	assert_true(cmdline_has_word("movable-node"));
	assert_true(cmdline_has_word("mem"));
	assert_true(cmdline_has_word("nokaslr"));
	assert_true(cmdline_has_word("earlycon"));
	assert_false(cmdline_has_word("movable"));
	assert_false(cmdline_has_word("movable_nodes"));
	assert_false(cmdline_has_word("1G"));

	memset(longline, 'a', sizeof(longline) - 1);
	console_capture_reset();
	parse_early_param(longline);
	assert_int_equal(strlen(boot_command_line), COMMAND_LINE_SIZE - 1);
	assert_true(console_contains("bootmem: the command line is longer than 2047 bytes, truncated\n"));

	parse_early_param("");
	assert_string_equal(boot_command_line, "");
	assert_false(cmdline_has_word("mem"));
}

static void test_get_option(void **state)
{
	char s1[] = "8", s2[] = "-3,4", s3[] = "x", s4[] = "0x10-20";
	char *p;
	int v = 0;

	p = s1;
	assert_int_equal(get_option(&p, &v), 1);
	assert_int_equal(v, 8);
	p = s2;
	assert_int_equal(get_option(&p, &v), 2);
	assert_int_equal(v, -3);
	assert_string_equal(p, "4");
	p = s3;
	assert_int_equal(get_option(&p, &v), 0);
	p = s4;
	assert_int_equal(get_option(&p, &v), 3);
	assert_int_equal(v, 16);
	p = NULL;
	assert_int_equal(get_option(&p, &v), 0);
}

/* ------------------------------------------------------------------ crashkernel= */

struct ck {
	const char *cmdline;
	unsigned long long ram;
	int kind;			/* 0 plain, 1 ,high, 2 ,low */
	int ret;
	unsigned long long size, base;
	const char *msg;		/* Linux's message, or NULL: none */
};

/* Each syntax of Linux 6.1's kernel/crash_core.c, its results and its messages. */
static void test_parse_crashkernel(void **state)
{
	static const struct ck cases[] = {
		{ "crashkernel=256M", SZ_1G, 0, 0, SZ_256M, 0, NULL },
		{ "crashkernel=128M@0x60000000", SZ_1G, 0, 0, SZ_128M, 0x60000000, NULL },
		{ "a crashkernel=64M b", SZ_1G, 0, 0, SZ_64M, 0, NULL },
		/* the last one counts */
		{ "crashkernel=64M crashkernel=32M", SZ_1G, 0, 0, SZ_32M, 0, NULL },
		{ "crashkernel=512M-2G:64M,2G-:128M", 4ULL << 30, 0, 0, SZ_128M, 0, NULL },
		{ "crashkernel=512M-2G:64M,2G-:128M", SZ_1G, 0, 0, SZ_64M, 0, NULL },
		/* RAM is rounded up to 128 MiB before the match: 1 GiB - 4 KiB is 1 GiB */
		{ "crashkernel=0-1G:32M,1G-:64M", SZ_1G - 4096, 0, 0, SZ_64M, 0, NULL },
		{ "crashkernel=512M-2G:64M@0x70000000", SZ_1G, 0, 0, SZ_64M, 0x70000000, NULL },
		{ "crashkernel=2G-:64M", SZ_1G, 0, 0, 0, 0, "crashkernel size resulted in zero bytes\n" },
		{ "crashkernel=512M,high", SZ_1G, 1, 0, SZ_512M, 0, NULL },
		{ "crashkernel=64M,low crashkernel=512M,high", SZ_1G, 2, 0, SZ_64M, 0, NULL },
		/* a ,high word is not a plain one */
		{ "crashkernel=512M,high", SZ_1G, 0, -ENOENT, 0, 0, NULL },
		{ "nothing", SZ_1G, 0, -ENOENT, 0, 0, NULL },
		{ "crashkernel=12Q", SZ_1G, 0, -EINVAL, 12, 0, "crashkernel: unrecognized char: Q\n" },
		{ "crashkernel=x", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: memory value expected\n" },
		{ "crashkernel=x-1G:64M", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: Memory value expected\n" },
		{ "crashkernel=1G:64M", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: '-' expected\n" },
		{ "crashkernel=2G-1G:64M", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: end <= start\n" },
		{ "crashkernel=0-2G;64M,2G-:1M", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: ':' expected\n" },
		{ "crashkernel=0-2G;64M", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: unrecognized char: -\n" },
		{ "crashkernel=0-:x", SZ_1G, 0, -EINVAL, 0, 0, "Memory value expected\n" },
		{ "crashkernel=0-:2G", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: invalid size\n" },
		{ "crashkernel=0-:64M@y", SZ_1G, 0, -EINVAL, SZ_64M, 0, "Memory value expected after '@'\n" },
		{ "crashkernel=512M,higher", SZ_1G, 0, -EINVAL, 0, 0, "crashkernel: unrecognized char: ,\n" },
		{ "crashkernel=512M,highx", SZ_1G, 1, -ENOENT, 0, 0, NULL },
		{ "crashkernel=x,high", SZ_1G, 1, -EINVAL, 0, 0, "crashkernel: memory value expected\n" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ck *c = &cases[i];
		char buf[128];
		unsigned long long size = 99, base = 99;
		int ret;

		snprintf(buf, sizeof(buf), "%s", c->cmdline);
		console_capture_reset();
		if (c->kind == 0)
			ret = parse_crashkernel(buf, c->ram, &size, &base);
		else if (c->kind == 1)
			ret = parse_crashkernel_high(buf, c->ram, &size, &base);
		else
			ret = parse_crashkernel_low(buf, c->ram, &size, &base);
		if (ret != c->ret || (ret != -EINVAL && (size != c->size || base != c->base)) ||
		    (c->msg ? strcmp(console_text(), c->msg) : console_text()[0] != 0))
			print_message("case %u \"%s\": ret %d size %#llx base %#llx console \"%s\"\n",
				      i, c->cmdline, ret, size, base, console_text());
		assert_int_equal(ret, c->ret);
		if (ret != -EINVAL) {
			assert_int_equal(size, c->size);
			assert_int_equal(base, c->base);
		}
		if (c->msg)
			assert_string_equal(console_text(), c->msg);
		else
			assert_string_equal(console_text(), "");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_hex_octal),
		cmocka_unit_test(test_strings_chars),
		cmocka_unit_test(test_unknown_conversion_stops),
		cmocka_unit_test(test_pointers),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test_setup_teardown(test_printk_prefix, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_printk_levels, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_printk_cont, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_printk_replay, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_log_buf_dump_and_wrap, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_printk_long_message, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_panic, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_panic_recursive, reset_printk, reset_printk),
		cmocka_unit_test(test_string_functions),
		cmocka_unit_test(test_strtoull_vs_glibc),
		cmocka_unit_test(test_simple_strtoull_and_kstrto),
		cmocka_unit_test(test_memparse),
		cmocka_unit_test(test_sort_reserved_mem_oracle),
		cmocka_unit_test(test_sort_permutations),
		cmocka_unit_test(test_sort_random),
		cmocka_unit_test_setup_teardown(test_params_early, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_params_loglevel, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_params_unknown, reset_printk, reset_printk),
		cmocka_unit_test_setup_teardown(test_params_has_word_and_limits, reset_printk,
						reset_printk),
		cmocka_unit_test(test_get_option),
		cmocka_unit_test_setup_teardown(test_parse_crashkernel, reset_printk, reset_printk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
