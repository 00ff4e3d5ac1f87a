// The input core and the evdev handler (mirrors drivers/input/input.c and
// evdev.c). input_event filters events as the core does (unsupported codes
// and unchanged key states are dropped, autorepeat only for a pressed key)
// and holds them until input_sync; each packet then reaches every open
// ROOT/dev/input/eventM as struct input_event records (EV_SYN/SYN_REPORT
// last). A reader sleeps until a whole packet is there (EAGAIN with
// O_NONBLOCK), a read shorter than one record is EINVAL, a reader that
// falls 64 events behind gets SYN_DROPPED, and once the device is
// unregistered reads fail with ENODEV. inputN numbers are never reused,
// eventM numbers are (the kernel's counter and minor ida).
// ROOT/sys/class/input and /proc/bus/input/devices describe the devices.
#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/sysfs.h"
#include "kernel/task.h"
#include "vfs/tree.h"

#define class kplay_class
#include "linux/input.h"
#undef class

#include <fcntl.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

extern "C" {
unsigned long _copy_to_user(void *to, const void *from, unsigned long n);
}

namespace kplay {
namespace {

constexpr size_t kEvdevBuffer = 64; // EVDEV_MIN_BUFFER_SIZE, a power of two
constexpr size_t kMaxVals = 64;     // events held before an implied sync
constexpr int kErestartsys = 512;

// One open of an eventM node (struct evdev_client).
struct Client {
	std::deque<struct input_event> q;
	size_t ready = 0; // events up to the last SYN_REPORT (packet_head)
	std::function<void()> notify;
};

struct InputRec {
	struct input_dev *dev = nullptr;
	unsigned long number = 0; // inputN
	int evnum = -1;           // eventM
	std::mutex mu;            // everything below, and dev while registered
	std::condition_variable cv;
	bool exist = false;
	std::vector<struct input_event> vals; // this packet so far
	std::vector<std::shared_ptr<Client>> clients;
	std::shared_ptr<vfs::Node> sysdir, classlink, evclasslink, evnode;
};

std::atomic<unsigned long> g_input_no{0};
std::mutex g_mu;
std::vector<std::shared_ptr<InputRec>> g_inputs; // registered, in order
std::set<int> g_ev_minors;

std::shared_ptr<InputRec> *holder_of(struct input_dev *dev) { return static_cast<std::shared_ptr<InputRec> *>(dev->kplay); }

// "%lx" words from the highest non-zero one down, as input_print_bitmap.
std::string bitmap_text(const unsigned long *bits, int max)
{
	std::string out;
	bool skip = true;
	for (int i = static_cast<int>(BITS_TO_LONGS(max)) - 1; i >= 0; i--) {
		if (skip && !bits[i])
			continue;
		skip = false;
		char w[20];
		std::snprintf(w, sizeof w, "%lx%s", bits[i], i > 0 ? " " : "");
		out += w;
	}
	return skip ? "0" : out;
}

struct input_event stamped(unsigned type, unsigned code, int value)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts); // evdev's default clock
	struct input_event e {};
	e.__sec = static_cast<unsigned long>(ts.tv_sec);
	e.__usec = static_cast<unsigned long>(ts.tv_nsec / 1000);
	e.type = static_cast<u16>(type);
	e.code = static_cast<u16>(code);
	e.value = value;
	return e;
}

// evdev's __pass_event for one client (rec->mu held).
void pass_event(Client &c, const struct input_event &e)
{
	c.q.push_back(e);
	if (c.q.size() >= kEvdevBuffer) {
		// Full: keep SYN_DROPPED and the newest event; nothing is readable
		// until the next SYN_REPORT.
		struct input_event dropped = e;
		dropped.type = EV_SYN;
		dropped.code = SYN_DROPPED;
		dropped.value = 0;
		c.q.clear();
		c.q.push_back(dropped);
		c.q.push_back(e);
		c.ready = 0;
	}
	if (e.type == EV_SYN && e.code == SYN_REPORT)
		c.ready = c.q.size();
}

// input_pass_values: the packet goes to every client (rec->mu held).
void pass_values(InputRec &r)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	for (auto &c : r.clients) {
		for (struct input_event e : r.vals) {
			e.__sec = static_cast<unsigned long>(ts.tv_sec);
			e.__usec = static_cast<unsigned long>(ts.tv_nsec / 1000);
			pass_event(*c, e);
		}
		if (c->notify && c->ready)
			c->notify();
	}
	r.vals.clear();
	r.cv.notify_all();
}

// input_get_disposition: whether the event goes to the handlers.
bool accept_event(struct input_dev *dev, unsigned type, unsigned code, int *value)
{
	auto supported = [](unsigned c, const unsigned long *bm, unsigned max) { return c <= max && test_bit(c, bm); };
	switch (type) {
	case EV_KEY:
		if (!supported(code, dev->keybit, KEY_MAX))
			return false;
		if (*value == 2)
			return test_bit(code, dev->key); // autorepeat of a held key
		if (!!test_bit(code, dev->key) == !!*value)
			return false;
		if (*value)
			set_bit(code, dev->key);
		else
			clear_bit(code, dev->key);
		return true;
	case EV_REL:
		return supported(code, dev->relbit, REL_MAX) && *value;
	case EV_ABS:
		return supported(code, dev->absbit, ABS_MAX);
	case EV_MSC:
		return supported(code, dev->mscbit, MSC_MAX);
	case EV_LED:
	case EV_SND:
	case EV_SW: {
		unsigned long *bits = type == EV_LED ? dev->ledbit : type == EV_SND ? dev->sndbit : dev->swbit;
		unsigned long *state = type == EV_LED ? dev->led : type == EV_SND ? dev->snd : dev->sw;
		unsigned max = type == EV_LED ? LED_MAX : type == EV_SND ? SND_MAX : SW_MAX;
		if (!supported(code, bits, max) || !!test_bit(code, state) == !!*value)
			return false;
		if (*value)
			set_bit(code, state);
		else
			clear_bit(code, state);
		return true;
	}
	default:
		return false;
	}
}

class EvdevNode : public vfs::FileOps {
public:
	explicit EvdevNode(std::shared_ptr<InputRec> r) : r_(std::move(r)) {}

	int open(vfs::OpenFile &f, vfs::Request &r) override
	{
		auto c = std::make_shared<Client>();
		struct input_dev *dev;
		bool first;
		{
			std::lock_guard lk(r_->mu);
			if (!r_->exist)
				return -ENODEV;
			dev = r_->dev;
			first = dev->users++ == 0;
			r_->clients.push_back(c);
		}
		// input_open_device: the driver's open runs for the first user.
		if (first && dev->open) {
			int err = 0;
			TaskScope scope(r.pid, r.uid, r.gid, &r);
			if (!oops_guard([&] { err = dev->open(dev); }))
				err = -EFAULT;
			if (err) {
				std::lock_guard lk(r_->mu);
				dev->users--;
				std::erase(r_->clients, c);
				return err;
			}
		}
		f.data = c;
		return 0;
	}

	void release(vfs::OpenFile &f) override
	{
		auto c = std::static_pointer_cast<Client>(f.data);
		if (!c)
			return;
		struct input_dev *dev = nullptr;
		{
			std::lock_guard lk(r_->mu);
			std::erase(r_->clients, c);
			if (r_->exist && --r_->dev->users == 0)
				dev = r_->dev;
		}
		if (dev && dev->close) {
			TaskScope scope(0, 0, 0);
			(void)oops_guard([&] { dev->close(dev); });
		}
	}

	ssize_t read(vfs::OpenFile &f, vfs::Request &req, char *buf, size_t n, off_t) override
	{
		auto c = std::static_pointer_cast<Client>(f.data);
		constexpr size_t rec = sizeof(struct input_event);
		if (n != 0 && n < rec)
			return -EINVAL;
		req.set_interrupt_hook([this] {
			std::lock_guard lk(r_->mu);
			r_->cv.notify_all();
		});
		struct Clear {
			vfs::Request &q;
			~Clear() { q.clear_interrupt_hook(); }
		} clear{req};
		// As `current`, the reader sees signals and a stopping daemon
		// (which acts as if every caller got SIGKILL).
		TaskScope scope(req.pid, req.uid, req.gid, &req);
		std::unique_lock lk(r_->mu);
		for (;;) {
			if (!r_->exist)
				return -ENODEV;
			if (!c->ready && (req.flags & O_NONBLOCK))
				return -EAGAIN;
			if (n == 0)
				return 0;
			size_t got = 0;
			while (got + rec <= n && c->ready) {
				std::memcpy(buf + got, &c->q.front(), rec);
				c->q.pop_front();
				c->ready--;
				got += rec;
			}
			if (got)
				return static_cast<ssize_t>(got);
			if (req.interrupted() || kplay_signal_pending(&current_task()->task))
				return -kErestartsys;
			// The interrupt hook wakes us at once; a stopping daemon has no
			// hook on this wait queue, so look again every 100 ms.
			r_->cv.wait_for(lk, std::chrono::milliseconds(100));
		}
	}

	// evdev_write: each whole record is injected as an event.
	ssize_t write(vfs::OpenFile &, vfs::Request &, const char *buf, size_t n, off_t) override
	{
		constexpr size_t rec = sizeof(struct input_event);
		if (n != 0 && n < rec)
			return -EINVAL;
		struct input_dev *dev;
		{
			std::lock_guard lk(r_->mu);
			if (!r_->exist)
				return -ENODEV;
			dev = r_->dev;
		}
		size_t done = 0;
		for (; done + rec <= n; done += rec) {
			struct input_event e;
			std::memcpy(&e, buf + done, rec);
			input_event(dev, e.type, e.code, e.value);
		}
		return static_cast<ssize_t>(done);
	}

	int poll(vfs::OpenFile &f, vfs::Request &, std::function<void()> notify) override
	{
		auto c = std::static_pointer_cast<Client>(f.data);
		std::lock_guard lk(r_->mu);
		if (notify)
			c->notify = std::move(notify);
		int mask = r_->exist ? 0x004 | 0x100 : 0x010 | 0x008; // EPOLLOUT|EPOLLWRNORM : EPOLLHUP|EPOLLERR
		if (c->ready)
			mask |= 0x001 | 0x040; // EPOLLIN | EPOLLRDNORM
		return mask;
	}

	long ioctl(vfs::OpenFile &, vfs::Request &r, unsigned int cmd, unsigned long arg, void *, size_t) override
	{
		TaskScope scope(r.pid, r.uid, r.gid, &r);
		std::lock_guard lk(r_->mu);
		if (!r_->exist)
			return -ENODEV;
		struct input_dev *dev = r_->dev;
		void *to = reinterpret_cast<void *>(arg);
		auto put = [&](const void *p, size_t len) -> long {
			return _copy_to_user(to, p, len) ? -EFAULT : static_cast<long>(len);
		};
		if (cmd == 0x80044501u) { // EVIOCGVERSION
			int v = 0x010001;
			return put(&v, sizeof v) < 0 ? -EFAULT : 0;
		}
		if (cmd == 0x80084502u) // EVIOCGID
			return put(&dev->id, sizeof dev->id) < 0 ? -EFAULT : 0;
		unsigned dir = cmd >> 30, type = (cmd >> 8) & 0xff, nr = cmd & 0xff, size = (cmd >> 16) & 0x3fff;
		if (type != 'E' || dir != 2)
			return -EINVAL;
		auto str = [&](const char *s) -> long {
			if (!s)
				return -ENOENT;
			size_t len = std::min<size_t>(std::strlen(s) + 1, size);
			return put(s, len);
		};
		auto bits = [&](const unsigned long *bm, int max) -> long {
			size_t len = BITS_TO_LONGS(max + 1) * sizeof(long);
			return put(bm, std::min<size_t>(len, size));
		};
		switch (nr) {
		case 0x06: // EVIOCGNAME
			return str(dev->name);
		case 0x07: // EVIOCGPHYS
			return str(dev->phys);
		case 0x08: // EVIOCGUNIQ
			return str(dev->uniq);
		case 0x09: // EVIOCGPROP
			return bits(dev->propbit, INPUT_PROP_MAX);
		case 0x18: // EVIOCGKEY
			return bits(dev->key, KEY_MAX);
		case 0x19: // EVIOCGLED
			return bits(dev->led, LED_MAX);
		case 0x1b: // EVIOCGSW
			return bits(dev->sw, SW_MAX);
		default:
			break;
		}
		if (nr >= 0x20 && nr < 0x20 + EV_MAX) { // EVIOCGBIT(ev, len)
			switch (nr - 0x20) {
			case 0:
				return bits(dev->evbit, EV_MAX);
			case EV_KEY:
				return bits(dev->keybit, KEY_MAX);
			case EV_REL:
				return bits(dev->relbit, REL_MAX);
			case EV_ABS:
				return bits(dev->absbit, ABS_MAX);
			case EV_MSC:
				return bits(dev->mscbit, MSC_MAX);
			case EV_LED:
				return bits(dev->ledbit, LED_MAX);
			case EV_SND:
				return bits(dev->sndbit, SND_MAX);
			case EV_FF:
				return bits(dev->ffbit, FF_MAX);
			case EV_SW:
				return bits(dev->swbit, SW_MAX);
			default:
				return -EINVAL;
			}
		}
		return -EINVAL;
	}

private:
	std::shared_ptr<InputRec> r_;
};

