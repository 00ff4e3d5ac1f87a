// Load generators for bench/bench.sh. Each mode prints one number: the rate.
//   load orc PATH SECS NPROC    open+read+close loops in NPROC processes; ops/s (sum)
//   load stream PATH BS BYTES   sequential reads of BS bytes until BYTES; MB/s
//                               (at end of file it seeks back to 0)
//   load wstream PATH BS BYTES  sequential writes of BS bytes until BYTES; MB/s
//                               (a seekable file is rewritten from 0 every 64 MiB)
//   load ioctl PATH SECS        BENCH_DEV_GET_COUNT (_IOR, 8 bytes) round trips; ops/s
//                               PATH "-": FIONREAD on a pipe, the in-kernel baseline
// Exits non-zero, saying why, on the first failed call: a benchmark that
// silently measures errors is worse than none.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_dev.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "load: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

// One process's open+read+close loop; returns its ops per second.
static double orc_one(const char *path, double secs)
{
	char buf[4096];
	long ops = 0;
	double t0 = now(), t;
	do {
		for (int i = 0; i < 64; i++) {
			int fd = open(path, O_RDONLY);
			if (fd < 0)
				die("open", path);
			if (read(fd, buf, sizeof(buf)) <= 0)
				die("read", path);
			close(fd);
		}
		ops += 64;
		t = now();
	} while (t - t0 < secs);
	return (double)ops / (t - t0);
}

static double orc(const char *path, double secs, int nproc)
{
	int go[2], res[2];
	if (pipe(go) || pipe(res))
		die("pipe", "");
	for (int i = 0; i < nproc; i++) {
		if (fork() == 0) {
			char c;
			close(go[1]);
			// Start together: the parent closes its end when all are forked.
			if (read(go[0], &c, 1) != 0)
				_exit(1);
			double r = orc_one(path, secs);
			_exit(write(res[1], &r, sizeof(r)) == sizeof(r) ? 0 : 1);
		}
	}
	close(go[0]);
	close(go[1]);
	close(res[1]);
	double sum = 0, r;
	int got = 0;
	while (read(res[0], &r, sizeof(r)) == sizeof(r)) {
		sum += r;
		got++;
	}
	int status, ok = 1;
	while (wait(&status) > 0)
		ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (!ok || got != nproc) {
		fprintf(stderr, "load: a client failed\n");
		exit(1);
	}
	return sum;
}

static double stream(const char *path, size_t bs, long long total)
{
	char *buf = aligned_alloc(4096, (bs + 4095) / 4096 * 4096);
	if (!buf)
		die("malloc", "");
	memset(buf, 0, bs); // fault the pages in before timing
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open", path);
	long long done = 0;
	double t0 = now();
	while (done < total) {
		ssize_t n = read(fd, buf, bs);
		if (n < 0)
			die("read", path);
		if (n == 0 && (done == 0 || lseek(fd, 0, SEEK_SET) != 0))
			die("empty file or lseek", path);
		done += n;
	}
	double t = now() - t0;
	close(fd);
	free(buf);
	return (double)done / t / 1e6;
}

static double wstream(const char *path, size_t bs, long long total)
{
	char *buf = aligned_alloc(4096, (bs + 4095) / 4096 * 4096);
	if (!buf)
		die("malloc", "");
	for (size_t i = 0; i < bs; i++)
		buf[i] = (char)('a' + i % 26);
	int fd = open(path, O_WRONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		die("open", path);
	long long done = 0, pos = 0;
	int wrap = S_ISREG(st.st_mode); // a device (served as a FUSE file) may refuse lseek: ESPIPE
	double t0 = now();
	while (done < total) {
		if (wrap && pos >= (64LL << 20)) {
			if (lseek(fd, 0, SEEK_SET) != 0) {
				if (errno != ESPIPE)
					die("lseek", path);
				wrap = 0;
			}
			pos = 0;
		}
		ssize_t n = write(fd, buf, bs);
		if (n <= 0)
			die("write", path);
		done += n;
		pos += n;
	}
	double t = now() - t0;
	close(fd);
	free(buf);
	return (double)done / t / 1e6;
}

static double ioctls(const char *path, double secs)
{
	int pipe_baseline = strcmp(path, "-") == 0;
	int fd, p[2];
	unsigned long cmd;
	if (pipe_baseline) {
		if (pipe(p))
			die("pipe", "");
		fd = p[0];
		cmd = FIONREAD;
	} else {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			die("open", path);
		cmd = BENCH_DEV_GET_COUNT;
	}
	unsigned long long v = 0;
	long ops = 0;
	double t0 = now(), t;
	do {
		for (int i = 0; i < 64; i++)
			if (ioctl(fd, cmd, &v) < 0)
				die("ioctl", path);
		ops += 64;
		t = now();
	} while (t - t0 < secs);
	return (double)ops / (t - t0);
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "orc") == 0)
		printf("%.0f\n", orc(argv[2], atof(argv[3]), atoi(argv[4])));
	else if (argc == 5 && strcmp(argv[1], "stream") == 0)
		printf("%.0f\n", stream(argv[2], strtoul(argv[3], NULL, 0), strtoll(argv[4], NULL, 0)));
	else if (argc == 5 && strcmp(argv[1], "wstream") == 0)
		printf("%.0f\n", wstream(argv[2], strtoul(argv[3], NULL, 0), strtoll(argv[4], NULL, 0)));
	else if (argc == 4 && strcmp(argv[1], "ioctl") == 0)
		printf("%.0f\n", ioctls(argv[2], atof(argv[3])));
	else {
		fprintf(stderr, "usage: load orc PATH SECS NPROC | stream|wstream PATH BS BYTES | ioctl PATH|- SECS\n");
		return 2;
	}
	return 0;
}
