// fuzz_files: random file operations on a kplay root, to shake out daemon
// crashes and hangs. It walks ROOT/dev, ROOT/proc and ROOT/sys once, then
// runs a reproducible (seeded) sequence of open (random flags), read, write,
// pread, pwrite, lseek, ioctl (random commands, sizes and pointers: valid,
// NULL, unmapped, read-only), poll (zero timeout), dup, fcntl, fstat,
// getdents, ftruncate, close, and more rarely mknod/unlink in ROOT/dev,
// statfs, sendfile, mmap, flock, fsync, fchmod (undone at once) and fork (a
// child using inherited descriptors), with random sizes and offsets.
//
//   fuzz_files ROOT [--seed N] [--ops N] [--kplay BIN] [--verbose]
//
// Never blocks forever: every call runs under two timers. A soft one sends
// SIGUSR1 (no SA_RESTART) every 200 ms, so a call sleeping in a module is
// interrupted (kplay must turn FUSE's INTERRUPT into EINTR); the file is then
// marked as one that blocks and later calls on it mostly use O_NONBLOCK. A
// hard one (alarm, 5 s) ends the run as a hang, naming the call.
// A call failing with ENOTCONN/ECONNABORTED means the daemon died. At the end
// the daemon pid must be alive, the three mounts must answer and, with
// --kplay, `kplay lsmod` must work. Prints op counts and an errno histogram;
// the last operations are printed on any failure, for reproduction.
// Every pointer handed to the kernel lies in the fuzzer's scratch area or in
// reserved unmapped/read-only pages, so a module writing through a random
// pointer cannot corrupt the fuzzer itself.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <setjmp.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef FIGETBSZ
#define FIGETBSZ _IO(0x00, 2)
#endif

#define SOFT_MS 200
#define HARD_S 5
#define NSLOTS 24
#define SCRATCH (64 * 1024)
#define BIG (1024 * 1024)
#define HOLE (1024 * 1024)
#define HISTORY 32

enum op {
	OP_OPEN, OP_CLOSE, OP_READ, OP_WRITE, OP_PREAD, OP_PWRITE, OP_LSEEK, OP_IOCTL, OP_POLL,
	OP_DUP, OP_FCNTL, OP_FSTAT, OP_GETDENTS, OP_FTRUNCATE, OP_FORK, OP_MKNOD, OP_UNLINK, OP_STATFS,
	OP_SENDFILE, OP_MMAP, OP_FLOCK, OP_FSYNC, OP_FCHMOD, NOPS
};
static const char *op_names[NOPS] = {"open", "close", "read", "write", "pread", "pwrite", "lseek", "ioctl",
				     "poll", "dup", "fcntl", "fstat", "getdents", "ftruncate", "fork", "mknod",
				     "unlink", "statfs", "sendfile", "mmap", "flock", "fsync", "fchmod"};
// Per-mille weights of the operations (they add up to 1000).
static const int op_weights[NOPS] = {160, 115, 170, 90, 45, 25, 50, 120, 55, 20, 20, 20, 20, 10,
				     10,  10,  10,  10, 15, 10, 5,  5,  5};

struct target {
	char *path;
	int is_dir;
	int blocks; // a call on it slept until interrupted
	int module; // a module's own file (not a directory, not under sys/module)
};

struct slot {
	int fd; // -1: free
	int t;  // index in targets
};

static struct target *targets;
static int ntargets, nwalked;
static struct slot slots[NSLOTS];
static char root[PATH_MAX], root_real[PATH_MAX];

// Memory handed to the kernel, one mapping: [big RW | PROT_NONE | scratch RW |
// guard PROT_NONE | read-only page | PROT_NONE], and a reserved PROT_NONE
// hole. A buffer that starts below scratch lands in big; one that runs past
// scratch or the read-only page stops at a PROT_NONE page.
static char *scratch, *guard, *rdonly, *big, *hole;

static long long calls[NOPS], oks[NOPS], errs[NOPS][134];
static long long interrupted, ops_done;
static int interrupt_budget = 25; // blocking calls allowed on files known to block
static int verbose;

static char history[HISTORY][256];
static volatile sig_atomic_t soft_fired;
static timer_t soft_timer;

static uint64_t rng_state;

static uint64_t rnd(void)
{
	// splitmix64: reproducible from the seed.
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t below(uint64_t n) { return n ? rnd() % n : 0; }
static int chance(int permille) { return (int)below(1000) < permille; }

static void note(const char *fmt, ...)
{
	char *h = history[ops_done % HISTORY];
	va_list ap;
	int n = snprintf(h, 256, "#%lld ", ops_done);
	va_start(ap, fmt);
	vsnprintf(h + n, 256 - n, fmt, ap);
	va_end(ap);
	for (char *c = h; *c; c++) // names a module made from written bytes
		if (*c < 0x20 || *c > 0x7e)
			*c = '?';
	if (verbose)
		fprintf(stderr, "%s\n", h);
}

static void print_history(void)
{
	fprintf(stderr, "fuzz: the last operations:\n");
	for (long long i = ops_done - HISTORY + 1; i <= ops_done; i++)
		if (i >= 0 && history[i % HISTORY][0])
			fprintf(stderr, "  %s\n", history[i % HISTORY]);
}

static void on_soft(int sig) { (void)sig, soft_fired = 1; }

// The hard watchdog: a call did not come back even after interrupts.
static void on_hard(int sig)
{
	char msg[400];
	(void)sig;
	int n = snprintf(msg, sizeof(msg), "fuzz: FAIL: a call hung for more than %d s: %s\n", HARD_S,
			 history[ops_done % HISTORY]);
	if (write(2, msg, n) < 0)
		_exit(3);
	_exit(3);
}

static void arm(void)
{
	struct itimerspec its = {{0, SOFT_MS * 1000000L}, {0, SOFT_MS * 1000000L}};
	soft_fired = 0;
	timer_settime(soft_timer, 0, &its, NULL);
	alarm(HARD_S);
}

static void disarm(void)
{
	struct itimerspec its = {{0, 0}, {0, 0}};
	timer_settime(soft_timer, 0, &its, NULL);
	alarm(0);
}

static int dead_daemon;

// Books the result of one call; returns ret.
static long account(enum op op, long ret, int t)
{
	calls[op]++;
	if (ret >= 0) {
		oks[op]++;
		return ret;
	}
	int e = errno;
	errs[op][e > 0 && e < 133 ? e : 133]++;
	if (e == EINTR && soft_fired) {
		interrupted++;
		if (t >= 0 && !targets[t].blocks) {
			targets[t].blocks = 1;
			if (verbose)
				fprintf(stderr, "fuzz: %s blocks; O_NONBLOCK from now on\n", targets[t].path);
		}
		if (interrupt_budget > 0)
			interrupt_budget--;
	}
	if (e == ENOTCONN || e == ECONNABORTED)
		dead_daemon = 1;
	errno = e;
	return ret;
}

// --- the walk ---

static int module_cache_stale = 1;

static void add_target(const char *path, int is_dir)
{
	module_cache_stale = 1;
	static int cap;
	if (ntargets == cap) {
		cap = cap ? cap * 2 : 256;
		targets = realloc(targets, cap * sizeof(*targets));
		if (!targets)
			exit(2);
	}
	targets[ntargets].path = strdup(path);
	targets[ntargets].is_dir = is_dir;
	targets[ntargets].blocks = 0;
	targets[ntargets].module = !is_dir && !strstr(path + strlen(root), "/sys/module/");
	ntargets++;
}

static void walk(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d || depth > 16) {
		if (d)
			closedir(d);
		return;
	}
	add_target(dir, 1);
	while ((e = readdir(d))) {
		char path[PATH_MAX], real[PATH_MAX];
		struct stat st;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path))
			continue;
		if (lstat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(path, depth + 1);
		else if (S_ISREG(st.st_mode))
			add_target(path, 0);
		else if (S_ISLNK(st.st_mode) && realpath(path, real) &&
			 !strncmp(real, root_real, strlen(root_real)) && real[strlen(root_real)] == '/' &&
			 stat(path, &st) == 0)
			add_target(path, S_ISDIR(st.st_mode)); // a link inside the root; never one leading out
	}
	closedir(d);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct target *)a)->path, ((const struct target *)b)->path);
}

// --- random arguments ---

static size_t rand_size(void)
{
	switch (below(10)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 1 + below(16);
	case 3: return 1 + below(256);
	case 4: return 4096;
	case 5: return 4095 + below(3);
	case 6: return 1 + below(SCRATCH);
	case 7: return chance(100) ? BIG : 1 + below(8192);
	default: return 1 + below(1024);
	}
}

// A buffer of n bytes (n <= BIG): mostly valid, sometimes NULL or bad.
static void *rand_buf(size_t n, int for_read)
{
	switch (below(20)) {
	case 0: return NULL;
	case 1: return (void *)(uintptr_t)(1 + below(4095));
	case 2: return guard + below(4096);
	case 3: return hole + below(HOLE);
	case 4: return for_read ? rdonly : scratch;       // copy-out to a read-only page
	case 5: return scratch + SCRATCH - (n ? n / 2 : 0); // runs into the guard page
	case 6: return (void *)0xffff888000000000ULL;     // the kernel half
	}
	if (n > SCRATCH)
		return big;
	return scratch + below(SCRATCH - n + 1);
}

static off_t rand_off(void)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: return (off_t)below(64);
	case 2: return (off_t)below(8192);
	case 3: return -1 - (off_t)below(100);
	case 4: return (off_t)1 << (40 + below(22));
	case 5: return LLONG_MAX - (off_t)below(2);
	default: return (off_t)below(1 << 20);
	}
}

// What a write carries: text a kernel parser may accept, or noise.
static void fill_payload(char *p, size_t n)
{
	static const char *words[] = {"0\n", "1\n", "-1\n", "32\n", "on\n", "off\n", "all\n", "bug\n",
				      "4294967296\n", "0x7fffffff\n", "-9223372036854775808\n", "\n",
				      "hello\n", "Y\n", "N\n", "suspend\n", "resume\n", "1,2,3\n", " 7 \n"};
	if (!n || p < scratch || p + n > scratch + SCRATCH)
		return; // only the scratch area is filled; other buffers stay as they are
	switch (below(4)) {
	case 0:
		for (size_t i = 0; i < n; i++)
			p[i] = (char)rnd();
		break;
	case 1: {
		const char *w = words[below(sizeof(words) / sizeof(words[0]))];
		size_t l = strlen(w);
		for (size_t i = 0; i < n; i++)
			p[i] = w[i % l];
		break;
	}
	case 2:
		snprintf(p, n, "%lld\n", (long long)rnd() >> below(64));
		break;
	default:
		memset(p, 'A' + (int)below(26), n);
	}
}

static unsigned long rand_cmd(void)
{
	// The examples' own commands (chardev2, ioctl, bench_dev), well and badly sized.
	static const unsigned long known[] = {
		_IOW(100, 0, char *), _IOR(100, 1, char *), _IOWR(100, 2, int), _IOW(0xB7, 0, unsigned),
		_IOR(0xB7, 1, unsigned), _IOW(0xB7, 2, int), _IOR(0xB7, 3, int), _IO(0xB7, 99),
		_IOR('b', 1, unsigned long long)};
	if (chance(300)) {
		unsigned long c = known[below(sizeof(known) / sizeof(known[0]))];
		if (chance(200))
			c = (c & ~((unsigned long)_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
			    ((unsigned long)below(1 << 14) << _IOC_SIZESHIFT);
		return c;
	}
	static const unsigned char types[] = {100, 0xB7, 'b', 'T', 'f', 'k', 0};
	static const unsigned vfs_cmds[] = {FIONREAD, FIONBIO, FIOCLEX, FIONCLEX, FIOASYNC, FIGETBSZ, TCGETS, TIOCGWINSZ};
	unsigned dir, type, nr, size;
	switch (below(10)) {
	case 0:
		return vfs_cmds[below(sizeof(vfs_cmds) / sizeof(vfs_cmds[0]))];
	case 1:
		return (unsigned)below(0x10000); // a legacy number without direction or size
	case 2:
		return (unsigned)rnd();
	default:
		dir = (unsigned)below(4);
		type = chance(700) ? types[below(sizeof(types))] : (unsigned)below(256);
		nr = chance(700) ? (unsigned)below(5) : (unsigned)below(256);
		switch (below(5)) {
		case 0: size = 4; break;
		case 1: size = 8; break;
		case 2: size = (unsigned)below(33); break;
		case 3: size = (unsigned)below(SCRATCH / 4); break;
		default: size = (unsigned)below(1 << 14);
		}
		return _IOC(dir, type, nr, size);
	}
}

static unsigned long rand_arg(unsigned long cmd)
{
	size_t size = _IOC_SIZE(cmd);
	if (chance(150))
		return below(4096); // by value (or a pointer into page zero)
	if (cmd == FIONBIO || cmd == FIOASYNC)
		return (unsigned long)(scratch + below(SCRATCH - 8)); // an int flag in scratch
	return (unsigned long)rand_buf(size ? size : 1 + below(64), 1);
}

// --- operations ---

// Most opens go to the modules' own files (devices, proc and debugfs
// files, attributes), the rest to anything, /sys/module and directories included.
static int rand_target(void)
{
	static int *module_files, nmodule = -1;
	if (module_cache_stale) {
		module_cache_stale = 0;
		free(module_files);
		module_files = calloc(ntargets, sizeof(int));
		nmodule = 0;
		for (int i = 0; module_files && i < ntargets; i++)
			if (targets[i].module)
				module_files[nmodule++] = i;
	}
	if (nmodule > 0 && chance(600))
		return module_files[below(nmodule)];
	return (int)below(ntargets);
}

static int free_slot(void)
{
	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].fd < 0)
			return i;
	return -1;
}

static int used_slot(void)
{
	int n = 0, pick;
	for (int i = 0; i < NSLOTS; i++)
		n += slots[i].fd >= 0;
	if (!n)
		return -1;
	pick = (int)below(n);
	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].fd >= 0 && pick-- == 0)
			return i;
	return -1;
}

// Blocking calls on a file known to block only while the interrupt budget lasts.
static void maybe_nonblock(struct slot *s)
{
	if (!targets[s->t].blocks || (interrupt_budget > 0 && chance(20)))
		return;
	int fl = fcntl(s->fd, F_GETFL);
	if (fl >= 0 && !(fl & O_NONBLOCK))
		fcntl(s->fd, F_SETFL, fl | O_NONBLOCK);
}

static void do_open(void)
{
	static const int acc[] = {O_RDONLY, O_RDONLY, O_WRONLY, O_RDWR};
	int i = free_slot();
	if (i < 0)
		return;
	int t = rand_target();
	int flags = acc[below(4)];
	if (chance(300))
		flags |= O_NONBLOCK;
	if (chance(50))
		flags |= O_APPEND;
	if (chance(30))
		flags |= O_TRUNC;
	if (chance(30))
		flags |= O_CREAT | (chance(500) ? O_EXCL : 0);
	if (chance(20))
		flags |= O_DIRECTORY;
	if (chance(20))
		flags |= O_NOFOLLOW;
	if (chance(10))
		flags |= O_PATH;
	if (chance(10))
		flags |= O_DIRECT;
	if (chance(10))
		flags |= O_SYNC;
	if (targets[t].is_dir && chance(700))
		flags = O_RDONLY | O_DIRECTORY | (flags & O_NONBLOCK);
	if (targets[t].blocks && !(interrupt_budget > 0 && chance(20)))
		flags |= O_NONBLOCK;
	note("open %s flags=%#x", targets[t].path, flags);
	arm();
	int fd = (int)account(OP_OPEN, open(targets[t].path, flags, 0644), t);
	disarm();
	if (fd >= 0) {
		slots[i].fd = fd;
		slots[i].t = t;
	}
}

static void do_close(struct slot *s)
{
	note("close fd=%d (%s)", s->fd, targets[s->t].path);
	arm();
	account(OP_CLOSE, close(s->fd), s->t);
	disarm();
	s->fd = -1;
}

static void do_rw(enum op op, struct slot *s)
{
	size_t n = rand_size();
	int reading = op == OP_READ || op == OP_PREAD;
	char *buf = rand_buf(n, reading);
	off_t off = rand_off();
	long r;
	if (!reading)
		fill_payload(buf, n);
	maybe_nonblock(s);
	note("%s fd=%d (%s) n=%zu buf=%p off=%lld", op_names[op], s->fd, targets[s->t].path, n, (void *)buf,
	     (long long)off);
	arm();
	switch (op) {
	case OP_READ: r = read(s->fd, buf, n); break;
	case OP_WRITE: r = write(s->fd, buf, n); break;
	case OP_PREAD: r = pread(s->fd, buf, n, off); break;
	default: r = pwrite(s->fd, buf, n, off); break;
	}
	account(op, r, s->t);
	disarm();
}

static void do_lseek(struct slot *s)
{
	int whence = (int)below(5); // SET, CUR, END, DATA, HOLE
	off_t off = rand_off();
	note("lseek fd=%d (%s) off=%lld whence=%d", s->fd, targets[s->t].path, (long long)off, whence);
	arm();
	account(OP_LSEEK, lseek(s->fd, off, whence), s->t);
	disarm();
}

static void do_ioctl(struct slot *s)
{
	unsigned long cmd = rand_cmd();
	unsigned long arg = rand_arg(cmd);
	size_t size = _IOC_SIZE(cmd);
	char *p = (char *)arg;
	if (p >= scratch && p + size <= scratch + SCRATCH)
		fill_payload(p, size);
	maybe_nonblock(s);
	note("ioctl fd=%d (%s) cmd=%#lx arg=%#lx", s->fd, targets[s->t].path, cmd, arg);
	arm();
	account(OP_IOCTL, ioctl(s->fd, cmd, arg), s->t);
	disarm();
}

static void do_poll(void)
{
	struct pollfd p[3];
	int t[3], n = 1 + (int)below(3), k = 0;
	for (int i = 0; i < n; i++) {
		int j = used_slot();
		if (j < 0)
			break;
		p[k].fd = slots[j].fd;
		p[k].events = (short)(below(2) ? POLLIN | POLLRDNORM : 0) | (below(2) ? POLLOUT | POLLWRNORM : 0) |
			      (below(4) ? 0 : POLLPRI) | (below(4) ? 0 : POLLRDHUP);
		t[k++] = slots[j].t;
	}
	if (!k)
		return;
	note("poll %d fd(s), first fd=%d (%s)", k, p[0].fd, targets[t[0]].path);
	arm();
	account(OP_POLL, poll(p, k, 0), t[0]);
	disarm();
}

static void do_dup(struct slot *s)
{
	int i = free_slot();
	if (i < 0)
		return;
	note("dup fd=%d (%s)", s->fd, targets[s->t].path);
	int fd = (int)account(OP_DUP, dup(s->fd), s->t);
	if (fd >= 0) {
		slots[i].fd = fd;
		slots[i].t = s->t;
	}
}

static void do_fcntl(struct slot *s)
{
	int fl = fcntl(s->fd, F_GETFL);
	int want = fl < 0 ? 0 : fl ^ (below(2) ? O_NONBLOCK : O_APPEND);
	note("fcntl fd=%d (%s) F_SETFL %#x", s->fd, targets[s->t].path, want);
	account(OP_FCNTL, fcntl(s->fd, F_SETFL, want), s->t);
}

static void do_fstat(struct slot *s)
{
	struct stat st;
	note("fstat fd=%d (%s)", s->fd, targets[s->t].path);
	arm();
	account(OP_FSTAT, fstat(s->fd, &st), s->t);
	disarm();
}

static void do_getdents(struct slot *s)
{
	size_t n = 1 + below(8192);
	char *buf = rand_buf(n, 1);
	note("getdents fd=%d (%s) n=%zu", s->fd, targets[s->t].path, n);
	arm();
	account(OP_GETDENTS, syscall(SYS_getdents64, s->fd, buf, n), s->t);
	disarm();
}

static void do_ftruncate(struct slot *s)
{
	off_t len = below(4) ? (off_t)below(8192) : rand_off();
	note("ftruncate fd=%d (%s) len=%lld", s->fd, targets[s->t].path, (long long)len);
	arm();
	account(OP_FTRUNCATE, ftruncate(s->fd, len), s->t);
	disarm();
}

// A child process uses inherited descriptors (another pid in the daemon's
// requests, one that may be gone before the daemon looks it up), then exits
// with them open: the daemon sees RELEASE only after the last close.
static void do_fork(void)
{
	note("fork");
	pid_t pid = fork();
	if (pid == 0) {
		// Dies by SIGALRM (seen by the parent) before the parent's own watchdog.
		signal(SIGALRM, SIG_DFL);
		alarm(HARD_S - 1);
		for (int i = 0; i < 3; i++) {
			int j = used_slot();
			char buf[256];
			if (j < 0)
				break;
			int fl = fcntl(slots[j].fd, F_GETFL);
			if (fl >= 0 && (fl & O_NONBLOCK) && !targets[slots[j].t].is_dir) {
				if (read(slots[j].fd, buf, sizeof(buf)) < 0) {
				}
			} else {
				struct pollfd p = {slots[j].fd, POLLIN, 0};
				poll(&p, 1, 0);
			}
		}
		_exit(0);
	}
	if (pid < 0) {
		account(OP_FORK, -1, -1);
		return;
	}
	int status;
	arm();
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	disarm();
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "fuzz: FAIL: a forked child hung (signal %d) after op #%lld\n", WTERMSIG(status),
			ops_done);
		print_history();
		exit(3);
	}
	account(OP_FORK, 0, -1);
}

