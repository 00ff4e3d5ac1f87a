// Unit tests for kernel/params.cpp: insmod argument parsing (parse_args, as in
// kernel/params.c), the standard param ops, their error messages in the log
// ring, and the sysfs show/store of /sys/module/<mod>/parameters files.
#include "kernel/params.h"

#include "kernel/printk.h"

// The C++ library headers come before the kernel's C headers: linux/init.h
// defines macros such as __ref that are parameter names in libstdc++.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "linux/moduleparam.h"

namespace {

constexpr const char *kMod = "ptest";

// Every kernel log line printed since `from`, without the level.
std::vector<std::string> log_since(uint64_t from)
{
	uint64_t next = 0;
	std::vector<std::string> lines;
	for (const kplay::LogRecord &r : kplay::log_ring().read_from(from, &next))
		lines.push_back(r.text);
	return lines;
}

bool logged(const std::vector<std::string> &lines, const std::string &text)
{
	for (const std::string &l : lines)
		if (l == text)
			return true;
	return false;
}

std::string dump(const std::vector<std::string> &lines)
{
	std::string out;
	for (const std::string &l : lines)
		out += "  [" + l + "]\n";
	return out;
}

// What the unknown-parameter callback saw (it is a plain function pointer).
std::vector<std::pair<std::string, std::string>> g_unknown;

int record_unknown(const char *doing, const char *param, const char *val)
{
	EXPECT_STREQ(doing, kMod);
	g_unknown.emplace_back(param, val ? val : "<null>");
	return 0;
}

class Params : public ::testing::Test {
protected:
	void SetUp() override { g_unknown.clear(); }
	void TearDown() override { kplay::destroy_params(table, kCount); }

	int parse(const std::string &args, kplay::UnknownParamFn unknown = nullptr)
	{
		seq = kplay::log_ring().next_seq();
		return kplay::parse_args(kMod, args, table, kCount, unknown);
	}
	[[nodiscard]] std::vector<std::string> log() const { return log_since(seq); }

	const kernel_param &param(const char *name) const
	{
		for (const kernel_param &p : table)
			if (std::strcmp(p.name, name) == 0)
				return p;
		ADD_FAILURE() << "no parameter " << name;
		return table[0];
	}
	std::string show(const char *name) const
	{
		std::string out;
		int n = kplay::param_attr_show(&param(name), &out);
		EXPECT_EQ(n, static_cast<int>(out.size())) << name;
		return out;
	}

	int myint = 0;
	short myshort = 0;
	bool mybool = false;
	bool myinv = false;
	char *mycharp = nullptr;
	unsigned int myhex = 0;
	char sbuf[8] = "init";
	kparam_string sdesc{sizeof sbuf, sbuf};
	int intarr[4] = {};
	unsigned int intarr_n = 0;
	kparam_array arrdesc{2, sizeof(int), &intarr_n, &param_ops_int, intarr};
	kparam_array arr4desc{4, sizeof(int), &intarr_n, &param_ops_int, intarr};
	bool boolarr[3] = {};
	kparam_array boolarrdesc{3, sizeof(bool), nullptr, &param_ops_bool, boolarr};

	static constexpr unsigned kCount = 11;
	kernel_param table[kCount] = {
		{"my_int", nullptr, &param_ops_int, 0644, -1, 0, {&myint}},
		{"myshort", nullptr, &param_ops_short, 0644, -1, 0, {&myshort}},
		{"mybool", nullptr, &param_ops_bool, 0644, -1, 0, {&mybool}},
		{"myinv", nullptr, &param_ops_invbool, 0644, -1, 0, {&myinv}},
		{"mycharp", nullptr, &param_ops_charp, 0644, -1, 0, {&mycharp}},
		{"s", nullptr, &param_ops_string, 0644, -1, 0, {.str = &sdesc}},
		{"myintarray", nullptr, &param_array_ops, 0644, -1, 0, {.arr = &arrdesc}},
		{"wide", nullptr, &param_array_ops, 0644, -1, 0, {.arr = &arr4desc}},
		{"flags", nullptr, &param_array_ops, 0644, -1, 0, {.arr = &boolarrdesc}},
		{"myhex", nullptr, &param_ops_hexint, 0644, -1, 0, {&myhex}},
		{"noget", nullptr, &kNoGetOps, 0200, -1, 0, {&myint}},
	};
	uint64_t seq = 0;

