// Module parameters (mirrors kernel/params.c; see params.h).
#include "kernel/params.h"

#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/sysfs.h"
#include "kernel/vsprintf.h"

#include "linux/types.h"
#include "linux/moduleparam.h"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace kplay {
namespace {


// kernel_param_lock: one lock for all parameter reads and writes (the kernel
// has one per module; one is enough here and keeps the order simple).
std::recursive_mutex g_param_lock;

char dash2underscore(char c) { return c == '-' ? '_' : c; }

bool parameq(const char *a, const char *b)
{
	for (; *a && *b; ++a, ++b)
		if (dash2underscore(*a) != dash2underscore(*b))
			return false;
	return *a == *b;
}

// next_arg: splits "name=value" off args, honouring double quotes.
char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	int in_quote = 0, quoted = 0;
	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}
	for (i = 0; args[i]; i++) {
		if (std::isspace(static_cast<unsigned char>(args[i])) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	if (!equals) {
		*val = nullptr;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	char *next;
	if (args[i]) {
		args[i] = '\0';
		next = args + i + 1;
	} else {
		next = args + i;
	}
	while (std::isspace(static_cast<unsigned char>(*next)))
		next++;
	return next;
}

} // namespace

// scnprintf into a PAGE_SIZE parameter buffer, with the kernel's formats.
int kernel_scnprintf(char *buffer, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	std::string s = kernel_vformat(fmt, ap);
	va_end(ap);
	size_t n = std::min(s.size(), kPageSize - 1);
	std::memcpy(buffer, s.data(), n);
	buffer[n] = '\0';
	return static_cast<int>(n);
}

namespace {

int parse_one(char *param, const char *val, const char *doing, const kernel_param *params, unsigned num,
	      UnknownParamFn unknown)
{
	for (unsigned i = 0; i < num; i++) {
		if (!parameq(param, params[i].name))
			continue;
		// No value given: only "bool"-like ops (NOARG) accept that.
		if (!val && !(params[i].ops->flags & KERNEL_PARAM_OPS_FL_NOARG))
			return -EINVAL;
		std::lock_guard lk(g_param_lock);
		return params[i].ops->set(val, &params[i]);
	}
	if (unknown)
		return unknown(doing, param, val);
	return -ENOENT;
}

template <typename T>
int set_int(const char *val, const kernel_param *kp, int (*conv)(const char *, unsigned, T *))
{
	return conv(val, 0, static_cast<T *>(kp->arg));
}

} // namespace

int parse_args(const char *doing, std::string args_in, const kernel_param *params, unsigned num, UnknownParamFn unknown)
{
	std::vector<char> buf(args_in.begin(), args_in.end());
	buf.push_back('\0');
	char *args = buf.data();
	int err = 0;
	while (std::isspace(static_cast<unsigned char>(*args)))
		args++;
	while (*args) {
		char *param, *val;
		args = next_arg(args, &param, &val);
		if (!val && std::strcmp(param, "--") == 0)
			return err;
		int ret = parse_one(param, val, doing, params, num, unknown);
		switch (ret) {
		case 0:
			continue;
		case -ENOENT:
			_printk(KPLAY_KERN_ERR "%s: Unknown parameter `%s'\n", doing, param);
			break;
		case -ENOSPC:
			_printk(KPLAY_KERN_ERR "%s: `%s' too large for parameter `%s'\n", doing, val ? val : "", param);
			break;
		default:
			_printk(KPLAY_KERN_ERR "%s: `%s' invalid for parameter `%s'\n", doing, val ? val : "", param);
			break;
		}
		err = ret;
	}
	return err;
}

std::string join_module_args(const std::vector<std::string> &words)
{
	// kmod's insmod joins argv with spaces and quotes a value containing a
	// space: name="a b".
	std::string out;
	for (const std::string &w : words) {
		if (!out.empty())
			out += ' ';
		size_t eq = w.find('=');
		if (w.find(' ') != std::string::npos && eq != std::string::npos)
			out += w.substr(0, eq + 1) + "\"" + w.substr(eq + 1) + "\"";
		else
			out += w;
	}
	return out;
}

int param_attr_show(const kernel_param *kp, std::string *out)
{
	if (!kp->ops->get)
		return -EPERM;
	std::lock_guard lk(g_param_lock);
	return static_cast<int>(show_into(out, [kp](char *buf) { return ssize_t(kp->ops->get(buf, kp)); }));
}

ssize_t param_attr_store(const kernel_param *kp, const char *buf, size_t len)
{
	if (!kp->ops->set)
		return -EPERM;
	int err;
	{
		std::lock_guard lk(g_param_lock);
		err = kp->ops->set(buf, kp);
	}
	return err ? err : static_cast<ssize_t>(len);
}

void destroy_params(const kernel_param *params, unsigned num)
{
	for (unsigned i = 0; i < num; i++)
		if (params[i].ops->free)
			params[i].ops->free(params[i].arg);
}

} // namespace kplay

// ---- the standard ops (STANDARD_PARAM_DEF and friends) ----

