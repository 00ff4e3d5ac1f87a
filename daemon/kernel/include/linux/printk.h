/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/printk.h>. printk() and vprintk() write into kplay's
 * log ring (read with `kplay dmesg` or DIR/dev/kmsg); the format language is
 * the kernel's (lib/vsprintf.c), including the %p extensions kplay knows.
 */
#ifndef _KPLAY_LINUX_PRINTK_H
#define _KPLAY_LINUX_PRINTK_H

#include "linux/stdarg.h"
#include "linux/kern_levels.h"
#include "linux/types.h"

#ifdef __cplusplus
extern "C" {
#endif

__printf(1, 2) __cold int _printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);

#ifdef __cplusplus
}
#endif

#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)

/* Checks the format like printk() but prints nothing. */
#define no_printk(fmt, ...)                              \
	({                                               \
		if (0)                                   \
			_printk(fmt, ##__VA_ARGS__);     \
		0;                                       \
	})

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning pr_warn
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

/*
 * pr_debug is compiled in only with DEBUG defined; kplay has no dynamic debug
 * yet, so without DEBUG it checks the format and prints nothing.
 */
#ifdef DEBUG
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_debug(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

#endif
