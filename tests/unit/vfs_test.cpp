// Unit tests for vfs/tree.cpp: the in-memory trees behind the dev, proc and
// sys mounts (creation, lookup, inode lifetime under FUSE lookup counts, the
// change listener) and SnapshotFile's single_open-like reads.
#include "vfs/tree.h"

#include <gtest/gtest.h>

#include <fcntl.h>

#include <cerrno>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

using kplay::vfs::Change;
using kplay::vfs::Node;
using kplay::vfs::Tree;

TEST(VfsTree, RootIsInodeOne)
{
	Tree t("test");
	EXPECT_EQ(t.name(), "test");
	ASSERT_NE(t.root(), nullptr);
	EXPECT_EQ(t.root()->ino(), 1u);
	EXPECT_TRUE(t.root()->is_dir());
	EXPECT_EQ(t.get(1), t.root());
	EXPECT_EQ(t.resolve(""), t.root());
	EXPECT_EQ(t.resolve("/"), t.root());
}

TEST(VfsTree, AddDirFileAndSymlink)
{
	Tree t("test");
	int err = 1;
	auto d = t.add_dir(t.root(), "a", 0755, &err);
	ASSERT_NE(d, nullptr);
	EXPECT_EQ(err, 0);
	EXPECT_TRUE(d->is_dir());
	EXPECT_EQ(d->mode() & 07777, 0755u);
	EXPECT_EQ(d->parent(), t.root());

	auto f = t.add_file(d, "f", 0644, std::make_shared<kplay::vfs::FileOps>(), &err);
	ASSERT_NE(f, nullptr);
	EXPECT_EQ(f->mode(), static_cast<mode_t>(0100644));
	EXPECT_FALSE(f->is_dir());
	EXPECT_NE(f->ops(), nullptr);

	auto l = t.add_symlink(d, "l", "../x", &err);
	ASSERT_NE(l, nullptr);
	EXPECT_TRUE(l->is_symlink());
	EXPECT_EQ(l->link_target(), "../x");

	EXPECT_EQ(t.child(*d, "f"), f);
	EXPECT_EQ(t.child(*d, "nope"), nullptr);
	std::vector<std::string> names;
	for (auto &n : t.list(*d))
		names.push_back(n->name());
	EXPECT_EQ(names, (std::vector<std::string>{"f", "l"}));
	EXPECT_EQ(t.get(f->ino()), f);
}

TEST(VfsTree, DuplicateNamesAreEexist)
{
	Tree t("test");
	auto d = t.add_dir(t.root(), "a", 0755);
	ASSERT_NE(d, nullptr);
	int err = 0;
	EXPECT_EQ(t.add_dir(t.root(), "a", 0755, &err), nullptr);
	EXPECT_EQ(err, -EEXIST);
	err = 0;
	EXPECT_EQ(t.add_file(t.root(), "a", 0644, nullptr, &err), nullptr);
	EXPECT_EQ(err, -EEXIST);
	err = 0;
	EXPECT_EQ(t.add_symlink(t.root(), "a", "x", &err), nullptr);
	EXPECT_EQ(err, -EEXIST);
	// The original is untouched.
	EXPECT_EQ(t.resolve("a"), d);
}

TEST(VfsTree, CreationErrors)
{
	Tree t("test");
	auto f = t.add_file(t.root(), "f", 0644, nullptr);
	ASSERT_NE(f, nullptr);
	int err = 0;
	EXPECT_EQ(t.add_dir(f, "x", 0755, &err), nullptr);
	EXPECT_EQ(err, -ENOTDIR);
	err = 0;
	EXPECT_EQ(t.add_dir(nullptr, "x", 0755, &err), nullptr);
	EXPECT_EQ(err, -ENOENT);
	err = 0;
	EXPECT_EQ(t.add_dir(t.root(), "a/b", 0755, &err), nullptr);
	EXPECT_EQ(err, -EINVAL);
	err = 0;
	EXPECT_EQ(t.add_dir(t.root(), "", 0755, &err), nullptr);
	EXPECT_EQ(err, -EINVAL);

	auto d = t.add_dir(t.root(), "gone", 0755);
	t.remove(d);
	err = 0;
	EXPECT_EQ(t.add_file(d, "late", 0644, nullptr, &err), nullptr);
	EXPECT_EQ(err, -ENOENT);
}