extern "C" {

#define KPLAY_STD_PARAM(name, type, fmt, conv)                                                  \
	int param_set_##name(const char *val, const struct kernel_param *kp)                   \
	{                                                                                      \
		return conv(val, 0, static_cast<type *>(kp->arg));                            \
	}                                                                                      \
	int param_get_##name(char *buffer, const struct kernel_param *kp)                      \
	{                                                                                      \
		return kplay::kernel_scnprintf(buffer, fmt "\n", *static_cast<type *>(kp->arg));   \
	}                                                                                      \
	const struct kernel_param_ops param_ops_##name = {0, param_set_##name, param_get_##name, nullptr};

KPLAY_STD_PARAM(byte, unsigned char, "%hhu", kstrtou8)
KPLAY_STD_PARAM(short, short, "%hi", kstrtos16)
KPLAY_STD_PARAM(ushort, unsigned short, "%hu", kstrtou16)
KPLAY_STD_PARAM(int, int, "%i", kstrtoint)
KPLAY_STD_PARAM(uint, unsigned int, "%u", kstrtouint)
KPLAY_STD_PARAM(long, long, "%li", kstrtol)
KPLAY_STD_PARAM(ulong, unsigned long, "%lu", kstrtoul)
KPLAY_STD_PARAM(ullong, unsigned long long, "%llu", kstrtoull)

int param_set_hexint(const char *val, const struct kernel_param *kp)
{
	return kstrtouint(val, 0, static_cast<unsigned *>(kp->arg));
}

int param_get_hexint(char *buffer, const struct kernel_param *kp)
{
	return kplay::kernel_scnprintf(buffer, "%#08x\n", *static_cast<unsigned *>(kp->arg));
}

const struct kernel_param_ops param_ops_hexint = {0, param_set_hexint, param_get_hexint, nullptr};

// A charp value lives in kmalloc'ed memory owned by the parameter; the old
// string is freed when replaced (maybe_kfree_parameter).
static std::vector<void *> g_charp_allocs;

static void maybe_kfree_parameter(void *p)
{
	for (auto it = g_charp_allocs.begin(); it != g_charp_allocs.end(); ++it) {
		if (*it == p) {
			g_charp_allocs.erase(it);
			kfree(p);
			return;
		}
	}
}

int param_set_charp(const char *val, const struct kernel_param *kp)
{
	if (std::strlen(val) > 1024) {
		_printk(KPLAY_KERN_ERR "%s: string parameter too long\n", kp->name);
		return -ENOSPC;
	}
	maybe_kfree_parameter(*static_cast<char **>(kp->arg));
	auto *copy = static_cast<char *>(__kmalloc(std::strlen(val) + 1, 0));
	if (!copy)
		return -ENOMEM;
	std::strcpy(copy, val);
	g_charp_allocs.push_back(copy);
	*static_cast<char **>(kp->arg) = copy;
	return 0;
}

int param_get_charp(char *buffer, const struct kernel_param *kp)
{
	const char *s = *static_cast<char **>(kp->arg);
	return kplay::kernel_scnprintf(buffer, "%s\n", s ? s : "(null)");
}

void param_free_charp(void *arg)
{
	maybe_kfree_parameter(*static_cast<char **>(arg));
}

const struct kernel_param_ops param_ops_charp = {0, param_set_charp, param_get_charp, param_free_charp};

int param_set_bool(const char *val, const struct kernel_param *kp)
{
	if (!val)
		val = "1";
	return kstrtobool(val, static_cast<bool *>(kp->arg));
}

int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return kplay::kernel_scnprintf(buffer, "%c\n", *static_cast<bool *>(kp->arg) ? 'Y' : 'N');
}

const struct kernel_param_ops param_ops_bool = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bool, param_get_bool, nullptr};

int param_set_bool_enable_only(const char *val, const struct kernel_param *kp)
{
	bool v;
	bool orig = *static_cast<bool *>(kp->arg);
	struct kernel_param dummy = {};
	dummy.arg = &v;
	int err = param_set_bool(val, &dummy);
	if (err)
		return err;
	if (!v && orig)
		return -EROFS;
	if (v)
		*static_cast<bool *>(kp->arg) = true;
	return 0;
}

const struct kernel_param_ops param_ops_bool_enable_only = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bool_enable_only,
							    param_get_bool, nullptr};

int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	bool boolval;
	struct kernel_param dummy = {};
	dummy.arg = &boolval;
	int ret = param_set_bool(val, &dummy);
	if (ret == 0)
		*static_cast<bool *>(kp->arg) = !boolval;
	return ret;
}

int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
	return kplay::kernel_scnprintf(buffer, "%c\n", *static_cast<bool *>(kp->arg) ? 'N' : 'Y');
}

const struct kernel_param_ops param_ops_invbool = {KERNEL_PARAM_OPS_FL_NOARG, param_set_invbool, param_get_invbool,
						   nullptr};

