// SPDX-License-Identifier: GPL-2.0
/*
 * cat_nonblock.c: copy a file to standard output, opening it with
 * O_NONBLOCK. Where opening would put the caller to sleep (/proc/sleep
 * while another process has it open), the open fails with EAGAIN: the
 * program then says so and exits with status 1 instead of waiting.
 *
 *	gcc -O2 -Wall -o cat_nonblock cat_nonblock.c
 *	./cat_nonblock FILE
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	char buf[4096];
	ssize_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}

	fd = open(argv[1], O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == EAGAIN) {
			printf("%s is busy: opening it would block\n", argv[1]);
			return 1;
		}
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "read %s: %s\n", argv[1],
				strerror(errno));
			close(fd);
			return 1;
		}
		if (write(STDOUT_FILENO, buf, n) != n) {
			perror("write");
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
}