void add_text(const std::shared_ptr<vfs::Node> &dir, const char *name, std::function<std::string()> gen)
{
	sysfs_add_attr(dir, name, 0444, [gen = std::move(gen)](std::string *out) {
		*out = gen();
		return static_cast<ssize_t>(out->size());
	}, nullptr);
}

std::string hex4(unsigned v)
{
	char b[16];
	std::snprintf(b, sizeof b, "%04x\n", v);
	return b;
}

// ROOT/sys/devices/virtual/input/inputN (input_dev_attrs) and its eventM.
void add_sysfs(const std::shared_ptr<InputRec> &r)
{
	vfs::Tree &sys = vfs::sys_tree();
	struct input_dev *dev = r->dev;
	std::string in = "input" + std::to_string(r->number), ev = "event" + std::to_string(r->evnum);
	auto dir = sys.add_dir(sys.make_dirs("devices/virtual/input"), in, 0755);
	if (!dir)
		return;
	r->sysdir = dir;
	// Snapshots of what cannot change after registration.
	std::string name = std::string(dev->name ? dev->name : "") + "\n";
	std::string phys = std::string(dev->phys ? dev->phys : "") + "\n";
	std::string uniq = std::string(dev->uniq ? dev->uniq : "") + "\n";
	add_text(dir, "name", [name] { return name; });
	add_text(dir, "phys", [phys] { return phys; });
	add_text(dir, "uniq", [uniq] { return uniq; });
	add_text(dir, "properties", [t = bitmap_text(dev->propbit, INPUT_PROP_MAX) + "\n"] { return t; });
	auto id = sys.add_dir(dir, "id", 0755);
	add_text(id, "bustype", [t = hex4(dev->id.bustype)] { return t; });
	add_text(id, "vendor", [t = hex4(dev->id.vendor)] { return t; });
	add_text(id, "product", [t = hex4(dev->id.product)] { return t; });
	add_text(id, "version", [t = hex4(dev->id.version)] { return t; });
	auto caps = sys.add_dir(dir, "capabilities", 0755);
	struct {
		const char *n;
		const unsigned long *bm;
		int max;
	} cap[] = {{"ev", dev->evbit, EV_MAX},    {"key", dev->keybit, KEY_MAX}, {"rel", dev->relbit, REL_MAX},
		   {"abs", dev->absbit, ABS_MAX}, {"msc", dev->mscbit, MSC_MAX}, {"led", dev->ledbit, LED_MAX},
		   {"snd", dev->sndbit, SND_MAX}, {"ff", dev->ffbit, FF_MAX},    {"sw", dev->swbit, SW_MAX}};
	for (auto &c : cap)
		add_text(caps, c.n, [t = bitmap_text(c.bm, c.max) + "\n"] { return t; });
	std::string uevent = "PRODUCT=" + std::to_string(dev->id.bustype) + "/" + std::to_string(dev->id.vendor) + "/" +
			     std::to_string(dev->id.product) + "/" + std::to_string(dev->id.version) + "\nNAME=\"" +
			     (dev->name ? dev->name : "") + "\"\n";
	add_text(dir, "uevent", [uevent] { return uevent; });
	auto evdir = sys.add_dir(dir, ev, 0755);
	add_text(evdir, "dev", [t = "13:" + std::to_string(64 + r->evnum) + "\n"] { return t; });
	add_text(evdir, "uevent",
		 [t = "MAJOR=13\nMINOR=" + std::to_string(64 + r->evnum) + "\nDEVNAME=input/" + ev + "\n"] { return t; });
	r->classlink = sys.add_symlink(sys.make_dirs("class/input"), in, "../../devices/virtual/input/" + in);
	r->evclasslink =
		sys.add_symlink(sys.make_dirs("class/input"), ev, "../../devices/virtual/input/" + in + "/" + ev);
}

