/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/stddef.h>. */
#ifndef _KPLAY_LINUX_STDDEF_H
#define _KPLAY_LINUX_STDDEF_H

#ifndef __cplusplus
#undef NULL
#define NULL ((void *)0)

enum { false = 0, true = 1 };
#endif

#undef offsetof
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif
