// SPDX-License-Identifier: GPL-2.0
/*
 * UEFI Secure Boot state for /chosen/linux,uefi-secure-boot, read from the SecureBoot and
 * SetupMode variables (and shim's MokSBStateRT) as Linux 6.1's stub reads them.
 */
#include "efistub.h"

#define EFI_VARIABLE_NON_VOLATILE	0x1
#define EFI_SHIM_LOCK_GUID	EFI_GUID(0x605dab50, 0xe046, 0x4300, 0xab, 0xb6, 0x3d, 0xd8, 0x10, 0xdd, 0x8b, 0x23)

static efi_status_t get_var(const efi_char16_t *name, efi_guid_t guid, u32 *attr,
			    unsigned long *size, void *data)
{
	return efi_rt_call(get_variable, (efi_char16_t *)name, &guid, attr, size, data);
}

/* Linux's efi_get_secureboot_mode: no SecureBoot variable means disabled. */
static enum efi_secureboot_mode efi_get_secureboot_mode(void)
{
	static const efi_char16_t secure_boot[] = u"SecureBoot";
	static const efi_char16_t setup_mode[] = u"SetupMode";
	u8 secboot, setupmode = 0;
	unsigned long size = sizeof(secboot);
	efi_status_t status;

	status = get_var(secure_boot, EFI_GLOBAL_VARIABLE_GUID, NULL, &size, &secboot);
	if (status == EFI_NOT_FOUND)
		return efi_secureboot_mode_disabled;
	if (status != EFI_SUCCESS)
		return efi_secureboot_mode_unknown;
	size = sizeof(setupmode);
	get_var(setup_mode, EFI_GLOBAL_VARIABLE_GUID, NULL, &size, &setupmode);
	if (secboot == 0 || setupmode == 1)
		return efi_secureboot_mode_disabled;
	return efi_secureboot_mode_enabled;
}

enum efi_secureboot_mode efi_get_secureboot(void)
{
	static const efi_char16_t moksbstate_name[] = u"MokSBStateRT";
	enum efi_secureboot_mode mode = efi_get_secureboot_mode();
	unsigned long size;
	u8 moksbstate;
	u32 attr;

	if (mode == efi_secureboot_mode_unknown) {
		efi_err("Could not determine UEFI Secure Boot status.\n");
		return efi_secureboot_mode_unknown;
	}
	if (mode != efi_secureboot_mode_enabled)
		return mode;
	/* shim put into insecure mode by the user, in a volatile variable: honour it. */
	size = sizeof(moksbstate);
	if (get_var(moksbstate_name, EFI_SHIM_LOCK_GUID, &attr, &size, &moksbstate) == EFI_SUCCESS &&
	    !(attr & EFI_VARIABLE_NON_VOLATILE) && moksbstate == 1)
		return efi_secureboot_mode_disabled;
	efi_info("UEFI Secure Boot is enabled.\n");
	return efi_secureboot_mode_enabled;
}
