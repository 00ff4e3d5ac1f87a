// sysfs attribute files with kernfs semantics (mirrors fs/kernfs/file.c and
// fs/sysfs/file.c): show fills one PAGE_SIZE buffer when a read starts at
// offset 0 and later offsets are served from it; each write() calls store
// once with at most PAGE_SIZE bytes, NUL-terminated; no show means reading is
// refused with EACCES and no store means opening for write is, even for root.
#pragma once

#include "vfs/tree.h"

#include <functional>
#include <memory>
#include <string>

namespace kplay {

constexpr size_t kPageSize = 4096;

class KernfsAttr : public vfs::FileOps {
public:
	using Show = std::function<ssize_t(std::string *out)>;
	using Store = std::function<ssize_t(const char *buf, size_t len)>;

	/// show_addr names the module's show function in kernel messages (%pS).
	KernfsAttr(Show show, Store store, const void *show_addr = nullptr)
		: show_(std::move(show)), store_(std::move(store)), show_addr_(show_addr)
	{
	}

	int open(vfs::OpenFile &f, vfs::Request &r) override;
	ssize_t read(vfs::OpenFile &f, vfs::Request &r, char *buf, size_t n, off_t off) override;
	ssize_t write(vfs::OpenFile &f, vfs::Request &r, const char *buf, size_t n, off_t off) override;
	[[nodiscard]] off_t size() const override { return kPageSize; }

private:
	Show show_;
	Store store_;
	const void *show_addr_;
};

/// The buffer a show() writes into: one zeroed, page-aligned page, as
/// sysfs hands out (sysfs_emit checks the alignment).
class PageBuffer {
public:
	PageBuffer();
	~PageBuffer();
	PageBuffer(const PageBuffer &) = delete;
	PageBuffer &operator=(const PageBuffer &) = delete;
	char *data() { return p_; }

private:
	char *p_;
};

/// Runs a show()-style callback on a fresh page; *out gets what it wrote.
ssize_t show_into(std::string *out, const std::function<ssize_t(char *)> &show);

/// Adds an attribute file to a sysfs directory.
std::shared_ptr<vfs::Node> sysfs_add_attr(const std::shared_ptr<vfs::Node> &dir, const std::string &name, mode_t mode,
					  KernfsAttr::Show show, KernfsAttr::Store store);

} // namespace kplay
