// seq_file (mirrors fs/seq_file.c): the same algorithm as seq_read_iter and
// traverse, so reads of any size, at any offset, give the kernel's bytes.
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/vsprintf.h"

#include "linux/fs.h"
#include "linux/mutex.h"
#include "linux/seq_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>

extern "C" unsigned long _copy_to_user(void *to, const void *from, unsigned long n);

namespace {

constexpr size_t kPage = 4096;
constexpr size_t kMaxBuf = size_t(1) << 30;

bool is_err_or_null(const void *p)
{
	return !p || reinterpret_cast<uintptr_t>(p) >= static_cast<uintptr_t>(-4095);
}

long ptr_err(const void *p) { return static_cast<long>(reinterpret_cast<intptr_t>(p)); }

char *buf_alloc(size_t size) { return size > kMaxBuf ? nullptr : static_cast<char *>(__kmalloc(size, 0)); }

void set_overflow(struct seq_file *m) { m->count = m->size; }

// Walks records up to offset (fs/seq_file.c: traverse); -EAGAIN asks for a
// retry with a bigger buffer.
int traverse(struct seq_file *m, loff_t offset)
{
	loff_t pos = 0;
	int error = 0;
	void *p;

	m->index = 0;
	m->count = m->from = 0;
	if (!offset)
		return 0;
	if (!m->buf) {
		m->buf = buf_alloc(m->size = kPage);
		if (!m->buf)
			return -ENOMEM;
	}
	p = m->op->start(m, &m->index);
	while (p) {
		error = static_cast<int>(ptr_err(p));
		if (is_err_or_null(p))
			break;
		error = m->op->show(m, p);
		if (error < 0)
			break;
		if (error) {
			error = 0;
			m->count = 0;
		}
		if (seq_has_overflowed(m)) {
			m->op->stop(m, p);
			kfree(m->buf);
			m->count = 0;
			m->buf = buf_alloc(m->size <<= 1);
			return !m->buf ? -ENOMEM : -EAGAIN;
		}
		p = m->op->next(m, p, &m->index);
		if (pos + static_cast<loff_t>(m->count) > offset) {
			m->from = static_cast<size_t>(offset - pos);
			m->count -= m->from;
			break;
		}
		pos += static_cast<loff_t>(m->count);
		m->count = 0;
		if (pos == offset)
			break;
	}
	m->op->stop(m, p);
	return error;
}

// Copies to the reader's buffer; returns bytes copied.
size_t copy_out(char *ubuf, size_t off, const char *from, size_t n)
{
	return n - _copy_to_user(ubuf + off, from, n);
}

void *single_start(struct seq_file *, loff_t *pos) { return *pos ? nullptr : reinterpret_cast<void *>(1); }
void *single_next(struct seq_file *, void *, loff_t *pos)
{
	++*pos;
	return nullptr;
}
void single_stop(struct seq_file *, void *) {}

} // namespace

