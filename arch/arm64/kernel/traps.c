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

/* Linux's esr_class_str[] names, for the classes an EL1 kernel can take. */
static const char *esr_class_str(unsigned int ec)
{
	switch (ec) {
	case 0x00: return "Unknown/Uncategorized";
	case 0x01: return "WFI/WFE";
	case 0x07: return "ASIMD";
	case 0x0d: return "BTI";
	case 0x0e: return "PSTATE.IL";
	case 0x15: return "SVC (AArch64)";
	case 0x16: return "HVC (AArch64)";
	case 0x17: return "SMC (AArch64)";
	case 0x18: return "MSR/MRS (AArch64)";
	case 0x19: return "SVE";
	case 0x1a: return "ERET/ERETAA/ERETAB";
	case 0x1c: return "FPAC";
	case 0x1d: return "SME";
	case 0x1f: return "EL3 IMP DEF";
	case 0x20: return "IABT (lower EL)";
	case 0x21: return "IABT (current EL)";
	case 0x22: return "PC Alignment";
	case 0x24: return "DABT (lower EL)";
	case 0x25: return "DABT (current EL)";
	case 0x26: return "SP Alignment";
	case 0x2c: return "FP (AArch64)";
	case 0x2f: return "SError";
	case 0x30: return "Breakpoint (lower EL)";
	case 0x31: return "Breakpoint (current EL)";
	case 0x32: return "Software Step (lower EL)";
	case 0x33: return "Software Step (current EL)";
	case 0x34: return "Watchpoint (lower EL)";
	case 0x35: return "Watchpoint (current EL)";
	case 0x3c: return "BRK (AArch64)";
	default: return "UNRECOGNIZED EC";
	}
}

/* Linux's fault_info[] name of a fault status code ("level 3 translation fault"). */
static void fsc_str(unsigned int fsc, char *buf, size_t len)
{
	static const char *const kinds[] = {
		"address size fault", "translation fault", "access flag fault", "permission fault"
	};
	unsigned int level = fsc & 3;

	if (fsc == 0x00) {
		snprintf(buf, len, "ttbr address size fault");
		return;
	}
	if (fsc < 0x10 && fsc != 0x08 && fsc != 0x0c) {
		snprintf(buf, len, "level %u %s", level, kinds[fsc >> 2]);
		return;
	}
	if (fsc >= 0x14 && fsc <= 0x17) {
		snprintf(buf, len, "level %u (translation table walk)", level);
		return;
	}
	switch (fsc) {
	case 0x10: snprintf(buf, len, "synchronous external abort"); return;
	case 0x11: snprintf(buf, len, "synchronous tag check fault"); return;
	case 0x18: snprintf(buf, len, "synchronous parity or ECC error"); return;
	case 0x21: snprintf(buf, len, "alignment fault"); return;
	case 0x30: snprintf(buf, len, "TLB conflict abort"); return;
	case 0x31: snprintf(buf, len, "Unsupported atomic hardware update fault"); return;
	case 0x34: snprintf(buf, len, "implementation fault (lockdown abort)"); return;
	case 0x35: snprintf(buf, len, "implementation fault (unsupported exclusive)"); return;
	case 0x3d: snprintf(buf, len, "section domain fault"); return;
	case 0x3e: snprintf(buf, len, "page domain fault"); return;
	}
	if (fsc >= 0x1c && fsc <= 0x1f)
		snprintf(buf, len, "level %u synchronous parity error (translation table walk)", level);
	else
		snprintf(buf, len, "unknown %u", fsc);
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
		printk(KERN_EMERG "bootmem: a NULL pointer dereference: nothing is mapped at low addresses\n");
		return;
	}
	if ((unsigned long)(far - PAGE_OFFSET) >= LINEAR_MAP_SIZE)
		return;
	pa = (far & ~PAGE_OFFSET) + PHYS_OFFSET;
	for_each_mem_region(r) {
		if (pa < r->base || pa - r->base >= r->size)
			continue;
		printk(KERN_EMERG "bootmem: linear-map address of physical %pa, in %s region [mem %#018llx-%#018llx]\n",
			 &pa, (r->flags & MEMBLOCK_NOMAP) ? "NOMAP" : "memory",
			 r->base, (r->base + r->size - 1));
		if (r->flags & MEMBLOCK_NOMAP)
			printk(KERN_EMERG "bootmem: NOMAP region [mem %#018llx-%#018llx]: no-map memory is never in the linear map\n",
				 r->base,
				 (r->base + r->size - 1));
		return;
	}
	printk(KERN_EMERG "bootmem: linear-map address of physical %pa, which is not memory\n", &pa);
}

