// String-to-integer conversion (mirrors lib/kstrtox.c): strict kstrto*()
// and the lenient simple_strto*().
#include "kernel/ksyms.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdint>

namespace {

// _parse_integer_fixup_radix: base 0 picks 16 for "0x" + hex digit, 8 for a
// leading 0, else 10; base 16 skips an optional "0x".
const char *fixup_radix(const char *s, unsigned *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (std::tolower(static_cast<unsigned char>(s[1])) == 'x' && std::isxdigit(static_cast<unsigned char>(s[2])))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && std::tolower(static_cast<unsigned char>(s[1])) == 'x')
		s += 2;
	return s;
}

constexpr unsigned kOverflow = 1u << 31;

// _parse_integer: digits consumed, with kOverflow or'ed in on overflow.
unsigned parse_integer(const char *s, unsigned base, unsigned long long *p)
{
	unsigned long long res = 0;
	unsigned rv = 0;
	bool overflow = false;
	for (;; ++s, ++rv) {
		unsigned c = static_cast<unsigned char>(*s);
		unsigned val;
		if (c >= '0' && c <= '9')
			val = c - '0';
		else if (std::tolower(c) >= 'a' && std::tolower(c) <= 'f')
			val = std::tolower(c) - 'a' + 10;
		else
			break;
		if (val >= base)
			break;
		if (__builtin_mul_overflow(res, base, &res) || __builtin_add_overflow(res, val, &res))
			overflow = true;
	}
	*p = res;
	return overflow ? (rv | kOverflow) : rv;
}

int kstrtoull_inner(const char *s, unsigned base, unsigned long long *res)
{
	unsigned long long r;
	s = fixup_radix(s, &base);
	unsigned rv = parse_integer(s, base, &r);
	if (rv & kOverflow)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = r;
	return 0;
}

template <typename T, typename Wide>
int narrow(Wide v, T *res)
{
	if (static_cast<Wide>(static_cast<T>(v)) != v)
		return -ERANGE;
	*res = static_cast<T>(v);
	return 0;
}

} // namespace

extern "C" {

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return kstrtoull_inner(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;
	if (s[0] == '-') {
		rv = kstrtoull_inner(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		if (static_cast<long long>(0ULL - tmp) > 0)
			return -ERANGE;
		*res = static_cast<long long>(0ULL - tmp);
	} else {
		rv = kstrtoull(s, base, &tmp);
		if (rv < 0)
			return rv;
		if (static_cast<long long>(tmp) < 0)
			return -ERANGE;
		*res = static_cast<long long>(tmp);
	}
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long t;
	int rv = kstrtoull(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	long long t;
	int rv = kstrtoll(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long t;
	int rv = kstrtoull(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long t;
	int rv = kstrtoll(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtou16(const char *s, unsigned int base, uint16_t *res)
{
	unsigned long long t;
	int rv = kstrtoull(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtos16(const char *s, unsigned int base, int16_t *res)
{
	long long t;
	int rv = kstrtoll(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtou8(const char *s, unsigned int base, uint8_t *res)
{
	unsigned long long t;
	int rv = kstrtoull(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtos8(const char *s, unsigned int base, int8_t *res)
{
	long long t;
	int rv = kstrtoll(s, base, &t);
	return rv < 0 ? rv : narrow(t, res);
}

int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		switch (s[1]) {
		case 'n': case 'N':
			*res = true;
			return 0;
		case 'f': case 'F':
			*res = false;
			return 0;
		default:
			break;
		}
		break;
	default:
		break;
	}
	return -EINVAL;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result;
	cp = fixup_radix(cp, &base);
	unsigned rv = parse_integer(cp, base, &result) & ~kOverflow;
	cp += rv;
	if (endp)
		*endp = const_cast<char *>(cp);
	return result;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -static_cast<long long>(simple_strtoull(cp + 1, endp, base));
	return static_cast<long long>(simple_strtoull(cp, endp, base));
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoll(cp, endp, base);
}

} // extern "C"

KPLAY_EXPORT(kstrtoull);
KPLAY_EXPORT(kstrtoll);
KPLAY_EXPORT(kstrtoul);
KPLAY_EXPORT(kstrtol);
KPLAY_EXPORT(kstrtouint);
KPLAY_EXPORT(kstrtoint);
KPLAY_EXPORT(kstrtou16);
KPLAY_EXPORT(kstrtos16);
KPLAY_EXPORT(kstrtou8);
KPLAY_EXPORT(kstrtos8);
KPLAY_EXPORT(kstrtobool);
KPLAY_EXPORT(simple_strtoull);
KPLAY_EXPORT(simple_strtoul);
KPLAY_EXPORT(simple_strtoll);
KPLAY_EXPORT(simple_strtol);
