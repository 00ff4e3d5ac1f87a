// The FUSE floor: the smallest useful libfuse3 low-level server, multi-
// threaded as kplay's are, serving two read-only direct_io files and no
// emulation at all. bench/bench.sh measures kplay against it, so the ratio
// kplay/floor is what kplay's own code costs on top of FUSE itself.
//   version  27 bytes, the text procfs1's /proc/helloworld reads as
//   stream   endless: every read fills the reply with a byte pattern, as
//            tests/modules/bench_dev does (one copy into the reply buffer);
//            writes are copied into a scratch page and dropped, as
//            bench_dev does; also answers BENCH_DEV_GET_COUNT,
//            an _IOR ioctl of 8 bytes
//   records  the bytes of bench_dev's /proc/bench_records, built once, and
//            served as seq_read serves them: whole records up to a page per
//            read, so a reader makes as many requests as it does on kplay
//   waitq    as tests/modules/waitq's /proc/waitq for bench/poll_latency:
//            a write bumps a generation and wakes pollers; poll says POLLIN
//            once the generation moved past what the open file last read
//
//   fuse_floor MOUNTPOINT [--attr-timeout SECS] [--flush]
// Stays in the foreground, prints "ready" once the mount serves and exits
// when the mountpoint is unmounted (or on SIGTERM/SIGINT).
#define FUSE_USE_VERSION 314
#include <fuse_lowlevel.h>

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_dev.h"

enum { INO_ROOT = 1, INO_VERSION, INO_STREAM, INO_RECORDS, INO_WAITQ };

static const char version_text[] = "Hello from procfs1, world!\n";
static char pattern[4096];
static double attr_timeout = 1.0;
static const double entry_timeout = 1.0; // as kplay's
static unsigned long long ioctl_count;
static char *records;
static size_t records_len;
static pthread_mutex_t waitq_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned waitq_generation;
static struct fuse_pollhandle *waitq_ph; // the latest poller's (one at a time)

static int fill_stat(fuse_ino_t ino, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_blksize = 4096;
	switch (ino) {
	case INO_ROOT:
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
		return 0;
	case INO_STREAM:
	case INO_WAITQ:
		st->st_mode = S_IFREG | 0666;
		st->st_nlink = 1;
		return 0;
	case INO_VERSION:
	case INO_RECORDS:
		st->st_mode = S_IFREG | 0444;
		st->st_nlink = 1;
		return 0; // size 0: direct_io reads what the server gives
	}
	return -ENOENT;
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fuse_entry_param e;
	memset(&e, 0, sizeof(e));
	if (parent == INO_ROOT && strcmp(name, "version") == 0)
		e.ino = INO_VERSION;
	else if (parent == INO_ROOT && strcmp(name, "stream") == 0)
		e.ino = INO_STREAM;
	else if (parent == INO_ROOT && strcmp(name, "records") == 0)
		e.ino = INO_RECORDS;
	else if (parent == INO_ROOT && strcmp(name, "waitq") == 0)
		e.ino = INO_WAITQ;
	else {
		fuse_reply_err(req, ENOENT);
		return;
	}
	e.attr_timeout = attr_timeout;
	e.entry_timeout = entry_timeout;
	fill_stat(e.ino, &e.attr);
	fuse_reply_entry(req, &e);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct stat st;
	(void)fi;
	if (fill_stat(ino, &st) < 0)
		fuse_reply_err(req, ENOENT);
	else
		fuse_reply_attr(req, &st, attr_timeout);
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	if (ino == INO_ROOT) {
		fuse_reply_err(req, EISDIR);
		return;
	}
	if ((fi->flags & O_ACCMODE) != O_RDONLY && ino != INO_STREAM && ino != INO_WAITQ) {
		fuse_reply_err(req, EACCES);
		return;
	}
	if (ino == INO_WAITQ) {
		// What this open file has seen (fh comes back as a copy in each
		// request, so it points at the state rather than holding it).
		unsigned *seen = malloc(sizeof(*seen));
		if (!seen) {
			fuse_reply_err(req, ENOMEM);
			return;
		}
		pthread_mutex_lock(&waitq_lock);
		*seen = waitq_generation;
		pthread_mutex_unlock(&waitq_lock);
		fi->fh = (uintptr_t)seen;
	}
	fi->direct_io = 1;
	fuse_reply_open(req, fi);
}

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
	static __thread char *buf;
	static __thread size_t buf_size;
	if (ino == INO_VERSION || ino == INO_RECORDS) {
		const char *text = ino == INO_VERSION ? version_text : records;
		size_t len = ino == INO_VERSION ? sizeof(version_text) - 1 : records_len;
		if (off >= (off_t)len) {
			fuse_reply_buf(req, NULL, 0);
			return;
		}
		size_t n = size < len - off ? size : len - off;
		if (ino == INO_RECORDS && n > 4096) {
			n = 4096; // seq_file's buffer is a page: whole records that fit in it
			while (n > 1 && text[off + n - 1] != '\n')
				n--;
		}
		fuse_reply_buf(req, text + off, n);
		return;
	}
	if (ino == INO_WAITQ) {
		char msg[32];
		unsigned *seen = (unsigned *)(uintptr_t)fi->fh, g;
		pthread_mutex_lock(&waitq_lock);
		g = *seen = waitq_generation; // no sleeping reader: poll first
		pthread_mutex_unlock(&waitq_lock);
		int n = snprintf(msg, sizeof(msg), "generation %u\n", g);
		fuse_reply_buf(req, msg, (size_t)n < size ? (size_t)n : size);
		return;
	}
	if (buf_size < size) {
		free(buf);
		buf = malloc(size);
		buf_size = buf ? size : 0;
		if (!buf) {
			fuse_reply_err(req, ENOMEM);
			return;
		}
	}
	for (size_t done = 0; done < size;) {
		size_t chunk = size - done < sizeof(pattern) ? size - done : sizeof(pattern);
		memcpy(buf + done, pattern, chunk);
		done += chunk;
	}
	fuse_reply_buf(req, buf, size);
}

static void op_ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int cmd, void *arg, struct fuse_file_info *fi,
		     unsigned flags, const void *in, size_t in_size, size_t out_size)
{
	(void)arg, (void)fi, (void)in, (void)in_size;
	if (ino != INO_STREAM || (flags & FUSE_IOCTL_COMPAT) || cmd != BENCH_DEV_GET_COUNT) {
		fuse_reply_err(req, ENOTTY);
		return;
	}
	if (out_size < sizeof(unsigned long long)) {
		fuse_reply_err(req, EFAULT);
		return;
	}
	unsigned long long n = __atomic_add_fetch(&ioctl_count, 1, __ATOMIC_RELAXED);
	fuse_reply_ioctl(req, 0, &n, sizeof(n));
}

static void op_write(fuse_req_t req, fuse_ino_t ino, const char *buf, size_t size, off_t off,
		     struct fuse_file_info *fi)
{
	static __thread char scratch[4096];
	(void)off, (void)fi;
	// One copy of the data, a page at a time, as bench_dev's write does
	// with copy_from_user (the read side fills its reply likewise).
	for (size_t done = 0; done < size;) {
		size_t chunk = size - done < sizeof(scratch) ? size - done : sizeof(scratch);
		memcpy(scratch, buf + done, chunk);
		done += chunk;
	}
	__asm__ volatile("" : : "r"(scratch) : "memory"); // the copies are not optimised away
	if (ino == INO_WAITQ) {
		pthread_mutex_lock(&waitq_lock);
		waitq_generation++;
		struct fuse_pollhandle *ph = waitq_ph;
		waitq_ph = NULL;
		pthread_mutex_unlock(&waitq_lock);
		if (ph) {
			fuse_lowlevel_notify_poll(ph);
			fuse_pollhandle_destroy(ph);
		}
	}
	fuse_reply_write(req, size);
}

