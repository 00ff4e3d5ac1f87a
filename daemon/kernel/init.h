// Bringing the emulated kernel up and down (the daemon's start_kernel): the
// fixed parts of the dev, proc and sys trees and each subsystem's files.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kplay {

/// Populates the trees; called once before they are mounted.
void kernel_init();

/// Before unmounting: every caller sleeping in module code (interruptibly)
/// is woken as if killed, so FUSE workers can finish.
void interrupt_all_callers();

/// After a module's exit: drop its timers/tasklets and queued work (returns
/// how many), and count its kernel threads still running.
int softirq_drop_module(uintptr_t lo, uintptr_t hi);
int workqueue_drop_module(uintptr_t lo, uintptr_t hi);
int kthreads_of_module(uintptr_t lo, uintptr_t hi);
/// After a module's exit: free the IRQ handlers it left requested.
int irq_drop_module(uintptr_t lo, uintptr_t hi);

/// Unloads all modules (exit functions run) and stops log followers.
void kernel_shutdown();

void devkmsg_init();
void kobject_subsys_init();
void workqueue_init();
void slab_init();
void debugfs_init();
void platform_bus_init();
/// The virtual console (vt.cpp), the input core (input.cpp), block devices (block.cpp).
void vt_init();
void input_init();
void block_init();
/// Network devices (kernel/net/netdev.cpp) and the device tree (kernel/of/).
void net_init();
void of_init();
void irq_init();
void gpio_init();
/// Allocations made from code in [lo, hi) and not freed yet.
int leaked_allocations(uintptr_t lo, uintptr_t hi, size_t *bytes);
/// The live kmalloc/kmem_cache object whose memory holds addr: its start and
/// requested size (sanitizer reports describe a bad access against it).
/// slack: also an object ending up to that many bytes before addr.
bool kmalloc_object_of(uintptr_t addr, uintptr_t *start, size_t *size, size_t *room, size_t slack = 0);

} // namespace kplay
