/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/moduleparam.h>. The layout and section (__param) are
 * the kernel's: the loader finds the table in the plugin, parses insmod's
 * arguments through the ops (kernel/params.c rules) and shows each parameter
 * with a non-zero perm under /sys/module/<mod>/parameters/.
 */
#ifndef _KPLAY_LINUX_MODULEPARAM_H
#define _KPLAY_LINUX_MODULEPARAM_H

#include "linux/init.h"
#include "linux/stringify.h"
#ifndef __cplusplus
#include "linux/kernel.h" /* ARRAY_SIZE, BUILD_BUG_ON_ZERO; the daemon's C++ needs only the structs */
#else
#include "linux/types.h"
#endif

#ifdef MODULE
#define MODULE_PARAM_PREFIX /* empty */
#define __MODULE_INFO_PREFIX /* empty */
#else
#define MODULE_PARAM_PREFIX KBUILD_MODNAME "."
#define __MODULE_INFO_PREFIX KBUILD_MODNAME "."
#endif

/* One NUL-terminated "tag=info" string in .modinfo, read by modinfo without loading. */
#define __MODULE_INFO(tag, name, info)                                         \
	static const char __UNIQUE_ID(name)[] __used __section(".modinfo")     \
		__aligned(1) = __MODULE_INFO_PREFIX __stringify(tag) "=" info

#define __MODULE_PARM_TYPE(name, _type) __MODULE_INFO(parmtype, name##type, #name ":" _type)

#define MODULE_PARM_DESC(_parm, desc) __MODULE_INFO(parm, _parm, #_parm ":" desc)

struct kernel_param;

enum {
	KERNEL_PARAM_OPS_FL_NOARG = (1 << 0)
};

struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};

enum {
	KERNEL_PARAM_FL_UNSAFE = (1 << 0),
	KERNEL_PARAM_FL_HWPARAM = (1 << 1),
};

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;
	const struct kernel_param_ops *ops;
	void *elem;
};

struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	const u16 perm;
	s8 level;
	u8 flags;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};

/* The kernel refuses world-writable parameters at compile time. */
#define VERIFY_OCTAL_PERMISSIONS(perm)                                         \
	(BUILD_BUG_ON_ZERO((perm) < 0) + BUILD_BUG_ON_ZERO((perm) > 0777) +    \
	 BUILD_BUG_ON_ZERO((((perm) >> 6) & 4) < (((perm) >> 3) & 4)) +       \
	 BUILD_BUG_ON_ZERO((((perm) >> 3) & 4) < ((perm) & 4)) +               \
	 BUILD_BUG_ON_ZERO((((perm) >> 6) & 2) < (((perm) >> 3) & 2)) +       \
	 BUILD_BUG_ON_ZERO((perm) & 2) + (perm))

#define __module_param_call(prefix, name, ops, arg, perm, level, flags)        \
	static const char __param_str_##name[] = prefix #name;                 \
	static const struct kernel_param __param_##name __used                 \
		__section("__param")                                           \
		__aligned(__alignof__(struct kernel_param)) = {                \
			__param_str_##name, THIS_MODULE, ops,                  \
			VERIFY_OCTAL_PERMISSIONS(perm), level, flags, { arg }  \
		}

#define module_param_cb(name, ops, arg, perm)                                  \
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)

#define module_param_cb_unsafe(name, ops, arg, perm)                           \
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1,      \
			    KERNEL_PARAM_FL_UNSAFE)

/* Type checks: the variable must have the type the param type names. */
#define __param_check(name, p, type)                                           \
	static inline type __always_unused *__check_##name(void)               \
	{                                                                      \
		return (p);                                                    \
	}

