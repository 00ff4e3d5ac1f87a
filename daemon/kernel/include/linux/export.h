/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/export.h>. EXPORT_SYMBOL puts a kernel_symbol in the
 * module's __ksymtab section, as in the kernel; kplay's loader reads it and
 * lets modules loaded later link against the symbol.
 */
#ifndef _KPLAY_LINUX_EXPORT_H
#define _KPLAY_LINUX_EXPORT_H

#include "linux/compiler.h"
#include "linux/stringify.h"

struct kernel_symbol {
	const void *value;
	const char *name;
	const char *license; /* "" or "_gpl" */
};

#ifdef MODULE
#define __EXPORT_SYMBOL(sym, sec)                                              \
	extern __typeof__(sym) sym;                                            \
	static const char __kstrtab_##sym[] = #sym;                            \
	static const struct kernel_symbol __ksymtab_##sym __used               \
		__section("__ksymtab") __aligned(sizeof(void *)) = {            \
			(const void *)&sym, __kstrtab_##sym, sec               \
		}
#else
#define __EXPORT_SYMBOL(sym, sec)
#endif

#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, "")
#define EXPORT_SYMBOL_GPL(sym) __EXPORT_SYMBOL(sym, "_gpl")

#endif
