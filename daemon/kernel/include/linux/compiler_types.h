/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/compiler_types.h>: sparse annotations and GCC attributes. */
#ifndef _KPLAY_LINUX_COMPILER_TYPES_H
#define _KPLAY_LINUX_COMPILER_TYPES_H

/* Sparse address-space annotations: no meaning to the compiler, as in the kernel. */
#define __user
#define __kernel
#define __iomem
#define __force
#define __rcu
#define __percpu
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)

#define __section(s) __attribute__((__section__(s)))
#define __used __attribute__((__used__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __packed __attribute__((__packed__))
#define __weak __attribute__((__weak__))
#define __alias(sym) __attribute__((__alias__(#sym)))
#define __cold __attribute__((__cold__))
#define __noreturn __attribute__((__noreturn__))
#define __pure __attribute__((__pure__))
#define __malloc __attribute__((__malloc__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __scanf(a, b) __attribute__((__format__(scanf, a, b)))
#define __must_check __attribute__((__warn_unused_result__))
#ifndef __cplusplus
#define __always_inline inline __attribute__((__always_inline__))
#endif
#ifndef __cplusplus /* libstdc++ and fmt use the word */
#define noinline __attribute__((__noinline__))
#endif
#define __visible __attribute__((__externally_visible__))
#define __copy(sym) __attribute__((__copy__(sym)))
#define __nocfi
#define notrace
#ifndef __cplusplus
#define fallthrough __attribute__((__fallthrough__))
#endif

#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))

#endif
