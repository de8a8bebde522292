# bootmem: an arm64 kernel that brings memory up the way Linux 6.1 does.
# `make` builds build/Image, build/bootmem.elf and build/kernel8.img; `make test` runs every test.

CROSS_COMPILE	?= aarch64-linux-gnu-
CC		:= $(CROSS_COMPILE)gcc
LD		:= $(CROSS_COMPILE)ld
OBJCOPY		:= $(CROSS_COMPILE)objcopy
NM		:= $(CROSS_COMPILE)nm
HOSTCC		?= gcc
B		:= build

LIBFDT_A	:= /usr/lib/aarch64-linux-gnu/libfdt.a
LIBFDT_HOST	:= /usr/lib/x86_64-linux-gnu/libfdt.so.1
GCC_INC		:= $(shell $(CC) -print-file-name=include 2>/dev/null)
LIBGCC		:= $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

# Kernel build: freestanding; our minimal libc headers come first so that libfdt_env.h finds them.
KCPPFLAGS	:= -nostdinc -Iinclude/libc -Iinclude -Iarch/arm64/include \
		   -isystem $(GCC_INC) -idirafter /usr/include -D__KERNEL__
KCFLAGS		:= -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-common -fno-pie \
		   -mgeneral-regs-only -mcmodel=small -fno-omit-frame-pointer \
		   -fno-optimize-sibling-calls -fstack-protector-strong \
		   -fno-strict-aliasing -Wall -Wextra -Wno-unused-parameter \
		   -Wno-sign-compare -Wno-missing-field-initializers
KAFLAGS		:= -D__ASSEMBLY__ -g

