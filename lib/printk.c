// SPDX-License-Identifier: GPL-2.0
/*
 * printk: log levels, the "[%5lu.%06lu] " timestamp prefix, KERN_CONT lines, and a log buffer
 * that keeps every message so the first console (and later dumps) can replay the boot.
 */
#define pr_fmt(fmt) "printk: " fmt

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/console.h>
#include <linux/init.h>

/* Linux's limits: one printk stores at most 1024 - 32 (prefix room) bytes of text. */
#define PREFIX_MAX	32
#define LOG_LINE_MAX	(1024 - PREFIX_MAX)
#define LOG_BUF_LEN	(256 * 1024)

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
bool ignore_loglevel;
static int default_message_loglevel = MESSAGE_LOGLEVEL_DEFAULT;

/*
 * The log: a ring of records, one per printk call. A record never wraps around the end of
 * the buffer; the unused tail before the end becomes a padding record.
 */
#define LOG_NEWLINE	(1 << 0)	/* the text ended with '\n' (which is not stored) */
#define LOG_CONT	(1 << 1)	/* KERN_CONT: continues the open line, if any */
#define LOG_PAD		(1 << 2)	/* filler up to the end of the buffer */

struct printk_record {
	u32 size;		/* whole record, header included, multiple of 8 */
	u16 text_len;
	u8 level;
	u8 flags;
	u64 ts_nsec;
	char text[];
};

static char log_buf[LOG_BUF_LEN] __aligned(8);
static u64 log_first;		/* position (bytes ever written) of the oldest record */
static u64 log_next;		/* position where the next record goes */
static unsigned long log_dropped;

struct console *console_drivers;

/* How a console stream stands between records: is a line open, and is it being shown? */
struct emit_state {
	bool line_open;
	bool suppressed;
	u64 line_ts;
};

static struct emit_state live;
static int printk_depth;

static struct printk_record *record_at(u64 pos)
{
	return (struct printk_record *)&log_buf[pos % LOG_BUF_LEN];
}

/* Drop the oldest records until @need more bytes fit. */
static void log_make_room(u32 need)
{
	while (log_next + need - log_first > LOG_BUF_LEN) {
		struct printk_record *r = record_at(log_first);

		if (!(r->flags & LOG_PAD))
			log_dropped++;
		log_first += r->size;
	}
}

static void log_store(int level, u8 flags, u64 ts, const char *text, u16 len)
{
	u32 size = ALIGN(sizeof(struct printk_record) + len, 8);
	u32 to_end = LOG_BUF_LEN - log_next % LOG_BUF_LEN;
	struct printk_record *r;

	if (size > to_end) {
		log_make_room(to_end);
		r = record_at(log_next);
		r->size = to_end;
		r->flags = LOG_PAD;
		r->text_len = 0;
		log_next += to_end;
	}
	log_make_room(size);
	r = record_at(log_next);
	r->size = size;
	r->text_len = len;
	r->level = level;
	r->flags = flags;
	r->ts_nsec = ts;
	memcpy(r->text, text, len);
	log_next += size;
}

static bool suppress_message_printing(int level, bool all)
{
	return !all && !ignore_loglevel && level >= console_loglevel;
}

typedef void (*emit_fn)(void *ctx, const char *s, unsigned int n);

static void emit_prefix(emit_fn out, void *ctx, u64 ts)
{
	char buf[PREFIX_MAX];
	int n;

	n = scnprintf(buf, sizeof(buf), "[%5lu.%06lu] ", (unsigned long)(ts / 1000000000),
		      (unsigned long)(ts % 1000000000) / 1000);
	out(ctx, buf, n);
}

/*
 * Writes one record the way Linux's consoles show it: a new line closes an open one first,
 * and every line (also those after a '\n' inside the text) starts with the timestamp.
 */
static void emit_record(struct emit_state *st, const struct printk_record *r, bool all,
			emit_fn out, void *ctx)
{
	const char *s = r->text, *end = r->text + r->text_len;

	if (r->flags & LOG_PAD)
		return;
	if (!(r->flags & LOG_CONT) || !st->line_open) {
		if (st->line_open && !st->suppressed)
			out(ctx, "\n", 1);
		st->suppressed = suppress_message_printing(r->level, all);
		st->line_ts = r->ts_nsec;
		if (!st->suppressed)
			emit_prefix(out, ctx, st->line_ts);
	}
	st->line_open = !(r->flags & LOG_NEWLINE);
	if (st->suppressed)
		return;
	while (s < end) {
		const char *nl = memchr(s, '\n', end - s);

		if (!nl) {
			out(ctx, s, end - s);
			break;
		}
		out(ctx, s, nl + 1 - s);
		s = nl + 1;
		emit_prefix(out, ctx, st->line_ts);
	}
	if (r->flags & LOG_NEWLINE)
		out(ctx, "\n", 1);
}

static void out_all_consoles(void *ctx, const char *s, unsigned int n)
{
	struct console *con;

	for (con = console_drivers; con; con = con->next)
		con->write(con, s, n);
}

