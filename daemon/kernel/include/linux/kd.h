/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/kd.h>: the keyboard LED ioctls of a virtual console. */
#ifndef _KPLAY_LINUX_KD_H
#define _KPLAY_LINUX_KD_H

#define KDGETLED 0x4B31 /* return current led state */
#define KDSETLED 0x4B32 /* set led state [lights, not flags] */
#define LED_SCR 0x01
#define LED_NUM 0x02
#define LED_CAP 0x04

#endif