// Nodes the fuzzer makes in ROOT/dev (mknod as root, as in the kernel):
// character devices of the examples' majors or of nobody, other types.
static void do_mknod(void)
{
	static const unsigned majors[] = {100, 254, 253, 252, 42, 1};
	static int listed[8]; // each name joins the targets once
	char path[PATH_MAX + 32];
	mode_t types[] = {S_IFCHR, S_IFCHR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFREG, S_IFSOCK};
	mode_t mode = types[below(7)] | (mode_t)below(01000);
	dev_t dev = makedev(majors[below(6)], (unsigned)below(4));
	int k = (int)below(8);
	snprintf(path, sizeof(path), "%s/dev/fuzz%d", root, k);
	note("mknod %s mode=%#o dev=%u:%u", path, mode, major(dev), minor(dev));
	arm();
	long r = account(OP_MKNOD, mknod(path, mode, dev), -1);
	disarm();
	if (r == 0 && !listed[k]) {
		listed[k] = 1;
		add_target(path, 0);
	}
}

static void do_unlink(void)
{
	char path[PATH_MAX + 32];
	if (chance(700))
		snprintf(path, sizeof(path), "%s/dev/fuzz%d", root, (int)below(8));
	else
		snprintf(path, sizeof(path), "%s", targets[below(ntargets)].path); // EPERM: not made by mknod
	note("unlink %s", path);
	arm();
	account(OP_UNLINK, unlink(path), -1);
	disarm();
}

static void do_statfs(void)
{
	struct statfs sf;
	int t = (int)below(ntargets);
	note("statfs %s", targets[t].path);
	arm();
	account(OP_STATFS, statfs(targets[t].path, &sf), t);
	disarm();
}

static int devnull = -1;

// The splice path of a read (sendfile to /dev/null).
static void do_sendfile(struct slot *s)
{
	off_t off = below(2) ? 0 : (off_t)below(8192);
	size_t n = rand_size();
	maybe_nonblock(s);
	note("sendfile fd=%d (%s) n=%zu off=%lld", s->fd, targets[s->t].path, n, (long long)off);
	arm();
	account(OP_SENDFILE, sendfile(devnull, s->fd, below(2) ? &off : NULL, n), s->t);
	disarm();
}

static sigjmp_buf touch_jb;
static volatile sig_atomic_t touching;

static void on_touch_fault(int sig)
{
	if (!touching) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	siglongjmp(touch_jb, 1);
}

// mmap of a direct_io file: MAP_SHARED is refused, a private mapping reads
// through the page cache. A page is touched only when the file is
// O_NONBLOCK: a fault cannot be interrupted, so it must not sleep in a module.
static void do_mmap(struct slot *s)
{
	size_t len = 4096 * (1 + below(2));
	int prot = below(2) ? PROT_READ : PROT_READ | PROT_WRITE;
	int flags = below(2) ? MAP_SHARED : MAP_PRIVATE;
	off_t off = below(4) ? 0 : 4096;
	note("mmap fd=%d (%s) len=%zu prot=%d flags=%d off=%lld", s->fd, targets[s->t].path, len, prot, flags,
	     (long long)off);
	arm();
	char *p = mmap(NULL, len, prot, flags, s->fd, off);
	account(OP_MMAP, p == MAP_FAILED ? -1 : 0, s->t);
	int fl = fcntl(s->fd, F_GETFL);
	if (p != MAP_FAILED && fl >= 0 && (fl & O_NONBLOCK) && below(2)) {
		volatile char c;
		touching = 1;
		if (!sigsetjmp(touch_jb, 1))
			c = p[0];
		touching = 0;
		(void)c;
	}
	disarm();
	if (p != MAP_FAILED)
		munmap(p, len);
}

static void do_flock(struct slot *s)
{
	static const int how[] = {LOCK_SH | LOCK_NB, LOCK_EX | LOCK_NB, LOCK_UN};
	int h = how[below(3)];
	note("flock fd=%d (%s) %d", s->fd, targets[s->t].path, h);
	arm();
	account(OP_FLOCK, flock(s->fd, h), s->t);
	disarm();
}

static void do_fsync(struct slot *s)
{
	int data = (int)below(2);
	note("%s fd=%d (%s)", data ? "fdatasync" : "fsync", s->fd, targets[s->t].path);
	arm();
	account(OP_FSYNC, data ? fdatasync(s->fd) : fsync(s->fd), s->t);
	disarm();
}

