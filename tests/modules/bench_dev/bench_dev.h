/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench_dev's ioctl, shared by the module and the benchmark's load
 * generator (bench/load.c): an _IOR command that returns 8 bytes.
 */
#ifndef BENCH_DEV_H
#define BENCH_DEV_H

#include <linux/ioctl.h>

#define BENCH_DEV_MAGIC 'b'
/* Copies the number of ioctls served so far (a __u64) to the caller. */
#define BENCH_DEV_GET_COUNT _IOR(BENCH_DEV_MAGIC, 1, unsigned long long)

/*
 * /proc/bench_records: a seq_file of BENCH_RECORDS records, one show() call
 * each, formatted as below (the FUSE floor serves the same bytes).
 */
#define BENCH_RECORDS 100000
#define BENCH_RECORD_FMT "record %6lld of %d: bench_dev seq_file\n"

#endif
