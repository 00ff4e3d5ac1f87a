/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/stringify.h>. */
#ifndef _KPLAY_LINUX_STRINGIFY_H
#define _KPLAY_LINUX_STRINGIFY_H

#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)

#endif