/* Linux's print_pstate() and __show_regs(), for a fault in the kernel. */
static void show_regs(struct pt_regs *regs)
{
	static const char *const btypes[] = { "-", "j-", "c-", "jc" };
	u64 pstate = regs->pstate;
	int i;

	pr_emerg("pstate: %08llx (%c%c%c%c %c%c%c%c %cPAN %cUAO %cTCO %cDIT %cSSBS BTYPE=%s)\n",
		 pstate,
		 pstate & (1ULL << 31) ? 'N' : 'n', pstate & (1 << 30) ? 'Z' : 'z',
		 pstate & (1 << 29) ? 'C' : 'c', pstate & (1 << 28) ? 'V' : 'v',
		 pstate & (1 << 9) ? 'D' : 'd', pstate & (1 << 8) ? 'A' : 'a',
		 pstate & (1 << 7) ? 'I' : 'i', pstate & (1 << 6) ? 'F' : 'f',
		 pstate & (1 << 22) ? '+' : '-', pstate & (1 << 23) ? '+' : '-',
		 pstate & (1 << 25) ? '+' : '-', pstate & (1 << 24) ? '+' : '-',
		 pstate & (1 << 12) ? '+' : '-', btypes[(pstate >> 10) & 3]);
	pr_emerg("pc : %pS\n", (void *)regs->pc);
	pr_emerg("lr : %pS\n", (void *)regs->regs[30]);
	pr_emerg("sp : %016llx\n", regs->sp);
	/* three to a line, from x29 down */
	for (i = 29; i >= 0; i -= 3)
		pr_emerg("x%-2d: %016llx x%-2d: %016llx x%-2d: %016llx\n", i, regs->regs[i],
			 i - 1, regs->regs[i - 1], i - 2, regs->regs[i - 2]);
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

/* Linux's __do_kernel_fault() message for an abort at @far. */
static const char *fault_msg(u64 far, u64 esr)
{
	unsigned int ec = (esr >> 26) & 0x3f;

	if ((ec == 0x21 || ec == 0x25) && (esr & 0x3c) == 0x0c) {	/* permission fault */
		if (esr & (1 << 6))
			return "write to read-only memory";
		if (ec == 0x21)
			return "execute from non-executable memory";
		return "read from unreadable memory";
	}
	return far < 4096 ? "NULL pointer dereference" : "paging request";
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
		printk(KERN_EMERG "bootmem: Kernel stack overflow: sp %016llx is in the guard page below init_stack\n",
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
		bm_warn("console: UART access at %pS faulted (FAR %016llx): the device tree's UART "
			"is not on this machine; no longer using it\n", (void *)regs->pc,
			regs->far);
		regs->pc += 4;
		exception_depth--;
		return;
	}
	printk(KERN_EMERG "bootmem: %s exception taken from %s\n", vector_names[kind & 3],
	       group_names[group & 3]);
	if (kind == 0 && is_abort(ec)) {
		u64 esr = regs->esr;

		fsc_str(esr & 0x3f, fsc, sizeof(fsc));
		pr_emerg("Unable to handle kernel %s at virtual address %016llx\n",
			 fault_msg(regs->far, esr), regs->far);
		pr_emerg("Mem abort info:\n");
		pr_emerg("  ESR = 0x%016llx\n", esr);
		pr_emerg("  EC = 0x%02x: %s, IL = %u bits\n", ec, esr_class_str(ec), il ? 32 : 16);
		pr_emerg("  SET = %llu, FnV = %llu\n", (esr >> 11) & 3, (esr >> 10) & 1);
		pr_emerg("  EA = %llu, S1PTW = %llu\n", (esr >> 9) & 1, (esr >> 7) & 1);
		pr_emerg("  FSC = 0x%02llx: %s\n", esr & 0x3f, fsc);
		if (ec == 0x24 || ec == 0x25) {
			pr_emerg("Data abort info:\n");
			if (esr & (1 << 24)) {
				pr_emerg("  Access size = %u byte(s)\n", 1U << ((esr >> 22) & 3));
				pr_emerg("  SSE = %llu, SRT = %llu\n", (esr >> 21) & 1, (esr >> 16) & 0x1f);
				pr_emerg("  SF = %llu, AR = %llu\n", (esr >> 15) & 1, (esr >> 14) & 1);
			} else {
				pr_emerg("  ISV = 0, ISS = 0x%08llx\n", esr & 0x1ffffff);
			}
			pr_emerg("  CM = %llu, WnR = %llu\n", (esr >> 8) & 1, (esr >> 6) & 1);
		}
		describe_address(regs->far);
		pr_emerg("Internal error: Oops: %016llx [#1] SMP\n", regs->esr);
	} else {
		printk(KERN_EMERG "bootmem:   ESR = 0x%016llx\n", regs->esr);
		printk(KERN_EMERG "bootmem:   EC = 0x%02x: %s, IL = %u bits\n", ec,
		       esr_class_str(ec), il ? 32 : 16);
		printk(KERN_EMERG "bootmem:   FAR = 0x%016llx\n", regs->far);
	}
	printk(KERN_EMERG "bootmem: ELR: %pS (%016llx)\n", (void *)regs->pc, regs->pc);
	show_regs(regs);
	dump_backtrace(regs->pc, regs->regs[29]);
	panic("Fatal exception: %s, %s",
	      kind == 0 ? esr_class_str(ec) : vector_names[kind & 3],
	      kind == 0 && is_abort(ec) ? fsc : "no fault status");
}
