// SPDX-License-Identifier: GPL-2.0
/*
 * The EFI stub's entry (the PE/COFF AddressOfEntryPoint): Linux 6.1's efi_pe_entry, step by
 * step, for what it does to memory and prints. Runs as a UEFI application (boot services up,
 * the firmware's identity map), ends in the kernel's normal entry with a new device tree.
 */
#include <limits.h>

#include "efistub.h"

/*
 * An empty LINUX_EFI_MEMRESERVE table in EFI_LOADER_DATA: the head of the chain where a
 * kernel records memory the next kernel (kexec) must leave alone. efi_init reserves it.
 */
static void install_memreserve_table(void)
{
	efi_guid_t memreserve_table_guid = LINUX_EFI_MEMRESERVE_TABLE_GUID;
	struct linux_efi_memreserve *rsv;
	efi_status_t status;

	status = efi_bs_call(allocate_pool, EFI_LOADER_DATA, sizeof(*rsv), (void **)&rsv);
	if (status != EFI_SUCCESS) {
		efi_err("Failed to allocate memreserve entry!\n");
		return;
	}
	rsv->next = 0;
	rsv->size = 0;
	rsv->count = 0;
	status = efi_bs_call(install_configuration_table, &memreserve_table_guid, rsv);
	if (status != EFI_SUCCESS)
		efi_err("Failed to install memreserve config table!\n");
}

/*
 * Linux asks whether a Graphics Output Protocol exists and, if so, records the framebuffer
 * in screen_info. bootmem has no framebuffer console: it asks the same question (the
 * firmware may log or allocate) and keeps nothing.
 */
static void setup_graphics(void)
{
	efi_guid_t gop_proto = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
	unsigned long size = 0;

	efi_bs_call(locate_handle, EFI_LOCATE_BY_PROTOCOL, &gop_proto, NULL, &size, NULL);
}

/*
 * Debian's libfdt.a is built with -fstack-protector-strong. The stub's copy of it (see the
 * Makefile) reads this guard instead of the kernel's, PC-relative, and fails here.
 */
unsigned long __stack_chk_guard = 0x5a4d0000efef5a4dUL;

void __noreturn __stack_chk_fail(void);
void __noreturn __stack_chk_fail(void)
{
	efi_printk("bootmem: stack protector: corrupted stack in the EFI stub's libfdt\n");
	for (;;)
		;
}

/*
 * Linux's stub returns to the firmware without a word of its own; what the firmware does then
 * (a boot menu, a shell) hides why. bootmem says it, in its own words.
 */
static efi_status_t efi_stub_failed(efi_status_t status)
{
	efi_printk("bootmem: the EFI stub failed (status %#lx): back to the firmware\n", status);
	return status;
}

efi_status_t efi_pe_entry(efi_handle_t handle, efi_system_table_t *sys_table_arg)
{
	efi_guid_t loaded_image_proto = LOADED_IMAGE_PROTOCOL_GUID;
	unsigned long image_addr, image_size = 0;
	unsigned long reserve_addr = 0, reserve_size = 0;
	efi_loaded_image_t *image;
	char *cmdline_ptr;
	int cmdline_size = 0;
	efi_status_t status;

	efi_system_table = sys_table_arg;
	/* The image may have been entered before (a firmware that retries): start afresh. */
	efi_nokaslr = false;
	efi_novamap = false;
	efi_noinitrd = false;
	efi_linux_version = efi_image_linux_version();
	efi_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

	/* No system table, no console: nothing to print with. */
	if (efi_system_table->hdr.signature != EFI_SYSTEM_TABLE_SIGNATURE)
		return EFI_INVALID_PARAMETER;

	status = check_platform_features();
	if (status != EFI_SUCCESS)
		return efi_stub_failed(status);

	status = efi_bs_call(handle_protocol, handle, &loaded_image_proto, (void **)&image);
	if (status != EFI_SUCCESS) {
		efi_err("Failed to get loaded image protocol\n");
		return efi_stub_failed(status);
	}

	cmdline_ptr = efi_convert_cmdline(image, &cmdline_size);
	if (!cmdline_ptr) {
		efi_err("getting command line via LOADED_IMAGE_PROTOCOL\n");
		return efi_stub_failed(EFI_OUT_OF_RESOURCES);
	}
	/* Debian's CONFIG_CMDLINE is empty: only the load options can carry options. */
	if (cmdline_size > 0) {
		status = efi_parse_options(cmdline_ptr);
		if (status != EFI_SUCCESS) {
			efi_err("Failed to parse options\n");
			goto fail_free_cmdline;
		}
	}

	efi_info("Booting Linux Kernel...\n");

	setup_graphics();

	status = handle_kernel_image(&image_addr, &image_size, &reserve_addr, &reserve_size,
				     image, handle);
	if (status != EFI_SUCCESS) {
		efi_err("Failed to relocate kernel\n");
		goto fail_free_cmdline;
	}

	/*
	 * Linux would now fetch a TPM event log and set the MemoryOverwriteRequest variable;
	 * bootmem has no TPM driver (see docs/boot.md). The initrd goes below the end of the
	 * linear map; its failure is reported and the boot goes on.
	 */
	efi_load_initrd(image, ULONG_MAX, efi_get_max_initrd_addr(image_addr));
	efi_random_get_seed();
	install_memreserve_table();

	status = efi_boot_kernel(handle, image, image_addr, cmdline_ptr);

	/* Only on failure: boot services are still up, give back what was taken. */
	efi_free(image_size, image_addr);
	efi_free(reserve_size, reserve_addr);
fail_free_cmdline:
	efi_bs_call(free_pool, cmdline_ptr);
	return efi_stub_failed(status);
}
