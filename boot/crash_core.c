// SPDX-License-Identifier: GPL-2.0
/*
 * crashkernel= parsing, with Linux 6.1's rules and messages (kernel/crash_core.c): the
 * simple SIZE[@OFFSET] form, the RANGE:SIZE list, and the ,high / ,low suffixes. The arch
 * decides where the memory goes (arch/arm64/mm/init.c reserve_crashkernel).
 */
#define pr_fmt(fmt) fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/sizes.h>
#include <linux/crash_core.h>

/* /proc/iomem entries once reserved (the arch inserts them, as Linux's reserve_crashkernel). */
#define CRASHK_RES	{ .name = "Crash kernel", .flags = IORESOURCE_BUSY | IORESOURCE_SYSTEM_RAM }
struct resource crashk_res = CRASHK_RES;
struct resource crashk_low_res = CRASHK_RES;

static const char *const crash_suffixes[] = { ",high", ",low" };

/* Does the word [word, end) end in @suffix? */
static bool word_ends_with(const char *word, const char *end, const char *suffix)
{
	size_t n = strlen(suffix);

	return (size_t)(end - word) >= n && !strncmp(end - n, suffix, n);
}

/*
 * The last "crashkernel=" on @cmdline of the kind asked for: with @suffix, one ending in it;
 * without, one ending in none of the known suffixes. Returns what follows the "=" or NULL.
 */
static char *last_crashkernel(char *cmdline, const char *suffix)
{
	static const char name[] = "crashkernel=";
	char *p, *found = NULL;
	unsigned int i;

	for (p = strstr(cmdline, name); p; p = strstr(p + 1, name)) {
		char *end = strchr(p, ' ');
		bool plain = true;

		if (!end)
			end = p + strlen(p);
		if (suffix) {
			if (word_ends_with(p, end, suffix))
				found = p;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(crash_suffixes); i++)
			if (word_ends_with(p, end, crash_suffixes[i]))
				plain = false;
		if (plain)
			found = p;
	}
	return found ? found + strlen(name) : NULL;
}

/* A size that must be there: Linux's wording when it is not. */
static int parse_size(char **cur, unsigned long long *v, const char *missing)
{
	char *end;

	*v = memparse(*cur, &end);
	if (end == *cur) {
		pr_warn("%s", missing);
		return -EINVAL;
	}
	*cur = end;
	return 0;
}

/*
 * START-[END]:SIZE[,START-[END]:SIZE...][@OFFSET]: the SIZE of the range that holds the
 * system's RAM, rounded up to 128 MiB (firmware keeps some back, Linux says).
 */
static int parse_crashkernel_mem(char *cur, unsigned long long system_ram,
				 unsigned long long *crash_size, unsigned long long *crash_base)
{
	unsigned long long total = ALIGN(system_ram, SZ_128M);

	do {
		unsigned long long start, end = ULLONG_MAX, size;

		if (parse_size(&cur, &start, "crashkernel: Memory value expected\n"))
			return -EINVAL;
		if (*cur++ != '-') {
			pr_warn("crashkernel: '-' expected\n");
			return -EINVAL;
		}
		if (*cur != ':') {
			if (parse_size(&cur, &end, "crashkernel: Memory value expected\n"))
				return -EINVAL;
			if (end <= start) {
				pr_warn("crashkernel: end <= start\n");
				return -EINVAL;
			}
		}
		if (*cur++ != ':') {
			pr_warn("crashkernel: ':' expected\n");
			return -EINVAL;
		}
		if (parse_size(&cur, &size, "Memory value expected\n"))
			return -EINVAL;
		if (size >= total) {
			pr_warn("crashkernel: invalid size\n");
			return -EINVAL;
		}
		if (total >= start && total < end) {
			*crash_size = size;
			break;
		}
	} while (*cur++ == ',');

	if (!*crash_size) {
		pr_info("crashkernel size resulted in zero bytes\n");
		return 0;
	}
	/* The offset, if any, follows the list. */
	while (*cur && *cur != ' ' && *cur != '@')
		cur++;
	if (*cur == '@') {
		cur++;
		if (parse_size(&cur, crash_base, "Memory value expected after '@'\n"))
			return -EINVAL;
	}
	return 0;
}

