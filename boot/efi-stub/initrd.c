// SPDX-License-Identifier: GPL-2.0
/*
 * The initrd in the EFI stub, as Linux 6.1's efi_load_initrd (libstub/efi-stub-helper.c):
 * read through EFI_LOAD_FILE2_PROTOCOL on the LINUX_EFI_INITRD_MEDIA_GUID device path, handed
 * to the kernel as the LINUX_EFI_INITRD_MEDIA_GUID configuration table (efi_init reads it).
 */
#include "efistub.h"


bool efi_noinitrd;

/*
 * The device path a loader (QEMU's EDK2 with -initrd, systemd-boot, GRUB) puts its initrd
 * behind: one vendor media node with Linux's GUID, then the end node.
 */
static const struct {
	struct efi_vendor_dev_path vendor;
	struct efi_generic_dev_path end;
} __packed __aligned(4) initrd_dev_path = {
	.vendor = {
		.header = { EFI_DEV_MEDIA, EFI_DEV_MEDIA_VENDOR, sizeof(struct efi_vendor_dev_path) },
		.vendorguid = LINUX_EFI_INITRD_MEDIA_GUID,
	},
	.end = { EFI_DEV_END_PATH, EFI_DEV_END_ENTIRE, sizeof(struct efi_generic_dev_path) },
};

/*
 * EFI_NOT_FOUND when no handle carries LoadFile2 on that path (no initrd offered), else the
 * initrd is in pages of EFI_LOADER_DATA below @max.
 */
static efi_status_t efi_load_initrd_dev_path(struct linux_efi_initrd *initrd,
					     unsigned long max)
{
	efi_guid_t lf2_proto_guid = EFI_LOAD_FILE2_PROTOCOL_GUID;
	efi_device_path_protocol_t *dp = (efi_device_path_protocol_t *)&initrd_dev_path;
	efi_load_file2_protocol_t *lf2;
	efi_handle_t handle;
	efi_status_t status;

	status = efi_bs_call(locate_device_path, &lf2_proto_guid, &dp, &handle);
	if (status != EFI_SUCCESS)
		return status;
	status = efi_bs_call(handle_protocol, handle, &lf2_proto_guid, (void **)&lf2);
	if (status != EFI_SUCCESS)
		return status;

	/* First the size: a protocol that does not answer EFI_BUFFER_TOO_SMALL is broken. */
	initrd->size = 0;
	status = lf2->load_file(lf2, dp, false, &initrd->size, NULL);
	if (status != EFI_BUFFER_TOO_SMALL)
		return EFI_LOAD_ERROR;

	status = efi_allocate_pages(initrd->size, &initrd->base, max);
	if (status != EFI_SUCCESS)
		return status;

	status = lf2->load_file(lf2, dp, false, &initrd->size, (void *)initrd->base);
	if (status != EFI_SUCCESS) {
		efi_free(initrd->size, initrd->base);
		return EFI_LOAD_ERROR;
	}
	return EFI_SUCCESS;
}

/*
 * Linux's order: the device path first; only when nothing offers one, the deprecated initrd=
 * files of the load options (efi_load_initrd_cmdline). Linux measures the initrd into TPM
 * PCR 9 here ("Measured initrd data into PCR 9"); bootmem has no TPM driver and does not.
 * Failing to load one is reported and the boot goes on without it, as in Linux.
 */
efi_status_t efi_load_initrd(efi_loaded_image_t *image, unsigned long soft_limit,
			     unsigned long hard_limit)
{
	efi_guid_t tbl_guid = LINUX_EFI_INITRD_MEDIA_GUID;
	struct linux_efi_initrd initrd = { 0, 0 }, *tbl;
	efi_status_t status;

	if (efi_noinitrd)
		return EFI_SUCCESS;

	status = efi_load_initrd_dev_path(&initrd, hard_limit);
	if (status == EFI_SUCCESS) {
		efi_info("Loaded initrd from LINUX_EFI_INITRD_MEDIA_GUID device path\n");
	} else if (status == EFI_NOT_FOUND) {
		status = efi_load_initrd_cmdline(image, &initrd, soft_limit, hard_limit);
		/* No initrd= in the load options: no initrd at all. */
		if (status == EFI_UNSUPPORTED || status == EFI_NOT_READY)
			return EFI_SUCCESS;
		if (status == EFI_SUCCESS)
			efi_info("Loaded initrd from command line option\n");
	}
	if (status != EFI_SUCCESS)
		goto failed;

	status = efi_bs_call(allocate_pool, EFI_LOADER_DATA, sizeof(initrd), (void **)&tbl);
	if (status != EFI_SUCCESS)
		goto free_initrd;
	*tbl = initrd;
	status = efi_bs_call(install_configuration_table, &tbl_guid, tbl);
	if (status != EFI_SUCCESS) {
		efi_bs_call(free_pool, tbl);
		goto free_initrd;
	}
	return EFI_SUCCESS;

free_initrd:
	efi_free(initrd.size, initrd.base);
failed:
	efi_err("Failed to load initrd: 0x%lx\n", status);
	return status;
}
