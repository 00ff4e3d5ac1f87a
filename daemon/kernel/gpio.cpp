// The simulated GPIO chip "kplay-gpio" (GPIOs 0-639, base 0) and the legacy
// integer GPIO API over it (mirrors drivers/gpio/gpiolib.c and
// gpiolib-legacy.c: request/free, direction, raw values, gpiod_to_irq, and
// their answers for numbers without a chip). A real x86 machine has no such
// chip, so kplay adds controls of its own under ROOT/sys/kernel/kplay/gpio:
//   gpioN/value      read the line's level; write 0/1 to drive an input line
//   gpioN/direction  "in" or "out"
//   pulse            write N: the input line goes to the other level and back
//   lines            the requested lines, as /sys/kernel/debug/gpio lists them
//   dht11            the DHT11 sensor on line 575: "H T" sets humidity (%)
//                    and temperature (C), "off"/"on" detaches/attaches it
// Edges on input lines go to the IRQ core (irq.cpp).
#include "kernel/init.h"
#include "kernel/irq.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/sysfs.h"
#include "kernel/task.h"
#include "vfs/tree.h"

#include "linux/gpio.h"

#include <time.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

struct gpio_desc {
	unsigned hw;
};

namespace kplay {
namespace {

constexpr unsigned kLines = 640;
constexpr unsigned kDhtLine = 575;

// The DHT11 answers a start signal (the host holds the line low for at least
// 18 ms, then releases it) with 80 us low, 80 us high, then 40 bits, each
// 50 us low followed by 26-28 us high (0) or 70 us high (1), and 50 us low.
//
// Its clock is the reading driver's own: the busy-wait time (udelay/ndelay)
// the thread that released the line has spent since, plus 100 ns per read
// of the line (a GPIO register read). So a driver that times the sensor
// with udelay decodes it exactly, however the host schedules the daemon.
constexpr uint64_t kReadCostNs = 100;

struct Dht11 {
	bool attached = true;
	int humidity10 = 450;    // 45.0 %
	int temperature10 = 230; // 23.0 C
	// The start signal.
	bool host_low = false;
	uint64_t low_since_ns = 0;
	// A frame being sent.
	bool sending = false;
	std::thread::id reader;
	uint64_t t0_ns = 0;      // the reader's delay clock at the release
	uint64_t reads = 0;      // reads of the line by the reader since
	uint64_t seen_ns = 0;    // frame time of the reader's last read
	uint64_t t0_wall_ns = 0; // a frame nobody reads ends 2 s after it began
	uint8_t bytes[5] = {};
};

struct Line {
	bool requested = false;
	std::string label;
	bool is_out = false;
	int out = 0;     // output latch
	int in = 0;      // level driven from outside (user, sensor pull-up)
	bool irq = false; // used as an interrupt (request_irq)
};

struct Chip {
	std::mutex mu;
	std::array<Line, kLines> lines;
	std::array<struct gpio_desc, kLines> descs;
	Dht11 dht;
};

Chip &chip()
{
	static Chip *c = [] {
		auto *n = new Chip;
		for (unsigned i = 0; i < kLines; ++i)
			n->descs[i].hw = i;
		n->lines[kDhtLine].in = 1; // the sensor's pull-up
		return n;
	}();
	return *c;
}

uint64_t mono_ns()
{
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return uint64_t(ts.tv_sec) * 1000000000ULL + uint64_t(ts.tv_nsec);
}

// The sensor's level t_us into a frame, or -1 once the frame is over.
int dht_level_at(const Dht11 &d, uint64_t t_us)
{
	if (t_us < 30)
		return 1; // the sensor waits 20-40 us before answering
	if (t_us < 110)
		return 0;
	if (t_us < 190)
		return 1;
	uint64_t pos = 190;
	for (int i = 0; i < 40; ++i) {
		if (t_us < pos + 50)
			return 0;
		pos += 50;
		bool one = d.bytes[i / 8] & (0x80 >> (i % 8));
		uint64_t high = one ? 70 : 27;
		if (t_us < pos + high)
			return 1;
		pos += high;
	}
	if (t_us < pos + 50)
		return 0;
	return -1;
}

// Tracks the host's side of the sensor line after a direction/value change.
void dht_host_changed(Chip &c)
{
	Dht11 &d = c.dht;
	const Line &l = c.lines[kDhtLine];
	bool low = l.is_out && l.out == 0;
	if (low == d.host_low)
		return;
	d.host_low = low;
	if (low) {
		d.low_since_ns = mono_ns();
		d.sending = false;
		return;
	}
	if (!d.attached || mono_ns() - d.low_since_ns < 18000000ULL)
		return;
	int h = d.humidity10, t = d.temperature10;
	d.bytes[0] = static_cast<uint8_t>(h / 10);
	d.bytes[1] = static_cast<uint8_t>(h % 10);
	d.bytes[2] = static_cast<uint8_t>(t / 10);
	d.bytes[3] = static_cast<uint8_t>(t % 10);
	d.bytes[4] = static_cast<uint8_t>(d.bytes[0] + d.bytes[1] + d.bytes[2] + d.bytes[3]);
	d.reader = std::this_thread::get_id();
	d.t0_ns = thread_delay_ns();
	d.reads = 0;
	d.seen_ns = 0;
	d.t0_wall_ns = mono_ns();
	d.sending = true;
}

// The level a read of the line sees. Caller holds c.mu.
int level(Chip &c, unsigned hw)
{
	Line &l = c.lines[hw];
	if (l.is_out)
		return l.out;
	if (hw == kDhtLine && c.dht.sending) {
		Dht11 &d = c.dht;
		if (std::this_thread::get_id() == d.reader)
			d.seen_ns = thread_delay_ns() - d.t0_ns + ++d.reads * kReadCostNs;
		int v = mono_ns() - d.t0_wall_ns < 2000000000ULL ? dht_level_at(d, d.seen_ns / 1000) : -1;
		if (v >= 0)
			return v;
		d.sending = false;
	}
	return l.in;
}

// Drives an input line from outside; the edge (if any) goes to the IRQ core.
int drive(unsigned hw, int v)
{
	Chip &c = chip();
	bool edge = false;
	{
		std::lock_guard lk(c.mu);
		Line &l = c.lines[hw];
		if (l.is_out)
			return -EBUSY; // the chip drives it
		if (hw == kDhtLine && c.dht.attached)
			return -EBUSY; // the sensor drives it
		edge = l.in != v;
		l.in = v;
	}
	if (edge)
		irq_gpio_edge(hw, v != 0);
	return 0;
}

std::string trimmed(const char *buf, size_t len)
{
	std::string s(buf, strnlen(buf, len));
	while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
		s.pop_back();
	return s;
}

ssize_t emit(std::string *out, const std::string &s)
{
	*out = s;
	return static_cast<ssize_t>(s.size());
}

std::string lines_text()
{
	Chip &c = chip();
	std::lock_guard lk(c.mu);
	// drivers/gpio/gpiolib.c: gpiolib_dbg_show.
	std::string out = "gpiochip0: GPIOs 0-639, kplay-gpio:\n";
	char buf[128];
	for (unsigned i = 0; i < kLines; ++i) {
		Line &l = c.lines[i];
		if (!l.requested)
			continue;
		std::snprintf(buf, sizeof buf, " gpio-%-3u (%-20.20s|%-20.20s) %s %s %s\n", i, "", l.label.c_str(),
			      l.is_out ? "out" : "in ", level(c, i) ? "hi" : "lo", l.irq ? "IRQ " : "");
		out += buf;
	}
	return out;
}

// "45 23", "45.0 23.5": tenths of a unit; the DHT11 range is 20-90 %, 0-50 C.
bool parse_tenths(const std::string &s, int *v)
{
	char *end = nullptr;
	double d = std::strtod(s.c_str(), &end);
	if (end == s.c_str() || *end || !(d >= 0 && d <= 255)) // also refuses nan
		return false;
	*v = static_cast<int>(d * 10 + 0.5);
	return true;
}

ssize_t dht_store(const char *buf, size_t len)
{
	std::string s = trimmed(buf, len);
	Chip &c = chip();
	std::lock_guard lk(c.mu);
	if (s == "off" || s == "on") {
		c.dht.attached = s == "on";
		c.dht.sending = false;
		return static_cast<ssize_t>(len);
	}
	auto sp = s.find(' ');
	int h = 0, t = 0;
	if (sp == std::string::npos || !parse_tenths(s.substr(0, sp), &h) || !parse_tenths(s.substr(sp + 1), &t))
		return -EINVAL;
	c.dht.humidity10 = h;
	c.dht.temperature10 = t;
	return static_cast<ssize_t>(len);
}

std::string dht_text()
{
	Chip &c = chip();
	std::lock_guard lk(c.mu);
	if (!c.dht.attached)
		return "off\n";
	char buf[96];
	std::snprintf(buf, sizeof buf, "humidity %d.%d %%, temperature %d.%d C\n", c.dht.humidity10 / 10,
		      c.dht.humidity10 % 10, c.dht.temperature10 / 10, c.dht.temperature10 % 10);
	return buf;
}

} // namespace

int gpio_lock_as_irq(unsigned hw)
{
	Chip &c = chip();
	std::lock_guard lk(c.mu);
	if (hw >= kLines)
		return -EINVAL;
	Line &l = c.lines[hw];
	if (l.is_out) {
		// gpiolib.c: gpiochip_lock_as_irq, then gpiochip_reqres_irq.
		_printk(KPLAY_KERN_ERR "gpio gpiochip0: (kplay-gpio): gpiochip_lock_as_irq: tried to flag a GPIO set as "
				       "output for IRQ\n");
		_printk(KPLAY_KERN_ERR "gpio gpiochip0: (kplay-gpio): unable to lock HW IRQ %u for IRQ\n", hw);
		return -EINVAL;
	}
	l.irq = true;
	return 0;
}

void gpio_unlock_as_irq(unsigned hw)
{
	Chip &c = chip();
	std::lock_guard lk(c.mu);
	if (hw < kLines)
		c.lines[hw].irq = false;
}

void gpio_init()
{
	vfs::Tree &sys = vfs::sys_tree();
	auto dir = sys.make_dirs("kernel/kplay/gpio");
	for (unsigned i = 0; i < kLines; ++i) {
		auto ld = sys.make_dirs("kernel/kplay/gpio/gpio" + std::to_string(i));
		sysfs_add_attr(
			ld, "value", 0644,
			[i](std::string *out) {
				Chip &c = chip();
				std::lock_guard lk(c.mu);
				return emit(out, level(c, i) ? "1\n" : "0\n");
			},
			[i](const char *buf, size_t len) -> ssize_t {
				std::string s = trimmed(buf, len);
				if (s != "0" && s != "1")
					return -EINVAL;
				int err = drive(i, s == "1");
				return err ? err : static_cast<ssize_t>(len);
			});
		sysfs_add_attr(
			ld, "direction", 0444,
			[i](std::string *out) {
				Chip &c = chip();
				std::lock_guard lk(c.mu);
				return emit(out, c.lines[i].is_out ? "out\n" : "in\n");
			},
			nullptr);
	}
	sysfs_add_attr(dir, "pulse", 0200, nullptr, [](const char *buf, size_t len) -> ssize_t {
		unsigned hw = 0;
		std::string s = trimmed(buf, len);
		if (kstrtouint(s.c_str(), 10, &hw) || hw >= kLines)
			return -EINVAL;
		int v;
		{
			Chip &c = chip();
			std::lock_guard lk(c.mu);
			v = c.lines[hw].in;
		}
		int err = drive(hw, !v);
		if (!err)
			err = drive(hw, v);
		return err ? err : static_cast<ssize_t>(len);
	});
	sysfs_add_attr(dir, "lines", 0444, [](std::string *out) { return emit(out, lines_text()); }, nullptr);
	sysfs_add_attr(dir, "dht11", 0644, [](std::string *out) { return emit(out, dht_text()); }, dht_store);
}

} // namespace kplay

