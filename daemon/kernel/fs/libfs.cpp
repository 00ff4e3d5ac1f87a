// Helpers of fs/libfs.c and fs/read_write.c that modules call directly:
// the llseek family and the simple buffer readers/writers.
#include "kernel/ksyms.h"

#include "linux/fs.h"

#include <cerrno>
#include <unistd.h>

extern "C" unsigned long _copy_to_user(void *to, const void *from, unsigned long n);
extern "C" unsigned long _copy_from_user(void *to, const void *from, unsigned long n);

namespace {
constexpr fmode_t kFmodeLseek = 0x4, kFmodePread = 0x8, kFmodePwrite = 0x10;
constexpr loff_t kMaxLfs = static_cast<loff_t>(~0ULL >> 1);

// vfs_setpos-style bounds check shared by the generic llseeks.
loff_t setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}
} // namespace

extern "C" {

loff_t no_llseek(struct file *, loff_t, int)
{
	return -ESPIPE;
}

loff_t noop_llseek(struct file *file, loff_t, int)
{
	return file->f_pos;
}

loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	switch (whence) {
	case SEEK_END:
		offset += file->f_inode ? file->f_inode->i_size : 0;
		break;
	case SEEK_CUR:
		if (offset == 0)
			return file->f_pos;
		offset += file->f_pos;
		break;
	case SEEK_SET:
		break;
	default:
		return -EINVAL;
	}
	return setpos(file, offset, kMaxLfs);
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	return default_llseek(file, offset, whence);
}

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_END:
		offset += size;
		break;
	default:
		return -EINVAL;
	}
	return setpos(file, offset, size);
}

int nonseekable_open(struct inode *, struct file *filp)
{
	filp->f_mode &= ~(kFmodeLseek | kFmodePread | kFmodePwrite);
	return 0;
}

int stream_open(struct inode *inode, struct file *filp)
{
	return nonseekable_open(inode, filp);
}

int simple_open(struct inode *inode, struct file *file)
{
	if (inode->i_private)
		file->private_data = inode->i_private;
	return 0;
}

ssize_t simple_read_from_buffer(void *to, size_t count, loff_t *ppos, const void *from, size_t available)
{
	loff_t pos = *ppos;
	if (pos < 0)
		return -EINVAL;
	if (static_cast<size_t>(pos) >= available || !count)
		return 0;
	if (count > available - pos)
		count = available - pos;
	size_t ret = _copy_to_user(to, static_cast<const char *>(from) + pos, count);
	if (ret == count)
		return -EFAULT;
	count -= ret;
	*ppos = pos + count;
	return static_cast<ssize_t>(count);
}

ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void *from, size_t count)
{
	loff_t pos = *ppos;
	if (pos < 0)
		return -EINVAL;
	if (static_cast<size_t>(pos) >= available || !count)
		return 0;
	if (count > available - pos)
		count = available - pos;
	size_t res = _copy_from_user(static_cast<char *>(to) + pos, from, count);
	if (res == count)
		return -EFAULT;
	count -= res;
	*ppos = pos + count;
	return static_cast<ssize_t>(count);
}

} // extern "C"

KPLAY_EXPORT(no_llseek);
KPLAY_EXPORT(noop_llseek);
KPLAY_EXPORT(default_llseek);
KPLAY_EXPORT(generic_file_llseek);
KPLAY_EXPORT(fixed_size_llseek);
KPLAY_EXPORT(nonseekable_open);
KPLAY_EXPORT(stream_open);
KPLAY_EXPORT(simple_open);
KPLAY_EXPORT(simple_read_from_buffer);
KPLAY_EXPORT(simple_write_to_buffer);
