// Unit tests of the simulated GPIO chip's legacy API (kernel/gpio.cpp) and
// the IRQ core's rules and edge detection (kernel/irq.cpp).
#include "kernel/irq.h"

#include "linux/gpio.h"
#include "linux/interrupt.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

namespace {

std::atomic<int> g_hard_calls{0};
std::atomic<bool> g_hard_in_irq{false};
std::atomic<int> g_thread_calls{0};

irqreturn_t count_hard(int, void *)
{
	g_hard_calls++;
	g_hard_in_irq = in_irq();
	return IRQ_HANDLED;
}

irqreturn_t count_thread(int, void *)
{
	g_thread_calls++;
	return IRQ_HANDLED;
}

bool wait_for(const std::atomic<int> &v, int want)
{
	for (int i = 0; i < 500 && v.load() < want; ++i)
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
	return v.load() >= want;
}

TEST(GpioLegacy, RequestTwiceIsBusyAndFreeReleases)
{
	EXPECT_EQ(0, gpio_request(30, "first"));
	EXPECT_EQ(-EBUSY, gpio_request(30, "second"));
	gpio_free(30);
	EXPECT_EQ(0, gpio_request(30, "third"));
	gpio_free(30);
}

TEST(GpioLegacy, NumbersWithoutAChip)
{
	// Valid (below ARCH_NR_GPIOS) but no chip: the chip may appear later.
	EXPECT_EQ(-EPROBE_DEFER, gpio_request(700, "x"));
	EXPECT_EQ(-EPROBE_DEFER, gpio_request_one(700, GPIOF_IN, "x"));
	// Invalid: gpiolib's descriptor checks pass a NULL descriptor as success.
	EXPECT_EQ(0, gpio_request(5000, "x"));
	EXPECT_EQ(-EINVAL, gpio_to_irq(5000));
	EXPECT_EQ(0, gpio_get_value(5000));
}

TEST(GpioLegacy, RequestArrayUndoesOnFailure)
{
	ASSERT_EQ(0, gpio_request(41, "holder"));
	struct gpio arr[] = {{40, GPIOF_OUT_INIT_HIGH, "a"}, {41, GPIOF_IN, "b"}};
	EXPECT_EQ(-EBUSY, gpio_request_array(arr, 2));
	EXPECT_EQ(0, gpio_request(40, "again")) << "line 40 was freed when line 41 failed";
	gpio_free(40);
	gpio_free(41);
	ASSERT_EQ(0, gpio_request_array(arr, 2));
	EXPECT_EQ(1, gpio_get_value(40)) << "GPIOF_OUT_INIT_HIGH";
	gpio_set_value(40, 0);
	EXPECT_EQ(0, gpio_get_value(40));
	gpio_free_array(arr, 2);
}

TEST(Irq, EdgesMatchTheTriggerType)
{
	ASSERT_EQ(0, gpio_request_one(50, GPIOF_IN, "falling"));
	int irq = gpio_to_irq(50);
	EXPECT_EQ(static_cast<int>(kplay::kGpioIrqBase + 50), irq);
	static int dev;
	ASSERT_EQ(0, request_irq(irq, count_hard, IRQF_TRIGGER_FALLING, "falling", &dev));
	int before = g_hard_calls;
	kplay::irq_gpio_edge(50, true);
	EXPECT_EQ(before, g_hard_calls.load()) << "a rising edge on a falling-edge IRQ";
	kplay::irq_gpio_edge(50, false);
	EXPECT_EQ(before + 1, g_hard_calls.load()) << "the edge returns after the hard handler ran";
	EXPECT_TRUE(g_hard_in_irq.load());
	const char *name = static_cast<const char *>(free_irq(irq, &dev));
	ASSERT_NE(nullptr, name);
	EXPECT_STREQ("falling", name);
	kplay::irq_gpio_edge(50, false);
	EXPECT_EQ(before + 1, g_hard_calls.load()) << "no handler after free_irq";
	gpio_free(50);
}

TEST(Irq, RequestRules)
{
	ASSERT_EQ(0, gpio_request_one(51, GPIOF_IN, "rules"));
	int irq = gpio_to_irq(51);
	static int a, b;
	EXPECT_EQ(-EINVAL, request_irq(kplay::kGpioIrqBase + 600, count_hard, 0, "unmapped", &a));
	EXPECT_EQ(-EINVAL, request_irq(irq, count_hard, IRQF_SHARED, "nodev", nullptr));
	EXPECT_EQ(-EINVAL, request_threaded_irq(irq, nullptr, nullptr, 0, "none", &a));
	EXPECT_EQ(-EINVAL, request_threaded_irq(irq, nullptr, count_thread, IRQF_TRIGGER_RISING, "noos", &a));
	ASSERT_EQ(0, request_irq(irq, count_hard, IRQF_TRIGGER_RISING, "one", &a));
	EXPECT_EQ(-EBUSY, request_irq(irq, count_hard, IRQF_TRIGGER_RISING, "two", &b));
	free_irq(irq, &a);
	ASSERT_EQ(0, request_irq(irq, count_hard, IRQF_SHARED | IRQF_TRIGGER_RISING, "s1", &a));
	EXPECT_EQ(0, request_irq(irq, count_hard, IRQF_SHARED | IRQF_TRIGGER_RISING, "s2", &b));
	EXPECT_EQ(-EBUSY, request_irq(irq, count_hard, IRQF_SHARED | IRQF_TRIGGER_FALLING, "s3", &b))
		<< "a shared IRQ with another trigger type";
	int before = g_hard_calls;
	kplay::irq_gpio_edge(51, true);
	EXPECT_EQ(before + 2, g_hard_calls.load()) << "both shared handlers ran";
	free_irq(irq, &a);
	free_irq(irq, &b);
	gpio_free(51);

	// An output line cannot be an interrupt.
	ASSERT_EQ(0, gpio_request_one(52, GPIOF_OUT_INIT_LOW, "out"));
	EXPECT_EQ(-EINVAL, request_irq(gpio_to_irq(52), count_hard, IRQF_TRIGGER_RISING, "out", &a));
	gpio_free(52);
}

TEST(Irq, OneshotThreadWithoutHardHandler)
{
	ASSERT_EQ(0, gpio_request_one(53, GPIOF_IN, "threaded"));
	int irq = gpio_to_irq(53);
	static int dev;
	ASSERT_EQ(0, request_threaded_irq(irq, nullptr, count_thread, IRQF_TRIGGER_RISING | IRQF_ONESHOT, "thr", &dev));
	int before = g_thread_calls;
	kplay::irq_gpio_edge(53, true);
	EXPECT_TRUE(wait_for(g_thread_calls, before + 1)) << "the IRQ thread ran thread_fn";
	free_irq(irq, &dev);
	gpio_free(53);
}

} // namespace
