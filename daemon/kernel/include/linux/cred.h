/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/cred.h>: the credentials of `current`. */
#ifndef _KPLAY_LINUX_CRED_H
#define _KPLAY_LINUX_CRED_H

#include "linux/sched.h"
#include "linux/uidgid.h"

#define current_cred() (get_current()->cred)
#define current_uid() (current_cred()->uid)
#define current_gid() (current_cred()->gid)
#define current_euid() (current_cred()->euid)
#define current_egid() (current_cred()->egid)
#define current_fsuid() (current_cred()->fsuid)

#endif
