// The virtual console (mirrors drivers/tty/vt/vt.c, vt_ioctl.c and the LED
// part of keyboard.c): vc_cons[] and fg_console, with console 0 (tty1)
// allocated and its tty open, as on a machine showing a login prompt, so a
// module reaching vc_cons[fg_console].d->port.tty finds a tty -- a headless
// real kernel has no tty there until someone opens /dev/tty1. The console
// driver's ioctl handles KDSETLED/KDGETLED; the keyboard LEDs it drives are
// shown in ROOT/sys/kernel/kplay/leds and read with KDGETLED on ROOT/dev/tty1.
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/sysfs.h"
#include "kernel/task.h"
#include "vfs/tree.h"

#include "linux/console_struct.h"
#include "linux/kd.h"
#include "linux/vt_kern.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <string>

extern "C" {
unsigned long _copy_to_user(void *to, const void *from, unsigned long n);
}

namespace kplay {
namespace {

// keyboard.c: KDSETLED with a value of 0..7 shows those lights
// (LED_SHOW_IOCTL); any other value gives the LEDs back to the lock flags
// (LED_SHOW_FLAGS), which are all off here (no key ever toggled them).
std::atomic<int> g_ledioctl{0};
std::atomic<bool> g_show_ioctl{false};
constexpr int kLedFlagState = 0;

int led_state() { return g_show_ioctl.load() ? g_ledioctl.load() : kLedFlagState; }

void set_led_state(unsigned long arg)
{
	if (!(arg & ~7ul)) {
		g_ledioctl = static_cast<int>(arg);
		g_show_ioctl = true;
	} else {
		g_show_ioctl = false;
	}
}

// vt_ioctl's LED commands; the console's other ioctls are not emulated.
int con_ioctl(struct tty_struct *, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case KDSETLED:
		set_led_state(arg);
		return 0;
	case KDGETLED: {
		unsigned char v = static_cast<unsigned char>(led_state());
		return _copy_to_user(reinterpret_cast<void *>(arg), &v, 1) ? -EFAULT : 0;
	}
	default:
		return -515; // -ENOIOCTLCMD: the tty layer answers ENOTTY
	}
}

int con_write(struct tty_struct *, const unsigned char *, int count) { return count; }
unsigned int con_write_room(struct tty_struct *) { return 4096; }

// vty_init: the console driver is "tty", major 4, minors from 1 (tty1...).
const tty_operations g_con_ops = {.write = con_write, .write_room = con_write_room, .ioctl = con_ioctl};
tty_driver g_console_driver = {
	.name = "tty", .ops = &g_con_ops, .driver_name = nullptr, .major = 4, .minor_start = 1, .name_base = 1};

struct vc_data g_vc0 = {};
struct tty_struct g_tty1 = {};

std::string leds_text()
{
	int s = led_state();
	char buf[64];
	std::snprintf(buf, sizeof buf, "scroll %d num %d caps %d\n", !!(s & LED_SCR), !!(s & LED_NUM),
		      !!(s & LED_CAP));
	return buf;
}

// ROOT/dev/tty1: KDGETLED/KDSETLED as on the real console (other calls on a
// console are not emulated: reads and writes fail with EINVAL).
class ConsoleNode : public vfs::FileOps {
public:
	long ioctl(vfs::OpenFile &, vfs::Request &r, unsigned int cmd, unsigned long arg, void *, size_t) override
	{
		TaskScope scope(r.pid, r.uid, r.gid, &r);
		// vt_ioctl: setting the LEDs needs the tty as controlling terminal
		// or CAP_SYS_TTY_CONFIG (root here).
		if (cmd == KDSETLED && r.uid != 0)
			return -EPERM;
		int ret = con_ioctl(&g_tty1, cmd, arg);
		return ret == -515 ? -ENOTTY : ret;
	}
};

} // namespace

void vt_init()
{
	g_tty1.driver = &g_console_driver;
	g_tty1.ops = &g_con_ops;
	g_tty1.index = 0;
	std::snprintf(g_tty1.name, sizeof g_tty1.name, "tty1");
	g_tty1.driver_data = &g_vc0;
	g_vc0.vc_num = 0;
	g_vc0.vc_cols = 80;
	g_vc0.vc_rows = 25;
	g_vc0.port.tty = &g_tty1;
	vc_cons[0].d = &g_vc0;

	vfs::Tree &sys = vfs::sys_tree();
	sysfs_add_attr(sys.make_dirs("kernel/kplay"), "leds", 0444, [](std::string *out) {
		*out = leds_text();
		return static_cast<ssize_t>(out->size());
	}, nullptr);
	vfs::dev_tree().add_file(vfs::dev_tree().root(), "tty1", 0620, std::make_shared<ConsoleNode>());
}

} // namespace kplay

extern "C" {

struct vc vc_cons[MAX_NR_CONSOLES];
int fg_console = 0;

int vc_cons_allocated(unsigned int console)
{
	return console < MAX_NR_CONSOLES && vc_cons[console].d != nullptr;
}

} // extern "C"

KPLAY_EXPORT(vc_cons);
KPLAY_EXPORT(fg_console);
KPLAY_EXPORT(vc_cons_allocated);