# Generic code is the same files in the kernel and on the host.
GENERIC_SRCS	:= $(wildcard lib/*.c) $(wildcard mm/*.c) $(wildcard boot/*.c)
ARCH_SRCS	:= $(wildcard arch/arm64/kernel/*.c) $(wildcard arch/arm64/mm/*.c)
ARCH_ASM	:= $(wildcard arch/arm64/kernel/*.S) $(wildcard arch/arm64/mm/*.S)
KOBJS		:= $(patsubst %.c,$(B)/k/%.o,$(GENERIC_SRCS) $(ARCH_SRCS)) \
		   $(patsubst %.S,$(B)/k/%.o,$(ARCH_ASM))

.PHONY: all kernel host test test-host test-qemu bench linux-memblock-tests clean
all: kernel host $(B)/host/bootmem-layout

kernel: $(B)/Image $(B)/kernel8.img

$(B)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCPPFLAGS) $(KCFLAGS) -MMD -MP -c $< -o $@

$(B)/k/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KCPPFLAGS) $(KAFLAGS) -MMD -MP -c $< -o $@

# Three-step link: the symbol table (kallsyms, for %pS and backtraces) is generated from the
# previous link until the addresses no longer move.
KLINK = $(LD) -nostdlib -static -no-pie -T linker.ld --no-warn-rwx-segments -Map=$(B)/$(1).map \
	-o $(B)/$(1) $(KOBJS) $(2) $(LIBFDT_A) $(LIBGCC)

$(B)/bootmem.elf: $(KOBJS) linker.ld scripts/kallsyms.py
	$(call KLINK,pass1.elf,)
	$(NM) -n $(B)/pass1.elf | python3 scripts/kallsyms.py > $(B)/kallsyms1.S
	$(CC) $(KCPPFLAGS) $(KAFLAGS) -c $(B)/kallsyms1.S -o $(B)/kallsyms1.o
	$(call KLINK,pass2.elf,$(B)/kallsyms1.o)
	$(NM) -n $(B)/pass2.elf | python3 scripts/kallsyms.py > $(B)/kallsyms2.S
	$(CC) $(KCPPFLAGS) $(KAFLAGS) -c $(B)/kallsyms2.S -o $(B)/kallsyms2.o
	$(call KLINK,bootmem.elf,$(B)/kallsyms2.o)
	$(NM) -n $(B)/bootmem.elf | python3 scripts/kallsyms.py | cmp -s - $(B)/kallsyms2.S || \
		{ echo "kallsyms: addresses moved between links" >&2; exit 1; }

$(B)/Image: $(B)/bootmem.elf
	$(OBJCOPY) -O binary $< $@

$(B)/kernel8.img: $(B)/Image boot/rpi/config.txt
	cp $< $@
	@mkdir -p $(B)/boot
	cp $< $(B)/boot/kernel8.img
	cp boot/rpi/config.txt $(B)/boot/config.txt

# ---------------------------------------------------------------- host build
HOST_CPPFLAGS	:= -Itests/host/include -Iinclude -Itests/host -DBOOTMEM_HOST
HOST_CFLAGS	:= -std=gnu11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		   -fno-sanitize-recover=undefined -Wall -Wextra -Wno-unused-parameter \
		   -Wno-sign-compare -Wno-missing-field-initializers
HOST_LIBS	:= $(LIBFDT_HOST) -lcmocka
HARNESS		:= tests/host/harness.c

# Each host test names the generic files it exercises.
HT_lib_SRCS		:= $(wildcard lib/*.c) boot/params.c tests/host/string_selftest.c
HT_mm_SRCS		:= $(wildcard lib/*.c) mm/memblock.c mm/memory_hotplug.c mm/numa.c \
			   mm/sparse.c mm/mm_init.c mm/page_alloc.c mm/page_alloc_selftest.c
HT_memblock_SRCS	:= $(wildcard lib/*.c) mm/memblock.c mm/memory_hotplug.c
HT_fdt_SRCS		:= $(wildcard lib/*.c) boot/params.c boot/fdt.c boot/of_reserved_mem.c \
			   boot/of_address.c boot/of_numa.c mm/cma.c mm/dma_contiguous.c \
			   mm/memblock.c mm/memory_hotplug.c mm/numa.c mm/sparse.c mm/mm_init.c \
			   mm/page_alloc.c
HT_fdt_SRCS		+= tests/host/boot_reset.c
HT_rpi4_SRCS		:= $(HT_fdt_SRCS)
# pgtable: -Iarch/arm64/include rides in SRCS (the rule has no per-test CPPFLAGS); it comes
# after tests/host/include, so the harness's asm/memory.h still wins.
HT_pgtable_SRCS		:= -Iarch/arm64/include $(HT_fdt_SRCS) \
			   arch/arm64/mm/pgtable_build.c arch/arm64/mm/map_mem.c \
			   arch/arm64/mm/fixmap.c arch/arm64/mm/ptdump.c
# bench: tests/host/bench_pgtable.c (plain main, no cmocka) links the same files; needs a
# $(B)/host/bench_% rule like the test one (lead).
HT_bench_pgtable_SRCS	:= $(HT_pgtable_SRCS)
HOST_TESTS	:= $(patsubst tests/host/test_%.c,%,$(wildcard tests/host/test_*.c))
BENCHES		:= $(wildcard tests/host/bench_*.c)

$(B)/host/test_%: tests/host/test_%.c $(HARNESS) FORCE
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -o $@ $< $(HARNESS) $(HT_$*_SRCS) $(HOST_LIBS)

host: $(addprefix $(B)/host/test_,$(HOST_TESTS))

test-host: host
	@scripts/run-host-tests.sh $(addprefix $(B)/host/test_,$(HOST_TESTS))

test-qemu: kernel
	@tests/qemu/run.sh

test:
	@scripts/run-all-tests.sh

# Benchmarks: figures printed, never asserted.
BENCH_SRCS := tests/host/harness.c $(wildcard lib/*.c) mm/memblock.c mm/memory_hotplug.c mm/numa.c \
	mm/sparse.c mm/mm_init.c mm/page_alloc.c
bench:
	@mkdir -p $(B)/host
	$(HOSTCC) -O2 -std=gnu11 $(HOST_CPPFLAGS) -o $(B)/host/bench_buddy tests/host/bench_buddy.c \
		$(BENCH_SRCS) $(LIBFDT_HOST)
	$(HOSTCC) -O2 -std=gnu11 $(HOST_CPPFLAGS) -o $(B)/host/bench_pgtable tests/host/bench_pgtable.c \
		$(filter-out tests/host/bench_pgtable.c,$(HT_bench_pgtable_SRCS)) tests/host/harness.c $(LIBFDT_HOST)
	$(B)/host/bench_buddy
	$(B)/host/bench_pgtable
	scripts/bench-boot.sh

# Linux 6.1's own memblock simulator tests, built against our mm/memblock.c (downloads linux-source-6.1).
linux-memblock-tests:
	@scripts/linux-memblock-tests.sh

FORCE:

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- fuzzing (tests/fuzz)
# libFuzzer (clang) over the DT and early mm code; `make fuzz FUZZ_SECONDS=N`.
FUZZ_SECONDS	?= 60
FUZZ_SRCS	:= tests/fuzz/fuzz_dtb.c $(HARNESS) $(wildcard lib/*.c) boot/params.c boot/fdt.c \
		   boot/of_reserved_mem.c boot/of_address.c boot/of_numa.c mm/cma.c \
		   mm/dma_contiguous.c mm/memory_hotplug.c mm/numa.c mm/sparse.c mm/mm_init.c \
		   mm/page_alloc.c mm/debug_invariants.c tests/host/boot_reset.c
$(B)/fuzz/fuzz_dtb: $(FUZZ_SRCS) FORCE
	@mkdir -p $(dir $@)
	clang $(HOST_CPPFLAGS) -std=gnu11 -O1 -g -fno-omit-frame-pointer \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-Wno-unused-command-line-argument -o $@ $(FUZZ_SRCS) $(LIBFDT_HOST)

.PHONY: fuzz
fuzz: $(B)/fuzz/fuzz_dtb
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run-short.sh --long

# bootmem-layout: the memory bring-up on the host for any device tree (tools/bootmem-layout).
# Its asm/sections.h (a run-time image model) comes before the harness's headers.
BML_SRCS	:= $(wildcard tools/bootmem-layout/*.c) $(HARNESS) $(wildcard lib/*.c) \
		   $(filter-out mm/debug_invariants.c,$(wildcard mm/*.c)) \
		   boot/params.c boot/fdt.c boot/of_reserved_mem.c boot/of_address.c boot/of_numa.c \
		   arch/arm64/mm/init.c arch/arm64/mm/map_mem.c arch/arm64/mm/pgtable_build.c
$(B)/host/bootmem-layout: $(BML_SRCS) $(wildcard tools/bootmem-layout/*.h)
	@mkdir -p $(dir $@)
	$(HOSTCC) -Itools/bootmem-layout/include $(HOST_CPPFLAGS) -Iarch/arm64/include $(HOST_CFLAGS) \
		-o $@ $(BML_SRCS) $(LIBFDT_HOST)