#define module_param_named(name, value, type, perm)                            \
	param_check_##type(name, &(value));                                    \
	module_param_cb(name, &param_ops_##type, &value, perm);                \
	__MODULE_PARM_TYPE(name, #type)

#define module_param(name, type, perm) module_param_named(name, name, type, perm)

#define module_param_unsafe(name, type, perm)                                  \
	param_check_##type(name, &(name));                                     \
	module_param_cb_unsafe(name, &param_ops_##type, &name, perm);          \
	__MODULE_PARM_TYPE(name, #type)

#define module_param_string(name, string, len, perm)                           \
	static const struct kparam_string __param_string_##name = { len,       \
								    string };  \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_string,      \
			    .str = &__param_string_##name, perm, -1, 0);       \
	__MODULE_PARM_TYPE(name, "string")

#define module_param_array_named(name, array, type, nump, perm)                \
	param_check_##type(name, &(array)[0]);                                 \
	static const struct kparam_array __param_arr_##name = {                \
		.max = ARRAY_SIZE(array),                                      \
		.num = nump,                                                   \
		.ops = &param_ops_##type,                                      \
		.elemsize = sizeof(array[0]),                                  \
		.elem = array                                                  \
	};                                                                     \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_array_ops,       \
			    .arr = &__param_arr_##name, perm, -1, 0);          \
	__MODULE_PARM_TYPE(name, "array of " #type)

#define module_param_array(name, type, nump, perm)                             \
	module_param_array_named(name, name, type, nump, perm)

#ifdef __cplusplus
extern "C" {
#endif

extern const struct kernel_param_ops param_ops_byte;
extern const struct kernel_param_ops param_ops_short;
extern const struct kernel_param_ops param_ops_ushort;
extern const struct kernel_param_ops param_ops_int;
extern const struct kernel_param_ops param_ops_uint;
extern const struct kernel_param_ops param_ops_long;
extern const struct kernel_param_ops param_ops_ulong;
extern const struct kernel_param_ops param_ops_ullong;
extern const struct kernel_param_ops param_ops_hexint;
extern const struct kernel_param_ops param_ops_charp;
extern const struct kernel_param_ops param_ops_bool;
extern const struct kernel_param_ops param_ops_bool_enable_only;
extern const struct kernel_param_ops param_ops_invbool;
extern const struct kernel_param_ops param_ops_string;
extern const struct kernel_param_ops param_array_ops;

int param_set_byte(const char *val, const struct kernel_param *kp);
int param_get_byte(char *buffer, const struct kernel_param *kp);
int param_set_short(const char *val, const struct kernel_param *kp);
int param_get_short(char *buffer, const struct kernel_param *kp);
int param_set_ushort(const char *val, const struct kernel_param *kp);
int param_get_ushort(char *buffer, const struct kernel_param *kp);
int param_set_int(const char *val, const struct kernel_param *kp);
int param_get_int(char *buffer, const struct kernel_param *kp);
int param_set_uint(const char *val, const struct kernel_param *kp);
int param_get_uint(char *buffer, const struct kernel_param *kp);
int param_set_long(const char *val, const struct kernel_param *kp);
int param_get_long(char *buffer, const struct kernel_param *kp);
int param_set_ulong(const char *val, const struct kernel_param *kp);
int param_get_ulong(char *buffer, const struct kernel_param *kp);
int param_set_ullong(const char *val, const struct kernel_param *kp);
int param_get_ullong(char *buffer, const struct kernel_param *kp);
int param_set_hexint(const char *val, const struct kernel_param *kp);
int param_get_hexint(char *buffer, const struct kernel_param *kp);
int param_set_charp(const char *val, const struct kernel_param *kp);
int param_get_charp(char *buffer, const struct kernel_param *kp);
void param_free_charp(void *arg);
int param_set_bool(const char *val, const struct kernel_param *kp);
int param_get_bool(char *buffer, const struct kernel_param *kp);
int param_set_bool_enable_only(const char *val, const struct kernel_param *kp);
int param_set_invbool(const char *val, const struct kernel_param *kp);
int param_get_invbool(char *buffer, const struct kernel_param *kp);
int param_set_copystring(const char *val, const struct kernel_param *kp);
int param_get_string(char *buffer, const struct kernel_param *kp);

#ifdef __cplusplus
}
#endif

#define param_check_byte(name, p) __param_check(name, p, unsigned char)
#define param_check_short(name, p) __param_check(name, p, short)
#define param_check_ushort(name, p) __param_check(name, p, unsigned short)
#define param_check_int(name, p) __param_check(name, p, int)
#define param_check_uint(name, p) __param_check(name, p, unsigned int)
#define param_check_long(name, p) __param_check(name, p, long)
#define param_check_ulong(name, p) __param_check(name, p, unsigned long)
#define param_check_ullong(name, p) __param_check(name, p, unsigned long long)
#define param_check_hexint(name, p) __param_check(name, p, unsigned int)
#define param_check_charp(name, p) __param_check(name, p, char *)
#define param_check_bool(name, p) __param_check(name, p, bool)
#define param_check_bool_enable_only param_check_bool
#define param_check_invbool(name, p) __param_check(name, p, bool)

#endif
