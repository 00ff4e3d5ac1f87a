/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/of.h>: the device tree. kplay starts with an empty
 * tree (as an x86 machine has none); `kplay dt load FILE` adds nodes from a
 * .dts/.dtb or an overlay, and nodes with a "compatible" under the root (or
 * a "simple-bus") become platform devices that drivers bind to through
 * their of_match_table. ROOT/sys/firmware/devicetree/base shows the tree.
 */
#ifndef _KPLAY_LINUX_OF_H
#define _KPLAY_LINUX_OF_H

#include "linux/types.h"
#include "linux/errno.h"
#include "linux/mod_devicetable.h"
#include "asm/byteorder.h"

typedef u32 phandle;

struct property {
	char *name;
	int length;
	void *value;
	struct property *next;
};

struct device_node {
	const char *name;
#ifdef __cplusplus
	u32 phandle; /* C++ rejects a member named like its type */
#else
	phandle phandle;
#endif
	const char *full_name;
	struct property *properties;
	struct device_node *parent;
	struct device_node *child;
	struct device_node *sibling;
	unsigned long _flags;
	void *data;
	void *kplay;
};

struct device;

#ifdef __cplusplus
extern "C" {
#endif

struct device_node *of_node_get(struct device_node *node);
void of_node_put(struct device_node *node);
struct property *of_find_property(const struct device_node *np, const char *name, int *lenp);
const void *of_get_property(const struct device_node *node, const char *name, int *lenp);
int of_property_read_u32_index(const struct device_node *np, const char *propname, u32 index, u32 *out_value);
int of_property_read_u64(const struct device_node *np, const char *propname, u64 *out_value);
int of_property_read_variable_u8_array(const struct device_node *np, const char *propname, u8 *out_values,
				       size_t sz_min, size_t sz_max);
int of_property_read_variable_u16_array(const struct device_node *np, const char *propname, u16 *out_values,
					size_t sz_min, size_t sz_max);
int of_property_read_variable_u32_array(const struct device_node *np, const char *propname, u32 *out_values,
					size_t sz_min, size_t sz_max);
int of_property_read_variable_u64_array(const struct device_node *np, const char *propname, u64 *out_values,
					size_t sz_min, size_t sz_max);
int of_property_read_string(const struct device_node *np, const char *propname, const char **out_string);
int of_property_read_string_helper(const struct device_node *np, const char *propname, const char **out_strs,
				   size_t sz, int index);
int of_property_match_string(const struct device_node *np, const char *propname, const char *string);
int of_property_count_elems_of_size(const struct device_node *np, const char *propname, int elem_size);
int of_device_is_compatible(const struct device_node *device, const char *compat);
bool of_device_is_available(const struct device_node *device);
struct device_node *of_get_parent(const struct device_node *node);
struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev);
struct device_node *of_get_next_available_child(const struct device_node *node, struct device_node *prev);
struct device_node *of_get_child_by_name(const struct device_node *node, const char *name);
struct device_node *of_find_node_by_path(const char *path);
struct device_node *of_find_compatible_node(struct device_node *from, const char *type, const char *compat);
const struct of_device_id *of_match_node(const struct of_device_id *matches, const struct device_node *node);

#ifdef __cplusplus
}
#endif

#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; child = of_get_next_child(parent, child))
#define for_each_available_child_of_node(parent, child) \
	for (child = of_get_next_available_child(parent, NULL); child != NULL; \
	     child = of_get_next_available_child(parent, child))

static inline const char *of_node_full_name(const struct device_node *np)
{
	return np ? np->full_name : "<no-node>";
}

static inline bool of_property_read_bool(const struct device_node *np, const char *propname)
{
	return of_find_property(np, propname, NULL) != NULL;
}

static inline bool of_property_present(const struct device_node *np, const char *propname)
{
	return of_property_read_bool(np, propname);
}

static inline int of_property_read_u8_array(const struct device_node *np, const char *propname, u8 *out_values,
					    size_t sz)
{
	int ret = of_property_read_variable_u8_array(np, propname, out_values, sz, 0);
	return ret >= 0 ? 0 : ret;
}

static inline int of_property_read_u16_array(const struct device_node *np, const char *propname, u16 *out_values,
					     size_t sz)
{
	int ret = of_property_read_variable_u16_array(np, propname, out_values, sz, 0);
	return ret >= 0 ? 0 : ret;
}

static inline int of_property_read_u32_array(const struct device_node *np, const char *propname, u32 *out_values,
					     size_t sz)
{
	int ret = of_property_read_variable_u32_array(np, propname, out_values, sz, 0);
	return ret >= 0 ? 0 : ret;
}

static inline int of_property_read_u64_array(const struct device_node *np, const char *propname, u64 *out_values,
					     size_t sz)
{
	int ret = of_property_read_variable_u64_array(np, propname, out_values, sz, 0);
	return ret >= 0 ? 0 : ret;
}

static inline int of_property_read_u8(const struct device_node *np, const char *propname, u8 *out_value)
{
	return of_property_read_u8_array(np, propname, out_value, 1);
}

static inline int of_property_read_u16(const struct device_node *np, const char *propname, u16 *out_value)
{
	return of_property_read_u16_array(np, propname, out_value, 1);
}

static inline int of_property_read_u32(const struct device_node *np, const char *propname, u32 *out_value)
{
	return of_property_read_u32_array(np, propname, out_value, 1);
}

static inline int of_property_read_s32(const struct device_node *np, const char *propname, s32 *out_value)
{
	return of_property_read_u32(np, propname, (u32 *)out_value);
}

static inline int of_property_read_string_index(const struct device_node *np, const char *propname, int index,
						const char **output)
{
	int rc = of_property_read_string_helper(np, propname, output, 1, index);
	return rc < 0 ? rc : 0;
}

static inline int of_property_count_strings(const struct device_node *np, const char *propname)
{
	return of_property_read_string_helper(np, propname, NULL, 0, 0);
}

static inline int of_property_count_u8_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u8));
}

static inline int of_property_count_u16_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u16));
}

static inline int of_property_count_u32_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u32));
}

static inline int of_property_count_u64_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u64));
}

#define of_match_ptr(_ptr) (_ptr)

#endif
