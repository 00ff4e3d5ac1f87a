// Running a helper program (compiler, make, the comparison scripts) from the CLI.
#pragma once

#include <string>
#include <vector>

namespace kplay::cli {

/// Runs argv and waits; with `captured`, its stdout and stderr are collected
/// there instead of shared with ours. Returns the exit status (128+signal if
/// killed, 127 if it could not be started).
int run_process(const std::vector<std::string> &argv, std::string *captured);

} // namespace kplay::cli
