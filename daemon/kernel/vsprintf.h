// The kernel's printf (lib/vsprintf.c): the C formats plus the %p extensions
// modules use. Exported to modules as sprintf/snprintf/scnprintf/... .
#pragma once

#include <cstdarg>
#include <cstdint>
#include <functional>
#include <string>

namespace kplay {

/// Formats like the kernel's vsnprintf into a string of any length.
std::string kernel_vformat(const char *fmt, va_list ap);

/// Same, from a variadic argument list.
std::string kernel_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/// Turns a code address into "func+0x1c/0x40 [module]" for %pS; set by the
/// module loader. Returns "" for unknown addresses.
void set_symbolizer(std::function<std::string(uintptr_t, bool with_offset)> fn);

} // namespace kplay
