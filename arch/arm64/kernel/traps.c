// SPDX-License-Identifier: GPL-2.0
/*
 * Exception reports: every exception bootmem takes is a bug or a deliberate test, so it is
 * decoded the way Linux's die()/do_mem_abort() report it (class in words, ESR, FAR, the
 * registers, a symbolic backtrace) and the machine stops with a panic.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/serial.h>
#include <asm/ptrace.h>
#include <asm/memory.h>
#include <asm/barrier.h>
#include <asm/sections.h>
#include <asm/exception.h>

static const char *const vector_names[] = { "Synchronous", "IRQ", "FIQ", "SError" };
static const char *const group_names[] = {
	"EL1t", "EL1h", "EL0 (AArch64)", "EL0 (AArch32)"
};

static const char *esr_class_str(unsigned int ec)
{
	switch (ec) {
	case 0x00: return "Unknown/Uncategorized";
	case 0x01: return "WFI/WFE";
	case 0x07: return "SIMD/FP access trap";
	case 0x0e: return "Illegal execution state";
	case 0x15: return "SVC (AArch64)";
	case 0x16: return "HVC (AArch64)";
	case 0x17: return "SMC (AArch64)";
	case 0x18: return "MSR/MRS (AArch64)";
	case 0x20: return "instruction abort from a lower EL";
	case 0x21: return "instruction abort";
	case 0x22: return "PC alignment fault";
	case 0x24: return "data abort from a lower EL";
	case 0x25: return "data abort";
	case 0x26: return "SP alignment fault";
	case 0x2f: return "SError interrupt";
	case 0x30: return "breakpoint from a lower EL";
	case 0x31: return "breakpoint";
	case 0x32: return "software step from a lower EL";
	case 0x33: return "software step";
	case 0x34: return "watchpoint from a lower EL";
	case 0x35: return "watchpoint";
	case 0x3c: return "BRK instruction";
	default: return "unrecognised exception class";
	}
}

/* The fault status code of an abort, in words ("translation fault, level 3"). */
static void fsc_str(unsigned int fsc, char *buf, size_t len)
{
	unsigned int level = fsc & 3;

	switch (fsc >> 2) {
	case 0x0:
		snprintf(buf, len, "address size fault, level %u", level);
		return;
	case 0x1:
		snprintf(buf, len, "translation fault, level %u", level);
		return;
	case 0x2:
		snprintf(buf, len, "access flag fault, level %u", level);
		return;
	case 0x3:
		snprintf(buf, len, "permission fault, level %u", level);
		return;
	}
	switch (fsc) {
	case 0x10: snprintf(buf, len, "synchronous external abort"); return;
	case 0x21: snprintf(buf, len, "alignment fault"); return;
	case 0x30: snprintf(buf, len, "TLB conflict abort"); return;
	default: snprintf(buf, len, "unknown fault status 0x%02x", fsc); return;
	}
}

static bool is_abort(unsigned int ec)
{
	return ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25;
}

/* What the faulting address is, in memblock's terms: most useful for linear-map faults. */
static void describe_address(u64 far)
{
	struct memblock_region *r;
	phys_addr_t pa;

	if (far < 4096 * 16) {
		pr_emerg("  (a NULL pointer dereference: nothing is mapped at low addresses)\n");
		return;
	}
	if ((unsigned long)(far - PAGE_OFFSET) >= LINEAR_MAP_SIZE)
		return;
	pa = (far & ~PAGE_OFFSET) + PHYS_OFFSET;
	for_each_mem_region(r) {
		if (pa < r->base || pa - r->base >= r->size)
			continue;
		pr_emerg("  linear-map address of physical %pa, in %s region [mem %#018llx-%#018llx]\n",
			 &pa, (r->flags & MEMBLOCK_NOMAP) ? "NOMAP" : "memory",
			 r->base, (r->base + r->size - 1));
		if (r->flags & MEMBLOCK_NOMAP)
			pr_emerg("  NOMAP region [mem %#018llx-%#018llx]: no-map memory is never in the linear map\n",
				 r->base,
				 (r->base + r->size - 1));
		return;
	}
	pr_emerg("  linear-map address of physical %pa, which is not memory\n", &pa);
}

static void show_regs(struct pt_regs *regs)
{
	int i;

	pr_emerg("pc : %pS\n", (void *)regs->pc);
	pr_emerg("lr : %pS\n", (void *)regs->regs[30]);
	pr_emerg("sp : %016llx pstate : %08llx\n", regs->sp,
		 regs->pstate);
	for (i = 29; i >= 0; i -= 2) {
		if (i == 0)
			pr_emerg("x0 : %016llx\n", regs->regs[0]);
		else
			pr_emerg("x%-2d: %016llx x%-2d: %016llx\n", i,
				 regs->regs[i], i - 1,
				 regs->regs[i - 1]);
	}
}