/* SIZE[@OFFSET] */
static int parse_crashkernel_simple(char *cur, unsigned long long *crash_size,
				    unsigned long long *crash_base)
{
	if (parse_size(&cur, crash_size, "crashkernel: memory value expected\n"))
		return -EINVAL;
	if (*cur == '@') {
		*crash_base = memparse(cur + 1, &cur);
	} else if (*cur != ' ' && *cur != '\0') {
		pr_warn("crashkernel: unrecognized char: %c\n", *cur);
		return -EINVAL;
	}
	return 0;
}

/* SIZE,high or SIZE,low: nothing may follow the suffix in the word. */
static int parse_crashkernel_suffix(char *cur, unsigned long long *crash_size,
				    const char *suffix)
{
	size_t n = strlen(suffix);

	if (parse_size(&cur, crash_size, "crashkernel: memory value expected\n"))
		return -EINVAL;
	if (strncmp(cur, suffix, n) || (cur[n] != ' ' && cur[n] != '\0')) {
		pr_warn("crashkernel: unrecognized char: %c\n", *(strncmp(cur, suffix, n) ? cur : cur + n));
		return -EINVAL;
	}
	return 0;
}

static int __parse_crashkernel(char *cmdline, unsigned long long system_ram,
			       unsigned long long *crash_size, unsigned long long *crash_base,
			       const char *suffix)
{
	char *ck, *colon, *space;

	*crash_size = 0;
	*crash_base = 0;
	ck = last_crashkernel(cmdline, suffix);
	if (!ck)
		return -ENOENT;
	if (suffix)
		return parse_crashkernel_suffix(ck, crash_size, suffix);
	/* A ':' before the word ends means the RANGE:SIZE list. */
	colon = strchr(ck, ':');
	space = strchr(ck, ' ');
	if (colon && (!space || colon < space))
		return parse_crashkernel_mem(ck, system_ram, crash_size, crash_base);
	return parse_crashkernel_simple(ck, crash_size, crash_base);
}

int parse_crashkernel(char *cmdline, unsigned long long system_ram,
		      unsigned long long *crash_size, unsigned long long *crash_base)
{
	return __parse_crashkernel(cmdline, system_ram, crash_size, crash_base, NULL);
}

int parse_crashkernel_high(char *cmdline, unsigned long long system_ram,
			   unsigned long long *crash_size, unsigned long long *crash_base)
{
	return __parse_crashkernel(cmdline, system_ram, crash_size, crash_base, ",high");
}

int parse_crashkernel_low(char *cmdline, unsigned long long system_ram,
			  unsigned long long *crash_size, unsigned long long *crash_base)
{
	return __parse_crashkernel(cmdline, system_ram, crash_size, crash_base, ",low");
}

/*
 * 6.12's parse_crashkernel() (kernel/crash_reserve.c, with the generic reservation):
 * crashkernel=X[@offset] or, without one, X,high with Y,low (128 MiB when absent); 0, or
 * -EINVAL for no size, a size at or above @system_ram, or bad syntax.
 */
int parse_crashkernel_generic(char *cmdline, unsigned long long system_ram,
			      unsigned long long *crash_size, unsigned long long *crash_base,
			      unsigned long long *low_size, bool *high)
{
	int ret = __parse_crashkernel(cmdline, system_ram, crash_size, crash_base, NULL);

	if (high && ret == -ENOENT) {
		ret = __parse_crashkernel(cmdline, 0, crash_size, crash_base, ",high");
		if (ret || !*crash_size)
			return -EINVAL;
		ret = __parse_crashkernel(cmdline, 0, low_size, crash_base, ",low");
		if (ret == -ENOENT) {
			*low_size = DEFAULT_CRASH_KERNEL_LOW_SIZE;
			ret = 0;
		} else if (ret) {
			return ret;
		}
		*high = true;
	}
	if (!*crash_size)
		ret = -EINVAL;
	if (*crash_size >= system_ram)
		ret = -EINVAL;
	return ret;
}

static void crash_core_reset(void)
{
	/* the tree links too: the next boot's iomem tree starts empty */
	crashk_res = (struct resource)CRASHK_RES;
	crashk_low_res = (struct resource)CRASHK_RES;
}
host_reset(crash_core_reset);
