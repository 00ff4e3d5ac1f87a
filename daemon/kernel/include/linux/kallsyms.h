/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/kallsyms.h>. kallsyms_lookup_name exists but, as
 * since 5.7, is not exported: linking against it fails with "Unknown symbol"
 * (modules find it through a kprobe on its name). */
#ifndef _KPLAY_LINUX_KALLSYMS_H
#define _KPLAY_LINUX_KALLSYMS_H

#include "linux/types.h"

#define KSYM_NAME_LEN 512

#ifdef __cplusplus
extern "C" {
#endif

unsigned long kallsyms_lookup_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif
