// The emulated kernel's start-up and shutdown (see init.h).
#include "kernel/init.h"

#include "kernel/chrdev.h"
#include "kernel/module/module.h"
#include "kernel/printk.h"
#include "vfs/tree.h"

namespace kplay {

void kernel_init()
{
	vfs::Tree &sys = vfs::sys_tree();
	for (const char *d : {"kernel", "class", "devices", "bus", "fs", "firmware"})
		sys.make_dirs(d);
	(void)log_ring(); // the log clock starts at boot
	module_subsys_init();
	kobject_subsys_init();
	workqueue_init();
	slab_init();
	debugfs_init();
	platform_bus_init();
	net_init();
	of_init();
	irq_init();
	gpio_init();
	chrdev_init();
	devkmsg_init();
	// Virtual hardware: console, input, block.
	vt_init();
	input_init();
	block_init();
}

void kernel_shutdown()
{
	unload_all_modules();
	log_ring().stop();
}

} // namespace kplay
