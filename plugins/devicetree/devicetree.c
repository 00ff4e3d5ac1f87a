// SPDX-License-Identifier: GPL-2.0
/*
 * devicetree.c - a platform driver bound through the device tree.
 *
 * The driver names the hardware it handles by "compatible" strings in its
 * of_match_table; the firmware (or an overlay) describes each device as a
 * node with that compatible and its properties. When a node matches, probe
 * runs with pdev->dev.of_node pointing at it, and reads what the node says:
 * numbers, strings, string lists, flags and arrays, and its child nodes.
 * of_device_get_match_data tells which table entry matched.
 *
 * x86 machines have no device tree, so on a real x86 kernel this driver
 * registers and waits; in kplay, `kplay dt load kplay-demo.dts` gives it one.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

struct demo_variant {
	const char *model;
	u32 channels_max;
};

static const struct demo_variant demo_v1 = { .model = "v1", .channels_max = 2 };
static const struct demo_variant demo_v2 = { .model = "v2", .channels_max = 4 };

static int demo_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	struct device_node *child;
	const struct demo_variant *variant = of_device_get_match_data(dev);
	const char *label, *mode;
	u32 rate, thresholds[4];
	u64 serial;
	int n, i, err;

	dev_info(dev, "probe: node %s, variant %s (up to %u channels)\n", of_node_full_name(np),
		 variant ? variant->model : "?", variant ? variant->channels_max : 0);

	err = of_property_read_u32(np, "kplay,rate-hz", &rate);
	if (err) {
		dev_err(dev, "no kplay,rate-hz (%d)\n", err);
		return err;
	}
	if (of_property_read_string(np, "label", &label))
		label = "(none)";
	dev_info(dev, "label \"%s\", rate %u Hz\n", label, rate);

	n = of_property_count_u32_elems(np, "kplay,thresholds");
	if (n > 0 && n <= (int)ARRAY_SIZE(thresholds) &&
	    !of_property_read_u32_array(np, "kplay,thresholds", thresholds, n))
		for (i = 0; i < n; i++)
			dev_info(dev, "threshold[%d] = %u\n", i, thresholds[i]);

	if (!of_property_read_u64(np, "kplay,serial", &serial))
		dev_info(dev, "serial %#llx\n", serial);

	n = of_property_count_strings(np, "kplay,modes");
	for (i = 0; i < n; i++)
		if (!of_property_read_string_index(np, "kplay,modes", i, &mode))
			dev_info(dev, "mode %d: %s\n", i, mode);
	dev_info(dev, "\"fast\" is mode %d\n", of_property_match_string(np, "kplay,modes", "fast"));

	dev_info(dev, "low-power %s, wakeup %s\n", of_property_read_bool(np, "kplay,low-power") ? "yes" : "no",
		 of_property_read_bool(np, "wakeup-source") ? "yes" : "no");

	/* Absent and malformed properties give the kernel's errors. */
	dev_info(dev, "missing u32: %d, string read as u32 array of 2: %d\n",
		 of_property_read_u32(np, "kplay,nope", &rate), of_property_read_u32_array(np, "label", thresholds, 2));

	for_each_available_child_of_node(np, child) {
		u32 reg = 0;

		of_property_read_u32(child, "reg", &reg);
		dev_info(dev, "channel %s: reg %u\n", of_node_full_name(child), reg);
	}
	return 0;
}

static int demo_remove(struct platform_device *pdev)
{
	dev_info(&pdev->dev, "remove\n");
	return 0;
}

static const struct of_device_id demo_of_match[] = {
	{ .compatible = "kplay,demo-sensor", .data = &demo_v1 },
	{ .compatible = "kplay,demo-sensor-v2", .data = &demo_v2 },
	{ }
};
MODULE_DEVICE_TABLE(of, demo_of_match);

static struct platform_driver demo_driver = {
	.probe = demo_probe,
	.remove = demo_remove,
	.driver = {
		.name = "kplay_dt_demo",
		.of_match_table = demo_of_match,
	},
};

module_platform_driver(demo_driver);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A platform driver matched and configured by the device tree");
