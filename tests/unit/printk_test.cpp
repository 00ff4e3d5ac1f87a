// Unit tests for kernel/printk.cpp: the log ring (level prefixes, the KERN_CONT
// continuation rule of vprintk_store, sequence numbers, clearing, size limit)
// and the dmesg and /dev/kmsg line formats.
#include "kernel/printk.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using kplay::LogRecord;
using kplay::LogRing;

constexpr const char *kErr = "\0013";
constexpr const char *kInfo = "\0016";
constexpr const char *kDebug = "\0017";
constexpr const char *kCont = "\001c";

std::vector<LogRecord> all(const LogRing &ring, uint64_t from = 0)
{
	uint64_t next = 0;
	auto d = ring.read_from(from, &next);
	return {d.begin(), d.end()};
}

std::vector<std::string> texts(const LogRing &ring, uint64_t from = 0)
{
	std::vector<std::string> out;
	for (const LogRecord &r : all(ring, from))
		out.push_back(r.text);
	return out;
}

TEST(LogRing, LevelPrefixIsParsedAndStripped)
{
	LogRing ring;
	ring.store(std::string(kErr) + "boom\n");
	ring.store(std::string(kInfo) + "hello\n");
	ring.store(std::string(kDebug) + "dbg\n");
	auto recs = all(ring);
	ASSERT_EQ(recs.size(), 3u);
	EXPECT_EQ(recs[0].level, 3);
	EXPECT_EQ(recs[0].text, "boom");
	EXPECT_EQ(recs[1].level, 6);
	EXPECT_EQ(recs[1].text, "hello");
	EXPECT_EQ(recs[2].level, 7);
	EXPECT_EQ(recs[2].facility, 0);
}

TEST(LogRing, NoPrefixMeansDefaultLevel)
{
	LogRing ring;
	ring.store("plain\n");
	auto recs = all(ring);
	ASSERT_EQ(recs.size(), 1u);
	EXPECT_EQ(recs[0].level, kplay::kDefaultMessageLoglevel);
	EXPECT_EQ(recs[0].level, 4);
	EXPECT_EQ(recs[0].text, "plain");
}

TEST(LogRing, OnlyOneTrailingNewlineIsStripped)
{
	LogRing ring;
	ring.store("two\n\n");
	ring.store("in\nside\n");
	EXPECT_EQ(texts(ring), (std::vector<std::string>{"two\n", "in\nside"}));
}

TEST(LogRing, LineWithoutNewlineIsHeldUntilContinuationEndsIt)
{
	LogRing ring;
	ring.store(std::string(kInfo) + "partial");
	EXPECT_TRUE(all(ring).empty());
	EXPECT_EQ(ring.next_seq(), 0u);
	ring.store(std::string(kCont) + " more");
	EXPECT_TRUE(all(ring).empty());
	ring.store(std::string(kCont) + " end\n");
	auto recs = all(ring);
	ASSERT_EQ(recs.size(), 1u);
	EXPECT_EQ(recs[0].text, "partial more end");
	EXPECT_EQ(recs[0].level, 6); // the first fragment's level is kept
	EXPECT_EQ(ring.next_seq(), 1u);
}

TEST(LogRing, ContinuationLevelDoesNotOverrideTheFirstFragment)
{
	LogRing ring;
	ring.store(std::string(kErr) + "a");
	ring.store(std::string(kCont) + kDebug + "b\n");
	auto recs = all(ring);
	ASSERT_EQ(recs.size(), 1u);
	EXPECT_EQ(recs[0].text, "ab");
	EXPECT_EQ(recs[0].level, 3);
}

TEST(LogRing, NewMessageCommitsThePartialLineFirst)
{
	LogRing ring;
	ring.store(std::string(kErr) + "first");
	ring.store(std::string(kInfo) + "second\n");
	auto recs = all(ring);
	ASSERT_EQ(recs.size(), 2u);
	EXPECT_EQ(recs[0].text, "first");
	EXPECT_EQ(recs[0].level, 3);
	EXPECT_EQ(recs[1].text, "second");
	EXPECT_EQ(recs[1].level, 6);
	EXPECT_LT(recs[0].seq, recs[1].seq);
}

TEST(LogRing, ContinuationWithoutOpenLineStartsANewRecord)
{
	LogRing ring;
	ring.store("done\n");
	ring.store(std::string(kCont) + "orphan\n");
	EXPECT_EQ(texts(ring), (std::vector<std::string>{"done", "orphan"}));
	EXPECT_EQ(all(ring)[1].level, kplay::kDefaultMessageLoglevel);
}

TEST(LogRing, EmitCommitsThePartialLineAndKeepsFacility)
{
	LogRing ring;
	ring.store("partial");
	ring.emit(5, "from user", 1);
	auto recs = all(ring);
	ASSERT_EQ(recs.size(), 2u);
	EXPECT_EQ(recs[0].text, "partial");
	EXPECT_EQ(recs[1].text, "from user");
	EXPECT_EQ(recs[1].level, 5);
	EXPECT_EQ(recs[1].facility, 1);
}