// /proc/bus/input/devices (input_devices_seq_show). kplay's only handler
// is evdev; a real kernel also lists kbd, sysrq, leds, mousedev...
std::string proc_input_devices_text()
{
	std::lock_guard lk(g_mu);
	std::string out;
	for (const auto &r : g_inputs) {
		std::lock_guard rl(r->mu);
		if (!r->exist)
			continue;
		struct input_dev *d = r->dev;
		char line[160];
		std::snprintf(line, sizeof line, "I: Bus=%04x Vendor=%04x Product=%04x Version=%04x\n", d->id.bustype,
			      d->id.vendor, d->id.product, d->id.version);
		out += line;
		out += std::string("N: Name=\"") + (d->name ? d->name : "") + "\"\n";
		out += std::string("P: Phys=") + (d->phys ? d->phys : "") + "\n";
		out += "S: Sysfs=/devices/virtual/input/input" + std::to_string(r->number) + "\n";
		out += std::string("U: Uniq=") + (d->uniq ? d->uniq : "") + "\n";
		out += "H: Handlers=event" + std::to_string(r->evnum) + " \n";
		out += "B: PROP=" + bitmap_text(d->propbit, INPUT_PROP_MAX) + "\n";
		out += "B: EV=" + bitmap_text(d->evbit, EV_MAX) + "\n";
		struct {
			int ev;
			const char *n;
			const unsigned long *bm;
			int max;
		} caps[] = {{EV_KEY, "KEY", d->keybit, KEY_MAX}, {EV_REL, "REL", d->relbit, REL_MAX},
			    {EV_ABS, "ABS", d->absbit, ABS_MAX}, {EV_MSC, "MSC", d->mscbit, MSC_MAX},
			    {EV_LED, "LED", d->ledbit, LED_MAX}, {EV_SND, "SND", d->sndbit, SND_MAX},
			    {EV_FF, "FF", d->ffbit, FF_MAX},     {EV_SW, "SW", d->swbit, SW_MAX}};
		for (auto &c : caps)
			if (test_bit(c.ev, d->evbit))
				out += std::string("B: ") + c.n + "=" + bitmap_text(c.bm, c.max) + "\n";
		out += "\n";
	}
	return out;
}

} // namespace

void input_init()
{
	vfs::dev_tree().make_dirs("input");
	vfs::sys_tree().make_dirs("class/input");
	vfs::sys_tree().make_dirs("devices/virtual/input");
	auto bus = vfs::proc_tree().make_dirs("bus/input");
	vfs::proc_tree().add_file(bus, "devices", 0444, std::make_shared<vfs::SnapshotFile>(proc_input_devices_text));
}

} // namespace kplay

using kplay::InputRec;