static void op_poll(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi, struct fuse_pollhandle *ph)
{
	unsigned revents = POLLOUT | POLLWRNORM;
	struct fuse_pollhandle *old = NULL;
	if (ino == INO_WAITQ) {
		pthread_mutex_lock(&waitq_lock);
		if (waitq_generation != *(unsigned *)(uintptr_t)fi->fh)
			revents |= POLLIN | POLLRDNORM;
		if (ph) {
			old = waitq_ph;
			waitq_ph = ph;
			ph = NULL;
		}
		pthread_mutex_unlock(&waitq_lock);
	} else {
		revents |= POLLIN | POLLRDNORM;
	}
	if (old)
		fuse_pollhandle_destroy(old);
	if (ph)
		fuse_pollhandle_destroy(ph);
	fuse_reply_poll(req, revents);
}

// Only with --flush (kplay answers FLUSH): without a handler the kernel
// learns from the first ENOSYS and stops sending FLUSH on close().
static void op_flush(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino, (void)fi;
	fuse_reply_err(req, 0);
}

static void op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	if (ino == INO_WAITQ)
		free((void *)(uintptr_t)fi->fh);
	fuse_reply_err(req, 0);
}

static struct fuse_lowlevel_ops ops = {
	.lookup = op_lookup,
	.getattr = op_getattr,
	.open = op_open,
	.read = op_read,
	.release = op_release,
	.write = op_write,
	.ioctl = op_ioctl,
	.poll = op_poll,
};

int main(int argc, char **argv)
{
	const char *mnt = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--attr-timeout") == 0 && i + 1 < argc)
			attr_timeout = atof(argv[++i]);
		else if (strcmp(argv[i], "--flush") == 0)
			ops.flush = op_flush;
		else if (!mnt && argv[i][0] != '-')
			mnt = argv[i];
		else {
			fprintf(stderr, "usage: fuse_floor MOUNTPOINT [--attr-timeout SECS] [--flush]\n");
			return 2;
		}
	}
	if (!mnt) {
		fprintf(stderr, "usage: fuse_floor MOUNTPOINT [--attr-timeout SECS] [--flush]\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(pattern); i++)
		pattern[i] = (char)('a' + i % 26);
	records = malloc((size_t)BENCH_RECORDS * 64);
	if (!records)
		return 1;
	for (long long i = 0; i < BENCH_RECORDS; i++)
		records_len += (size_t)sprintf(records + records_len, BENCH_RECORD_FMT, i, BENCH_RECORDS);

	// The mount options kplay uses (it adds auto_unmount, which only matters
	// when the server dies).
	char *fargv[] = {"fuse_floor", "-ofsname=kplay-floor", "-odefault_permissions",
			 geteuid() == 0 ? "-oallow_other" : NULL, NULL};
	struct fuse_args args = FUSE_ARGS_INIT(fargv[3] ? 4 : 3, fargv);
	struct fuse_session *se = fuse_session_new(&args, &ops, sizeof(ops), NULL);
	if (!se)
		return 1;
	if (fuse_set_signal_handlers(se) != 0 || fuse_session_mount(se, mnt) != 0) {
		fuse_session_destroy(se);
		return 1;
	}
	// Requests queue in the kernel from the mount on: the mount serves now.
	printf("ready\n");
	fflush(stdout);
	struct fuse_loop_config *cfg = fuse_loop_cfg_create();
	fuse_loop_cfg_set_max_threads(cfg, 100000);
	fuse_loop_cfg_set_idle_threads(cfg, 8);
	fuse_loop_cfg_set_clone_fd(cfg, 0);
	int rc = fuse_session_loop_mt(se, cfg);
	fuse_loop_cfg_destroy(cfg);
	fuse_session_unmount(se);
	fuse_remove_signal_handlers(se);
	fuse_session_destroy(se);
	return rc ? 1 : 0;
}