static bool on_stack(unsigned long p, size_t len)
{
	unsigned long a = (unsigned long)init_stack, b = (unsigned long)init_stack_top;
	unsigned long c = (unsigned long)overflow_stack, d = (unsigned long)overflow_stack_top;

	return (p >= a && p + len <= b) || (p >= c && p + len <= d);
}

/* Walk the frame records (x29 chain): every function is built with frame pointers. */
static void dump_backtrace(unsigned long pc, unsigned long fp)
{
	int depth = 0;

	pr_emerg("Call trace:\n");
	pr_emerg(" %pS\n", (void *)pc);
	while (fp && !(fp & 0xf) && on_stack(fp, 16) && depth++ < 64) {
		unsigned long next = ((unsigned long *)fp)[0];
		unsigned long lr = ((unsigned long *)fp)[1];

		if (!lr)
			break;
		/* The return address points after the call: show the call itself. */
		pr_emerg(" %pS\n", (void *)(lr - 4));
		if (next <= fp)
			break;
		fp = next;
	}
}

void dump_stack(void)
{
	dump_backtrace(_THIS_IP_, (unsigned long)__builtin_frame_address(0));
}

static int exception_depth;

/*
 * Set around MMIO accesses to a device the DT names but the machine may lack (the power-off
 * watchdog): an external abort there is recorded and skipped instead of being fatal.
 */
bool arm64_mmio_probing;
bool arm64_mmio_probe_faulted;

void do_exception(struct pt_regs *regs, unsigned long kind, unsigned long group)
{
	unsigned int ec = (regs->esr >> 26) & 0x3f;
	unsigned int il = (regs->esr >> 25) & 1;
	bool uart_fault = console_fault_in_uart();
	char fsc[64];

	/* A fault while reporting a fault: give up quietly rather than recurse forever. */
	if (++exception_depth > 3)
		arch_panic_halt("recursive exceptions");

	console_verbose();
	if (regs->sp < (u64)init_stack && regs->sp >= (u64)init_stack_guard - 4096 * 4)
		pr_emerg("Kernel stack overflow: sp %016llx is in the guard page below init_stack\n",
			 regs->sp);
	/*
	 * An external abort inside a console UART access: the DT names a UART this machine
	 * does not have. Drop that console, skip the access and carry on (the others report).
	 */
	if (arm64_mmio_probing && kind == 0 && ec == 0x25 && (regs->esr & 0x3f) == 0x10) {
		arm64_mmio_probe_faulted = true;
		regs->pc += 4;
		exception_depth--;
		return;
	}
	if (uart_fault && kind == 0 && (ec == 0x25) && (regs->esr & 0x3f) == 0x10) {
		pr_warn("console: UART access at %pS faulted (FAR %016llx): the device tree's UART "
			"is not on this machine; no longer using it\n", (void *)regs->pc,
			regs->far);
		regs->pc += 4;
		exception_depth--;
		return;
	}
	pr_emerg("%s exception taken from %s\n", vector_names[kind & 3], group_names[group & 3]);
	if (kind == 0 && is_abort(ec)) {
		fsc_str(regs->esr & 0x3f, fsc, sizeof(fsc));
		if (regs->far < 4096 * 16)
			pr_emerg("Unable to handle kernel NULL pointer dereference at virtual address %016llx\n",
				 regs->far);
		else
			pr_emerg("Unable to handle kernel paging request at virtual address %016llx\n",
				 regs->far);
		pr_emerg("Mem abort info:\n");
		pr_emerg("  ESR = 0x%016llx\n", regs->esr);
		pr_emerg("  EC = 0x%02x: %s, IL = %u bits\n", ec, esr_class_str(ec), il ? 32 : 16);
		pr_emerg("  FSC = 0x%02llx: %s\n", (regs->esr & 0x3f), fsc);
		if (ec == 0x24 || ec == 0x25)
			pr_emerg("  WnR = %llu: %s\n", ((regs->esr >> 6) & 1),
				 ((regs->esr >> 6) & 1) ? "write" : "read");
		pr_emerg("  FAR = 0x%016llx\n", regs->far);
		describe_address(regs->far);
	} else {
		pr_emerg("  ESR = 0x%016llx\n", regs->esr);
		pr_emerg("  EC = 0x%02x: %s, IL = %u bits\n", ec, esr_class_str(ec), il ? 32 : 16);
		pr_emerg("  FAR = 0x%016llx\n", regs->far);
	}
	pr_emerg("Internal error: Oops: %016llx [#1] SMP\n", regs->esr);
	pr_emerg("ELR: %pS (%016llx)\n", (void *)regs->pc, regs->pc);
	show_regs(regs);
	dump_backtrace(regs->pc, regs->regs[29]);
	panic("Fatal exception: %s, %s",
	      kind == 0 ? esr_class_str(ec) : vector_names[kind & 3],
	      kind == 0 && is_abort(ec) ? fsc : "no fault status");
}
