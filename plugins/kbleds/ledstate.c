/*
 * ledstate - read the keyboard LEDs of a virtual console with KDGETLED.
 *
 *   ledstate TTY          print the lights now
 *   ledstate TTY VALUE    wait (at most 5 s) until the lights are VALUE
 *                         (0..7, LED_SCR|LED_NUM|LED_CAP), then print them
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static int get_leds(int fd, const char *path)
{
	char v = 0;

	if (ioctl(fd, KDGETLED, &v) < 0) {
		fprintf(stderr, "ledstate: KDGETLED on %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return v & 7;
}

static void show(int v)
{
	printf("leds 0x%x: scroll %s, num %s, caps %s\n", v, v & LED_SCR ? "on" : "off",
	       v & LED_NUM ? "on" : "off", v & LED_CAP ? "on" : "off");
}

int main(int argc, char **argv)
{
	int fd, v, want, i;
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: ledstate TTY [VALUE]\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_NOCTTY);
	if (fd < 0) {
		fprintf(stderr, "ledstate: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	v = get_leds(fd, argv[1]);
	if (argc == 3) {
		want = (int)strtol(argv[2], NULL, 0);
		for (i = 0; v != want && i < 500; i++) {
			nanosleep(&tick, NULL);
			v = get_leds(fd, argv[1]);
		}
		if (v != want) {
			printf("timed out waiting for leds 0x%x, they show 0x%x\n", want, v);
			return 1;
		}
	}
	show(v);
	close(fd);
	return 0;
}
