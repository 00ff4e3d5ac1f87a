/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/build_bug.h>: compile-time assertions. */
#ifndef _KPLAY_LINUX_BUILD_BUG_H
#define _KPLAY_LINUX_BUILD_BUG_H

#include "linux/compiler.h"

#ifdef __cplusplus
#define BUILD_BUG_ON_ZERO(e) 0
#else
/* Evaluates to 0 of type int, or breaks the build when e is true. */
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))
#endif
#define BUILD_BUG_ON_MSG(cond, msg) _Static_assert(!(cond), msg)
#define BUILD_BUG_ON(condition) BUILD_BUG_ON_MSG(condition, "BUILD_BUG_ON failed: " #condition)
#define BUILD_BUG() BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)

#endif
