// Poll wake-up latency: one process polls a file for POLLIN, another writes
// to it; the time from just before write() to poll() returning, over many
// rounds, for a kplay file (argv[1]) and for a pipe (the kernel baseline).
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

// rfd is polled; the child writes one byte to wpath/wfd each round.
static long long median_ns(int rfd, const char *wpath, int wfd, int rounds, int drain)
{
	long long *lat = calloc(rounds, sizeof(*lat));
	volatile long long *stamp = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int go[2];
	if (pipe(go))
		exit(1);
	pid_t child = fork();
	if (child == 0) {
		int w = wpath ? open(wpath, O_WRONLY) : wfd;
		char c;
		for (int i = 0; i < rounds; i++) {
			if (read(go[0], &c, 1) != 1)
				_exit(0);
			usleep(2000); /* let the parent enter poll() */
			*stamp = now_ns();
			if (write(w, "x", 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	for (int i = 0; i < rounds; i++) {
		struct pollfd p = { .fd = rfd, .events = POLLIN };
		char buf[64];
		if (write(go[1], "g", 1) != 1)
			exit(1);
		if (poll(&p, 1, 5000) != 1) {
			fprintf(stderr, "poll timed out\n");
			exit(1);
		}
		lat[i] = now_ns() - *stamp;
		if (drain && read(rfd, buf, sizeof(buf)) < 0)
			exit(1);
	}
	waitpid(child, NULL, 0);
	qsort(lat, rounds, sizeof(*lat), cmp);
	long long m = lat[rounds / 2]; // ns
	free(lat);
	return m;
}

// poll_latency PATH [ROUNDS [FLOOR_PATH]]: with FLOOR_PATH (the FUSE floor's
// waitq file) prints the three medians in microseconds, "kplay floor pipe".
int main(int argc, char **argv)
{
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	int fd = open(argv[1], O_RDONLY);
	int pfd[2];
	if (fd < 0 || pipe(pfd)) {
		perror("open");
		return 1;
	}
	long long k = median_ns(fd, argv[1], -1, rounds, 1);
	long long p = median_ns(pfd[0], NULL, pfd[1], rounds, 1);
	if (argc > 3) {
		int ffd = open(argv[3], O_RDONLY);
		if (ffd < 0) {
			perror("open");
			return 1;
		}
		long long f = median_ns(ffd, argv[3], -1, rounds, 1);
		printf("%.1f %.1f %.1f\n", k / 1e3, f / 1e3, p / 1e3);
		return 0;
	}
	printf("poll wake-up latency (median of %d): kplay %.1f us, pipe %.1f us, ratio %.1fx\n", rounds, k / 1e3, p / 1e3,
	       p ? (double)k / (double)p : 0.0);
	return 0;
}
