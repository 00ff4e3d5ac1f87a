/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/gpio.h>: the legacy integer GPIO API, as 6.1 has it
 * (inline wrappers over the descriptor calls of gpiolib). The lines belong to
 * kplay's simulated chip "kplay-gpio" (kernel/gpio.cpp): GPIOs 0-639.
 */
#ifndef _KPLAY_LINUX_GPIO_H
#define _KPLAY_LINUX_GPIO_H

#include "linux/types.h"
#include "linux/errno.h"

#define GPIOF_DIR_OUT (0 << 0)
#define GPIOF_DIR_IN (1 << 0)
#define GPIOF_INIT_LOW (0 << 1)
#define GPIOF_INIT_HIGH (1 << 1)
#define GPIOF_IN (GPIOF_DIR_IN)
#define GPIOF_OUT_INIT_LOW (GPIOF_DIR_OUT | GPIOF_INIT_LOW)
#define GPIOF_OUT_INIT_HIGH (GPIOF_DIR_OUT | GPIOF_INIT_HIGH)
#define GPIOF_ACTIVE_LOW (1 << 2)
#define GPIOF_OPEN_DRAIN (1 << 3)
#define GPIOF_OPEN_SOURCE (1 << 4)
#define GPIOF_EXPORT (1 << 5)
#define GPIOF_EXPORT_CHANGEABLE (1 << 6)
#define GPIOF_EXPORT_DIR_FIXED (GPIOF_EXPORT)
#define GPIOF_EXPORT_DIR_CHANGEABLE (GPIOF_EXPORT | GPIOF_EXPORT_CHANGEABLE)

/* A GPIO with its configuration, for gpio_request_array(). */
struct gpio {
	unsigned gpio;
	unsigned long flags;
	const char *label;
};

/* Debian's amd64 6.1 kernel has CONFIG_ARCH_NR_GPIO=1024. */
#define ARCH_NR_GPIOS 1024

struct gpio_desc;

#ifdef __cplusplus
extern "C" {
#endif

struct gpio_desc *gpio_to_desc(unsigned gpio);
int gpiod_direction_input(struct gpio_desc *desc);
int gpiod_direction_output_raw(struct gpio_desc *desc, int value);
int gpiod_get_raw_value(const struct gpio_desc *desc);
void gpiod_set_raw_value(struct gpio_desc *desc, int value);
int gpiod_cansleep(const struct gpio_desc *desc);
int gpiod_to_irq(const struct gpio_desc *desc);

int gpio_request(unsigned gpio, const char *label);
void gpio_free(unsigned gpio);
int gpio_request_one(unsigned gpio, unsigned long flags, const char *label);
int gpio_request_array(const struct gpio *array, size_t num);
void gpio_free_array(const struct gpio *array, size_t num);

#ifdef __cplusplus
}
#endif

static inline bool gpio_is_valid(int number)
{
	return number >= 0 && number < ARCH_NR_GPIOS;
}

static inline int gpio_direction_input(unsigned gpio)
{
	return gpiod_direction_input(gpio_to_desc(gpio));
}

static inline int gpio_direction_output(unsigned gpio, int value)
{
	return gpiod_direction_output_raw(gpio_to_desc(gpio), value);
}

static inline int gpio_get_value(unsigned int gpio)
{
	return gpiod_get_raw_value(gpio_to_desc(gpio));
}

static inline void gpio_set_value(unsigned int gpio, int value)
{
	gpiod_set_raw_value(gpio_to_desc(gpio), value);
}

/* The simulated chip is memory-mapped-like: its lines never sleep. */
static inline int gpio_get_value_cansleep(unsigned gpio)
{
	return gpiod_get_raw_value(gpio_to_desc(gpio));
}

static inline void gpio_set_value_cansleep(unsigned gpio, int value)
{
	gpiod_set_raw_value(gpio_to_desc(gpio), value);
}

static inline int gpio_cansleep(unsigned int gpio)
{
	return gpiod_cansleep(gpio_to_desc(gpio));
}

static inline int gpio_to_irq(unsigned int gpio)
{
	return gpiod_to_irq(gpio_to_desc(gpio));
}

static inline int irq_to_gpio(unsigned int irq)
{
	(void)irq;
	return -EINVAL;
}

#endif
