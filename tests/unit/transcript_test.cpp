// kplay compare's transcript handling: noise, masks, diff, expectations.
#include "compare/transcript.h"

#include <gtest/gtest.h>

using kplay::compare::DiffLine;

TEST(Transcript, DropsKernelNoiseAndMasksRunDependentParts)
{
	std::string real = "hello_1: loading out-of-tree module taints kernel.\n"
			   "hello_1: module verification failed: signature and/or required key missing - tainting kernel\n"
			   "hrtimer: interrupt took 19769070 ns\n"
			   "[    1.234567] hello\n"
			   "hello_1 16384 0 - Live 0x0000000000000000 (OE)\n"
			   "hello_1                16384  0\n"
			   "ptr 00000000a1b2c3d4\n";
	auto n = kplay::compare::normalise(real, {});
	ASSERT_EQ(n.size(), 4u);
	EXPECT_EQ(n[0], "hello");
	EXPECT_EQ(n[1], "hello_1 <size> 0 - Live <addr> (OE)");
	EXPECT_EQ(n[2], "hello_1 <size> 0");
	EXPECT_EQ(n[3], "ptr <ptr>");
}

TEST(Transcript, ReplacesWorkPaths)
{
	auto n = kplay::compare::normalise("insmod /tmp/w/play/M/x.ko\n", {{"/tmp/w/play", "<work>"}});
	ASSERT_EQ(n.size(), 1u);
	EXPECT_EQ(n[0], "insmod <work>/M/x.ko");
}

TEST(Transcript, DiffMarksOneSidedLinesAndExpectations)
{
	std::string err;
	auto ex = kplay::compare::parse_expectations("# comment\nplay\t^only play$\tbecause FUSE\n", &err);
	ASSERT_TRUE(err.empty()) << err;
	auto d = kplay::compare::diff({"a", "only real", "b"}, {"a", "b", "only play"}, ex);
	ASSERT_EQ(d.size(), 4u);
	EXPECT_EQ(d[0].kind, DiffLine::Same);
	EXPECT_EQ(d[1].kind, DiffLine::RealOnly);
	EXPECT_EQ(d[1].expected, nullptr);
	auto s = kplay::compare::summarise(d);
	EXPECT_EQ(s.differing, 2);
	EXPECT_EQ(s.unexplained, 1);
	ASSERT_EQ(s.reasons.size(), 1u);
	EXPECT_EQ(s.reasons[0], "because FUSE");
}

TEST(Transcript, ExpectationSideIsRespected)
{
	std::string err;
	auto ex = kplay::compare::parse_expectations("real\tx\twhy\n", &err);
	auto s = kplay::compare::summarise(kplay::compare::diff({}, {"x"}, ex));
	EXPECT_EQ(s.unexplained, 1); // a play-side line is not covered by a real-side rule
}

TEST(Transcript, BadExpectationFilesAreRejected)
{
	std::string err;
	EXPECT_TRUE(kplay::compare::parse_expectations("nonsense\n", &err).empty());
	EXPECT_FALSE(err.empty());
	err.clear();
	kplay::compare::parse_expectations("both\t([\twhy\n", &err);
	EXPECT_NE(err.find("bad regex"), std::string::npos);
}

TEST(Transcript, TransportQualifiedExpectationsApplyToTheirTransportOnly)
{
	std::string err;
	auto ex = kplay::compare::parse_expectations("play/fuse\t^x$\tFUSE only\nplay\t^y$\tany transport\n", &err);
	ASSERT_TRUE(err.empty()) << err;
	ASSERT_EQ(ex.size(), 2u);
	EXPECT_EQ(ex[0].side, "play");
	EXPECT_EQ(ex[0].transport, "fuse");
	auto fuse = kplay::compare::for_transport(ex, "fuse");
	auto cuse = kplay::compare::for_transport(ex, "cuse");
	EXPECT_EQ(kplay::compare::summarise(kplay::compare::diff({}, {"x", "y"}, fuse)).unexplained, 0);
	// With CUSE the FUSE-only line is a real difference; the general one still applies.
	EXPECT_EQ(kplay::compare::summarise(kplay::compare::diff({}, {"x", "y"}, cuse)).unexplained, 1);
	kplay::compare::parse_expectations("play/9p\tx\twhy\n", &err);
	EXPECT_NE(err.find("/fuse or /cuse"), std::string::npos);
}
