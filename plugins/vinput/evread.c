/*
 * evread - an evtest-like reader of /dev/input/eventN.
 *
 *   evread DEV COUNT   print the device's name and id, then "ready", then
 *                      COUNT events as they arrive (blocking reads)
 *   evread -n DEV      one O_NONBLOCK read of an empty queue
 *   evread -s DEV      a read shorter than one struct input_event
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char *type_name(unsigned int type)
{
	switch (type) {
	case EV_SYN: return "EV_SYN";
	case EV_KEY: return "EV_KEY";
	case EV_REL: return "EV_REL";
	case EV_ABS: return "EV_ABS";
	case EV_MSC: return "EV_MSC";
	case EV_LED: return "EV_LED";
	default: return "EV_?";
	}
}

static void print_event(const struct input_event *e)
{
	if (e->type == EV_SYN)
		printf("%s %s\n", type_name(e->type),
		       e->code == SYN_REPORT ? "SYN_REPORT" : e->code == SYN_DROPPED ? "SYN_DROPPED" : "?");
	else
		printf("%s code %u value %d\n", type_name(e->type), e->code, e->value);
}

static int read_events(int fd, int count)
{
	struct input_event ev[16];
	int seen = 0;

	while (seen < count) {
		size_t want = (size_t)(count - seen) < 16 ? (size_t)(count - seen) : 16;
		ssize_t n = read(fd, ev, want * sizeof(ev[0]));

		if (n < 0) {
			printf("read: %s\n", strerror(errno));
			return 1;
		}
		if (n % sizeof(ev[0])) {
			printf("read returned %zd bytes, not whole events\n", n);
			return 1;
		}
		for (int i = 0; i < n / (ssize_t)sizeof(ev[0]); i++)
			print_event(&ev[i]);
		seen += n / sizeof(ev[0]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	char name[256] = "";
	struct input_id id;
	char small[10];
	const char *mode = NULL, *path;
	int fd;

	if (argc == 3 && argv[1][0] == '-') {
		mode = argv[1];
		path = argv[2];
	} else if (argc == 3) {
		path = argv[1];
	} else {
		fprintf(stderr, "usage: evread DEV COUNT | evread -n DEV | evread -s DEV\n");
		return 2;
	}
	fd = open(path, O_RDONLY | (mode && !strcmp(mode, "-n") ? O_NONBLOCK : 0));
	if (fd < 0) {
		printf("%s: %s\n", path, strerror(errno));
		return 1;
	}
	if (mode && !strcmp(mode, "-n")) {
		struct input_event e;
		ssize_t n = read(fd, &e, sizeof(e));

		printf("non-blocking read: %s\n", n < 0 ? strerror(errno) : "got an event");
		return 0;
	}
	if (mode && !strcmp(mode, "-s")) {
		ssize_t n = read(fd, small, sizeof(small));

		printf("read of %zu bytes: %s\n", sizeof(small), n < 0 ? strerror(errno) : "succeeded");
		return 0;
	}
	if (ioctl(fd, EVIOCGNAME(sizeof(name)), name) < 0 || ioctl(fd, EVIOCGID, &id) < 0) {
		printf("ioctl: %s\n", strerror(errno));
		return 1;
	}
	printf("name \"%s\", bus 0x%02x vendor 0x%04x product 0x%04x version 0x%04x\n", name, id.bustype,
	       id.vendor, id.product, id.version);
	printf("ready\n");
	fflush(stdout);
	return read_events(fd, atoi(argv[2]));
}
