// The control protocol between the kplay CLI and its daemon, over a Unix
// socket at ROOT/.kplay/control.sock. A message is a frame: one type byte, a
// 4-byte little-endian length, the payload. A request is 'A' frames (the
// command and its arguments) ended by an 'E' frame; the reply is any number
// of 'O' (text for stdout), 'L' (a log record) and 'M' (a module) frames and
// one final 'X' frame holding the result (0 or a negative errno).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kplay::proto {

struct Frame {
	char type = 0;
	std::string payload;
};

/// Writes a frame; false when the peer is gone.
bool send_frame(int fd, char type, std::string_view payload);
/// Reads a frame; nullopt on EOF or error.
std::optional<Frame> recv_frame(int fd);

bool send_request(int fd, const std::vector<std::string> &words);
std::optional<std::vector<std::string>> recv_request(int fd);

/// Paths of a root's runtime files.
std::string state_dir(const std::string &root);
std::string socket_path(const std::string &root);
std::string log_path(const std::string &root);
std::string pid_path(const std::string &root);

} // namespace kplay::proto