TEST(VfsTree, ResolvePaths)
{
	Tree t("test");
	auto a = t.add_dir(t.root(), "a", 0755);
	auto b = t.add_dir(a, "b", 0755);
	auto c = t.add_file(b, "c", 0444, nullptr);
	EXPECT_EQ(t.resolve("a/b/c"), c);
	EXPECT_EQ(t.resolve("/a/b/c"), c);
	EXPECT_EQ(t.resolve("a//b/"), b);
	EXPECT_EQ(t.resolve("a/b/x"), nullptr);
	EXPECT_EQ(t.resolve("a/x/c"), nullptr);
	EXPECT_EQ(t.resolve("a/b/c/d"), nullptr);
}

TEST(VfsTree, MakeDirsCreatesOnlyWhatIsMissing)
{
	Tree t("test");
	auto existing = t.add_dir(t.root(), "module", 0700);
	auto leaf = t.make_dirs("module/hello/parameters");
	ASSERT_NE(leaf, nullptr);
	EXPECT_EQ(leaf->name(), "parameters");
	EXPECT_TRUE(leaf->is_dir());
	EXPECT_EQ(leaf->mode() & 07777, 0755u);
	EXPECT_EQ(t.resolve("module"), existing);
	EXPECT_EQ(existing->mode() & 07777, 0700u);
	EXPECT_EQ(t.resolve("module/hello/parameters"), leaf);
	// Idempotent.
	EXPECT_EQ(t.make_dirs("module/hello/parameters"), leaf);
	EXPECT_EQ(t.make_dirs(""), t.root());
	// A file in the way stops it.
	t.add_file(t.root(), "file", 0644, nullptr);
	EXPECT_EQ(t.make_dirs("file/sub"), nullptr);
}

TEST(VfsTree, InodeNumbersAreNeverReused)
{
	Tree t("test");
	std::set<uint64_t> seen{1};
	for (int i = 0; i < 20; ++i) {
		auto n = t.add_file(t.root(), "f", 0644, nullptr);
		ASSERT_NE(n, nullptr);
		EXPECT_TRUE(seen.insert(n->ino()).second) << "inode " << n->ino() << " reused";
		t.remove(n);
		EXPECT_EQ(t.get(n->ino()), nullptr);
		EXPECT_TRUE(n->removed());
	}
}

TEST(VfsTree, RemovedNodeLivesWhileLookedUp)
{
	Tree t("test");
	auto f = t.add_file(t.root(), "f", 0644, nullptr);
	uint64_t ino = f->ino();
	t.ref(ino, 2);
	t.remove(f);
	EXPECT_EQ(t.resolve("f"), nullptr);
	EXPECT_EQ(t.get(ino), f);
	EXPECT_TRUE(t.get(ino)->removed());
	t.forget(ino, 1);
	EXPECT_EQ(t.get(ino), f);
	t.forget(ino, 1);
	EXPECT_EQ(t.get(ino), nullptr);
}

TEST(VfsTree, ForgetOnALiveNodeKeepsIt)
{
	Tree t("test");
	auto f = t.add_file(t.root(), "f", 0644, nullptr);
	t.ref(f->ino(), 1);
	t.forget(f->ino(), 5);
	EXPECT_EQ(t.get(f->ino()), f);
	t.remove(f);
	EXPECT_EQ(t.get(f->ino()), nullptr);
	// The root is never forgotten.
	t.forget(1, 100);
	EXPECT_EQ(t.get(1), t.root());
}

TEST(VfsTree, RemovingADirectoryRemovesItsSubtree)
{
	Tree t("test");
	auto d = t.add_dir(t.root(), "d", 0755);
	auto sub = t.add_dir(d, "sub", 0755);
	auto f = t.add_file(sub, "f", 0644, nullptr);
	t.ref(f->ino(), 1);
	t.remove(d);
	EXPECT_EQ(t.resolve("d"), nullptr);
	EXPECT_TRUE(d->removed());
	EXPECT_TRUE(sub->removed());
	EXPECT_TRUE(f->removed());
	EXPECT_EQ(t.get(sub->ino()), nullptr);
	EXPECT_EQ(t.get(f->ino()), f); // still looked up
	t.forget(f->ino(), 1);
	EXPECT_EQ(t.get(f->ino()), nullptr);
	// The name can be used again, with a new inode.
	auto again = t.add_dir(t.root(), "d", 0755);
	ASSERT_NE(again, nullptr);
	EXPECT_NE(again->ino(), d->ino());
}

