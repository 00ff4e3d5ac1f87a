// printk and the log ring (mirrors kernel/printk/printk.c: vprintk_store).
#include "kernel/printk.h"

#include "kernel/ksyms.h"
#include "kernel/vsprintf.h"

#include "linux/kern_levels.h"

#include <cstdarg>
#include <ctime>

namespace kplay {
namespace {

uint64_t boot_usec()
{
	static const uint64_t boot = [] {
		timespec ts{};
		clock_gettime(CLOCK_MONOTONIC, &ts);
		return uint64_t(ts.tv_sec) * 1000000 + uint64_t(ts.tv_nsec) / 1000;
	}();
	return boot;
}

} // namespace

uint64_t LogRing::now_usec()
{
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return uint64_t(ts.tv_sec) * 1000000 + uint64_t(ts.tv_nsec) / 1000 - boot_usec();
}

LogRing::LogRing(size_t max_bytes) : max_bytes_(max_bytes) { (void)boot_usec(); }

void LogRing::commit_locked(LogRecord rec)
{
	rec.seq = next_seq_++;
	bytes_ += rec.text.size() + 32;
	records_.push_back(std::move(rec));
	while (bytes_ > max_bytes_ && records_.size() > 1) {
		bytes_ -= records_.front().text.size() + 32;
		records_.pop_front();
	}
	cv_.notify_all();
}

void LogRing::flush_pending_locked()
{
	if (pending_) {
		LogRecord rec = std::move(*pending_);
		pending_.reset();
		commit_locked(std::move(rec));
	}
}

void LogRing::store(std::string_view text)
{
	int level = -1;
	bool cont = false;
	// printk_parse_prefix: any number of SOH+char pairs.
	while (text.size() >= 2 && text[0] == KERN_SOH_ASCII) {
		char c = text[1];
		if (c >= '0' && c <= '7') {
			if (level < 0)
				level = c - '0';
		} else if (c == 'c') {
			cont = true;
		} else if (c != 'd') {
			break;
		}
		text.remove_prefix(2);
	}
	bool newline = !text.empty() && text.back() == '\n';
	if (newline)
		text.remove_suffix(1);

	std::lock_guard lk(mu_);
	if (cont && pending_) {
		pending_->text.append(text);
		if (newline)
			flush_pending_locked();
		return;
	}
	flush_pending_locked();
	LogRecord rec;
	rec.ts_usec = now_usec();
	rec.level = level >= 0 ? level : kDefaultMessageLoglevel;
	rec.text.assign(text);
	if (newline)
		commit_locked(std::move(rec));
	else
		pending_ = std::move(rec);
}

void LogRing::emit(int level, std::string_view line, int facility)
{
	std::lock_guard lk(mu_);
	flush_pending_locked();
	LogRecord rec;
	rec.ts_usec = now_usec();
	rec.level = level;
	rec.facility = facility;
	rec.text.assign(line);
	commit_locked(std::move(rec));
}

std::deque<LogRecord> LogRing::read_from(uint64_t from, uint64_t *next) const
{
	std::lock_guard lk(mu_);
	std::deque<LogRecord> out;
	for (const LogRecord &r : records_)
		if (r.seq >= from)
			out.push_back(r);
	*next = next_seq_;
	return out;
}

bool LogRing::wait_for(uint64_t from, std::chrono::milliseconds timeout) const
{
	std::unique_lock lk(mu_);
	return cv_.wait_for(lk, timeout, [&] { return stopped_ || next_seq_ > from; }) && !stopped_;
}

bool LogRing::wait_for(uint64_t from, std::chrono::milliseconds timeout,
		       const std::function<bool()> &stop_waiting) const
{
	std::unique_lock lk(mu_);
	return cv_.wait_for(lk, timeout, [&] { return stopped_ || next_seq_ > from || stop_waiting(); }) &&
	       next_seq_ > from;
}

void LogRing::poke() const
{
	std::lock_guard lk(mu_);
	cv_.notify_all();
}

uint64_t LogRing::clear_seq() const
{
	std::lock_guard lk(mu_);
	return clear_seq_;
}

void LogRing::clear()
{
	std::lock_guard lk(mu_);
	clear_seq_ = next_seq_;
}

uint64_t LogRing::next_seq() const
{
	std::lock_guard lk(mu_);
	return next_seq_;
}

bool LogRing::stopped() const
{
	std::lock_guard lk(mu_);
	return stopped_;
}

void LogRing::stop()
{
	std::lock_guard lk(mu_);
	stopped_ = true;
	cv_.notify_all();
}

LogRing &log_ring()
{
	static LogRing ring;
	return ring;
}

std::string format_dmesg_line(const LogRecord &rec, bool with_time)
{
	std::string out;
	if (with_time) {
		char ts[40];
		std::snprintf(ts, sizeof ts, "[%5lu.%06lu] ", static_cast<unsigned long>(rec.ts_usec / 1000000),
			      static_cast<unsigned long>(rec.ts_usec % 1000000));
		out = ts;
	}
	out += rec.text;
	out += '\n';
	return out;
}

std::string format_kmsg_line(const LogRecord &rec)
{
	char head[64];
	std::snprintf(head, sizeof head, "%d,%lu,%lu,-;", rec.facility * 8 + rec.level, static_cast<unsigned long>(rec.seq),
		      static_cast<unsigned long>(rec.ts_usec));
	std::string out = head;
	// devkmsg_read escapes non-printable bytes (and '\\') as \xNN.
	for (unsigned char c : rec.text) {
		if (c < ' ' || c >= 127 || c == '\\') {
			char esc[8];
			std::snprintf(esc, sizeof esc, "\\x%02x", c);
			out += esc;
		} else {
			out += char(c);
		}
	}
	out += '\n';
	return out;
}

} // namespace kplay

extern "C" int vprintk(const char *fmt, va_list args)
{
	std::string text = kplay::kernel_vformat(fmt, args);
	kplay::log_ring().store(text);
	return static_cast<int>(text.size());
}

extern "C" int _printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

KPLAY_EXPORT(vprintk);
KPLAY_EXPORT(_printk);
