/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/kstrtox.h>: strict string-to-integer conversion (lib/kstrtox.c). */
#ifndef _KPLAY_LINUX_KSTRTOX_H
#define _KPLAY_LINUX_KSTRTOX_H

#include "linux/compiler.h"
#include "linux/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Each returns 0 or -EINVAL (not a number; one trailing newline is allowed)
 * or -ERANGE (does not fit); base 0 means 0x.. hex, 0.. octal, else decimal.
 */
int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res);
int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check kstrtol(const char *s, unsigned int base, long *res);
int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);
int __must_check kstrtou16(const char *s, unsigned int base, u16 *res);
int __must_check kstrtos16(const char *s, unsigned int base, s16 *res);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res);
int __must_check kstrtos8(const char *s, unsigned int base, s8 *res);
int __must_check kstrtobool(const char *s, bool *res);

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);

#ifdef __cplusplus
}
#endif

#define kstrtou64 kstrtoull
#define kstrtos64 kstrtoll
#define kstrtou32 kstrtouint
#define kstrtos32 kstrtoint

#endif
