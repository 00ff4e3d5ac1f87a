// The kernel's printf family (mirrors lib/vsprintf.c behaviour; see vsprintf.h).
#include "kernel/vsprintf.h"

#include "kernel/ksyms.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <shared_mutex>

namespace kplay {
namespace {

std::shared_mutex g_sym_mu;
std::function<std::string(uintptr_t, bool)> g_symbolizer;

// %p prints a hash of the pointer, never the address (ptr_to_id): a keyed
// 64-bit mix whose low 32 bits are shown, zero-padded to 16 digits.
uint64_t pointer_hash(uintptr_t p)
{
	static const uint64_t key = std::random_device{}() | (uint64_t(std::random_device{}()) << 32);
	uint64_t x = p ^ key;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x & 0xffffffffULL;
}

const char *errname(long err)
{
	switch (-err) {
#define E(n) \
	case n: return #n
		E(EPERM); E(ENOENT); E(ESRCH); E(EINTR); E(EIO); E(ENXIO); E(E2BIG); E(ENOEXEC);
		E(EBADF); E(ECHILD); E(EAGAIN); E(ENOMEM); E(EACCES); E(EFAULT); E(ENOTBLK);
		E(EBUSY); E(EEXIST); E(EXDEV); E(ENODEV); E(ENOTDIR); E(EISDIR); E(EINVAL);
		E(ENFILE); E(EMFILE); E(ENOTTY); E(ETXTBSY); E(EFBIG); E(ENOSPC); E(ESPIPE);
		E(EROFS); E(EMLINK); E(EPIPE); E(EDOM); E(ERANGE); E(EDEADLK); E(ENAMETOOLONG);
		E(ENOLCK); E(ENOSYS); E(ENOTEMPTY); E(ELOOP); E(ETIMEDOUT); E(EOVERFLOW);
		E(EOPNOTSUPP); E(ECANCELED); E(EINPROGRESS); E(EALREADY);
#undef E
	case 512: return "ERESTARTSYS";
	case 513: return "ERESTARTNOINTR";
	case 514: return "ERESTARTNOHAND";
	case 515: return "ENOIOCTLCMD";
	case 517: return "EPROBE_DEFER";
	case 524: return "ENOTSUPP";
	default: return nullptr;
	}
}

struct Spec {
	std::string flags;
	int width = -1;
	int precision = -1;
	std::string length;
	char conv = 0;
};

std::string c_format_libc(const Spec &s, auto value);

// The kernel's number() always writes the 0x of '#' (glibc drops it for 0).
std::string c_format(const Spec &s, auto value)
{
	if ((s.conv == 'x' || s.conv == 'X') && value == 0 && s.flags.find('#') != std::string::npos) {
		std::string body = "0";
		if (s.precision > 1)
			body.insert(0, s.precision - 1, '0');
		std::string pfx = s.conv == 'x' ? "0x" : "0X";
		int width = s.width;
		bool left = s.flags.find('-') != std::string::npos;
		bool zero = s.flags.find('0') != std::string::npos && s.precision < 0 && !left;
		int len = static_cast<int>(pfx.size() + body.size());
		if (width > len) {
			if (zero)
				return pfx + std::string(width - len, '0') + body;
			if (left)
				return pfx + body + std::string(width - len, ' ');
			return std::string(width - len, ' ') + pfx + body;
		}
		return pfx + body;
	}
	return c_format_libc(s, value);
}

std::string c_format_libc(const Spec &s, auto value)
{
	// The conversion rebuilt for libc, without allocating: "%" flags width
	// "." precision length conv.
	char f[48];
	size_t i = 0;
	f[i++] = '%';
	for (char c : s.flags)
		if (i < 8)
			f[i++] = c;
	auto put_int = [&](int v) {
		char d[12];
		int n = 0;
		do
			d[n++] = static_cast<char>('0' + v % 10);
		while ((v /= 10) && n < 11);
		while (n)
			f[i++] = d[--n];
	};
	if (s.width >= 0)
		put_int(s.width);
	if (s.precision >= 0) {
		f[i++] = '.';
		put_int(s.precision);
	}
	for (char c : s.length)
		if (i < sizeof f - 2)
			f[i++] = c;
	f[i++] = s.conv;
	f[i] = '\0';
	char small[128];
	int n = std::snprintf(small, sizeof small, f, value);
	if (n < int(sizeof small))
		return std::string(small, n < 0 ? 0 : n);
	std::string big(n + 1, '\0');
	std::snprintf(big.data(), big.size(), f, value);
	big.resize(n);
	return big;
}

std::string pad(std::string s, const Spec &spec)
{
	if (spec.width > 0 && int(s.size()) < spec.width) {
		if (spec.flags.find('-') != std::string::npos)
			s.append(spec.width - s.size(), ' ');
		else
			s.insert(0, spec.width - s.size(), ' ');
	}
	return s;
}

std::string hex_ptr(uintptr_t v)
{
	char b[32];
	std::snprintf(b, sizeof b, "%016lx", static_cast<unsigned long>(v));
	return b;
}

// One %p conversion; *fmt points just after the 'p', and extension letters
// the kernel knows are consumed.
std::string format_pointer(const char *&fmt, const void *ptr, Spec &spec)
{
	uintptr_t v = reinterpret_cast<uintptr_t>(ptr);
	char ext = *fmt;
	switch (ext) {
	case 'x':
		++fmt;
		return pad(hex_ptr(v), spec);
	case 'S':
	case 's':
	case 'B':
	case 'F':
	case 'f': {
		++fmt;
		if (*fmt == 'R' || *fmt == 'b')
			++fmt;
		std::string sym;
		{
			std::shared_lock lk(g_sym_mu);
			if (g_symbolizer)
				sym = g_symbolizer(v, ext != 's');
		}
		if (sym.empty())
			sym = "0x" + [&] { char b[32]; std::snprintf(b, sizeof b, "%lx", static_cast<unsigned long>(v)); return std::string(b); }();
		return pad(sym, spec);
	}
	case 'e': {
		++fmt;
		long err = static_cast<long>(v);
		if (err < 0 && err >= -4095) {
			const char *name = errname(err);
			return pad(name ? name : std::to_string(err), spec);
		}
		break; // not an error: printed as plain %p
	}
	case 'h': {
		++fmt;
		char sep = ' ';
		if (*fmt == 'C' || *fmt == 'D' || *fmt == 'N') {
			sep = *fmt == 'C' ? ':' : *fmt == 'D' ? '-' : 0;
			++fmt;
		}
		int len = spec.width < 0 ? 1 : std::min(spec.width, 64);
		std::string out;
		const auto *b = static_cast<const unsigned char *>(ptr);
		if (!b)
			return "(null)";
		for (int i = 0; i < len; ++i) {
			char h[4];
			std::snprintf(h, sizeof h, "%02x", b[i]);
			if (i && sep)
				out += sep;
			out += h;
		}
		return out;
	}
	case 'M':
	case 'm': {
		++fmt;
		char sep = ext == 'M' ? ':' : 0;
		bool reversed = false;
		if (*fmt == 'F') {
			if (ext == 'M')
				sep = '-';
			++fmt;
		} else if (*fmt == 'R') {
			reversed = true;
			++fmt;
		}
		const auto *b = static_cast<const unsigned char *>(ptr);
		if (!b)
			return "(null)";
		std::string out;
		for (int i = 0; i < 6; ++i) {
			char h[4];
			std::snprintf(h, sizeof h, "%02x", b[reversed ? 5 - i : i]);
			if (i && sep)
				out += sep;
			out += h;
		}
		return pad(out, spec);
	}
	case 'I':
	case 'i':
		if (fmt[1] == '4') {
			fmt += 2;
			const auto *b = static_cast<const unsigned char *>(ptr);
			if (!b)
				return "(null)";
			char o[32];
			std::snprintf(o, sizeof o, ext == 'I' ? "%u.%u.%u.%u" : "%03u.%03u.%03u.%03u", b[0], b[1], b[2], b[3]);
			return pad(o, spec);
		}
		break;
	case 'K':
		++fmt;
		break;
	default:
		// Unknown alphanumeric extensions are skipped and the pointer hashed.
		while (std::isalnum(static_cast<unsigned char>(*fmt)))
			++fmt;
		break;
	}
	// NULL and error pointers are printed as they are: they reveal nothing.
	if (!ptr || v >= static_cast<uintptr_t>(-4095))
		return pad(hex_ptr(v), spec);
	char b[32];
	std::snprintf(b, sizeof b, "%016lx", static_cast<unsigned long>(pointer_hash(v)));
	return pad(b, spec);
}

} // namespace

std::string kernel_format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	std::string s = kernel_vformat(fmt, ap);
	va_end(ap);
	return s;
}

void set_symbolizer(std::function<std::string(uintptr_t, bool)> fn)
{
	std::unique_lock lk(g_sym_mu);
	g_symbolizer = std::move(fn);
}

std::string kernel_vformat(const char *fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	std::string out;
	out.reserve(64);
	if (!fmt) {
		va_end(ap);
		return out;
	}
	while (*fmt) {
		if (*fmt != '%') {
			const char *start = fmt;
			while (*fmt && *fmt != '%')
				++fmt;
			out.append(start, fmt);
			continue;
		}
		++fmt;
		if (*fmt == '%') {
			out += '%';
			++fmt;
			continue;
		}
		Spec spec;
		while (*fmt == '-' || *fmt == '+' || *fmt == ' ' || *fmt == '#' || *fmt == '0')
			spec.flags += *fmt++;
		if (*fmt == '*') {
			spec.width = va_arg(ap, int);
			if (spec.width < 0) {
				spec.flags += '-';
				spec.width = -spec.width;
			}
			++fmt;
		} else {
			while (std::isdigit(static_cast<unsigned char>(*fmt)))
				spec.width = (spec.width < 0 ? 0 : spec.width * 10) + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			++fmt;
			spec.precision = 0;
			if (*fmt == '*') {
				spec.precision = va_arg(ap, int);
				++fmt;
			} else {
				while (std::isdigit(static_cast<unsigned char>(*fmt)))
					spec.precision = spec.precision * 10 + (*fmt++ - '0');
			}
			if (spec.precision < 0)
				spec.precision = -1;
		}
		while (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'q' || *fmt == 'j' || *fmt == 'z' ||
		       *fmt == 'Z' || *fmt == 't') {
			char c = *fmt++;
			spec.length += (c == 'Z' ? 'z' : c == 'q' ? 'l' : c);
			if (c == 'q')
				spec.length += 'l';
		}
		spec.conv = *fmt;
		if (!spec.conv)
			break;
		++fmt;
		// The length modifier as one of five sizes, compared once.
		enum { Int, Char, Short, Long, LongLong } size = Int;
		{
			const std::string &L = spec.length;
			if (L == "hh")
				size = Char;
			else if (L == "h")
				size = Short;
			else if (L == "l" || L == "z" || L == "t" || L == "j")
				size = Long;
			else if (L == "ll" || L == "L")
				size = LongLong;
		}
		switch (spec.conv) {
		case 'd':
		case 'i':
			if (size == Char)
				out += c_format(spec, static_cast<signed char>(va_arg(ap, int)));
			else if (size == Short)
				out += c_format(spec, static_cast<short>(va_arg(ap, int)));
			else if (size == Long)
				out += c_format(Spec{spec.flags, spec.width, spec.precision, "l", 'd'}, va_arg(ap, long));
			else if (size == LongLong)
				out += c_format(Spec{spec.flags, spec.width, spec.precision, "ll", 'd'}, va_arg(ap, long long));
			else
				out += c_format(spec, va_arg(ap, int));
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (size == Char)
				out += c_format(spec, static_cast<unsigned char>(va_arg(ap, unsigned)));
			else if (size == Short)
				out += c_format(spec, static_cast<unsigned short>(va_arg(ap, unsigned)));
			else if (size == Long)
				out += c_format(Spec{spec.flags, spec.width, spec.precision, "l", spec.conv}, va_arg(ap, unsigned long));
			else if (size == LongLong)
				out += c_format(Spec{spec.flags, spec.width, spec.precision, "ll", spec.conv},
						va_arg(ap, unsigned long long));
			else
				out += c_format(spec, va_arg(ap, unsigned));
			break;
		case 'c':
			out += c_format(Spec{spec.flags, spec.width, -1, "", 'c'}, va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			// check_pointer: NULL and small bogus pointers print a marker.
			if (!s)
				s = "(null)";
			else if (reinterpret_cast<uintptr_t>(s) < 4096)
				s = "(efault)";
			out += c_format(Spec{spec.flags, spec.width, spec.precision, "", 's'}, s);
			break;
		}
		case 'p': {
			const void *p = va_arg(ap, const void *);
			out += format_pointer(fmt, p, spec);
			// vsnprintf skips whatever extension letters follow.
			while (std::isalnum(static_cast<unsigned char>(*fmt)))
				++fmt;
			break;
		}
		case 'n':
			// The kernel refuses %n (and warns): formatting stops there.
		default:
			// Unknown conversion: the kernel stops formatting here.
			va_end(ap);
			return out;
		}
	}
	va_end(ap);
	return out;
}

} // namespace kplay

