/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/tty_driver.h>: see linux/tty.h. */
#include "linux/tty.h"
