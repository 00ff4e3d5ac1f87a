// String and memory helpers (lib/string.c, lib/string_helpers.c). The C
// library's versions are exported where their semantics are the kernel's;
// the kernel-only ones are written here.
#include "kernel/kapi.h"
#include "kernel/ksyms.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <strings.h>
#include <sys/types.h>

extern "C" {

static size_t k_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = std::strlen(src);
	if (size) {
		size_t n = len >= size ? size - 1 : len;
		std::memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

static size_t k_strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);
	if (dlen == size)
		return dlen + std::strlen(src);
	return dlen + k_strlcpy(dst + dlen, src, size - dlen);
}

// Copies at most count-1 bytes and always terminates; -E2BIG on truncation.
static ssize_t k_strscpy(char *dst, const char *src, size_t count)
{
	if (count == 0)
		return -E2BIG;
	size_t len = strnlen(src, count);
	if (len == count) {
		std::memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	std::memcpy(dst, src, len + 1);
	return static_cast<ssize_t>(len);
}

static char *k_strnchr(const char *s, size_t count, int c)
{
	for (; count-- && *s; ++s)
		if (*s == static_cast<char>(c))
			return const_cast<char *>(s);
	return nullptr;
}

static char *k_strnstr(const char *s1, const char *s2, size_t len)
{
	size_t l2 = std::strlen(s2);
	if (!l2)
		return const_cast<char *>(s1);
	while (len >= l2) {
		len--;
		if (!std::memcmp(s1, s2, l2))
			return const_cast<char *>(s1);
		s1++;
	}
	return nullptr;
}

static char *k_skip_spaces(const char *s)
{
	while (std::isspace(static_cast<unsigned char>(*s)))
		++s;
	return const_cast<char *>(s);
}

static char *k_strim(char *s)
{
	size_t size = std::strlen(s);
	if (!size)
		return s;
	char *end = s + size - 1;
	while (end >= s && std::isspace(static_cast<unsigned char>(*end)))
		end--;
	*(end + 1) = '\0';
	return k_skip_spaces(s);
}

// Equal, ignoring one trailing newline on either side (as sysfs input has).
static bool k_sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}

static int k_match_string(const char *const *array, size_t n, const char *string)
{
	for (size_t i = 0; i < n; i++) {
		if (!array[i])
			break;
		if (!std::strcmp(array[i], string))
			return static_cast<int>(i);
	}
	return -EINVAL;
}

static char *k_kstrdup(const char *s, unsigned int gfp)
{
	if (!s)
		return nullptr;
	size_t len = std::strlen(s) + 1;
	auto *p = static_cast<char *>(__kmalloc(len, gfp));
	if (p)
		std::memcpy(p, s, len);
	return p;
}

static char *k_kstrndup(const char *s, size_t max, unsigned int gfp)
{
	if (!s)
		return nullptr;
	size_t len = strnlen(s, max);
	auto *p = static_cast<char *>(__kmalloc(len + 1, gfp));
	if (p) {
		std::memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static void *k_kmemdup(const void *src, size_t len, unsigned int gfp)
{
	void *p = __kmalloc(len, gfp);
	if (p && len)
		std::memcpy(p, src, len);
	return p;
}

} // extern "C"

// C++ overloads these on constness; the const overloads are the C functions.
using memchr_t = const void *(*)(const void *, int, size_t);
using strchr_t = const char *(*)(const char *, int);
using strstr_t = const char *(*)(const char *, const char *);
using strpbrk_t = const char *(*)(const char *, const char *);

KPLAY_EXPORT_NAMED(memcpy, &::memcpy, false);
KPLAY_EXPORT_NAMED(memmove, &::memmove, false);
KPLAY_EXPORT_NAMED(memset, &::memset, false);
KPLAY_EXPORT_NAMED(memcmp, &::memcmp, false);
KPLAY_EXPORT_NAMED(memchr, static_cast<memchr_t>(&::memchr), false);
KPLAY_EXPORT_NAMED(strlen, &::strlen, false);
KPLAY_EXPORT_NAMED(strnlen, &::strnlen, false);
KPLAY_EXPORT_NAMED(strcmp, &::strcmp, false);
KPLAY_EXPORT_NAMED(strncmp, &::strncmp, false);
KPLAY_EXPORT_NAMED(strcasecmp, &::strcasecmp, false);
KPLAY_EXPORT_NAMED(strncasecmp, &::strncasecmp, false);
KPLAY_EXPORT_NAMED(strcpy, &::strcpy, false);
KPLAY_EXPORT_NAMED(strncpy, &::strncpy, false);
KPLAY_EXPORT_NAMED(strcat, &::strcat, false);
KPLAY_EXPORT_NAMED(strncat, &::strncat, false);
KPLAY_EXPORT_NAMED(strchr, static_cast<strchr_t>(&::strchr), false);
KPLAY_EXPORT_NAMED(strrchr, static_cast<strchr_t>(&::strrchr), false);
KPLAY_EXPORT_NAMED(strstr, static_cast<strstr_t>(&::strstr), false);
KPLAY_EXPORT_NAMED(strpbrk, static_cast<strpbrk_t>(&::strpbrk), false);
KPLAY_EXPORT_NAMED(strsep, &::strsep, false);
KPLAY_EXPORT_NAMED(strspn, &::strspn, false);
KPLAY_EXPORT_NAMED(strcspn, &::strcspn, false);
KPLAY_EXPORT_NAMED(strlcpy, &k_strlcpy, false);
KPLAY_EXPORT_NAMED(strlcat, &k_strlcat, false);
KPLAY_EXPORT_NAMED(strscpy, &k_strscpy, false);
KPLAY_EXPORT_NAMED(strnchr, &k_strnchr, false);
KPLAY_EXPORT_NAMED(strnstr, &k_strnstr, false);
KPLAY_EXPORT_NAMED(skip_spaces, &k_skip_spaces, false);
KPLAY_EXPORT_NAMED(strim, &k_strim, false);
KPLAY_EXPORT_NAMED(sysfs_streq, &k_sysfs_streq, false);
KPLAY_EXPORT_NAMED(match_string, &k_match_string, false);
KPLAY_EXPORT_NAMED(kstrdup, &k_kstrdup, false);
KPLAY_EXPORT_NAMED(kstrndup, &k_kstrndup, false);
KPLAY_EXPORT_NAMED(kmemdup, &k_kmemdup, false);
