/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/bug.h>: BUG() oopses (the calling task ends, the rest
 * of kplay goes on), WARN() reports and continues.
 */
#ifndef _KPLAY_LINUX_BUG_H
#define _KPLAY_LINUX_BUG_H

#include "linux/compiler.h"
#include "linux/build_bug.h"
#include "linux/printk.h"
#ifndef __cplusplus
#include "linux/kernel.h" /* snprintf */
#endif

#ifdef __cplusplus
extern "C" {
#endif

__noreturn void kplay_bug(const char *file, int line);
void kplay_warn(const char *file, int line, const void *caller, const char *msg);

#ifdef __cplusplus
}
#endif

#define BUG() kplay_bug(__FILE__, __LINE__)
#define BUG_ON(condition)                        \
	do {                                     \
		if (unlikely(condition))         \
			BUG();                   \
	} while (0)

#define __WARN_printf(fmt, ...)                                                          \
	({                                                                               \
		char __kp_msg[256];                                                      \
		snprintf(__kp_msg, sizeof(__kp_msg), fmt, ##__VA_ARGS__);                \
		kplay_warn(__FILE__, __LINE__, __builtin_return_address(0), __kp_msg);   \
	})

#define WARN_ON(condition)                                                               \
	({                                                                               \
		int __ret_warn_on = !!(condition);                                       \
		if (unlikely(__ret_warn_on))                                             \
			kplay_warn(__FILE__, __LINE__, __builtin_return_address(0), "");  \
		unlikely(__ret_warn_on);                                                 \
	})

#define WARN(condition, fmt...)                                                          \
	({                                                                               \
		int __ret_warn_on = !!(condition);                                       \
		if (unlikely(__ret_warn_on))                                             \
			__WARN_printf(fmt);                                              \
		unlikely(__ret_warn_on);                                                 \
	})

#define WARN_ON_ONCE(condition)                                                          \
	({                                                                               \
		static bool __warned;                                                    \
		int __ret_warn_once = !!(condition);                                     \
		if (unlikely(__ret_warn_once && !__warned)) {                            \
			__warned = true;                                                 \
			WARN_ON(1);                                                      \
		}                                                                        \
		unlikely(__ret_warn_once);                                               \
	})

#define WARN_ONCE(condition, format...)                                                  \
	({                                                                               \
		static bool __warned;                                                    \
		int __ret_warn_once = !!(condition);                                     \
		if (unlikely(__ret_warn_once && !__warned)) {                            \
			__warned = true;                                                 \
			WARN(1, format);                                                 \
		}                                                                        \
		unlikely(__ret_warn_once);                                               \
	})

#endif