// A mode change, undone at once (the next operations still find the file usable).
static void do_fchmod(struct slot *s)
{
	struct stat st;
	mode_t mode = (mode_t)below(01000);
	if (fstat(s->fd, &st) != 0)
		return;
	note("fchmod fd=%d (%s) %#o and back to %#o", s->fd, targets[s->t].path, mode, st.st_mode & 07777);
	arm();
	if (account(OP_FCHMOD, fchmod(s->fd, mode), s->t) == 0)
		fchmod(s->fd, st.st_mode & 07777);
	disarm();
}

static void one_op(void)
{
	int w = (int)below(1000), op = 0;
	history[ops_done % HISTORY][0] = '\0';
	while (op < NOPS - 1 && w >= op_weights[op])
		w -= op_weights[op++];
	if (op == OP_OPEN || op == OP_FORK) {
		if (op == OP_OPEN)
			do_open();
		else
			do_fork();
		return;
	}
	switch (op) {
	case OP_POLL: do_poll(); return;
	case OP_MKNOD: do_mknod(); return;
	case OP_UNLINK: do_unlink(); return;
	case OP_STATFS: do_statfs(); return;
	}
	int i = used_slot();
	if (i < 0) {
		do_open();
		return;
	}
	struct slot *s = &slots[i];
	switch (op) {
	case OP_CLOSE: do_close(s); break;
	case OP_READ:
	case OP_WRITE:
	case OP_PREAD:
	case OP_PWRITE: do_rw(op, s); break;
	case OP_LSEEK: do_lseek(s); break;
	case OP_IOCTL: do_ioctl(s); break;
	case OP_DUP: do_dup(s); break;
	case OP_FCNTL: do_fcntl(s); break;
	case OP_FSTAT: do_fstat(s); break;
	case OP_GETDENTS: do_getdents(s); break;
	case OP_FTRUNCATE: do_ftruncate(s); break;
	case OP_SENDFILE: do_sendfile(s); break;
	case OP_MMAP: do_mmap(s); break;
	case OP_FLOCK: do_flock(s); break;
	case OP_FSYNC: do_fsync(s); break;
	default: do_fchmod(s); break;
	}
}

// --- the end: is the daemon still there? ---

static int check_alive(const char *kplay)
{
	int ok = 1;
	char path[PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/.kplay/daemon.pid", root);
	FILE *f = fopen(path, "r");
	int pid = 0;
	if (f) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	char state = '?';
	if (pid > 0) {
		char stat[64], line[512];
		snprintf(stat, sizeof(stat), "/proc/%d/stat", pid);
		FILE *sf = fopen(stat, "r");
		if (sf) {
			if (fgets(line, sizeof(line), sf) && strrchr(line, ')'))
				state = strrchr(line, ')')[2];
			fclose(sf);
		}
	}
	if (pid <= 0 || state == '?' || state == 'Z' || state == 'X') {
		fprintf(stderr, "fuzz: FAIL: the daemon (pid %d from %s) is gone\n", pid, path);
		ok = 0;
	} else {
		printf("daemon pid %d alive\n", pid);
	}
	static const char *trees[] = {"dev", "proc", "sys"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", root, trees[i]);
		alarm(HARD_S);
		DIR *d = opendir(path);
		int n = 0;
		if (d) {
			while (readdir(d))
				n++;
			closedir(d);
		}
		alarm(0);
		if (n < 2) {
			fprintf(stderr, "fuzz: FAIL: %s does not answer: %s\n", path, strerror(errno));
			ok = 0;
		}
	}
	snprintf(path, sizeof(path), "%s/proc/modules", root);
	alarm(HARD_S);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "fuzz: FAIL: %s: %s\n", path, strerror(errno));
		ok = 0;
	} else {
		fclose(f);
	}
	alarm(0);
	if (kplay) {
		char cmd[2 * PATH_MAX + 64];
		snprintf(cmd, sizeof(cmd), "timeout %d '%s' lsmod --root '%s' >/dev/null", HARD_S, kplay, root);
		if (system(cmd) != 0) {
			fprintf(stderr, "fuzz: FAIL: kplay lsmod does not work\n");
			ok = 0;
		} else {
			printf("kplay lsmod works\n");
		}
	}
	if (ok)
		printf("mounts answer\n");
	return ok;
}

