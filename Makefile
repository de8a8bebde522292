# bootmem: an arm64 kernel that brings memory up the way Linux 6.1 does.
# `make` builds build/Image, build/bootmem.elf and build/kernel8.img; `make test` runs every test.

CROSS_COMPILE	?= aarch64-linux-gnu-
CC		:= $(CROSS_COMPILE)gcc
LD		:= $(CROSS_COMPILE)ld
OBJCOPY		:= $(CROSS_COMPILE)objcopy
NM		:= $(CROSS_COMPILE)nm
HOSTCC		?= gcc
B		:= build

# The translation granule, arm64's choice (asm/page-def.h): PAGE_SIZE=4K, the default, or 16K
# (Linux's CONFIG_ARM64_16K_PAGES), built apart in build-16k.
PAGE_SIZE	?= 4K
ifeq ($(PAGE_SIZE),16K)
B		:= build-16k
GRANULE_FLAGS	:= -DCONFIG_ARM64_16K_PAGES
else ifneq ($(PAGE_SIZE),4K)
$(error PAGE_SIZE=$(PAGE_SIZE): 4K or 16K)
endif

# Debian's multiarch directories: the arm64 libfdt.a for the kernel, the host's runtime for tests.
LIBFDT_A	:= /usr/lib/$(shell $(CC) -print-multiarch 2>/dev/null)/libfdt.a
LIBFDT_HOST	:= /usr/lib/$(shell $(HOSTCC) -print-multiarch 2>/dev/null)/libfdt.so.1
GCC_INC		:= $(shell $(CC) -print-file-name=include 2>/dev/null)
LIBGCC		:= $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

# Kernel build: freestanding; our minimal libc headers come first so that libfdt_env.h finds them.
KCPPFLAGS	:= -nostdinc -Iinclude/libc -Iinclude -Iarch/arm64/include \
		   -isystem $(GCC_INC) -idirafter /usr/include -D__KERNEL__ $(GRANULE_FLAGS)
KCFLAGS		:= -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-common -fno-pie \
		   -mgeneral-regs-only -mcmodel=small -fno-omit-frame-pointer \
		   -fno-optimize-sibling-calls -fstack-protector-strong \
		   -fno-strict-aliasing -Wall -Wextra -Wno-unused-parameter \
		   -Wno-sign-compare -Wno-missing-field-initializers \
		   -Wmissing-prototypes -Wmissing-declarations
KAFLAGS		:= -D__ASSEMBLY__ -g