extern "C" {

struct input_dev *input_allocate_device(void)
{
	auto *dev = static_cast<struct input_dev *>(__kmalloc(sizeof(struct input_dev), 0x100u /* __GFP_ZERO */));
	if (!dev)
		return nullptr;
	// input_allocate_device names the device: inputN, N never reused.
	std::string name = "input" + std::to_string(kplay::g_input_no.fetch_add(1));
	dev->dev.kobj.name = strdup(name.c_str());
	auto r = std::make_shared<InputRec>();
	r->dev = dev;
	r->number = std::stoul(name.substr(5));
	dev->kplay = new std::shared_ptr<InputRec>(r);
	return dev;
}

void input_free_device(struct input_dev *dev)
{
	if (!dev)
		return;
	auto *h = kplay::holder_of(dev);
	if (h && (*h)->exist) {
		_printk(KPLAY_KERN_WARNING "input: input_free_device called on a registered device %s\n",
			dev->dev.kobj.name);
		return;
	}
	delete h;
	free(const_cast<char *>(dev->dev.kobj.name));
	kfree(dev);
}

int input_register_device(struct input_dev *dev)
{
	auto *h = kplay::holder_of(dev);
	if (!h || (*h)->exist)
		return -EINVAL;
	auto r = *h;
	set_bit(EV_SYN, dev->evbit); // every device reports EV_SYN
	clear_bit(KEY_RESERVED, dev->keybit);
	int minor = 0;
	{
		std::lock_guard lk(kplay::g_mu);
		while (kplay::g_ev_minors.count(minor))
			minor++;
		if (minor >= 32)
			return -ENFILE; // EVDEV_MINORS
		kplay::g_ev_minors.insert(minor);
	}
	r->evnum = minor;
	int err = 0;
	std::string ev = "event" + std::to_string(minor);
	auto node = kplay::vfs::dev_tree().add_file(kplay::vfs::dev_tree().make_dirs("input"), ev, 0600,
						    std::make_shared<kplay::EvdevNode>(r), &err);
	if (!node) {
		std::lock_guard lk(kplay::g_mu);
		kplay::g_ev_minors.erase(minor);
		return err;
	}
	{
		std::lock_guard lk(r->mu);
		r->exist = true;
		r->evnode = node;
	}
	kplay::add_sysfs(r);
	{
		std::lock_guard lk(kplay::g_mu);
		kplay::g_inputs.push_back(r);
	}
	_printk(KPLAY_KERN_INFO "input: %s as /devices/virtual/input/input%lu\n", dev->name ? dev->name : "Unspecified device",
		r->number);
	return 0;
}

void input_unregister_device(struct input_dev *dev)
{
	auto *h = kplay::holder_of(dev);
	if (!h || !(*h)->exist)
		return;
	auto r = *h;
	{
		std::lock_guard lk(kplay::g_mu);
		std::erase(kplay::g_inputs, r);
		kplay::g_ev_minors.erase(r->evnum);
	}
	std::vector<std::shared_ptr<kplay::Client>> clients;
	{
		// Keys still held are released first (input_disconnect_device).
		std::lock_guard lk(r->mu);
		bool any = false;
		for (int code = 0; code <= KEY_MAX; code++)
			if (test_bit(code, dev->key)) {
				clear_bit(code, dev->key);
				r->vals.push_back(kplay::stamped(EV_KEY, static_cast<unsigned>(code), 0));
				any = true;
			}
		if (any) {
			r->vals.push_back(kplay::stamped(EV_SYN, SYN_REPORT, 0));
			kplay::pass_values(*r);
		}
		r->exist = false;
		clients = r->clients;
		r->cv.notify_all();
		for (auto &c : clients)
			if (c->notify)
				c->notify();
	}
	kplay::vfs::Tree &sys = kplay::vfs::sys_tree();
	for (auto *n : {&r->classlink, &r->evclasslink, &r->sysdir})
		if (*n)
			sys.remove(*n);
	if (r->evnode)
		kplay::vfs::dev_tree().remove(r->evnode);
	// The device is freed with its last reference, as the kernel does:
	// open eventM files keep the record, not the driver's struct.
	{
		std::lock_guard lk(r->mu);
		r->dev = nullptr;
	}
	delete h;
	free(const_cast<char *>(dev->dev.kobj.name));
	kfree(dev);
}

void input_event(struct input_dev *dev, unsigned int type, unsigned int code, int value)
{
	if (!dev || type > EV_MAX || !test_bit(type, dev->evbit))
		return;
	auto *h = kplay::holder_of(dev);
	if (!h)
		return;
	InputRec &r = **h;
	std::lock_guard lk(r.mu);
	if (type == EV_SYN) {
		if (code != SYN_REPORT)
			return;
		// An empty packet is not passed on.
		if (!r.vals.empty()) {
			r.vals.push_back(kplay::stamped(EV_SYN, SYN_REPORT, 0));
			kplay::pass_values(r);
		}
		return;
	}
	if (!kplay::accept_event(dev, type, code, &value))
		return;
	r.vals.push_back(kplay::stamped(type, code, value));
	if (r.vals.size() >= kplay::kMaxVals - 2) {
		r.vals.push_back(kplay::stamped(EV_SYN, SYN_REPORT, 0));
		kplay::pass_values(r);
	}
}

void input_set_capability(struct input_dev *dev, unsigned int type, unsigned int code)
{
	switch (type) {
	case EV_KEY:
		set_bit(code, dev->keybit);
		break;
	case EV_REL:
		set_bit(code, dev->relbit);
		break;
	case EV_ABS:
		set_bit(code, dev->absbit);
		break;
	case EV_MSC:
		set_bit(code, dev->mscbit);
		break;
	case EV_SW:
		set_bit(code, dev->swbit);
		break;
	case EV_LED:
		set_bit(code, dev->ledbit);
		break;
	case EV_SND:
		set_bit(code, dev->sndbit);
		break;
	case EV_FF:
		set_bit(code, dev->ffbit);
		break;
	case EV_PWR:
		break;
	default:
		_printk(KPLAY_KERN_ERR "input_set_capability: unknown type %u (code %u)\n", type, code);
		return;
	}
	set_bit(type, dev->evbit);
}

} // extern "C"

KPLAY_EXPORT(input_allocate_device);
KPLAY_EXPORT(input_free_device);
KPLAY_EXPORT(input_register_device);
KPLAY_EXPORT(input_unregister_device);
KPLAY_EXPORT(input_event);
KPLAY_EXPORT(input_set_capability);
