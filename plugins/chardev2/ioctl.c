// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl.c: userspace client of the chardev2 module. It sets the device's
 * message with IOCTL_SET_MSG, reads it back with IOCTL_GET_MSG, then reads
 * it again one byte at a time with IOCTL_GET_NTH_BYTE.
 *
 *	gcc -O2 -Wall -o ioctl ioctl.c
 *	./ioctl [DEVICE]	(default /dev/char_dev)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "chardev2.h"

static int set_msg(int fd, const char *msg)
{
	if (ioctl(fd, IOCTL_SET_MSG, msg) < 0) {
		perror("ioctl(IOCTL_SET_MSG)");
		return -1;
	}
	printf("set_msg: %s", msg);
	return 0;
}

static int get_msg(int fd)
{
	char buf[CHARDEV2_BUF_LEN];

	if (ioctl(fd, IOCTL_GET_MSG, buf) < 0) {
		perror("ioctl(IOCTL_GET_MSG)");
		return -1;
	}
	printf("get_msg: %s", buf);
	return 0;
}

static int get_nth_byte(int fd)
{
	int i, c;

	printf("get_nth_byte: ");
	for (i = 0; i < CHARDEV2_BUF_LEN; i++) {
		c = ioctl(fd, IOCTL_GET_NTH_BYTE, i);
		if (c < 0) {
			printf("\n");
			fflush(stdout);
			perror("ioctl(IOCTL_GET_NTH_BYTE)");
			return -1;
		}
		if (c == 0)
			break;
		putchar(c);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : DEVICE_PATH;
	int fd, ret = 0;

	/* Keep stdout and perror's stderr in order when both go to a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(path, O_RDWR);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	if (set_msg(fd, "Greetings from ioctl.c, by IOCTL_SET_MSG\n") ||
	    get_msg(fd) || get_nth_byte(fd))
		ret = 1;
	close(fd);
	return ret;
}
