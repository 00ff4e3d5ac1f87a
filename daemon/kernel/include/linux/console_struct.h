/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/console_struct.h>: the virtual consoles. kplay's
 * machine has one console (tty1) with its tty open, as on a machine whose
 * first console runs a login prompt; see kernel/vt.cpp.
 */
#ifndef _KPLAY_LINUX_CONSOLE_STRUCT_H
#define _KPLAY_LINUX_CONSOLE_STRUCT_H

#include "linux/tty.h"
#include "linux/vt.h"

struct vc_data {
	struct tty_port port; /* port.tty: the console's tty while it is open */
	unsigned short vc_num; /* console number: tty<vc_num + 1> */
	unsigned int vc_cols;
	unsigned int vc_rows;
};

struct vc {
	struct vc_data *d;
};

#ifdef __cplusplus
extern "C" {
#endif

extern struct vc vc_cons[MAX_NR_CONSOLES];

#ifdef __cplusplus
}
#endif

#endif
