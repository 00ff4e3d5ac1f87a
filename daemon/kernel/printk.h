// The printk log ring: records with sequence numbers, monotonic timestamps and
// levels, readers that follow it (`kplay dmesg -w`, DIR/dev/kmsg), and the
// kernel's continuation rule (a line without '\n' is held until it ends or the
// next message arrives). One per daemon, as the kernel has one log buffer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kplay {

struct LogRecord {
	uint64_t seq = 0;
	uint64_t ts_usec = 0; // microseconds since the daemon's boot
	int level = 4;        // LOGLEVEL_*
	int facility = 0;     // 0 kernel, 1 user (written to /dev/kmsg)
	std::string text;     // without the trailing newline
};

class LogRing {
public:
	explicit LogRing(size_t max_bytes = 256 * 1024);

	/// The kernel's vprintk_store: parses the KERN_<level> prefix, joins
	/// KERN_CONT fragments, splits nothing. `text` is the formatted message.
	void store(std::string_view text);
	/// Appends one finished record (used for daemon-originated kernel lines).
	void emit(int level, std::string_view line, int facility = 0);

	/// Records with seq >= from, all finished ones. Sets *next to the seq to
	/// ask for next time; *first_available to the oldest seq still kept.
	std::deque<LogRecord> read_from(uint64_t from, uint64_t *next) const;
	/// Blocks until a record with seq >= from exists, or until stop() / the
	/// deadline; returns false when woken without news.
	bool wait_for(uint64_t from, std::chrono::milliseconds timeout) const;
	/// Same, also returning early when stop_waiting() turns true after a poke().
	bool wait_for(uint64_t from, std::chrono::milliseconds timeout, const std::function<bool()> &stop_waiting) const;
	/// Wakes every waiter so it re-checks its stop condition (interrupts).
	void poke() const;
	/// The seq from which "dmesg" (syslog READ_ALL) starts: after a clear.
	uint64_t clear_seq() const;
	/// SYSLOG_ACTION_CLEAR: later reads from clear_seq() see only newer records.
	void clear();
	uint64_t next_seq() const;
	void stop();
	bool stopped() const;

	static uint64_t now_usec();

private:
	void commit_locked(LogRecord rec);
	void flush_pending_locked();

	mutable std::mutex mu_;
	mutable std::condition_variable cv_;
	std::deque<LogRecord> records_;
	std::optional<LogRecord> pending_; // an unterminated line, open for KERN_CONT
	size_t bytes_ = 0;
	size_t max_bytes_;
	uint64_t next_seq_ = 0;
	uint64_t clear_seq_ = 0;
	bool stopped_ = false;
};

/// The daemon's log ring.
LogRing &log_ring();

/// Default level of a message without a KERN_<level> prefix
/// (CONFIG_MESSAGE_LOGLEVEL_DEFAULT).
constexpr int kDefaultMessageLoglevel = 4;

/// Formats a record as util-linux dmesg does: "[    1.234567] text".
std::string format_dmesg_line(const LogRecord &rec, bool with_time);
/// Formats a record as /dev/kmsg does: "6,12,345678,-;text".
std::string format_kmsg_line(const LogRecord &rec);

} // namespace kplay