static void report(double secs)
{
	long long total_err[134] = {0}, all = 0;
	printf("%lld ops in %.1f s (%.0f ops/s) on %d files and directories; %lld blocking call(s) interrupted\n",
	       ops_done, secs, secs > 0 ? (double)ops_done / secs : 0.0, nwalked, interrupted);
	printf("%-10s %8s %8s  errors\n", "op", "calls", "ok");
	for (int op = 0; op < NOPS; op++) {
		if (!calls[op])
			continue;
		printf("%-10s %8lld %8lld ", op_names[op], calls[op], oks[op]);
		for (int e = 1; e < 134; e++)
			if (errs[op][e]) {
				printf(" %s:%lld", e == 133 ? "other" : strerrorname_np(e), errs[op][e]);
				total_err[e] += errs[op][e];
			}
		printf("\n");
		all += calls[op];
	}
	printf("errno histogram:");
	for (int e = 1; e < 134; e++)
		if (total_err[e])
			printf(" %s:%lld", e == 133 ? "other" : strerrorname_np(e), total_err[e]);
	printf("\n");
}

int main(int argc, char **argv)
{
	long long nops = 20000;
	unsigned long long seed = 1;
	const char *kplay = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--ops") && i + 1 < argc)
			nops = strtoll(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--kplay") && i + 1 < argc)
			kplay = argv[++i];
		else if (!strcmp(argv[i], "--verbose"))
			verbose = 1;
		else if (argv[i][0] != '-' && !root[0])
			snprintf(root, sizeof(root), "%s", argv[i]);
		else {
			fprintf(stderr, "usage: fuzz_files ROOT [--seed N] [--ops N] [--kplay BIN] [--verbose]\n");
			return 2;
		}
	}
	if (!root[0] || !realpath(root, root_real)) {
		fprintf(stderr, "usage: fuzz_files ROOT [--seed N] [--ops N] [--kplay BIN] [--verbose]\n");
		return 2;
	}
	rng_state = seed;
	setvbuf(stdout, NULL, _IOLBF, 0);

	struct sigaction sa = {0};
	sa.sa_handler = on_soft; // no SA_RESTART: the call returns EINTR
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_hard;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_touch_fault;
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGIO, SIG_IGN);
	signal(SIGURG, SIG_IGN);
	struct sigevent sev = {0};
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	if (timer_create(CLOCK_MONOTONIC, &sev, &soft_timer) != 0) {
		perror("timer_create");
		return 2;
	}

	char *area = mmap(NULL, BIG + SCRATCH + 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hole = mmap(NULL, HOLE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED || hole == MAP_FAILED)
		return 2;
	big = area;
	scratch = big + BIG + 4096;
	guard = scratch + SCRATCH;
	rdonly = guard + 4096;
	if (mprotect(big + BIG, 4096, PROT_NONE) || mprotect(guard, 4096, PROT_NONE) ||
	    mprotect(rdonly, 4096, PROT_READ) || mprotect(rdonly + 4096, 4096, PROT_NONE))
		return 2;

	// Only FUSE mounts: never fuzz (write, create) the plain directories
	// below a root whose daemon is gone.
	static const char *trees[] = {"dev", "proc", "sys"};
	for (int i = 0; i < 3; i++) {
		char p[PATH_MAX + 8];
		struct statfs sf;
		snprintf(p, sizeof(p), "%s/%s", root, trees[i]);
		if (statfs(p, &sf) != 0 || sf.f_type != 0x65735546 /* FUSE_SUPER_MAGIC */) {
			fprintf(stderr, "fuzz: %s is not a FUSE mount (is the daemon up?)\n", p);
			return 2;
		}
		walk(p, 0);
	}
	if (ntargets == 0) {
		fprintf(stderr, "fuzz: nothing to fuzz under %s\n", root);
		return 2;
	}
	qsort(targets, ntargets, sizeof(*targets), by_path);
	devnull = open("/dev/null", O_WRONLY);
	nwalked = ntargets;
	for (int i = 0; i < NSLOTS; i++)
		slots[i].fd = -1;
	printf("fuzz: seed %llu, %lld ops, %d files and directories under %s\n", seed, nops, ntargets, root);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (ops_done = 0; ops_done < nops && !dead_daemon; ops_done++)
		one_op();
	for (int i = 0; i < NSLOTS && !dead_daemon; i++)
		if (slots[i].fd >= 0)
			do_close(&slots[i]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	report((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);

	if (dead_daemon) {
		fprintf(stderr, "fuzz: FAIL: the daemon stopped answering (ENOTCONN/ECONNABORTED) at op #%lld\n",
			ops_done - 1);
		print_history();
	}
	int ok = check_alive(kplay) && !dead_daemon;
	if (!ok && !dead_daemon)
		print_history();
	printf("fuzz: %s\n", ok ? "PASS" : "FAIL");
	return ok ? 0 : 1;
}
