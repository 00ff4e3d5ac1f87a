// SPDX-License-Identifier: GPL-2.0
/*
 * vkbd.c - a virtual keyboard for the vinput framework.
 *
 * `echo vkbd > /sys/class/vinput/export` makes a keyboard. Each word
 * written to its /dev/vinputN is a key code: "30" presses and releases
 * KEY_A, "+42" holds KEY_LEFTSHIFT down, "-42" lets it go. Each word is one
 * packet of events (input_sync).
 */
#define pr_fmt(fmt) "vkbd: " fmt

#include <linux/init.h>
#include <linux/input.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>

#include "vinput.h"

MODULE_DESCRIPTION("A virtual keyboard for vinput");
MODULE_LICENSE("GPL");

static int vkbd_setup(struct vinput *vi)
{
	int key;

	/* the keyboard keys; no EV_REP: no autorepeat of held keys */
	set_bit(EV_KEY, vi->input->evbit);
	for (key = KEY_ESC; key < BTN_MISC; key++)
		set_bit(key, vi->input->keybit);
	return 0;
}

static int vkbd_key(struct vinput *vi, const char *word)
{
	int press = 1, release = 1;
	unsigned int key;
	int err;

	if (*word == '+') {
		release = 0;
		word++;
	} else if (*word == '-') {
		press = 0;
		word++;
	}
	err = kstrtouint(word, 10, &key);
	if (err)
		return err;
	if (key == KEY_RESERVED || key >= BTN_MISC)
		return -EINVAL;
	if (press) {
		input_report_key(vi->input, key, 1);
		input_sync(vi->input);
	}
	if (release) {
		input_report_key(vi->input, key, 0);
		input_sync(vi->input);
	}
	return 0;
}

static int vkbd_send(struct vinput *vi, const char *buf, size_t len)
{
	char words[256], *p = words, *word;
	int err;

	if (len >= sizeof(words))
		return -EINVAL;
	memcpy(words, buf, len);
	words[len] = '\0';
	while ((word = strsep(&p, " \t\n"))) {
		if (!*word)
			continue;
		err = vkbd_key(vi, word);
		if (err)
			return err;
	}
	return 0;
}

static struct vinput_type vkbd_type = {
	.name = "vkbd",
	.owner = THIS_MODULE,
	.setup = vkbd_setup,
	.send = vkbd_send,
};

static int __init vkbd_init(void)
{
	return vinput_register(&vkbd_type);
}

static void __exit vkbd_exit(void)
{
	vinput_unregister(&vkbd_type);
}

module_init(vkbd_init);
module_exit(vkbd_exit);