	static constexpr kernel_param_ops kNoGetOps = {0, param_set_int, nullptr, nullptr};
};

TEST_F(Params, SetsScalarValues)
{
	EXPECT_EQ(parse("my_int=7 myshort=-12 mybool=y myinv=y"), 0);
	EXPECT_EQ(myint, 7);
	EXPECT_EQ(myshort, -12);
	EXPECT_TRUE(mybool);
	EXPECT_FALSE(myinv); // invbool stores the opposite
	EXPECT_TRUE(log().empty()) << dump(log());
}

TEST_F(Params, BaseZeroNumbersAndExtraSpaces)
{
	EXPECT_EQ(parse("   my_int=0x10    myshort=010   "), 0);
	EXPECT_EQ(myint, 16);
	EXPECT_EQ(myshort, 8);
}

TEST_F(Params, BareNameSetsBoolButIsInvalidForInt)
{
	mybool = false;
	myinv = true;
	EXPECT_EQ(parse("mybool myinv"), 0);
	EXPECT_TRUE(mybool);
	EXPECT_FALSE(myinv);

	myint = 3;
	EXPECT_EQ(parse("my_int"), -EINVAL);
	EXPECT_EQ(myint, 3);
	EXPECT_TRUE(logged(log(), "ptest: `' invalid for parameter `my_int'")) << dump(log());
}

TEST_F(Params, BoolTakesKernelSpellings)
{
	EXPECT_EQ(parse("mybool=on"), 0);
	EXPECT_TRUE(mybool);
	EXPECT_EQ(parse("mybool=N"), 0);
	EXPECT_FALSE(mybool);
	EXPECT_EQ(parse("mybool=maybe"), -EINVAL);
	EXPECT_FALSE(mybool);
	EXPECT_TRUE(logged(log(), "ptest: `maybe' invalid for parameter `mybool'")) << dump(log());
}

TEST_F(Params, QuotedValueKeepsItsSpaces)
{
	EXPECT_EQ(parse("s=\"a b\" my_int=4"), 0);
	EXPECT_STREQ(sbuf, "a b");
	EXPECT_EQ(myint, 4);

	EXPECT_EQ(parse("mycharp=\"hello world\""), 0);
	ASSERT_NE(mycharp, nullptr);
	EXPECT_STREQ(mycharp, "hello world");
}

TEST_F(Params, WhollyQuotedArgument)
{
	EXPECT_EQ(parse("\"s=x y\" my_int=2"), 0);
	EXPECT_STREQ(sbuf, "x y");
	EXPECT_EQ(myint, 2);
}

TEST_F(Params, DashesAndUnderscoresAreEquivalent)
{
	EXPECT_EQ(parse("my-int=5"), 0);
	EXPECT_EQ(myint, 5);
	EXPECT_EQ(parse("my_int=6"), 0);
	EXPECT_EQ(myint, 6);
	// Only '-' and '_' are interchangeable: the names must otherwise match.
	EXPECT_EQ(parse("myint=9"), -ENOENT);
	EXPECT_EQ(myint, 6);
}

TEST_F(Params, UnknownParameterGoesToTheCallback)
{
	EXPECT_EQ(parse("foo=bar my_int=1 baz", record_unknown), 0);
	EXPECT_EQ(myint, 1);
	ASSERT_EQ(g_unknown.size(), 2u);
	EXPECT_EQ(g_unknown[0], (std::pair<std::string, std::string>{"foo", "bar"}));
	EXPECT_EQ(g_unknown[1], (std::pair<std::string, std::string>{"baz", "<null>"}));
	EXPECT_TRUE(log().empty()) << dump(log());
}

TEST_F(Params, UnknownParameterWithoutCallbackIsLogged)
{
	EXPECT_EQ(parse("nosuch=1"), -ENOENT);
	EXPECT_TRUE(logged(log(), "ptest: Unknown parameter `nosuch'")) << dump(log());
}

TEST_F(Params, ShortOverflowIsErange)
{
	myshort = 5;
	EXPECT_EQ(parse("myshort=70000"), -ERANGE);
	EXPECT_EQ(myshort, 5);
	EXPECT_TRUE(logged(log(), "ptest: `70000' invalid for parameter `myshort'")) << dump(log());
}

TEST_F(Params, ParsingGoesOnAfterAnErrorAndReturnsTheLastOne)
{
	EXPECT_EQ(parse("my_int=1 myshort=70000 mybool=1 nosuch=2 myinv=0"), -ENOENT);
	EXPECT_EQ(myint, 1);
	EXPECT_TRUE(mybool);
	EXPECT_TRUE(myinv);
	auto lines = log();
	EXPECT_TRUE(logged(lines, "ptest: `70000' invalid for parameter `myshort'")) << dump(lines);
	EXPECT_TRUE(logged(lines, "ptest: Unknown parameter `nosuch'")) << dump(lines);
}

TEST_F(Params, DoubleDashEndsTheArguments)
{
	EXPECT_EQ(parse("my_int=1 -- my_int=2"), 0);
	EXPECT_EQ(myint, 1);
}

TEST_F(Params, ArraySetsItemsAndCount)
{
	EXPECT_EQ(parse("myintarray=3,-4"), 0);
	EXPECT_EQ(intarr[0], 3);
	EXPECT_EQ(intarr[1], -4);
	EXPECT_EQ(intarr_n, 2u);
	EXPECT_EQ(parse("myintarray=9"), 0);
	EXPECT_EQ(intarr[0], 9);
	EXPECT_EQ(intarr_n, 1u);
}

TEST_F(Params, ArrayWithTooManyItemsIsEinval)
{
	EXPECT_EQ(parse("myintarray=1,2,3"), -EINVAL);
	auto lines = log();
	EXPECT_TRUE(logged(lines, "myintarray: can only take 2 arguments")) << dump(lines);
	// param_array NUL-terminates each item in place, as the kernel does, so
	// parse_args's message names only the first item.
	EXPECT_TRUE(logged(lines, "ptest: `1' invalid for parameter `myintarray'")) << dump(lines);
}

TEST_F(Params, ArrayWithABadItemFails)
{
	EXPECT_EQ(parse("myintarray=1,x"), -EINVAL);
	EXPECT_EQ(intarr[0], 1);
	EXPECT_EQ(parse("myintarray=5,"), -EINVAL);
	EXPECT_EQ(intarr[0], 5); // items before the bad one are already stored
	EXPECT_TRUE(logged(log(), "ptest: `5' invalid for parameter `myintarray'")) << dump(log());
}

TEST_F(Params, ArrayStoreThroughSysfsTakesTheTrailingNewline)
{
	char buf[] = "7,8\n"; // writable: the array ops split it in place
	EXPECT_EQ(kplay::param_attr_store(&param("myintarray"), buf, std::strlen("7,8\n")), 4);
	EXPECT_EQ(intarr[0], 7);
	EXPECT_EQ(intarr[1], 8);
	EXPECT_EQ(intarr_n, 2u);
	EXPECT_EQ(show("myintarray"), "7,8\n");
}

TEST_F(Params, StringThatFitsIsCopied)
{
	EXPECT_EQ(parse("s=abcdefg"), 0); // 7 chars + NUL == maxlen 8
	EXPECT_STREQ(sbuf, "abcdefg");
}

TEST_F(Params, StringLongerThanMaxlenIsEnospc)
{
	EXPECT_EQ(parse("s=abcdefgh"), -ENOSPC);
	EXPECT_STREQ(sbuf, "init");
	auto lines = log();
	EXPECT_TRUE(logged(lines, "s: string doesn't fit in 7 chars.")) << dump(lines);
	EXPECT_TRUE(logged(lines, "ptest: `abcdefgh' too large for parameter `s'")) << dump(lines);
}

TEST_F(Params, CharpIsReplacedOnEachSet)
{
	EXPECT_EQ(parse("mycharp=one"), 0);
	ASSERT_NE(mycharp, nullptr);
	EXPECT_STREQ(mycharp, "one");
	EXPECT_EQ(parse("mycharp=two"), 0);
	ASSERT_NE(mycharp, nullptr);
	EXPECT_STREQ(mycharp, "two");
	EXPECT_EQ(show("mycharp"), "two\n");
}

TEST_F(Params, CharpLongerThan1024IsEnospc)
{
	std::string big(1025, 'a');
	EXPECT_EQ(parse("mycharp=" + big), -ENOSPC);
	EXPECT_EQ(mycharp, nullptr);
	EXPECT_TRUE(logged(log(), "mycharp: string parameter too long")) << dump(log());
	EXPECT_EQ(parse("mycharp=" + std::string(1024, 'b')), 0);
	ASSERT_NE(mycharp, nullptr);
	EXPECT_EQ(std::strlen(mycharp), 1024u);
}

TEST_F(Params, ShowScalars)
{
	myint = 7;
	mybool = true;
	myshort = -3;
	EXPECT_EQ(show("my_int"), "7\n");
	EXPECT_EQ(show("mybool"), "Y\n");
	EXPECT_EQ(show("myshort"), "-3\n");
	mybool = false;
	EXPECT_EQ(show("mybool"), "N\n");
	myinv = false;
	EXPECT_EQ(show("myinv"), "Y\n");
	EXPECT_EQ(show("s"), "init\n");
	myhex = 0xff;
	EXPECT_EQ(show("myhex"), "0x0000ff\n");
}

TEST_F(Params, ShowCharpNull)
{
	EXPECT_EQ(show("mycharp"), "(null)\n");
}

TEST_F(Params, ShowArrayUsesTheCount)
{
	intarr[0] = 1;
	intarr[1] = 2;
	intarr[2] = 3;
	intarr[3] = 4;
	intarr_n = 3;
	EXPECT_EQ(show("wide"), "1,2,3\n");
	intarr_n = 1;
	EXPECT_EQ(show("wide"), "1\n");
}

TEST_F(Params, ShowArrayWithoutCountShowsAllItems)
{
	boolarr[1] = true;
	EXPECT_EQ(show("flags"), "N,Y,N\n");
	EXPECT_EQ(parse("flags=1,1"), 0);
	EXPECT_EQ(show("flags"), "Y,Y,N\n");
}

TEST_F(Params, ShowWithoutGetIsEperm)
{
	std::string out = "untouched";
	EXPECT_EQ(kplay::param_attr_show(&param("noget"), &out), -EPERM);
	EXPECT_EQ(out, "untouched");
}

TEST_F(Params, StoreReturnsLengthOrError)
{
	const char *v = "42\n";
	EXPECT_EQ(kplay::param_attr_store(&param("my_int"), v, std::strlen(v)), 3);
	EXPECT_EQ(myint, 42);
	const char *bad = "4x";
	EXPECT_EQ(kplay::param_attr_store(&param("my_int"), bad, std::strlen(bad)), -EINVAL);
	EXPECT_EQ(myint, 42);
	const char *big = "70000";
	EXPECT_EQ(kplay::param_attr_store(&param("myshort"), big, std::strlen(big)), -ERANGE);
}

TEST(ParamsJoin, QuotesValuesWithSpaces)
{
	EXPECT_EQ(kplay::join_module_args({"a=1", "s=a b", "flag"}), "a=1 s=\"a b\" flag");
	EXPECT_EQ(kplay::join_module_args({}), "");
}

TEST_F(Params, JoinedArgumentsParseBack)
{
	std::string args = kplay::join_module_args({"s=p q", "my_int=8"});
	EXPECT_EQ(parse(args), 0);
	EXPECT_STREQ(sbuf, "p q");
	EXPECT_EQ(myint, 8);
}

// lib/vsprintf.c number(): "%#08x" of 0 is "0x000000" in the kernel (the
// "0x" prefix is printed for a zero hex value too); glibc prints "00000000".
// param_get_hexint formats with the C library's snprintf.
TEST_F(Params, HexintShowOfZeroKeepsThe0xPrefix)
{
	myhex = 0;
	EXPECT_EQ(show("myhex"), "0x000000\n");
}

} // namespace