int param_set_copystring(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;
	if (std::strlen(val) + 1 > kps->maxlen) {
		_printk(KPLAY_KERN_ERR "%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	std::strcpy(kps->string, val);
	return 0;
}

int param_get_string(char *buffer, const struct kernel_param *kp)
{
	return kplay::kernel_scnprintf(buffer, "%s\n", kp->str->string);
}

const struct kernel_param_ops param_ops_string = {0, param_set_copystring, param_get_string, nullptr};

// param_array: a comma-separated list, each item through the element ops.
static int param_array(struct module *mod, const char *name, const char *val, unsigned min, unsigned max, void *elem,
		       int elemsize, int (*set)(const char *, const struct kernel_param *), s8 level, unsigned *num)
{
	struct kernel_param kp = {};
	kp.name = name;
	kp.mod = mod;
	kp.level = level;
	kp.arg = elem;
	*num = 0;
	// The kernel NUL-terminates each item in the caller's buffer and leaves
	// it so: an error message printed afterwards shows only the first item.
	char *p = const_cast<char *>(val);
	char save;
	do {
		if (*num == max) {
			_printk(KPLAY_KERN_ERR "%s: can only take %i arguments\n", name, max);
			return -EINVAL;
		}
		size_t len = std::strcspn(p, ",");
		save = p[len];
		p[len] = '\0';
		int ret = set(p, &kp);
		if (ret != 0)
			return ret;
		kp.arg = static_cast<char *>(kp.arg) + elemsize;
		p += len + 1;
		(*num)++;
	} while (save == ',');
	if (*num < min) {
		_printk(KPLAY_KERN_ERR "%s: needs at least %i arguments\n", name, min);
		return -EINVAL;
	}
	return 0;
}

static int param_array_set(const char *val, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int temp_num;
	return param_array(kp->mod, kp->name, val, 1, arr->max, arr->elem, arr->elemsize, arr->ops->set, kp->level,
			   arr->num ? arr->num : &temp_num);
}

static int param_array_get(char *buffer, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	struct kernel_param p = *kp;
	int off = 0;
	for (unsigned i = 0; i < (arr->num ? *arr->num : arr->max); i++) {
		// The element getters end in '\n': replace it with a comma.
		if (i)
			buffer[off - 1] = ',';
		p.arg = static_cast<char *>(arr->elem) + arr->elemsize * i;
		int ret = arr->ops->get(buffer + off, &p);
		if (ret < 0)
			return ret;
		off += ret;
	}
	buffer[off] = '\0';
	return off;
}

static void param_array_free(void *arg)
{
	const auto *arr = static_cast<const struct kparam_array *>(arg);
	if (arr->ops->free)
		for (unsigned i = 0; i < (arr->num ? *arr->num : arr->max); i++)
			arr->ops->free(static_cast<char *>(arr->elem) + arr->elemsize * i);
}

const struct kernel_param_ops param_array_ops = {0, param_array_set, param_array_get, param_array_free};

} // extern "C"

KPLAY_EXPORT(param_ops_byte);
KPLAY_EXPORT(param_ops_short);
KPLAY_EXPORT(param_ops_ushort);
KPLAY_EXPORT(param_ops_int);
KPLAY_EXPORT(param_ops_uint);
KPLAY_EXPORT(param_ops_long);
KPLAY_EXPORT(param_ops_ulong);
KPLAY_EXPORT(param_ops_ullong);
KPLAY_EXPORT(param_ops_hexint);
KPLAY_EXPORT(param_ops_charp);
KPLAY_EXPORT(param_ops_bool);
KPLAY_EXPORT(param_ops_bool_enable_only);
KPLAY_EXPORT(param_ops_invbool);
KPLAY_EXPORT(param_ops_string);
KPLAY_EXPORT(param_array_ops);
KPLAY_EXPORT(param_set_byte);
KPLAY_EXPORT(param_get_byte);
KPLAY_EXPORT(param_set_short);
KPLAY_EXPORT(param_get_short);
KPLAY_EXPORT(param_set_ushort);
KPLAY_EXPORT(param_get_ushort);
KPLAY_EXPORT(param_set_int);
KPLAY_EXPORT(param_get_int);
KPLAY_EXPORT(param_set_uint);
KPLAY_EXPORT(param_get_uint);
KPLAY_EXPORT(param_set_long);
KPLAY_EXPORT(param_get_long);
KPLAY_EXPORT(param_set_ulong);
KPLAY_EXPORT(param_get_ulong);
KPLAY_EXPORT(param_set_ullong);
KPLAY_EXPORT(param_get_ullong);
KPLAY_EXPORT(param_set_hexint);
KPLAY_EXPORT(param_get_hexint);
KPLAY_EXPORT(param_set_charp);
KPLAY_EXPORT(param_get_charp);
KPLAY_EXPORT(param_free_charp);
KPLAY_EXPORT(param_set_bool);
KPLAY_EXPORT(param_get_bool);
KPLAY_EXPORT(param_set_bool_enable_only);
KPLAY_EXPORT(param_set_invbool);
KPLAY_EXPORT(param_get_invbool);
KPLAY_EXPORT(param_set_copystring);
KPLAY_EXPORT(param_get_string);
