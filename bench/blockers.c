// Many blocked callers at little cost to the client side: N threads (small
// stacks) in one process, each opens PATH and reads from it, which blocks in
// the module until it is woken. bench/sleeping.sh measures the daemon's RSS
// while they wait.
//   blockers PATH N
// Prints "opened N" once every thread has the file open (about to read), and
// at the end "completed N, failed F" once every read returned; exits 1 if any
// open or read failed.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *path;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_open = PTHREAD_COND_INITIALIZER;
static int opened, failed;

static void *blocker(void *arg)
{
	char buf[64];
	(void)arg;
	int fd = open(path, O_RDONLY);
	pthread_mutex_lock(&lock);
	opened++;
	if (fd < 0)
		failed++;
	pthread_cond_broadcast(&all_open);
	pthread_mutex_unlock(&lock);
	if (fd < 0)
		return NULL;
	if (read(fd, buf, sizeof(buf)) <= 0) {
		pthread_mutex_lock(&lock);
		failed++;
		pthread_mutex_unlock(&lock);
	}
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: blockers PATH N\n");
		return 2;
	}
	path = argv[1];
	int n = atoi(argv[2]);
	pthread_t *th = calloc((size_t)n, sizeof(*th));
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 64 << 10);
	for (int i = 0; i < n; i++) {
		int rc = pthread_create(&th[i], &a, blocker, NULL);
		if (rc) {
			fprintf(stderr, "blockers: thread %d: %s\n", i, strerror(rc));
			return 1;
		}
	}
	pthread_mutex_lock(&lock);
	while (opened < n)
		pthread_cond_wait(&all_open, &lock);
	pthread_mutex_unlock(&lock);
	printf("opened %d\n", n);
	fflush(stdout);
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	printf("completed %d, failed %d\n", n - failed, failed);
	return failed ? 1 : 0;
}