extern "C" {

struct gpio_desc *gpio_to_desc(unsigned gpio)
{
	return gpio < kplay::kLines ? &kplay::chip().descs[gpio] : nullptr;
}

// gpiolib's VALIDATE_DESC: calls on a NULL descriptor (no chip) do nothing
// and succeed.
int kplay_gpiod_request(struct gpio_desc *desc, const char *label)
{
	if (!desc)
		return 0;
	kplay::Chip &c = kplay::chip();
	std::lock_guard lk(c.mu);
	kplay::Line &l = c.lines[desc->hw];
	if (l.requested)
		return -EBUSY;
	l.requested = true;
	l.label = label ? label : "?";
	return 0;
}

void kplay_gpiod_free(struct gpio_desc *desc)
{
	if (!desc)
		return;
	kplay::Chip &c = kplay::chip();
	std::lock_guard lk(c.mu);
	kplay::Line &l = c.lines[desc->hw];
	// Direction and output level stay as the driver left them.
	l.requested = false;
	l.label.clear();
}

int gpiod_direction_input(struct gpio_desc *desc)
{
	if (!desc)
		return 0;
	kplay::Chip &c = kplay::chip();
	std::lock_guard lk(c.mu);
	c.lines[desc->hw].is_out = false;
	if (desc->hw == kplay::kDhtLine)
		kplay::dht_host_changed(c);
	return 0;
}

int gpiod_direction_output_raw(struct gpio_desc *desc, int value)
{
	if (!desc)
		return 0;
	kplay::Chip &c = kplay::chip();
	std::lock_guard lk(c.mu);
	kplay::Line &l = c.lines[desc->hw];
	l.is_out = true;
	l.out = value ? 1 : 0;
	if (desc->hw == kplay::kDhtLine)
		kplay::dht_host_changed(c);
	return 0;
}

int gpiod_get_raw_value(const struct gpio_desc *desc)
{
	if (!desc)
		return 0;
	kplay::Chip &c = kplay::chip();
	std::lock_guard lk(c.mu);
	return kplay::level(c, desc->hw);
}

void gpiod_set_raw_value(struct gpio_desc *desc, int value)
{
	if (!desc)
		return;
	kplay::Chip &c = kplay::chip();
	std::lock_guard lk(c.mu);
	c.lines[desc->hw].out = value ? 1 : 0; // the latch; seen once the line is an output
	if (desc->hw == kplay::kDhtLine)
		kplay::dht_host_changed(c);
}

int gpiod_cansleep(const struct gpio_desc *)
{
	return 0;
}

int gpiod_to_irq(const struct gpio_desc *desc)
{
	if (!desc)
		return -EINVAL;
	return kplay::irq_map_gpio_line(desc->hw);
}

int gpio_request(unsigned gpio, const char *label)
{
	struct gpio_desc *desc = gpio_to_desc(gpio);
	// gpiolib-legacy.c: a valid number without a chip may appear later.
	if (!desc && gpio_is_valid(static_cast<int>(gpio)))
		return -EPROBE_DEFER;
	return kplay_gpiod_request(desc, label);
}

void gpio_free(unsigned gpio)
{
	kplay_gpiod_free(gpio_to_desc(gpio));
}

int gpio_request_one(unsigned gpio, unsigned long flags, const char *label)
{
	struct gpio_desc *desc = gpio_to_desc(gpio);
	if (!desc && gpio_is_valid(static_cast<int>(gpio)))
		return -EPROBE_DEFER;
	int err = kplay_gpiod_request(desc, label);
	if (err)
		return err;
	if (flags & GPIOF_DIR_IN)
		err = gpiod_direction_input(desc);
	else
		err = gpiod_direction_output_raw(desc, (flags & GPIOF_INIT_HIGH) ? 1 : 0);
	if (err)
		kplay_gpiod_free(desc);
	return err;
}

int gpio_request_array(const struct gpio *array, size_t num)
{
	for (size_t i = 0; i < num; ++i) {
		int err = gpio_request_one(array[i].gpio, array[i].flags, array[i].label);
		if (err) {
			while (i--)
				gpio_free(array[i].gpio);
			return err;
		}
	}
	return 0;
}

void gpio_free_array(const struct gpio *array, size_t num)
{
	while (num--)
		gpio_free((array++)->gpio);
}

} // extern "C"

KPLAY_EXPORT_GPL(gpio_to_desc);
KPLAY_EXPORT_GPL(gpiod_direction_input);
KPLAY_EXPORT_GPL(gpiod_direction_output_raw);
KPLAY_EXPORT_GPL(gpiod_get_raw_value);
KPLAY_EXPORT_GPL(gpiod_set_raw_value);
KPLAY_EXPORT_GPL(gpiod_cansleep);
KPLAY_EXPORT_GPL(gpiod_to_irq);
KPLAY_EXPORT_GPL(gpio_request);
KPLAY_EXPORT_GPL(gpio_free);
KPLAY_EXPORT_GPL(gpio_request_one);
KPLAY_EXPORT_GPL(gpio_request_array);
KPLAY_EXPORT_GPL(gpio_free_array);
