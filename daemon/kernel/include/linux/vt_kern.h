/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/vt_kern.h>: the foreground console. */
#ifndef _KPLAY_LINUX_VT_KERN_H
#define _KPLAY_LINUX_VT_KERN_H

#include "linux/vt.h"
#include "linux/kd.h"
#include "linux/tty.h"
#include "linux/console_struct.h"

#ifdef __cplusplus
extern "C" {
#endif

extern int fg_console;
int vc_cons_allocated(unsigned int console);

#ifdef __cplusplus
}
#endif

#endif
