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

/// Another server of the character devices (the CUSE transport): told, outside
/// any lock, when a cdev range starts or stops being served and when
/// device_create makes or removes a node (path relative to the dev root).
class ChrdevObserver {
public:
	virtual ~ChrdevObserver() = default;
	virtual void cdev_added(unsigned major, unsigned baseminor, unsigned count, const std::string &name) = 0;
	virtual void cdev_removed(unsigned major, unsigned baseminor, unsigned count) = 0;
	virtual void node_added(const std::string &path, unsigned major, unsigned minor, mode_t mode) = 0;
	virtual void node_removed(const std::string &path) = 0;
};
/// Installs the observer (nullptr: none); not while modules are loaded.
void chrdev_set_observer(ChrdevObserver *obs);

/// With the devices registered in the host kernel too (CUSE), a major the
/// host already uses is taken: dynamic majors skip it, as the host kernel's
/// own allocator would, and a fixed one fails with EBUSY.
void chrdev_avoid_host_majors(bool on);

/// A node in no tree that opens whatever cdev serves major:minor at open
/// time (ENXIO when none), like a node of ROOT/dev.
std::shared_ptr<vfs::Node> chrdev_device_node(const std::string &name, unsigned major, unsigned minor, mode_t mode);

/// /proc/devices text.
std::string proc_devices_text();

/// Creates /proc/devices and wires mknod in ROOT/dev.
void chrdev_init();

} // namespace kplay
