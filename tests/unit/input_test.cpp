// Unit tests for kernel/input.cpp: the input core's event filtering
// (unsupported codes and unchanged key states dropped, empty packets not
// passed on) and evdev's reads of ROOT/dev/input/eventN (whole records,
// EINVAL below one, EAGAIN with O_NONBLOCK, SYN_DROPPED after overflow,
// ENODEV once the device is gone).

// The C++ library headers come first: kplay's headers may pull in the
// kernel's C headers, whose macros clash with libstdc++.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string>
#include <vector>

#include "vfs/tree.h"

#define class kplay_class
#include "linux/input.h"
#undef class

namespace {

class Input : public ::testing::Test {
protected:
	void SetUp() override
	{
		dev = input_allocate_device();
		ASSERT_TRUE(dev);
		dev->name = "unit keyboard";
		set_bit(EV_KEY, dev->evbit);
		set_bit(KEY_A, dev->keybit);
		set_bit(KEY_B, dev->keybit);
		ASSERT_EQ(input_register_device(dev), 0);
		std::string in = dev->dev.kobj.name;
		auto evdir = kplay::vfs::sys_tree().resolve("devices/virtual/input/" + in);
		ASSERT_TRUE(evdir);
		for (auto &c : kplay::vfs::sys_tree().list(*evdir))
			if (c->name().rfind("event", 0) == 0)
				node = kplay::vfs::dev_tree().resolve("input/" + c->name());
		ASSERT_TRUE(node);
		of = std::make_unique<kplay::vfs::OpenFile>(node, O_RDONLY);
		ASSERT_EQ(node->ops()->open(*of, req), 0);
		req.flags = O_NONBLOCK;
	}
	void TearDown() override
	{
		if (dev)
			input_unregister_device(dev);
		node->ops()->release(*of);
	}
	// Everything readable now, as (type, code, value) triples.
	std::vector<std::tuple<int, int, int>> drain()
	{
		std::vector<std::tuple<int, int, int>> out;
		struct input_event ev[8];
		for (;;) {
			ssize_t n = node->ops()->read(*of, req, reinterpret_cast<char *>(ev), sizeof ev, 0);
			if (n <= 0)
				return out;
			for (size_t i = 0; i < static_cast<size_t>(n) / sizeof ev[0]; i++)
				out.emplace_back(ev[i].type, ev[i].code, ev[i].value);
		}
	}

	struct input_dev *dev = nullptr;
	std::shared_ptr<kplay::vfs::Node> node;
	std::unique_ptr<kplay::vfs::OpenFile> of;
	kplay::vfs::Request req;
};

using Ev = std::tuple<int, int, int>;

TEST_F(Input, RecordsAre24Bytes) { EXPECT_EQ(sizeof(struct input_event), 24u); }

TEST_F(Input, APacketEndsWithSynReport)
{
	input_report_key(dev, KEY_A, 1);
	input_sync(dev);
	EXPECT_EQ(drain(), (std::vector<Ev>{{EV_KEY, KEY_A, 1}, {EV_SYN, SYN_REPORT, 0}}));
}

TEST_F(Input, NothingIsReadableBeforeTheSync)
{
	input_report_key(dev, KEY_A, 1);
	char buf[24];
	EXPECT_EQ(node->ops()->read(*of, req, buf, sizeof buf, 0), -EAGAIN);
	input_sync(dev);
	EXPECT_EQ(node->ops()->read(*of, req, buf, sizeof buf, 0), 24);
}

TEST_F(Input, FilteredEventsAndEmptyPacketsAreDropped)
{
	input_report_key(dev, KEY_A, 1);
	input_sync(dev);
	drain();
	input_report_key(dev, KEY_A, 1); // already down
	input_report_key(dev, KEY_C, 1); // not a capability
	input_event(dev, EV_REL, REL_X, 3); // not an event type of the device
	input_sync(dev);
	EXPECT_TRUE(drain().empty());
	input_event(dev, EV_KEY, KEY_A, 2); // autorepeat of a held key passes
	input_report_key(dev, KEY_A, 0);
	input_sync(dev);
	EXPECT_EQ(drain(), (std::vector<Ev>{{EV_KEY, KEY_A, 2}, {EV_KEY, KEY_A, 0}, {EV_SYN, SYN_REPORT, 0}}));
}

TEST_F(Input, ShortReadsAreEinval)
{
	char buf[23];
	EXPECT_EQ(node->ops()->read(*of, req, buf, sizeof buf, 0), -EINVAL);
	EXPECT_EQ(node->ops()->read(*of, req, buf, 0, 0), -EAGAIN);
}

TEST_F(Input, OverflowLeavesSynDropped)
{
	for (int i = 0; i < 40; i++) {
		input_report_key(dev, KEY_B, i % 2 == 0);
		input_sync(dev);
	}
	auto got = drain();
	ASSERT_FALSE(got.empty());
	EXPECT_EQ(got.front(), (Ev{EV_SYN, SYN_DROPPED, 0}));
	EXPECT_EQ(got.back(), (Ev{EV_SYN, SYN_REPORT, 0}));
	EXPECT_LT(got.size(), 64u);
}

TEST_F(Input, ReadsAfterUnregisterAreEnodev)
{
	input_report_key(dev, KEY_B, 1);
	input_sync(dev);
	input_unregister_device(dev);
	dev = nullptr;
	char buf[24];
	EXPECT_EQ(node->ops()->read(*of, req, buf, sizeof buf, 0), -ENODEV);
}

} // namespace
