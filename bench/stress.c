// Load generator for the load tests (tests/mount/load.sh, tests/mount/race.sh,
// bench/run.sh): NCLIENTS processes hammer example files for SECS seconds and
// every result is classified as expected or not.
//   stress SECS NCLIENTS [--race] KIND:PATH...
// Client i works on target i % (number of targets). Kinds:
//   chardev  open O_RDONLY, read to end of file, close. The one-opener-at-a-
//            time device: EBUSY from open is expected; a successful read must
//            be "Opened N time(s) so far; hello from chardev!\n" with N never
//            going down for this client.
//   proc     open, read to end of file, close; every read must give the same
//            non-empty bytes as the client's first.
//   sleep    open O_RDWR (sleeps while another holds the file), write a
//            message naming the client and operation, read, close: the file
//            is exclusive, so the text read back must be this client's own.
// --race: modules are being loaded and unloaded meanwhile (clients pause up to
// 2 ms between operations, so unloads get their chance), so ENOENT and
// ENODEV (the file or module is going away) from open, ENXIO from the open of
// a device node whose driver has just gone (chrdev_open finds no cdev for the
// number: the node is looked up before device_destroy removes it), and EIO from a read
// of a proc file removed while open (as proc_reg_read answers) are expected.
// Every other error, a wrong content or a client still stuck SECS + 30 s
// after the start (a hang) is unexpected. Prints the counts; exits 1 if
// anything unexpected happened.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum kind { CHARDEV, PROC, SLEEP };

struct target {
	enum kind kind;
	const char *path;
};

// One client's tally, in shared memory so the parent can sum it.
struct tally {
	long ops;           // completed open..close cycles
	long expected[5];   // EBUSY, ENOENT, ENODEV, EIO, ENXIO
	long unexpected;
	int first_errno;    // of the first unexpected failure (0: wrong content)
	char first_what[96];
};

static const int expected_errnos[5] = {EBUSY, ENOENT, ENODEV, EIO, ENXIO};
static int race;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void unexpected(struct tally *t, const char *what, const char *path, int err)
{
	if (t->unexpected++ == 0) {
		t->first_errno = err;
		snprintf(t->first_what, sizeof(t->first_what), "%s %s", what, path);
	}
}

// Counts err as expected if it is allowed for this step; else unexpected.
static void failed(struct tally *t, const char *what, const char *path, int err, int allowed_busy, int allowed_race)
{
	for (int i = 0; i < 5; i++) {
		if (err != expected_errnos[i])
			continue;
		if ((err == EBUSY && allowed_busy) || (err != EBUSY && race && allowed_race)) {
			t->expected[i]++;
			return;
		}
	}
	unexpected(t, what, path, err);
}

// Reads to end of file into buf; returns the length or -errno.
static ssize_t read_all(int fd, char *buf, size_t size)
{
	size_t got = 0;
	for (;;) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0)
			return -errno;
		if (n == 0 || got + (size_t)n >= size)
			return (ssize_t)(got + (size_t)n);
		got += (size_t)n;
	}
}