extern "C" {

int seq_open(struct file *file, const struct seq_operations *op)
{
	auto *p = static_cast<struct seq_file *>(__kmalloc(sizeof(struct seq_file), 0x100u));
	if (!p)
		return -ENOMEM;
	file->private_data = p;
	auto *lock = static_cast<struct mutex *>(__kmalloc(sizeof(struct mutex), 0x100u));
	p->lock = lock;
	p->op = op;
	p->file = file;
	return 0;
}

ssize_t seq_read(struct file *file, char *buf, size_t size, loff_t *ppos)
{
	auto *m = static_cast<struct seq_file *>(file->private_data);
	size_t copied = 0;
	size_t n;
	void *p;
	int err = 0;

	if (!size)
		return 0;
	mutex_lock(static_cast<struct mutex *>(m->lock));

	// A read from offset 0 starts the iteration again.
	if (*ppos == 0) {
		m->index = 0;
		m->count = 0;
	}
	// Don't assume *ppos is where we left it.
	if (*ppos != m->read_pos) {
		while ((err = traverse(m, *ppos)) == -EAGAIN)
			;
		if (err) {
			m->read_pos = 0;
			m->index = 0;
			m->count = 0;
			goto done;
		}
		m->read_pos = *ppos;
	}
	if (!m->buf) {
		m->buf = buf_alloc(m->size = kPage);
		if (!m->buf)
			goto enomem;
	}
	// Something left in the buffer: copy it out first.
	if (m->count) {
		n = copy_out(buf, copied, m->buf + m->from, std::min(m->count, size));
		m->count -= n;
		m->from += n;
		copied += n;
		if (m->count)
			goto done;
	}
	// Get a non-empty record in the buffer.
	m->from = 0;
	p = m->op->start(m, &m->index);
	for (;;) {
		err = static_cast<int>(ptr_err(p));
		if (is_err_or_null(p))
			break;
		err = m->op->show(m, p);
		if (err < 0)
			break;
		if (err)
			m->count = 0;
		if (!m->count) {
			p = m->op->next(m, p, &m->index);
			continue;
		}
		if (!seq_has_overflowed(m))
			goto fill;
		// Need a bigger buffer.
		m->op->stop(m, p);
		kfree(m->buf);
		m->count = 0;
		m->buf = buf_alloc(m->size <<= 1);
		if (!m->buf)
			goto enomem;
		p = m->op->start(m, &m->index);
	}
	m->op->stop(m, p);
	m->count = 0;
	goto done;
fill:
	// One record is in the buffer; fit more if wanted, advancing the
	// iterator once for every record shown.
	for (;;) {
		size_t offs = m->count;
		loff_t pos = m->index;

		p = m->op->next(m, p, &m->index);
		if (pos == m->index) {
			_printk(KPLAY_KERN_INFO "buggy .next function %s did not update position index\n",
				kplay::kernel_format("%ps", reinterpret_cast<void *>(m->op->next)).c_str());
			m->index++;
		}
		if (is_err_or_null(p))
			break;
		if (m->count >= size - copied)
			break;
		err = m->op->show(m, p);
		if (err > 0) {
			m->count = offs;
		} else if (err || seq_has_overflowed(m)) {
			m->count = offs;
			break;
		}
	}
	m->op->stop(m, p);
	n = copy_out(buf, copied, m->buf, std::min(m->count, size - copied));
	copied += n;
	m->count -= n;
	m->from = n;
done:
	if (!copied) {
		copied = m->count ? static_cast<size_t>(-EFAULT) : static_cast<size_t>(static_cast<ssize_t>(err));
	} else {
		*ppos += static_cast<loff_t>(copied);
		m->read_pos += static_cast<loff_t>(copied);
	}
	mutex_unlock(static_cast<struct mutex *>(m->lock));
	return static_cast<ssize_t>(copied);
enomem:
	err = -ENOMEM;
	goto done;
}

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	auto *m = static_cast<struct seq_file *>(file->private_data);
	loff_t retval = -EINVAL;

	mutex_lock(static_cast<struct mutex *>(m->lock));
	switch (whence) {
	case SEEK_CUR:
		offset += file->f_pos;
		[[fallthrough]];
	case SEEK_SET:
		if (offset < 0)
			break;
		retval = offset;
		if (offset != m->read_pos) {
			while ((retval = traverse(m, offset)) == -EAGAIN)
				;
			if (retval) {
				file->f_pos = 0;
				m->read_pos = 0;
				m->index = 0;
				m->count = 0;
			} else {
				m->read_pos = offset;
				retval = file->f_pos = offset;
			}
		} else {
			file->f_pos = offset;
		}
		break;
	default:
		break;
	}
	mutex_unlock(static_cast<struct mutex *>(m->lock));
	return retval;
}

int seq_release(struct inode *, struct file *file)
{
	auto *m = static_cast<struct seq_file *>(file->private_data);
	kfree(m->buf);
	kfree(m->lock);
	kfree(m);
	return 0;
}

void seq_vprintf(struct seq_file *m, const char *f, va_list args)
{
	if (m->count < m->size) {
		std::string s = kplay::kernel_vformat(f, args);
		if (s.size() < m->size - m->count) {
			std::memcpy(m->buf + m->count, s.data(), s.size());
			m->count += s.size();
			return;
		}
	}
	set_overflow(m);
}

void seq_printf(struct seq_file *m, const char *f, ...)
{
	va_list args;
	va_start(args, f);
	seq_vprintf(m, f, args);
	va_end(args);
}

void seq_putc(struct seq_file *m, char c)
{
	if (m->count >= m->size)
		return;
	m->buf[m->count++] = c;
}

void seq_puts(struct seq_file *m, const char *s)
{
	size_t len = std::strlen(s);
	if (m->count + len >= m->size) {
		set_overflow(m);
		return;
	}
	std::memcpy(m->buf + m->count, s, len);
	m->count += len;
}

int seq_write(struct seq_file *seq, const void *data, size_t len)
{
	if (seq->count + len < seq->size) {
		std::memcpy(seq->buf + seq->count, data, len);
		seq->count += len;
		return 0;
	}
	set_overflow(seq);
	return -1;
}

// A NULL or empty delimiter writes nothing before the number.
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_printf(m, "%s%llu", delimiter ? delimiter : "", num);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter ? delimiter : "", num);
}

void seq_pad(struct seq_file *m, char c)
{
	long size = static_cast<long>(m->pad_until) - static_cast<long>(m->count);
	if (size > 0) {
		if (static_cast<size_t>(size) + m->count > m->size) {
			set_overflow(m);
			return;
		}
		std::memset(m->buf + m->count, ' ', static_cast<size_t>(size));
		m->count += static_cast<size_t>(size);
	}
	if (c)
		seq_putc(m, c);
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	auto *op = static_cast<struct seq_operations *>(__kmalloc(sizeof(struct seq_operations), 0));
	if (!op)
		return -ENOMEM;
	op->start = single_start;
	op->next = single_next;
	op->stop = single_stop;
	op->show = show;
	int res = seq_open(file, op);
	if (!res)
		static_cast<struct seq_file *>(file->private_data)->private_ = data;
	else
		kfree(op);
	return res;
}

int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data, size_t size)
{
	char *buf = buf_alloc(size);
	if (!buf)
		return -ENOMEM;
	int ret = single_open(file, show, data);
	if (ret) {
		kfree(buf);
		return ret;
	}
	auto *m = static_cast<struct seq_file *>(file->private_data);
	m->buf = buf;
	m->size = size;
	return 0;
}

int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = static_cast<struct seq_file *>(file->private_data)->op;
	int res = seq_release(inode, file);
	kfree(op);
	return res;
}

void *__seq_open_private(struct file *f, const struct seq_operations *ops, int psize)
{
	void *priv = __kmalloc(static_cast<size_t>(psize), 0x100u);
	if (!priv)
		return nullptr;
	if (seq_open(f, ops) < 0) {
		kfree(priv);
		return nullptr;
	}
	static_cast<struct seq_file *>(f->private_data)->private_ = priv;
	return priv;
}

int seq_open_private(struct file *f, const struct seq_operations *ops, int psize)
{
	return __seq_open_private(f, ops, psize) ? 0 : -ENOMEM;
}

int seq_release_private(struct inode *inode, struct file *file)
{
	kfree(static_cast<struct seq_file *>(file->private_data)->private_);
	return seq_release(inode, file);
}

struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
	for (struct list_head *lh = head->next; lh != head; lh = lh->next)
		if (pos-- == 0)
			return lh;
	return nullptr;
}

struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
	if (!pos)
		return head;
	return seq_list_start(head, pos - 1);
}

struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
	struct list_head *lh = static_cast<struct list_head *>(v)->next;
	++*ppos;
	return lh == head ? nullptr : lh;
}

} // extern "C"

KPLAY_EXPORT(seq_open);
KPLAY_EXPORT(seq_read);
KPLAY_EXPORT(seq_lseek);
KPLAY_EXPORT(seq_release);
KPLAY_EXPORT(seq_vprintf);
KPLAY_EXPORT(seq_printf);
KPLAY_EXPORT(seq_putc);
KPLAY_EXPORT(seq_puts);
KPLAY_EXPORT(seq_write);
KPLAY_EXPORT(seq_put_decimal_ull);
KPLAY_EXPORT(seq_put_decimal_ll);
KPLAY_EXPORT(seq_pad);
KPLAY_EXPORT(single_open);
KPLAY_EXPORT(single_open_size);
KPLAY_EXPORT(single_release);
KPLAY_EXPORT(__seq_open_private);
KPLAY_EXPORT(seq_open_private);
KPLAY_EXPORT(seq_release_private);
KPLAY_EXPORT(seq_list_start);
KPLAY_EXPORT(seq_list_start_head);
KPLAY_EXPORT(seq_list_next);