TEST(LogRing, SequenceNumbersIncreaseAndReadFromFilters)
{
	LogRing ring;
	for (int i = 0; i < 5; ++i)
		ring.store("m" + std::to_string(i) + "\n");
	uint64_t next = 0;
	auto recs = ring.read_from(0, &next);
	ASSERT_EQ(recs.size(), 5u);
	EXPECT_EQ(next, 5u);
	for (size_t i = 0; i < recs.size(); ++i) {
		EXPECT_EQ(recs[i].seq, i);
		if (i) {
			EXPECT_GE(recs[i].ts_usec, recs[i - 1].ts_usec);
		}
	}
	auto tail = ring.read_from(3, &next);
	ASSERT_EQ(tail.size(), 2u);
	EXPECT_EQ(tail[0].text, "m3");
	EXPECT_EQ(next, 5u);
	EXPECT_TRUE(ring.read_from(5, &next).empty());
}

TEST(LogRing, ClearMovesClearSeqButKeepsRecords)
{
	LogRing ring;
	ring.store("old\n");
	ring.store("older\n");
	EXPECT_EQ(ring.clear_seq(), 0u);
	ring.clear();
	EXPECT_EQ(ring.clear_seq(), 2u);
	ring.store("new\n");
	EXPECT_EQ(texts(ring, ring.clear_seq()), std::vector<std::string>{"new"});
	EXPECT_EQ(all(ring).size(), 3u); // dmesg -c hides, /dev/kmsg still sees
}

TEST(LogRing, DropsOldestRecordsBeyondMaxBytes)
{
	LogRing ring(400);
	const std::string body(50, 'x');
	for (int i = 0; i < 20; ++i)
		ring.store(std::to_string(i) + body + "\n");
	auto recs = all(ring);
	ASSERT_FALSE(recs.empty());
	EXPECT_LT(recs.size(), 20u);
	size_t bytes = 0;
	for (const LogRecord &r : recs)
		bytes += r.text.size();
	EXPECT_LE(bytes, 400u);
	// The newest survive, in order, and seq keeps counting across drops.
	EXPECT_EQ(recs.back().seq, 19u);
	EXPECT_EQ(recs.back().text, "19" + body);
	EXPECT_GT(recs.front().seq, 0u);
	for (size_t i = 1; i < recs.size(); ++i)
		EXPECT_EQ(recs[i].seq, recs[i - 1].seq + 1);
	EXPECT_EQ(ring.next_seq(), 20u);
}

TEST(LogRing, WaitForReportsNewsWithoutBlockingWhenAvailable)
{
	LogRing ring;
	EXPECT_FALSE(ring.wait_for(0, std::chrono::milliseconds(0)));
	ring.store("x\n");
	EXPECT_TRUE(ring.wait_for(0, std::chrono::milliseconds(0)));
	EXPECT_FALSE(ring.wait_for(1, std::chrono::milliseconds(0)));
	// A stop condition ends the wait, but reports no news.
	EXPECT_FALSE(ring.wait_for(1, std::chrono::milliseconds(0), [] { return true; }));
	ring.stop();
	EXPECT_TRUE(ring.stopped());
	EXPECT_FALSE(ring.wait_for(0, std::chrono::milliseconds(0)));
}

TEST(LogFormat, DmesgLine)
{
	LogRecord r;
	r.ts_usec = 1234567;
	r.text = "text";
	EXPECT_EQ(kplay::format_dmesg_line(r, true), "[    1.234567] text\n");
	EXPECT_EQ(kplay::format_dmesg_line(r, false), "text\n");
	r.ts_usec = 123456789012ULL;
	EXPECT_EQ(kplay::format_dmesg_line(r, true), "[123456.789012] text\n");
	r.ts_usec = 5;
	EXPECT_EQ(kplay::format_dmesg_line(r, true), "[    0.000005] text\n");
}

TEST(LogFormat, KmsgLine)
{
	LogRecord r;
	r.level = 6;
	r.seq = 3;
	r.ts_usec = 1234567;
	r.text = "text";
	EXPECT_EQ(kplay::format_kmsg_line(r), "6,3,1234567,-;text\n");
	r.facility = 1;
	r.level = 5;
	EXPECT_EQ(kplay::format_kmsg_line(r), "13,3,1234567,-;text\n");
}

TEST(LogFormat, KmsgEscapesNewlinesAndNonPrintables)
{
	LogRecord r;
	r.level = 4;
	r.seq = 0;
	r.ts_usec = 0;
	r.text = std::string("a\nb\tc\\d\x7f") + "\xc3\xa9";
	EXPECT_EQ(kplay::format_kmsg_line(r), "4,0,0,-;a\\x0ab\\x09c\\x5cd\\x7f\\xc3\\xa9\n");
}

} // namespace
