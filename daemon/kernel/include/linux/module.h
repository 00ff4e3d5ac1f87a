/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/module.h>. struct module holds what modules and the
 * loader share; the generated <mod>.mod.c defines __this_module exactly as
 * modpost does for a real .ko.
 */
#ifndef _KPLAY_LINUX_MODULE_H
#define _KPLAY_LINUX_MODULE_H

#include "linux/compiler.h"
#include "linux/types.h"
#ifndef __cplusplus
#include "linux/stat.h"
#endif
#include "linux/init.h"
#ifndef __cplusplus
#include "linux/kernel.h"
#include "linux/string.h" /* reached through the kernel's own headers too */
#endif
#include "linux/export.h"
#include "linux/moduleparam.h"

#define MODULE_NAME_LEN (64 - sizeof(unsigned long))

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

struct kplay_module; /* the loader's bookkeeping, opaque to modules */

struct module {
	enum module_state state;
	char name[MODULE_NAME_LEN];
	int (*init)(void);
	void (*exit)(void);
	struct kplay_module *kplay;
};

#ifdef MODULE
extern struct module __this_module;
#define THIS_MODULE (&__this_module)
#else
#define THIS_MODULE ((struct module *)0)
#endif

#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)
#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware) MODULE_INFO(firmware, _firmware)

#ifdef __cplusplus
extern "C" {
#endif

/* Module references: an unload fails with -EBUSY while any are held. */
bool try_module_get(struct module *module);
void __module_get(struct module *module);
void module_put(struct module *module);
int module_refcount(struct module *mod);
const char *module_name(const struct module *mod);

#ifdef __cplusplus
}
#endif

#endif