static void out_one_console(void *ctx, const char *s, unsigned int n)
{
	struct console *con = ctx;

	con->write(con, s, n);
}

/*
 * Linux's printk_parse_prefix: any number of KERN_SOH headers; the first level digit wins,
 * 'c' marks a continuation.
 */
static int parse_prefix(const char *text, int *level, u8 *flags)
{
	int len = 0;

	while (text[len] == KERN_SOH[0] && text[len + 1]) {
		char c = text[len + 1];

		if (c >= '0' && c <= '7') {
			if (*level == LOGLEVEL_DEFAULT)
				*level = c - '0';
		} else if (c == 'c') {
			*flags |= LOG_CONT;
		} else {
			break;
		}
		len += 2;
	}
	return len;
}

int vprintk(const char *fmt, va_list args)
{
	char text[LOG_LINE_MAX];
	int level = LOGLEVEL_DEFAULT;
	u8 flags = 0;
	u64 ts = local_clock();
	int len, skip;
	u64 pos;

	len = vscnprintf(text, sizeof(text), fmt, args);
	skip = parse_prefix(text, &level, &flags);
	len -= skip;
	if (level == LOGLEVEL_DEFAULT)
		level = default_message_loglevel;
	if (len > 0 && text[skip + len - 1] == '\n') {
		len--;
		flags |= LOG_NEWLINE;
	}

	pos = log_next;
	log_store(level, flags, ts, text + skip, len);
	/* A printk from inside a console driver is logged but not written: no recursion. */
	if (console_drivers && !printk_depth) {
		const struct printk_record *r = record_at(pos);

		if (r->flags & LOG_PAD)
			r = record_at(pos + r->size);
		printk_depth++;
		emit_record(&live, r, false, out_all_consoles, NULL);
		printk_depth--;
	}
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

static void replay(struct emit_state *st, bool all, emit_fn out, void *ctx)
{
	u64 pos;

	for (pos = log_first; pos < log_next; pos += record_at(pos)->size)
		emit_record(st, record_at(pos), all, out, ctx);
}

void register_console(struct console *con)
{
	bool first = !console_drivers;

	con->next = NULL;
	if (first) {
		/* The boot console replay: everything logged so far, filtered by today's loglevel. */
		struct emit_state st = {};

		printk_depth++;
		replay(&st, false, out_one_console, con);
		printk_depth--;
		live = st;
		console_drivers = con;
	} else {
		struct console *c = console_drivers;

		if (con->flags & CON_PRINTBUFFER) {
			/* Linux's CON_PRINTBUFFER: this console, too, gets what was logged so far. */
			struct emit_state st = {};

			printk_depth++;
			replay(&st, false, out_one_console, con);
			printk_depth--;
		}
		while (c->next)
			c = c->next;
		c->next = con;
	}
	if (!(con->flags & CON_QUIET))
		pr_info("%sconsole [%s] enabled\n", (con->flags & CON_BOOT) ? "boot" : "",
			con->name);
}

int unregister_console(struct console *con)
{
	struct console **pp;

	for (pp = &console_drivers; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			con->next = NULL;
			return 0;
		}
	}
	return -ENODEV;
}

struct dump_ctx {
	void (*emit)(const char *s, unsigned int n);
};

static void out_dump(void *ctx, const char *s, unsigned int n)
{
	((struct dump_ctx *)ctx)->emit(s, n);
}

void log_buf_dump(void (*emit)(const char *s, unsigned int n), bool all)
{
	struct dump_ctx dc = { emit };
	struct emit_state st = {};

	replay(&st, all, out_dump, &dc);
	if (st.line_open && !st.suppressed)
		emit("\n", 1);
}

unsigned long log_buf_len_used(void)
{
	return log_next - log_first;
}

unsigned long log_buf_dropped(void)
{
	return log_dropped;
}

/*
 * Called by panic(): a panic raised inside a console's write() must still be able to print
 * (and on the host, where the harness longjmps out of panic, printing must go on afterwards).
 */
void bust_spinlocks(int yes)
{
	printk_depth = 0;
}

void console_verbose(void)
{
	if (console_loglevel)
		console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
}

/* loglevel=N: show messages with a level below N. */
static int __init loglevel(char *str)
{
	int newlevel;

	if (get_option(&str, &newlevel)) {
		console_loglevel = newlevel;
		return 0;
	}
	return -EINVAL;
}
early_param("loglevel", loglevel);

static int __init ignore_loglevel_setup(char *str)
{
	ignore_loglevel = true;
	pr_info("debug: ignoring loglevel setting.\n");
	return 0;
}
early_param("ignore_loglevel", ignore_loglevel_setup);

/* An empty log and Linux's levels; each console's owner takes its console away. */
static void printk_reset(void)
{
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	ignore_loglevel = false;
	default_message_loglevel = MESSAGE_LOGLEVEL_DEFAULT;
	log_first = log_next = 0;
	log_dropped = 0;
	memset(&live, 0, sizeof(live));
	printk_depth = 0;
}
host_reset(printk_reset);
