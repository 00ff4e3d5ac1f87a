// /dev/kmsg (mirrors kernel/printk/printk.c: devkmsg_read/devkmsg_write):
// each read() returns one record as "level,seq,usec,-;text\n"; a reader that
// is out of records sleeps (EAGAIN with O_NONBLOCK); a buffer too small for
// the record gives EINVAL; a reader overtaken by the ring gets EPIPE once.
#include "kernel/init.h"
#include "kernel/printk.h"
#include "vfs/tree.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

namespace kplay {
namespace {

struct KmsgReader {
	uint64_t seq = 0;
};

class DevKmsg : public vfs::FileOps {
public:
	int open(vfs::OpenFile &f, vfs::Request &) override
	{
		auto r = std::make_shared<KmsgReader>();
		uint64_t next;
		auto recs = log_ring().read_from(0, &next);
		r->seq = recs.empty() ? next : recs.front().seq;
		f.data = r;
		return 0;
	}

	ssize_t read(vfs::OpenFile &f, vfs::Request &req, char *buf, size_t n, off_t) override
	{
		auto r = std::static_pointer_cast<KmsgReader>(f.data);
		LogRing &ring = log_ring();
		req.set_interrupt_hook([&ring] { ring.poke(); });
		struct Clear {
			vfs::Request &q;
			~Clear() { q.clear_interrupt_hook(); }
		} clear{req};
		for (;;) {
			uint64_t next;
			uint64_t want;
			{
				std::lock_guard lk(f.mu);
				want = r->seq;
			}
			auto recs = ring.read_from(want, &next);
			if (!recs.empty()) {
				std::lock_guard lk(f.mu);
				if (recs.front().seq > r->seq) {
					r->seq = recs.front().seq;
					return -EPIPE;
				}
				std::string line = format_kmsg_line(recs.front());
				if (line.size() > n)
					return -EINVAL;
				std::memcpy(buf, line.data(), line.size());
				r->seq = recs.front().seq + 1;
				return static_cast<ssize_t>(line.size());
			}
			if (req.flags & O_NONBLOCK)
				return -EAGAIN;
			if (req.interrupted() || ring.stopped())
				return -512; // -ERESTARTSYS
			ring.wait_for(want, std::chrono::milliseconds(1000), [&req] { return req.interrupted(); });
		}
	}

	ssize_t write(vfs::OpenFile &, vfs::Request &, const char *buf, size_t n, off_t) override
	{
		// "<N>text": level N (facility bits ignored); default is KERN_DEFAULT.
		std::string_view text(buf, n);
		int level = kDefaultMessageLoglevel;
		if (text.size() >= 3 && text[0] == '<') {
			size_t close = text.find('>');
			if (close != std::string_view::npos && close > 1) {
				int v = 0;
				bool ok = true;
				for (char c : text.substr(1, close - 1)) {
					if (c < '0' || c > '9') {
						ok = false;
						break;
					}
					v = v * 10 + (c - '0');
				}
				if (ok) {
					level = v & 7;
					text.remove_prefix(close + 1);
				}
			}
		}
		while (!text.empty() && text.back() == '\n')
			text.remove_suffix(1);
		log_ring().emit(level, text, 1);
		return static_cast<ssize_t>(n);
	}
};

} // namespace

void devkmsg_init()
{
	vfs::dev_tree().add_file(vfs::dev_tree().root(), "kmsg", 0644, std::make_shared<DevKmsg>());
}

} // namespace kplay
