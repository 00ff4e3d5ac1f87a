/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/stdarg.h>: the kernel's own varargs, no libc. */
#ifndef _KPLAY_LINUX_STDARG_H
#define _KPLAY_LINUX_STDARG_H

#ifdef __cplusplus /* kplay's own C++ gets the compiler's, the same builtins */
#include <cstdarg>
#else
typedef __builtin_va_list va_list;
#define va_start(v, l) __builtin_va_start(v, l)
#define va_end(v) __builtin_va_end(v)
#define va_arg(v, T) __builtin_va_arg(v, T)
#define va_copy(d, s) __builtin_va_copy(d, s)
#endif

#endif
