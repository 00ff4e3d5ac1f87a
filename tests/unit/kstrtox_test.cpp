// Unit tests for kernel/kstrtox.cpp: the strict kstrto*() conversions must
// follow lib/kstrtox.c exactly (radix prefixes, one trailing newline, -EINVAL
// for junk, -ERANGE for overflow, *res untouched on failure).
#include "kernel/kapi.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <climits>
#include <cstdint>

namespace {

TEST(Kstrtox, DecimalWithExplicitBase)
{
	int v = -1;
	EXPECT_EQ(kstrtoint("42", 10, &v), 0);
	EXPECT_EQ(v, 42);
	EXPECT_EQ(kstrtoint("-42", 10, &v), 0);
	EXPECT_EQ(v, -42);
	EXPECT_EQ(kstrtoint("0", 10, &v), 0);
	EXPECT_EQ(v, 0);
}

TEST(Kstrtox, BaseZeroPicksRadixFromPrefix)
{
	int v = 0;
	EXPECT_EQ(kstrtoint("0x1f", 0, &v), 0);
	EXPECT_EQ(v, 31);
	EXPECT_EQ(kstrtoint("0X1F", 0, &v), 0);
	EXPECT_EQ(v, 31);
	EXPECT_EQ(kstrtoint("017", 0, &v), 0);
	EXPECT_EQ(v, 15);
	EXPECT_EQ(kstrtoint("17", 0, &v), 0);
	EXPECT_EQ(v, 17);
	EXPECT_EQ(kstrtoint("0", 0, &v), 0);
	EXPECT_EQ(v, 0);
	EXPECT_EQ(kstrtoint("-0x10", 0, &v), 0);
	EXPECT_EQ(v, -16);
}

TEST(Kstrtox, BaseZeroRejectsBadDigitsForTheChosenRadix)
{
	int v = 99;
	// A leading 0 means octal, so 8 and 9 are not digits.
	EXPECT_EQ(kstrtoint("08", 0, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("019", 0, &v), -EINVAL);
	// "0x" without a hex digit is octal 0 followed by junk.
	EXPECT_EQ(kstrtoint("0x", 0, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("0xg", 0, &v), -EINVAL);
	EXPECT_EQ(v, 99);
}

TEST(Kstrtox, Base16AcceptsOptionalPrefixAndBase8RejectsIt)
{
	unsigned int u = 0;
	EXPECT_EQ(kstrtouint("1f", 16, &u), 0);
	EXPECT_EQ(u, 0x1fu);
	EXPECT_EQ(kstrtouint("0x1f", 16, &u), 0);
	EXPECT_EQ(u, 0x1fu);
	EXPECT_EQ(kstrtouint("0x", 16, &u), -EINVAL);
	EXPECT_EQ(kstrtouint("17", 8, &u), 0);
	EXPECT_EQ(u, 15u);
	EXPECT_EQ(kstrtouint("18", 8, &u), -EINVAL);
	// Base 10 does not understand a hex prefix.
	EXPECT_EQ(kstrtouint("0x1f", 10, &u), -EINVAL);
}

TEST(Kstrtox, OneTrailingNewlineIsAcceptedButNotTwo)
{
	int v = 0;
	EXPECT_EQ(kstrtoint("5\n", 10, &v), 0);
	EXPECT_EQ(v, 5);
	v = 7;
	EXPECT_EQ(kstrtoint("5\n\n", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("\n", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("5 ", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint(" 5", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("5\n6", 10, &v), -EINVAL);
	EXPECT_EQ(v, 7);
}

TEST(Kstrtox, SignHandling)
{
	int v = 0;
	EXPECT_EQ(kstrtoint("+5", 10, &v), 0);
	EXPECT_EQ(v, 5);
	EXPECT_EQ(kstrtoint("-0", 10, &v), 0);
	EXPECT_EQ(v, 0);
	v = 3;
	EXPECT_EQ(kstrtoint("--5", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("+-5", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("-+5", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("-", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("+", 10, &v), -EINVAL);
	EXPECT_EQ(v, 3);

	unsigned int u = 11;
	EXPECT_EQ(kstrtouint("+5", 10, &u), 0);
	EXPECT_EQ(u, 5u);
	// An unsigned conversion has no minus sign at all, not even for "-0".
	EXPECT_EQ(kstrtouint("-5", 10, &u), -EINVAL);
	EXPECT_EQ(kstrtouint("-0", 10, &u), -EINVAL);
	unsigned long long ull = 11;
	EXPECT_EQ(kstrtoull("-1", 0, &ull), -EINVAL);
	EXPECT_EQ(u, 5u);
	EXPECT_EQ(ull, 11u);
}

TEST(Kstrtox, EmptyAndJunkAreInvalid)
{
	int v = 1234;
	EXPECT_EQ(kstrtoint("", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("", 0, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("12abc", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("12abc", 0, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("abc", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoint("1.5", 10, &v), -EINVAL);
	EXPECT_EQ(v, 1234);
	// In base 16 "12abc" is a perfectly good number.
	EXPECT_EQ(kstrtoint("12abc", 16, &v), 0);
	EXPECT_EQ(v, 0x12abc);
}

TEST(Kstrtox, IntRange)
{
	int v = 5;
	EXPECT_EQ(kstrtoint("2147483647", 10, &v), 0);
	EXPECT_EQ(v, INT_MAX);
	EXPECT_EQ(kstrtoint("-2147483648", 10, &v), 0);
	EXPECT_EQ(v, INT_MIN);
	v = 5;
	EXPECT_EQ(kstrtoint("2147483648", 10, &v), -ERANGE);
	EXPECT_EQ(kstrtoint("-2147483649", 10, &v), -ERANGE);
	EXPECT_EQ(v, 5);

	unsigned int u = 5;
	EXPECT_EQ(kstrtouint("4294967295", 10, &u), 0);
	EXPECT_EQ(u, UINT_MAX);
	u = 5;
	EXPECT_EQ(kstrtouint("4294967296", 10, &u), -ERANGE);
	EXPECT_EQ(u, 5u);
}

TEST(Kstrtox, S16Range)
{
	int16_t s = 1;
	EXPECT_EQ(kstrtos16("32767", 10, &s), 0);
	EXPECT_EQ(s, 32767);
	EXPECT_EQ(kstrtos16("-32768", 10, &s), 0);
	EXPECT_EQ(s, -32768);
	s = 1;
	EXPECT_EQ(kstrtos16("70000", 10, &s), -ERANGE);
	EXPECT_EQ(kstrtos16("32768", 0, &s), -ERANGE);
	EXPECT_EQ(kstrtos16("-32769", 0, &s), -ERANGE);
	EXPECT_EQ(s, 1);
}

TEST(Kstrtox, U8Range)
{
	uint8_t b = 1;
	EXPECT_EQ(kstrtou8("255", 10, &b), 0);
	EXPECT_EQ(b, 255);
	EXPECT_EQ(kstrtou8("0xff", 0, &b), 0);
	EXPECT_EQ(b, 255);
	b = 1;
	EXPECT_EQ(kstrtou8("256", 10, &b), -ERANGE);
	EXPECT_EQ(kstrtou8("-1", 10, &b), -EINVAL);
	EXPECT_EQ(b, 1);
}

TEST(Kstrtox, LongLongRange)
{
	long long v = 1;
	EXPECT_EQ(kstrtoll("9223372036854775807", 10, &v), 0);
	EXPECT_EQ(v, LLONG_MAX);
	EXPECT_EQ(kstrtoll("-9223372036854775808", 10, &v), 0);
	EXPECT_EQ(v, LLONG_MIN);
	v = 1;
	EXPECT_EQ(kstrtoll("9223372036854775808", 10, &v), -ERANGE);
	EXPECT_EQ(kstrtoll("-9223372036854775809", 10, &v), -ERANGE);
	EXPECT_EQ(kstrtoll("99999999999999999999", 10, &v), -ERANGE);
	EXPECT_EQ(v, 1);
}

TEST(Kstrtox, UnsignedLongLongRange)
{
	unsigned long long v = 1;
	EXPECT_EQ(kstrtoull("18446744073709551615", 10, &v), 0);
	EXPECT_EQ(v, ULLONG_MAX);
	EXPECT_EQ(kstrtoull("0xffffffffffffffff", 0, &v), 0);
	EXPECT_EQ(v, ULLONG_MAX);
	EXPECT_EQ(kstrtoull("01777777777777777777777", 0, &v), 0);
	EXPECT_EQ(v, ULLONG_MAX);
	v = 1;
	EXPECT_EQ(kstrtoull("18446744073709551616", 10, &v), -ERANGE);
	EXPECT_EQ(kstrtoull("0x10000000000000000", 0, &v), -ERANGE);
	EXPECT_EQ(kstrtoull("02000000000000000000000", 0, &v), -ERANGE);
	EXPECT_EQ(v, 1u);
	// Overflow is reported as such even when junk follows.
	EXPECT_EQ(kstrtoull("99999999999999999999x", 10, &v), -ERANGE);
}

TEST(Kstrtox, BoolSpellings)
{
	struct Case {
		const char *s;
		bool value;
	};
	for (Case c : {Case{"on", true}, Case{"ON", true}, Case{"off", false}, Case{"oFf", false}, Case{"y", true},
		       Case{"Y", true}, Case{"yes", true}, Case{"n", false}, Case{"N", false}, Case{"1", true},
		       Case{"0", false}, Case{"t", true}, Case{"true", true}, Case{"f", false}, Case{"F", false},
		       Case{"1\n", true}, Case{"N\n", false}}) {
		bool b = !c.value;
		EXPECT_EQ(kstrtobool(c.s, &b), 0) << c.s;
		EXPECT_EQ(b, c.value) << c.s;
	}
}

TEST(Kstrtox, BoolRejectsOtherWords)
{
	for (const char *s : {"x", "", "o", "oz", "2", "-1", " y", "\n"}) {
		bool b = true;
		EXPECT_EQ(kstrtobool(s, &b), -EINVAL) << '"' << s << '"';
		EXPECT_TRUE(b) << s;
	}
	bool b = false;
	EXPECT_EQ(kstrtobool(nullptr, &b), -EINVAL);
	EXPECT_FALSE(b);
}

} // namespace
