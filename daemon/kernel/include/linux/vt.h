/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/vt.h>: the number of virtual consoles. */
#ifndef _KPLAY_LINUX_VT_H
#define _KPLAY_LINUX_VT_H

#define MIN_NR_CONSOLES 1
#define MAX_NR_CONSOLES 63

#endif
