// Sanitizer builds (cmake -DKPLAY_SANITIZE=address|thread; README
// "Sanitizers"): the kernel's KASAN, UBSAN and KCSAN experience without
// rebuilding a kernel. The daemon and the modules `kplay build` instruments
// report to the sanitizer runtime the daemon is linked with; kplay lets the
// modules reach that runtime, runs their constructors, and turns each report
// into the kernel's format in the printk ring, with module frames named
// `func+0xoff/0xsize [module] file:line`. The daemon keeps serving (recover
// mode), as a kernel keeps running after a KASAN report.
#pragma once

#include <cstdint>
#include <string_view>

namespace kplay {

/// "address", "thread" or "": what this daemon was built with.
const char *sanitizer_build();

/// The sanitizer runtime's entry point for an instrumented module's
/// undefined symbol (__asan_*, __ubsan_*, __tsan_*, __sanitizer_*), or
/// nullptr: always nullptr in a build without sanitizers, so such a module
/// fails to load with "Unknown symbol" as a KASAN module would on a kernel
/// without KASAN.
const void *sanitizer_runtime_symbol(std::string_view name);

/// At daemon start: the sanitizers' reports go through kplay (printk ring,
/// raw text in the daemon log). A no-op in a build without sanitizers.
void sanitizer_init();

/// kfree() of a pointer that is not (or no longer) allocated: reported as
/// KASAN does, instead of corrupting the heap. Sanitizer builds only.
void kasan_report_invalid_free(const void *p, uintptr_t caller);

} // namespace kplay