static void client(int id, const struct target *tg, double secs, struct tally *t)
{
	char buf[4096], first[4096], msg[64];
	ssize_t first_len = -1;
	int last_count = 0;
	double t0 = now();
	srand((unsigned)id * 7919u + 1);
	while (now() - t0 < secs) {
		int fd;
		if (race) // leave moments with no file open, when rmmod can win
			usleep((useconds_t)(rand() % 2000));
		ssize_t n;
		switch (tg->kind) {
		case CHARDEV:
			fd = open(tg->path, O_RDONLY);
			if (fd < 0) {
				failed(t, "open", tg->path, errno, 1, 1);
				continue;
			}
			n = read_all(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (n < 0) {
				failed(t, "read", tg->path, (int)-n, 0, 0);
				continue;
			}
			buf[n] = '\0';
			int count, end = 0;
			if (sscanf(buf, "Opened %d time(s) so far; hello from chardev!\n%n", &count, &end) != 1 ||
			    end != n || (count < last_count && !race)) {
				unexpected(t, "content of", tg->path, 0);
				continue;
			}
			last_count = count;
			break;
		case PROC:
			fd = open(tg->path, O_RDONLY);
			if (fd < 0) {
				failed(t, "open", tg->path, errno, 0, 1);
				continue;
			}
			n = read_all(fd, buf, sizeof(buf));
			close(fd);
			if (n < 0) {
				failed(t, "read", tg->path, (int)-n, 0, 1);
				continue;
			}
			if (first_len < 0 && n > 0) {
				memcpy(first, buf, (size_t)n);
				first_len = n;
			}
			if (n != first_len || memcmp(buf, first, (size_t)n) != 0) {
				unexpected(t, "content of", tg->path, 0);
				continue;
			}
			break;
		case SLEEP: {
			fd = open(tg->path, O_RDWR);
			if (fd < 0) {
				failed(t, "open", tg->path, errno, 0, 1);
				continue;
			}
			// The last 14 characters identify the client and the operation.
			int len = snprintf(msg, sizeof(msg), "message from %04d:%08ld", id, t->ops);
			if (write(fd, msg, (size_t)len) != len) {
				failed(t, "write", tg->path, errno, 0, 1);
				close(fd);
				continue;
			}
			n = read(fd, buf, sizeof(buf) - 1);
			int err = errno;
			close(fd);
			if (n < 0) {
				failed(t, "read", tg->path, err, 0, 1);
				continue;
			}
			// The read starts where the write left the file position: at 0
			// on the kernel (sleep's write does not move *offset, and
			// /proc/sleep has no lseek), at len through FUSE, which moves
			// the position itself. Either way it is this client's message.
			char full[128];
			int full_len = snprintf(full, sizeof(full), "Last message: %s\n", msg);
			if (!((n == full_len && memcmp(buf, full, (size_t)n) == 0) ||
			      (n == full_len - len && memcmp(buf, full + len, (size_t)n) == 0))) {
				unexpected(t, "content of", tg->path, 0);
				continue;
			}
			break;
		}
		}
		t->ops++;
	}
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: stress SECS NCLIENTS [--race] KIND:PATH...\n");
		return 2;
	}
	double secs = atof(argv[1]);
	int n = atoi(argv[2]);
	int argi = 3;
	if (strcmp(argv[argi], "--race") == 0) {
		race = 1;
		argi++;
	}
	int nt = argc - argi;
	struct target *tg = calloc((size_t)nt, sizeof(*tg));
	for (int i = 0; i < nt; i++) {
		char *a = argv[argi + i], *colon = strchr(a, ':');
		if (!colon) {
			fprintf(stderr, "stress: %s: want KIND:PATH\n", a);
			return 2;
		}
		*colon = '\0';
		tg[i].path = colon + 1;
		if (strcmp(a, "chardev") == 0)
			tg[i].kind = CHARDEV;
		else if (strcmp(a, "proc") == 0)
			tg[i].kind = PROC;
		else if (strcmp(a, "sleep") == 0)
			tg[i].kind = SLEEP;
		else {
			fprintf(stderr, "stress: unknown kind %s\n", a);
			return 2;
		}
	}
	struct tally *tl = mmap(NULL, sizeof(*tl) * (size_t)n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t *pids = calloc((size_t)n, sizeof(*pids));
	if (tl == MAP_FAILED || !pids || !tg) {
		perror("stress: memory");
		return 1;
	}
	memset(tl, 0, sizeof(*tl) * (size_t)n);
	int go[2];
	if (pipe(go)) {
		perror("stress: pipe");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("stress: fork");
			return 1;
		}
		if (pids[i] == 0) {
			char c;
			close(go[1]);
			if (read(go[0], &c, 1) != 0) // all start together
				_exit(3);
			// The watchdog: a client still running 30 s after its time is hung.
			alarm((unsigned)secs + 30);
			client(i, &tg[i % nt], secs, &tl[i]);
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]);
	long ops = 0, exp[5] = {0}, unexp = 0;
	long *per_target = calloc((size_t)nt, sizeof(*per_target));
	int hung = 0, crashed = 0;
	for (int i = 0; i < n; i++) {
		int st;
		if (waitpid(pids[i], &st, 0) < 0)
			continue;
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM) {
			hung++;
			fprintf(stderr, "stress: client %d (%s) hung\n", i, tg[i % nt].path);
		} else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			crashed++;
			fprintf(stderr, "stress: client %d ended with status 0x%x\n", i, st);
		}
		ops += tl[i].ops;
		per_target[i % nt] += tl[i].ops;
		unexp += tl[i].unexpected;
		for (int k = 0; k < 5; k++)
			exp[k] += tl[i].expected[k];
		if (tl[i].unexpected)
			fprintf(stderr, "stress: client %d: %ld unexpected, first: %s: %s\n", i, tl[i].unexpected,
				tl[i].first_what, tl[i].first_errno ? strerror(tl[i].first_errno) : "wrong content");
	}
	printf("clients %d, %.0f s: %ld operations (%.0f/s); expected errors: EBUSY %ld, ENOENT %ld, ENODEV %ld, "
	       "EIO %ld, ENXIO %ld; unexpected errors %ld, hung clients %d, crashed clients %d\n",
	       n, secs, ops, (double)ops / secs, exp[0], exp[1], exp[2], exp[3], exp[4], unexp, hung, crashed);
	for (int k = 0; k < nt; k++)
		printf("target %s: %ld operations\n", tg[k].path, per_target[k]);
	return unexp || hung || crashed ? 1 : 0;
}
