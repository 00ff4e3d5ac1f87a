// Bringing the emulated kernel up and down (the daemon's start_kernel): the
// fixed parts of the dev, proc and sys trees and each subsystem's files.
#pragma once

namespace kplay {

/// Populates the trees; called once before they are mounted.
void kernel_init();

/// Unloads all modules (exit functions run) and stops log followers.
void kernel_shutdown();

void devkmsg_init();
void kobject_subsys_init();
void workqueue_init();

} // namespace kplay
