// Declarations of the kernel-API functions the daemon's C++ code calls
// itself (they are defined with C linkage in the subsystem files).
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtou16(const char *s, unsigned int base, uint16_t *res);
int kstrtos16(const char *s, unsigned int base, int16_t *res);
int kstrtou8(const char *s, unsigned int base, uint8_t *res);
int kstrtos8(const char *s, unsigned int base, int8_t *res);
int kstrtobool(const char *s, bool *res);
int _printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *__kmalloc(size_t size, unsigned int flags);
void kfree(const void *p);
}

// The daemon's own kernel messages use the kernel's level prefixes.
#define KPLAY_KERN_EMERG "\0010"
#define KPLAY_KERN_ERR "\0013"
#define KPLAY_KERN_WARNING "\0014"
#define KPLAY_KERN_INFO "\0016"
