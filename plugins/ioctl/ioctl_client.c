// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_client.c: exercises the ioctl example's device. It opens the device
 * twice to show that IOCTL_VALSET/IOCTL_VALGET work on a value private to
 * each open file, while IOCTL_VALSET_NUM/IOCTL_VALGET_NUM share one number,
 * then sends an unknown command and a bad pointer.
 *
 *	gcc -O2 -Wall -o ioctl_client ioctl_client.c
 *	./ioctl_client [DEVICE]	(default /dev/ioctl_test)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ioctl_test.h"

static int failures;

static void fail(const char *what)
{
	fflush(stdout);
	perror(what);
	failures++;
}

static void valget(int fd, const char *name)
{
	struct ioctl_arg a = { 0 };

	if (ioctl(fd, IOCTL_VALGET, &a) < 0)
		fail("ioctl(IOCTL_VALGET)");
	else
		printf("%s: IOCTL_VALGET -> %u\n", name, a.val);
}

static void valset(int fd, const char *name, unsigned int v)
{
	struct ioctl_arg a = { .val = v };

	if (ioctl(fd, IOCTL_VALSET, &a) < 0)
		fail("ioctl(IOCTL_VALSET)");
	else
		printf("%s: IOCTL_VALSET %u\n", name, v);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/" IOCTL_TEST_DEVICE;
	int fd1, fd2, num;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd1 = open(path, O_RDWR);
	fd2 = open(path, O_RDWR);
	if (fd1 < 0 || fd2 < 0) {
		perror(path);
		return 1;
	}

	/* Private to each open file. */
	valget(fd1, "fd1");
	valset(fd1, "fd1", 4660);
	valget(fd1, "fd1");
	valget(fd2, "fd2");

	/* Shared by all of them. */
	num = 7;
	if (ioctl(fd2, IOCTL_VALSET_NUM, &num) < 0)
		fail("ioctl(IOCTL_VALSET_NUM)");
	else
		printf("fd2: IOCTL_VALSET_NUM %d\n", num);
	num = -1;
	if (ioctl(fd1, IOCTL_VALGET_NUM, &num) < 0)
		fail("ioctl(IOCTL_VALGET_NUM)");
	else
		printf("fd1: IOCTL_VALGET_NUM -> %d\n", num);

	/* Errors the driver reports. */
	if (ioctl(fd1, _IO(IOCTL_TEST_MAGIC, 99)) < 0)
		perror("unknown command");
	if (ioctl(fd1, IOCTL_VALSET, NULL) < 0)
		perror("IOCTL_VALSET with a NULL pointer");

	close(fd2);
	close(fd1);
	return failures ? 1 : 0;
}
