// Module parameters (mirrors kernel/params.c): the standard param ops,
// parse_args for insmod's arguments and the /sys/module/<mod>/parameters files.
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

struct kernel_param;
struct module;

namespace kplay {

/// Called for a name=value that names no parameter of the module; returns 0
/// to go on (the module loader logs "unknown parameter ... ignored").
using UnknownParamFn = int (*)(const char *doing, const char *param, const char *val);

/// parse_args: applies each "name[=value]" of args (space separated, "..."
/// quoting) through the parameter's ops, logs errors as the kernel does and
/// returns 0 or the last error. `doing` is the module name.
int parse_args(const char *doing, std::string args, const kernel_param *params, unsigned num,
	       UnknownParamFn unknown);

/// Joins insmod's argv words the way kmod does (quoting values with spaces).
std::string join_module_args(const std::vector<std::string> &words);

/// sysfs show/store of one parameter (param_attr_show / param_attr_store).
int param_attr_show(const kernel_param *kp, std::string *out);
ssize_t param_attr_store(const kernel_param *kp, const char *buf, size_t len);

/// scnprintf into a PAGE_SIZE buffer with the kernel's formats.
int kernel_scnprintf(char *buffer, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/// Frees what the parameter ops allocated (charp strings), at unload.
void destroy_params(const kernel_param *params, unsigned num);

} // namespace kplay