// ---- exported to modules under the kernel's names ----

extern "C" {

static int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	std::string s = kplay::kernel_vformat(fmt, ap);
	if (size) {
		size_t n = std::min(s.size(), size - 1);
		std::memcpy(buf, s.data(), n);
		buf[n] = '\0';
	}
	return static_cast<int>(s.size());
}

static int k_vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = k_vsnprintf(buf, size, fmt, ap);
	if (n < static_cast<int>(size))
		return n;
	return size ? static_cast<int>(size - 1) : 0;
}

static int k_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = k_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int k_scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = k_vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int k_vsprintf(char *buf, const char *fmt, va_list ap)
{
	return k_vsnprintf(buf, INT_MAX, fmt, ap);
}

static int k_sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = k_vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}

void *__kmalloc(size_t size, unsigned int flags);

static char *k_kvasprintf(unsigned int gfp, const char *fmt, va_list ap)
{
	std::string s = kplay::kernel_vformat(fmt, ap);
	auto *p = static_cast<char *>(__kmalloc(s.size() + 1, gfp));
	if (p)
		std::memcpy(p, s.c_str(), s.size() + 1);
	return p;
}

static char *k_kasprintf(unsigned int gfp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = k_kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}

static int k_vsscanf(const char *buf, const char *fmt, va_list ap)
{
	return std::vsscanf(buf, fmt, ap);
}

static int k_sscanf(const char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = k_vsscanf(buf, fmt, ap);
	va_end(ap);
	return n;
}

} // extern "C"

KPLAY_EXPORT_NAMED(vsnprintf, &k_vsnprintf, false);
KPLAY_EXPORT_NAMED(vscnprintf, &k_vscnprintf, false);
KPLAY_EXPORT_NAMED(snprintf, &k_snprintf, false);
KPLAY_EXPORT_NAMED(scnprintf, &k_scnprintf, false);
KPLAY_EXPORT_NAMED(vsprintf, &k_vsprintf, false);
KPLAY_EXPORT_NAMED(sprintf, &k_sprintf, false);
KPLAY_EXPORT_NAMED(kvasprintf, &k_kvasprintf, false);
KPLAY_EXPORT_NAMED(kasprintf, &k_kasprintf, false);
KPLAY_EXPORT_NAMED(vsscanf, &k_vsscanf, false);
KPLAY_EXPORT_NAMED(sscanf, &k_sscanf, false);
