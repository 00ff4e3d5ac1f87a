// Character devices (mirrors fs/char_dev.c): the major/minor registry,
// cdev maps, /proc/devices, and the nodes of ROOT/dev. A node is a regular
// file in the FUSE mount (see DESIGN.md) bound to a dev_t; opening it finds
// the cdev for that dev_t or fails with ENXIO, as chrdev_open does.
#pragma once

#include "vfs/tree.h"

#include <sys/types.h>

#include <memory>
#include <string>

namespace kplay {

/// Creates ROOT/dev/<name> (a path relative to ROOT/dev) for a device number;
/// mode holds the permission bits. Used by device_create and mknod.
std::shared_ptr<vfs::Node> devtmpfs_create_node(const std::string &name, unsigned int devt, mode_t mode, int *err);
void devtmpfs_delete_node(const std::string &name);

/// /proc/devices text.
std::string proc_devices_text();

/// Creates /proc/devices and wires mknod in ROOT/dev.
void chrdev_init();

} // namespace kplay
