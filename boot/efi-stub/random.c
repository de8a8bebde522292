// SPDX-License-Identifier: GPL-2.0
/*
 * EFI_RNG_PROTOCOL in the EFI stub, as Linux 6.1's libstub/random.c uses it: random bytes
 * for KASLR's physical placement and /chosen/kaslr-seed, and the LINUX_EFI_RANDOM_SEED table.
 */
#include "efistub.h"

/* EFI_NOT_FOUND when the firmware has no RNG (QEMU without a virtio-rng device). */
efi_status_t efi_get_random_bytes(unsigned long size, u8 *out)
{
	efi_guid_t rng_proto = EFI_RNG_PROTOCOL_GUID;
	efi_rng_protocol_t *rng = NULL;
	efi_status_t status;

	status = efi_bs_call(locate_protocol, &rng_proto, NULL, (void **)&rng);
	if (status != EFI_SUCCESS)
		return status;
	return rng->get_rng(rng, NULL, size, out);
}

/*
 * 32 random bytes for the kernel's entropy pool, in EFI_ACPI_RECLAIM_MEMORY (so a kexec'd
 * kernel finds it too), published as the LINUX_EFI_RANDOM_SEED table; a seed an earlier
 * loader left there is appended and its old copy wiped and freed.
 */
efi_status_t efi_random_get_seed(void)
{
	efi_guid_t rng_proto = EFI_RNG_PROTOCOL_GUID;
	efi_guid_t rng_algo_raw = EFI_RNG_ALGORITHM_RAW;
	efi_guid_t rng_table_guid = LINUX_EFI_RANDOM_SEED_TABLE_GUID;
	struct linux_efi_random_seed *prev_seed, *seed = NULL;
	int prev_seed_size = 0, seed_size = EFI_RANDOM_SEED_SIZE;
	efi_rng_protocol_t *rng = NULL;
	efi_status_t status;

	status = efi_bs_call(locate_protocol, &rng_proto, NULL, (void **)&rng);
	if (status != EFI_SUCCESS)
		return status;

	prev_seed = get_efi_config_table(LINUX_EFI_RANDOM_SEED_TABLE_GUID);
	if (prev_seed && prev_seed->size <= 512U) {
		prev_seed_size = prev_seed->size;
		seed_size += prev_seed_size;
	}
	status = efi_bs_call(allocate_pool, EFI_ACPI_RECLAIM_MEMORY,
			     sizeof(*seed) + seed_size, (void **)&seed);
	if (status != EFI_SUCCESS) {
		efi_warn("Failed to allocate memory for RNG seed.\n");
		goto err_warn;
	}
	status = rng->get_rng(rng, &rng_algo_raw, EFI_RANDOM_SEED_SIZE, seed->bits);
	if (status == EFI_UNSUPPORTED)	/* no raw source: whatever algorithm it has */
		status = rng->get_rng(rng, NULL, EFI_RANDOM_SEED_SIZE, seed->bits);
	if (status != EFI_SUCCESS)
		goto err_freepool;

	seed->size = seed_size;
	if (prev_seed_size)
		memcpy(seed->bits + EFI_RANDOM_SEED_SIZE, prev_seed->bits, prev_seed_size);
	status = efi_bs_call(install_configuration_table, &rng_table_guid, seed);
	if (status != EFI_SUCCESS)
		goto err_freepool;
	if (prev_seed_size) {
		memset(prev_seed->bits, 0, prev_seed_size);
		efi_bs_call(free_pool, prev_seed);
	}
	return EFI_SUCCESS;

err_freepool:
	memset(seed, 0, sizeof(*seed) + seed_size);
	efi_bs_call(free_pool, seed);
	efi_warn("Failed to obtain seed from EFI_RNG_PROTOCOL\n");
err_warn:
	if (prev_seed)
		efi_warn("Retaining bootloader-supplied seed only");
	return status;
}
