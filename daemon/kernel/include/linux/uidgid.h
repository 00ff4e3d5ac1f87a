/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/uidgid.h>: kuid_t/kgid_t (kplay has one user namespace). */
#ifndef _KPLAY_LINUX_UIDGID_H
#define _KPLAY_LINUX_UIDGID_H

#include "linux/types.h"

typedef struct {
	unsigned int val;
} kuid_t;

typedef struct {
	unsigned int val;
} kgid_t;

#define KUIDT_INIT(value) ((kuid_t){ value })
#define KGIDT_INIT(value) ((kgid_t){ value })
#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)

static inline unsigned int __kuid_val(kuid_t uid)
{
	return uid.val;
}

static inline unsigned int __kgid_val(kgid_t gid)
{
	return gid.val;
}

static inline bool uid_eq(kuid_t a, kuid_t b)
{
	return a.val == b.val;
}

static inline bool gid_eq(kgid_t a, kgid_t b)
{
	return a.val == b.val;
}

#endif
