/* SPDX-License-Identifier: GPL-2.0 */
/* The register frame entry.S saves on every exception (offsets shared with assembly). */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#define S_X29		232
#define S_LR		240
#define S_SP		248
#define S_PC		256
#define S_PSTATE	264
#define S_ESR		272
#define S_FAR		280
#define S_FRAME_SIZE	288

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
	u64 esr;
	u64 far;
};

_Static_assert(sizeof(struct pt_regs) == S_FRAME_SIZE, "pt_regs layout");
#endif
#endif
