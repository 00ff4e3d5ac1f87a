// Block devices (see block.cpp): the registry of block majors, shown in the
// "Block devices:" part of /proc/devices.
#pragma once

#include <string>

namespace kplay {

/// The lines after "Block devices:" in /proc/devices (blkdev_show).
std::string proc_block_devices_text();

} // namespace kplay