TEST(VfsTree, ListenerSeesAddedAndRemoved)
{
	Tree t("test");
	std::vector<Change> changes;
	t.set_listener([&](const Change &c) { changes.push_back(c); });
	auto d = t.add_dir(t.root(), "d", 0755);
	auto f = t.add_file(d, "f", 0644, nullptr);
	ASSERT_EQ(changes.size(), 2u);
	EXPECT_EQ(changes[0].kind, Change::Added);
	EXPECT_EQ(changes[0].parent_ino, 1u);
	EXPECT_EQ(changes[0].ino, d->ino());
	EXPECT_EQ(changes[0].name, "d");
	EXPECT_EQ(changes[1].kind, Change::Added);
	EXPECT_EQ(changes[1].parent_ino, d->ino());
	EXPECT_EQ(changes[1].name, "f");

	// A failed creation reports nothing.
	EXPECT_EQ(t.add_dir(t.root(), "d", 0755), nullptr);
	EXPECT_EQ(changes.size(), 2u);

	changes.clear();
	t.remove(d);
	ASSERT_EQ(changes.size(), 1u); // the subtree goes with its top
	EXPECT_EQ(changes[0].kind, Change::Removed);
	EXPECT_EQ(changes[0].parent_ino, 1u);
	EXPECT_EQ(changes[0].ino, d->ino());
	EXPECT_EQ(changes[0].name, "d");

	// Removing twice reports nothing more.
	t.remove(d);
	t.remove(f);
	EXPECT_EQ(changes.size(), 1u);
	t.set_listener(nullptr);
	t.add_dir(t.root(), "quiet", 0755);
	EXPECT_EQ(changes.size(), 1u);
}

TEST(VfsTree, RootCannotBeRemoved)
{
	Tree t("test");
	t.remove(t.root());
	EXPECT_FALSE(t.root()->removed());
	EXPECT_NE(t.add_dir(t.root(), "x", 0755), nullptr);
}

// ---- SnapshotFile ----

class SnapshotFileTest : public ::testing::Test {
protected:
	std::string read(kplay::vfs::OpenFile &f, size_t n, off_t off)
	{
		std::string buf(n, '\0');
		ssize_t got = file->read(f, req, buf.data(), n, off);
		EXPECT_GE(got, 0);
		buf.resize(got < 0 ? 0 : static_cast<size_t>(got));
		return buf;
	}

	Tree tree{"test"};
	int generated = 0;
	std::string contents = "0123456789";
	std::shared_ptr<kplay::vfs::SnapshotFile> file = std::make_shared<kplay::vfs::SnapshotFile>([this] {
		++generated;
		return contents;
	});
	std::shared_ptr<Node> node = tree.add_file(tree.root(), "snap", 0444, file);
	kplay::vfs::Request req;
};

TEST_F(SnapshotFileTest, PartialReadsServeOneSnapshot)
{
	kplay::vfs::OpenFile f(node, O_RDONLY);
	EXPECT_EQ(read(f, 4, 0), "0123");
	EXPECT_EQ(generated, 1);
	contents = "abcdefghijklmnop"; // changes after the snapshot are not seen
	EXPECT_EQ(read(f, 4, 4), "4567");
	EXPECT_EQ(read(f, 100, 8), "89");
	EXPECT_EQ(read(f, 100, 10), "");
	EXPECT_EQ(read(f, 100, 1000), "");
	EXPECT_EQ(generated, 1);
}

TEST_F(SnapshotFileTest, ReadingAtZeroAgainTakesANewSnapshot)
{
	kplay::vfs::OpenFile f(node, O_RDONLY);
	EXPECT_EQ(read(f, 3, 0), "012");
	contents = "new";
	EXPECT_EQ(read(f, 100, 0), "new");
	EXPECT_EQ(generated, 2);
}

TEST_F(SnapshotFileTest, EachOpenHasItsOwnSnapshot)
{
	kplay::vfs::OpenFile a(node, O_RDONLY);
	kplay::vfs::OpenFile b(node, O_RDONLY);
	EXPECT_EQ(read(a, 2, 0), "01");
	contents = "ABCDEFGHIJ";
	EXPECT_EQ(read(b, 2, 0), "AB");
	EXPECT_EQ(read(a, 2, 2), "23");
	EXPECT_EQ(read(b, 2, 2), "CD");
}

TEST_F(SnapshotFileTest, NegativeOffsetIsEinval)
{
	kplay::vfs::OpenFile f(node, O_RDONLY);
	char buf[4];
	EXPECT_EQ(file->read(f, req, buf, sizeof buf, -1), -EINVAL);
}

} // namespace
