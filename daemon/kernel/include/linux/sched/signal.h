/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/sched/signal.h>: signal_pending() lives in linux/sched.h. */
#include "linux/sched.h"