# Generic code is the same files in the kernel and on the host.
GENERIC_SRCS	:= $(wildcard lib/*.c) $(wildcard mm/*.c) $(wildcard boot/*.c)
ARCH_SRCS	:= $(wildcard arch/arm64/kernel/*.c) $(wildcard arch/arm64/mm/*.c)
# efi-header.S holds macros for head.S, not an object of its own.
ARCH_ASM	:= $(filter-out arch/arm64/kernel/efi-header.S,$(wildcard arch/arm64/kernel/*.S) \
		   $(wildcard arch/arm64/mm/*.S))
KOBJS		:= $(patsubst %.c,$(B)/k/%.o,$(GENERIC_SRCS) $(ARCH_SRCS)) \
		   $(patsubst %.S,$(B)/k/%.o,$(ARCH_ASM))

.PHONY: all kernel host test test-host test-qemu layout-16k bench linux-memblock-tests layout-corpus clean
all: kernel host $(B)/host/bootmem-layout

kernel: $(B)/Image $(B)/Image.linux-size $(B)/Image.linux612-size $(B)/kernel8.img

$(B)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCPPFLAGS) $(KCFLAGS) -MMD -MP -c $< -o $@

$(B)/k/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KCPPFLAGS) $(KAFLAGS) -MMD -MP -c $< -o $@

# ---------------------------------------------------------------- EFI stub
# The stub (boot/efi-stub, arch/arm64/efi) runs before the kernel maps itself, at wherever the
# firmware loaded the Image: position-independent C (-fpie, every symbol hidden), checked for
# absolute and GOT relocations, with its own copies of lib/string.c, lib/vsprintf.c and the
# libfdt members it calls (their GOT loads relaxed to PC-relative ones). Every stub symbol gets
# the __efistub_ prefix, so it can reach only the kernel symbols linker.ld aliases, as in Linux.
STUB_SRCS	:= $(wildcard boot/efi-stub/*.c) $(wildcard arch/arm64/efi/*.c) lib/string.c \
		   lib/vsprintf.c
STUB_ASM	:= $(wildcard arch/arm64/efi/*.S)
STUB_LIBFDT	:= fdt fdt_ro fdt_rw fdt_wip fdt_sw fdt_empty_tree
STUB_CFLAGS	:= -std=gnu11 -Os -g -ffreestanding -fno-builtin -fno-common -fpie \
		   -include boot/efi-stub/hidden.h -Iboot/efi-stub -fno-stack-protector \
		   -mgeneral-regs-only -mcmodel=small -mbranch-protection=none \
		   -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-strict-aliasing \
		   -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
		   -Wno-missing-field-initializers -Wmissing-prototypes -Wmissing-declarations
STUB_OBJS	:= $(patsubst %.c,$(B)/stub/%.o,$(STUB_SRCS)) \
		   $(patsubst %.S,$(B)/stub/%.o,$(STUB_ASM)) \
		   $(patsubst %,$(B)/stub/libfdt/%.o,$(STUB_LIBFDT))
# Like Linux's stubcopy: refuse absolute (R_AARCH64_ABS*) and GOT relocations outside the
# debug sections, then prefix every symbol.
STUBCOPY = $(CROSS_COMPILE)strip --strip-debug -o $@.chk $@.raw && \
	if $(CROSS_COMPILE)objdump -r $@.chk | grep -E 'R_AARCH64_(ABS|[A-Z0-9_]*GOT)'; then \
		echo "$@: absolute or GOT relocations are not allowed in the EFI stub" >&2; exit 1; fi && \
	$(OBJCOPY) --prefix-symbols=__efistub_ $@.raw $@ && rm -f $@.chk && \
	$(OBJCOPY) --redefine-sym '__efistub_$$x=$$x' --redefine-sym '__efistub_$$d=$$d' $@

$(B)/stub/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCPPFLAGS) $(STUB_CFLAGS) -MMD -MP -MT $@ -c $< -o $@.raw
	@$(STUBCOPY)

$(B)/stub/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KCPPFLAGS) $(KAFLAGS) -MMD -MP -MT $@ -c $< -o $@.raw
	@$(STUBCOPY)

$(B)/stub/libfdt/%.o: $(LIBFDT_A) scripts/efistub-relax-got.py
	@mkdir -p $(dir $@)
	cd $(dir $@) && $(CROSS_COMPILE)ar x $(LIBFDT_A) $*.o && mv $*.o $*.pic.o
	python3 scripts/efistub-relax-got.py $(dir $@)$*.pic.o $@.got.o
	$(OBJCOPY) -R .eh_frame $@.got.o $@.raw
	@$(STUBCOPY)

# Three-step link: the symbol table (kallsyms, for %pS and backtraces) is generated from the
# previous link until the addresses no longer move.
KLINK = $(LD) -nostdlib -static -no-pie -T $(B)/linker.lds --no-warn-rwx-segments -Map=$(B)/$(1).map \
	-o $(B)/$(1) $(KOBJS) $(STUB_OBJS) $(2) $(LIBFDT_A) $(LIBGCC)

# linker.ld through the preprocessor: the link address, page alignment and image_size follow
# the granule (asm/memory.h, asm/page-def.h, asm/image.h).
$(B)/linker.lds: linker.ld arch/arm64/include/asm/memory.h arch/arm64/include/asm/page-def.h \
		 arch/arm64/include/asm/image.h
	@mkdir -p $(B)
	$(CC) -E -P -x c -undef -nostdinc -D__ASSEMBLY__ $(GRANULE_FLAGS) -Iarch/arm64/include $< -o $@

$(B)/bootmem.elf: $(KOBJS) $(STUB_OBJS) $(B)/linker.lds scripts/kallsyms.py
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

# What run-qemu.sh --firmware edk2|uboot hands the firmware: the Image zero-padded to the size of
# Debian's Linux 6.1 Image file. EDK2 reads the whole -kernel file into memory before LoadImage
# and U-Boot's booti keeps a copy of it as a "ramdisk", so the file's size moves everything
# allocated after it (the relocated kernel, CMA). Bytes past the last PE section are legal.
LINUX_IMAGE_FILE_SIZE := 32954880
$(B)/Image.linux-size: $(B)/Image
	@test $$(stat -c %s $<) -le $(LINUX_IMAGE_FILE_SIZE) || \
		{ echo "$<: larger than Linux's Image file ($(LINUX_IMAGE_FILE_SIZE) bytes)" >&2; exit 1; }
	cp $< $@
	truncate -s $(LINUX_IMAGE_FILE_SIZE) $@

# The same for linux=6.12: Debian's 6.12 Image file (44216832 bytes; 44765696 for arm64-16k)
# announcing 6.12's image_size (asm/image.h LINUX_612_IMAGE_SIZE, the granule's) in both
# headers, where the firmware reads it.
ifeq ($(PAGE_SIZE),16K)
LINUX_612_IMAGE_FILE_SIZE := 44765696
else
LINUX_612_IMAGE_FILE_SIZE := 44216832
endif
LINUX_612_IMAGE_SIZE := $(shell $(CC) $(KCPPFLAGS) -D__ASSEMBLY__ -E -dM arch/arm64/include/asm/image.h 2>/dev/null | \
			  sed -n 's/^.define LINUX_612_IMAGE_SIZE //p')
$(B)/Image.linux612-size: $(B)/Image scripts/pe-image.py arch/arm64/include/asm/image.h
	python3 scripts/pe-image.py footprint $< $@ $(LINUX_612_IMAGE_SIZE) $(LINUX_612_IMAGE_FILE_SIZE)

$(B)/kernel8.img: $(B)/Image boot/rpi/config.txt
	cp $< $@
	@mkdir -p $(B)/boot
	cp $< $(B)/boot/kernel8.img
	cp boot/rpi/config.txt $(B)/boot/config.txt

# ---------------------------------------------------------------- host build
# The kernel's portable code (generic and arch/arm64's setup.c and mm/) is built once per
# flavour into objects, and every host binary links the same ones: the tests, bootmem-layout,
# the fuzzer and the benchmarks run the kernel's one boot sequence (tests/host/host_boot.c).
HOST_CPPFLAGS	:= -Itests/host/include -Iinclude -Itests/host -Iarch/arm64/include -DBOOTMEM_HOST \
		   $(GRANULE_FLAGS)
HOST_WARN	:= -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wmissing-prototypes \
		   -Wmissing-declarations -Wno-missing-field-initializers
HOST_CFLAGS	:= -std=gnu11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		   -fno-sanitize-recover=undefined $(HOST_WARN)
HOST_LIBS	:= $(LIBFDT_HOST) -lcmocka
HARNESS		:= tests/host/harness.c
KERNEL_HOST_SRCS := $(filter-out lib/stackprotector.c,$(GENERIC_SRCS)) \
		   arch/arm64/kernel/setup.c arch/arm64/kernel/smp.c $(wildcard arch/arm64/mm/*.c)
BOOT_SRCS	:= $(KERNEL_HOST_SRCS) $(HARNESS) tests/host/host_boot.c

# host objects: $(B)/host/o (ASan/UBSan), $(B)/bench/o (-O2), $(B)/fuzz/o (clang, libFuzzer)
hobj = $(patsubst %.c,$(B)/host/o/%.o,$(1))
$(B)/host/o/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

# Unit tests link only the files they exercise (they stand in for the rest); the others boot.
HT_lib_SRCS		:= $(filter-out lib/stackprotector.c,$(wildcard lib/*.c)) boot/params.c \
			   boot/crash_core.c tests/host/string_selftest.c $(HARNESS)
HT_memblock_SRCS	:= $(filter-out lib/stackprotector.c,$(wildcard lib/*.c)) mm/memblock.c \
			   mm/memory_hotplug.c boot/linux_version.c $(HARNESS)
HT_mm_SRCS		:= $(BOOT_SRCS)
HT_fdt_SRCS		:= $(BOOT_SRCS)
HT_console_SRCS		:= $(BOOT_SRCS)
HT_rpi4_SRCS		:= $(BOOT_SRCS)
HT_pgtable_SRCS		:= $(BOOT_SRCS)
# The EFI stub's portable half on a fake firmware (the arm64 half and the jump stay out).
HT_efi_stub_SRCS	:= $(filter-out lib/stackprotector.c,$(wildcard lib/*.c)) \
			   $(filter-out boot/efi-stub/efi-stub.c,$(wildcard boot/efi-stub/*.c)) $(HARNESS)
HT_unflatten_SRCS	:= $(BOOT_SRCS)
HT_checksum_SRCS	:= $(BOOT_SRCS)
HT_procfs_SRCS		:= $(BOOT_SRCS)
HT_efi_SRCS		:= $(BOOT_SRCS) tests/host/efi_fw.c
HT_granule_SRCS		:=
HT_pgtable_levels_SRCS	:= $(BOOT_SRCS)
HOST_TESTS	:= $(patsubst tests/host/test_%.c,%,$(wildcard tests/host/test_*.c))

define host_test
$(B)/host/test_$(1): $(call hobj,tests/host/test_$(1).c $(HT_$(1)_SRCS))
	$(HOSTCC) $(HOST_CFLAGS) -o $$@ $$^ $(HOST_LIBS)
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test,$(t))))

# The granule's constants with CONFIG_ARM64_16K_PAGES, against Debian's arm64-16k Linux 6.12.
$(B)/host/test_granule_16k: tests/host/test_granule.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CPPFLAGS) -DCONFIG_ARM64_16K_PAGES $(HOST_CFLAGS) -o $@ $< $(HOST_LIBS)

# With PAGE_SIZE=16K only the tests written for either granule run (the others hold
# 4 KiB figures); the 4 KiB build also checks the 16 KiB constants (test_granule_16k).
ifeq ($(PAGE_SIZE),16K)
HOST_RUN	:= granule pgtable_levels procfs
else
HOST_RUN	:= $(HOST_TESTS) granule_16k
endif
host: $(addprefix $(B)/host/test_,$(HOST_RUN))

test-host: host
	@scripts/run-host-tests.sh $(addprefix $(B)/host/test_,$(HOST_RUN))

test-qemu: kernel
	@tests/qemu/run.sh

# The 16 KiB granule: bootmem-layout built with PAGE_SIZE=16K (build-16k) against Debian's
# arm64-16k Linux 6.12 on every scenario (tests/expected-6.12-16k).
layout-16k:
	@tests/host/layout-16k.sh

test:
	@scripts/run-all-tests.sh

# Benchmarks: figures printed, never asserted; the same boot, optimised and unsanitised. The
# kernel's code is compiled as the kernel compiles it, general registers only (KCFLAGS, and
# Linux's own builds): GCC's vectorizer would otherwise store a list_head's two pointers as
# one 16-byte write, which the next loads of them wait on (7% of an order-0 pair).
BENCH_CFLAGS	:= -std=gnu11 -O2 -g $(HOST_WARN)
bobj = $(patsubst %.c,$(B)/bench/o/%.o,$(1))
$(B)/bench/o/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CPPFLAGS) $(BENCH_CFLAGS) $(if $(filter tests/host/bench_%,$<),,-mgeneral-regs-only) -MMD -MP -c $< -o $@
$(B)/bench/bench_%: $(call bobj,tests/host/bench_%.c $(BOOT_SRCS))
	$(HOSTCC) -o $@ $^ $(LIBFDT_HOST)
# Linux's wall time needs its Image (../shared/oracle/fetch-linux.sh; ORACLE_CACHE): skipped without it.
bench: $(B)/bench/bench_buddy $(B)/bench/bench_pgtable
	$(B)/bench/bench_buddy
	$(B)/bench/bench_pgtable
	scripts/bench-boot.sh
	scripts/bench-walltime.py --quiet --runs 5 tests/scenarios/virt-1g.dts tests/scenarios/virt-6g.dts
	scripts/bench-walltime.py --runs 3 tests/scenarios/virt-1g.dts tests/scenarios/virt-6g.dts
	scripts/bench-walltime.py --quiet --translated tests/scenarios/virt-1g.dts tests/scenarios/virt-6g.dts

# bootmem-layout on every arm64 DTB of Debian's Linux 6.1 package (fetched once into build/).
layout-corpus: $(B)/host/bootmem-layout
	@scripts/layout-corpus.py

# Linux 6.1's and 6.12's own memblock simulator tests, built against our mm/memblock.c following
# each (downloads linux-source-6.1 and linux-source-6.12).
linux-memblock-tests:
	@scripts/linux-memblock-tests.sh

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- fuzzing (tests/fuzz)
# libFuzzer (clang) over the kernel's boot on arbitrary blobs; `make fuzz FUZZ_SECONDS=N`.
FUZZ_SECONDS	?= 60
FUZZ_CFLAGS	:= -std=gnu11 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
		   -fno-sanitize-recover=undefined -Wno-unused-command-line-argument
fobj = $(patsubst %.c,$(B)/fuzz/o/%.o,$(1))
$(B)/fuzz/o/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(HOST_CPPFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@
$(B)/fuzz/fuzz_dtb: $(call fobj,tests/fuzz/fuzz_dtb.c $(BOOT_SRCS))
	clang -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBFDT_HOST)
# bootmem-layout --efi-memmap's reader of logs, reports and JSON.
$(B)/fuzz/fuzz_efi_memmap: $(call fobj,tests/fuzz/fuzz_efi_memmap.c tools/bootmem-layout/efi_input.c \
			   tests/host/efi_fw.c $(BOOT_SRCS))
	clang -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBFDT_HOST)

.PHONY: fuzz
fuzz: $(B)/fuzz/fuzz_dtb $(B)/fuzz/fuzz_efi_memmap
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run-short.sh --long

# bootmem-layout: the memory bring-up on the host for any device tree (tools/bootmem-layout).
$(B)/host/bootmem-layout: $(call hobj,$(wildcard tools/bootmem-layout/*.c) $(BOOT_SRCS) tests/host/efi_fw.c)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(LIBFDT_HOST) -lm
