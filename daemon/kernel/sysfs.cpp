// sysfs attribute files (see sysfs.h).
#include "kernel/sysfs.h"

#include "kernel/kapi.h"
#include "kernel/oops.h"

#include <fcntl.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

namespace kplay {

int KernfsAttr::open(vfs::OpenFile &f, vfs::Request &)
{
	// kernfs_fop_open: the mode and the presence of show/store decide, and
	// CAP_DAC_OVERRIDE does not help.
	mode_t mode = f.node->mode();
	int acc = f.flags & O_ACCMODE;
	bool want_read = acc == O_RDONLY || acc == O_RDWR;
	bool want_write = acc == O_WRONLY || acc == O_RDWR;
	if (want_write && (!(mode & 0222) || !store_))
		return -EACCES;
	if (want_read && (!(mode & 0444) || !show_))
		return -EACCES;
	return 0;
}

ssize_t KernfsAttr::read(vfs::OpenFile &f, vfs::Request &, char *buf, size_t n, off_t off)
{
	return vfs::read_snapshot(f, buf, n, off, [this](std::string *s) {
		ssize_t ret = -EFAULT;
		if (!oops_guard([&] { ret = show_(s); }))
			ret = -EFAULT;
		if (ret < 0)
			return ret;
		// sysfs_kf_seq_show: a full page probably means truncation.
		if (static_cast<size_t>(ret) >= kPageSize) {
			_printk("fill_read_buffer: %pS returned bad count\n", show_addr_);
			ret = kPageSize - 1;
		}
		s->resize(std::min<size_t>(s->size(), static_cast<size_t>(ret)));
		return ret;
	});
}

ssize_t KernfsAttr::write(vfs::OpenFile &f, vfs::Request &, const char *buf, size_t n, off_t)
{
	std::lock_guard lk(f.mu);
	size_t len = std::min(n, kPageSize);
	if (len == 0)
		return 0;
	std::vector<char> copy(buf, buf + len);
	copy.push_back('\0');
	// A later read must show fresh contents.
	f.data.reset();
	ssize_t ret = -EFAULT;
	if (!oops_guard([&] { ret = store_(copy.data(), len); }))
		ret = -EFAULT;
	return ret;
}

PageBuffer::PageBuffer() : p_(static_cast<char *>(std::aligned_alloc(kPageSize, kPageSize)))
{
	if (!p_)
		throw std::bad_alloc();
	std::memset(p_, 0, kPageSize);
}

PageBuffer::~PageBuffer() { std::free(p_); }

ssize_t show_into(std::string *out, const std::function<ssize_t(char *)> &show)
{
	PageBuffer page;
	ssize_t n = show(page.data());
	if (n > 0)
		out->assign(page.data(), std::min<size_t>(static_cast<size_t>(n), kPageSize));
	return n;
}

std::shared_ptr<vfs::Node> sysfs_add_attr(const std::shared_ptr<vfs::Node> &dir, const std::string &name, mode_t mode,
					  KernfsAttr::Show show, KernfsAttr::Store store)
{
	return vfs::sys_tree().add_file(dir, name, mode, std::make_shared<KernfsAttr>(std::move(show), std::move(store)));
}

} // namespace kplay
