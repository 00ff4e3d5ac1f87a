/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/init.h>. For a loadable module __init/__exit only
 * mark sections, exactly as in the kernel; module_init/module_exit make the
 * aliases init_module/cleanup_module that the loader calls.
 */
#ifndef _KPLAY_LINUX_INIT_H
#define _KPLAY_LINUX_INIT_H

#include "linux/compiler.h"
#include "linux/types.h"

#define __init __section(".init.text") __cold
#define __initdata __section(".init.data")
#define __initconst __section(".init.rodata")
#define __exit __section(".exit.text") __used __cold
#define __exitdata __section(".exit.data")
#ifndef __cplusplus /* libstdc++ uses __ref as a parameter name */
#define __ref
#define __refdata
#endif

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#ifdef MODULE
/* Each function is called once: the init when loading, the exit when unloading. */
#define module_init(initfn)                                                 \
	static inline initcall_t __maybe_unused __inittest(void)            \
	{                                                                   \
		return initfn;                                              \
	}                                                                   \
	int init_module(void) __copy(initfn) __attribute__((__alias__(#initfn)))

#define module_exit(exitfn)                                                 \
	static inline exitcall_t __maybe_unused __exittest(void)            \
	{                                                                   \
		return exitfn;                                              \
	}                                                                   \
	void cleanup_module(void) __copy(exitfn) __attribute__((__alias__(#exitfn)))
#endif

#endif
