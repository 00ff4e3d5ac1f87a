// The control protocol's framing (see protocol.h).
#include "core/protocol.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace kplay::proto {
namespace {

bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= static_cast<size_t>(w);
	}
	return true;
}

bool read_all(int fd, char *p, size_t n)
{
	while (n) {
		ssize_t r = ::read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= static_cast<size_t>(r);
	}
	return true;
}

constexpr uint32_t kMaxPayload = 16u << 20;

} // namespace

bool send_frame(int fd, char type, std::string_view payload)
{
	char head[5];
	auto len = static_cast<uint32_t>(payload.size());
	head[0] = type;
	for (int i = 0; i < 4; ++i)
		head[1 + i] = static_cast<char>((len >> (8 * i)) & 0xff);
	return write_all(fd, head, sizeof head) && write_all(fd, payload.data(), payload.size());
}

std::optional<Frame> recv_frame(int fd)
{
	char head[5];
	if (!read_all(fd, head, sizeof head))
		return std::nullopt;
	uint32_t len = 0;
	for (int i = 0; i < 4; ++i)
		len |= uint32_t(static_cast<unsigned char>(head[1 + i])) << (8 * i);
	if (len > kMaxPayload)
		return std::nullopt;
	Frame f;
	f.type = head[0];
	f.payload.resize(len);
	if (len && !read_all(fd, f.payload.data(), len))
		return std::nullopt;
	return f;
}

bool send_request(int fd, const std::vector<std::string> &words)
{
	for (const std::string &w : words)
		if (!send_frame(fd, 'A', w))
			return false;
	return send_frame(fd, 'E', {});
}

std::optional<std::vector<std::string>> recv_request(int fd)
{
	std::vector<std::string> words;
	for (;;) {
		auto f = recv_frame(fd);
		if (!f)
			return std::nullopt;
		if (f->type == 'E')
			return words;
		if (f->type != 'A' || words.size() > 4096)
			return std::nullopt;
		words.push_back(std::move(f->payload));
	}
}

std::string state_dir(const std::string &root) { return root + "/.kplay"; }
std::string socket_path(const std::string &root) { return state_dir(root) + "/control.sock"; }
std::string log_path(const std::string &root) { return state_dir(root) + "/daemon.log"; }
std::string pid_path(const std::string &root) { return state_dir(root) + "/daemon.pid"; }

} // namespace kplay::proto
