/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/irq.h>: the trigger types (the IRQ core lives in kernel/irq.cpp). */
#ifndef _KPLAY_LINUX_IRQ_H
#define _KPLAY_LINUX_IRQ_H

#include "linux/interrupt.h"

#define IRQ_TYPE_NONE 0x00000000
#define IRQ_TYPE_EDGE_RISING 0x00000001
#define IRQ_TYPE_EDGE_FALLING 0x00000002
#define IRQ_TYPE_EDGE_BOTH (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING)
#define IRQ_TYPE_LEVEL_HIGH 0x00000004
#define IRQ_TYPE_LEVEL_LOW 0x00000008
#define IRQ_TYPE_SENSE_MASK 0x0000000f

#endif
