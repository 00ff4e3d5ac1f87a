// CuseDevices: character devices served through /dev/cuse (see cuse.h).
#include "fuse/cuse.h"
#include "fuse/dirlist.h"
#include "fuse/file_calls.h"

#include <cuse_lowlevel.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <thread>

namespace kplay::fuse {

// One host character device (major:minor) served by one CUSE connection.
// The host kernel registers the number under devname (its /proc/devices
// shows that name) and makes /dev/devname; every open of it reaches node's
// KernelFileOps as an open of a ROOT/dev node would.
class CuseSession {
public:
	CuseSession(CuseDevices &owner, unsigned major, unsigned minor, std::string devname)
		: owner_(owner), major_(major), minor_(minor), devname_(std::move(devname)),
		  node_(chrdev_device_node(devname_.substr(devname_.rfind('/') + 1), major, minor, 0600))
	{
	}
	~CuseSession() { stop(); }
	CuseSession(const CuseSession &) = delete;
	CuseSession &operator=(const CuseSession &) = delete;

	int start(std::string *why);
	void stop();

	[[nodiscard]] const std::string &devname() const { return devname_; }
	[[nodiscard]] const std::shared_ptr<vfs::Node> &node() const { return node_; }
	void init_done();

private:
	CuseDevices &owner_;
	unsigned major_, minor_;
	std::string devname_;
	std::shared_ptr<vfs::Node> node_;
	fuse_session *se_ = nullptr;
	std::thread loop_;
	std::mutex mu_;
	std::condition_variable cv_;
	bool ready_ = false, ended_ = false;
};

namespace {

// The session whose request this thread serves: a module that removes its
// cdev from inside a file call must not make the worker join itself.
thread_local CuseSession *t_serving = nullptr;

struct Serving {
	explicit Serving(fuse_req_t req) { t_serving = static_cast<CuseSession *>(fuse_req_userdata(req)); }
	~Serving() { t_serving = nullptr; }
	Serving(const Serving &) = delete;
	Serving &operator=(const Serving &) = delete;
};

CuseSession *session_of(fuse_req_t req) { return static_cast<CuseSession *>(fuse_req_userdata(req)); }

void cop_open(fuse_req_t req, fuse_file_info *fi)
{
	Serving s(req);
	serve_open(req, session_of(req)->node(), fi);
}

// CUSE sends offset 0 with every read and write: a character device moves
// its own f_pos, so the module's position is used.
void cop_read(fuse_req_t req, size_t size, off_t, fuse_file_info *fi)
{
	Serving s(req);
	serve_read(req, size, kFilePosition, fi);
}

void cop_write(fuse_req_t req, const char *buf, size_t size, off_t, fuse_file_info *fi)
{
	Serving s(req);
	serve_write(req, buf, size, kFilePosition, fi);
}

void cop_release(fuse_req_t req, fuse_file_info *fi)
{
	Serving s(req);
	serve_release(req, fi);
}

// Unrestricted: arg is the caller's raw argument (a value or an address in
// its memory) and nothing was copied in; the module's copy_from_user and
// copy_to_user reach the caller's memory directly (process_vm_readv/writev
// on its pid), so the CUSE retry protocol is never needed.
void cop_ioctl(fuse_req_t req, int cmd, void *arg, fuse_file_info *fi, unsigned flags, const void *in, size_t in_size,
	       size_t)
{
	Serving s(req);
	serve_ioctl(req, static_cast<unsigned>(cmd), arg, fi, flags, in, in_size);
}

void cop_poll(fuse_req_t req, fuse_file_info *fi, fuse_pollhandle *ph)
{
	Serving s(req);
	serve_poll(req, fi, ph);
}

void cop_init_done(void *userdata) { static_cast<CuseSession *>(userdata)->init_done(); }

const cuse_lowlevel_ops kCuseOps = [] {
	cuse_lowlevel_ops o{};
	o.init_done = cop_init_done;
	o.open = cop_open;
	o.read = cop_read;
	o.write = cop_write;
	o.release = cop_release;
	o.ioctl = cop_ioctl;
	o.poll = cop_poll;
	return o;
}();

// The name of a device in sysfs: '/' becomes '!' (kobject names).
std::string sysfs_name(std::string s)
{
	std::replace(s.begin(), s.end(), '/', '!');
	return s;
}

bool is_node_of(const std::string &path, unsigned major, unsigned minor)
{
	struct stat st;
	return ::lstat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(major, minor);
}

unsigned long key(unsigned major, unsigned minor) { return static_cast<unsigned long>(major) << 20 | minor; }

} // namespace

std::string cuse_unavailable()
{
	struct stat st;
	if (::stat("/dev/cuse", &st) != 0)
		return "CUSE not available: /dev/cuse missing (modprobe cuse)";
	if (::access("/dev/cuse", R_OK | W_OK) != 0)
		return std::string("CUSE not available: /dev/cuse: ") + std::strerror(errno) +
		       " (CUSE registers devices in the host kernel: run as root)";
	return {};
}

int CuseSession::start(std::string *why)
{
	int fd = ::open("/dev/cuse", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		*why = std::string("cannot open /dev/cuse: ") + std::strerror(errno);
		return -errno;
	}
	std::string info = "DEVNAME=" + devname_;
	const char *info_argv[] = {info.c_str()};
	cuse_info ci{};
	ci.dev_major = major_;
	ci.dev_minor = minor_;
	ci.dev_info_argc = 1;
	ci.dev_info_argv = info_argv;
	ci.flags = CUSE_UNRESTRICTED_IOCTL;
	const char *argv[] = {"kplay"};
	fuse_args args = FUSE_ARGS_INIT(1, const_cast<char **>(argv));
	se_ = cuse_lowlevel_new(&args, &ci, &kCuseOps, this);
	fuse_opt_free_args(&args);
	if (!se_) {
		::close(fd);
		*why = "cannot create a CUSE session";
		return -EIO;
	}
	// libfuse takes an already open channel as /dev/fd/N.
	if (fuse_session_mount(se_, ("/dev/fd/" + std::to_string(fd)).c_str()) != 0) {
		::close(fd);
		fuse_session_destroy(se_);
		se_ = nullptr;
		*why = "cannot attach the CUSE channel";
		return -EIO;
	}
	loop_ = std::thread([this] {
		// As in FuseMount: module code may sleep in a handler.
		run_session_mt(se_, 100000, 2);
		std::lock_guard lk(mu_);
		ended_ = true;
		cv_.notify_all();
	});
	// The host kernel answers CUSE_INIT by registering the number and
	// making the device; on failure it aborts the channel (loop ends).
	std::unique_lock lk(mu_);
	cv_.wait_for(lk, std::chrono::seconds(10), [this] { return ready_ || ended_; });
	if (ready_)
		return 0;
	bool ended = ended_;
	lk.unlock();
	*why = ended ? "the host kernel refused it (number or name taken? see its kernel log)"
		     : "no CUSE_INIT from the host kernel within 10 s";
	stop();
	return -EBUSY;
}

void CuseSession::init_done()
{
	// CUSE made /dev/DEVNAME (devtmpfs). The nodes users see are device_create's
	// (CuseDevices::node_added) or their own mknod's, as on the real kernel:
	// drop CUSE's, unless it is one of ours.
	std::string path = "/dev/" + devname_;
	if (!owner_.owns_node(devname_) && is_node_of(path, major_, minor_))
		::unlink(path.c_str());
	std::lock_guard lk(mu_);
	ready_ = true;
	cv_.notify_all();
}

void CuseSession::stop()
{
	if (!se_)
		return;
	fuse_session_exit(se_);
	bool woken = false;
	{
		std::lock_guard lk(mu_);
		woken = ended_;
	}
	if (!woken) {
		// Workers wait in read() on the channel; aborting the connection (the
		// class device's "abort" attribute) wakes them all with ENODEV.
		std::string abort = "/sys/class/cuse/" + sysfs_name(devname_) + "/abort";
		int fd = ::open(abort.c_str(), O_WRONLY | O_CLOEXEC);
		woken = fd >= 0 && ::write(fd, "1", 1) == 1;
		if (fd >= 0)
			::close(fd);
		if (!woken)
			spdlog::error("CUSE {}: cannot abort the connection through {}: {}", devname_, abort,
				      std::strerror(errno));
	}
	if (!woken) {
		// Joining would hang: leave the session to the process's end.
		loop_.detach();
		se_ = nullptr;
		return;
	}
	if (loop_.joinable())
		loop_.join();
	// Closing the channel unregisters the host's device and its number.
	fuse_session_destroy(se_);
	se_ = nullptr;
}

CuseDevices::CuseDevices(std::string dev_dir) : dev_dir_(std::move(dev_dir))
{
	while (dev_dir_.size() > 1 && dev_dir_.back() == '/')
		dev_dir_.pop_back();
}

CuseDevices::~CuseDevices() { shutdown(); }

bool CuseDevices::owns_node(const std::string &dev_path)
{
	if (dev_dir_ != "/dev")
		return false;
	std::lock_guard lk(mu_);
	return nodes_.count(dev_path) != 0;
}

void CuseDevices::start_session(unsigned major, unsigned minor, const std::string &devname_in)
{
	std::string devname = devname_in;
	{
		std::lock_guard lk(mu_);
		if (sessions_.count(key(major, minor)))
			return;
		// CUSE device names are unique (class "cuse" in sysfs).
		for (auto &[k, s] : sessions_)
			if (s->devname() == devname)
				devname = devname_in + "-" + std::to_string(major) + ":" + std::to_string(minor);
	}
	auto s = std::make_unique<CuseSession>(*this, major, minor, devname);
	std::string why;
	if (s->start(&why) != 0) {
		spdlog::error("CUSE: cannot serve {} ({}:{}) as a host device: {}", devname, major, minor, why);
		return;
	}
	spdlog::info("CUSE: serving {}:{} as host device \"{}\"", major, minor, devname);
	std::lock_guard lk(mu_);
	sessions_.emplace(key(major, minor), std::move(s));
}

void CuseDevices::cdev_added(unsigned major, unsigned baseminor, unsigned count, const std::string &name)
{
	// The first minor of every cdev is served (what a guide user's mknod
	// with that number opens); another minor once device_create names it.
	std::vector<std::pair<unsigned, std::string>> start;
	{
		std::lock_guard lk(mu_);
		ranges_.push_back({major, baseminor, count, name});
		start.emplace_back(baseminor, name.empty() ? "kplay-" + std::to_string(major) + ":" + std::to_string(baseminor)
							 : name);
		for (auto &[path, n] : nodes_)
			if (n.major == major && n.minor > baseminor && n.minor - baseminor < count)
				start.emplace_back(n.minor, path);
	}
	for (auto &[minor, devname] : start)
		start_session(major, minor, devname);
}

void CuseDevices::cdev_removed(unsigned major, unsigned baseminor, unsigned count)
{
	std::vector<std::unique_ptr<CuseSession>> gone;
	{
		std::lock_guard lk(mu_);
		for (auto it = ranges_.begin(); it != ranges_.end(); ++it)
			if (it->major == major && it->baseminor == baseminor && it->count == count) {
				ranges_.erase(it);
				break;
			}
		for (auto it = sessions_.begin(); it != sessions_.end();) {
			unsigned ma = static_cast<unsigned>(it->first >> 20), mi = static_cast<unsigned>(it->first & 0xfffff);
			if (ma == major && mi >= baseminor && mi - baseminor < count) {
				gone.push_back(std::move(it->second));
				it = sessions_.erase(it);
			} else {
				++it;
			}
		}
	}
	for (auto &s : gone) {
		if (t_serving == s.get()) {
			// Called from one of its own workers: stop it from elsewhere.
			std::thread([p = s.release()] { delete p; }).detach();
			continue;
		}
		s.reset();
	}
}

void CuseDevices::node_added(const std::string &path, unsigned major, unsigned minor, mode_t mode)
{
	std::string full = dev_dir_ + "/" + path;
	// Directories along the path, as devtmpfs makes them.
	for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
		std::string d = dev_dir_ + "/" + path.substr(0, slash);
		if (::mkdir(d.c_str(), 0755) == 0) {
			std::lock_guard lk(mu_);
			made_dirs_.insert(d);
		}
	}
	if (is_node_of(full, major, minor))
		::unlink(full.c_str()); // CUSE's own node for this number, or a stale one
	if (::mknod(full.c_str(), S_IFCHR | (mode & 07777), makedev(major, minor)) != 0) {
		spdlog::error("CUSE: cannot make the device node {}: {}", full, std::strerror(errno));
		return;
	}
	(void)!::chmod(full.c_str(), mode & 07777); // whatever the umask took
	bool served = false;
	{
		std::lock_guard lk(mu_);
		nodes_[path] = {major, minor, mode};
		for (const Range &r : ranges_)
			if (r.major == major && minor >= r.baseminor && minor - r.baseminor < r.count)
				served = true;
	}
	if (served)
		start_session(major, minor, path);
}

void CuseDevices::node_removed(const std::string &path)
{
	NodeRec rec{};
	{
		std::lock_guard lk(mu_);
		auto it = nodes_.find(path);
		if (it == nodes_.end())
			return;
		rec = it->second;
		nodes_.erase(it);
	}
	std::string full = dev_dir_ + "/" + path;
	if (is_node_of(full, rec.major, rec.minor))
		::unlink(full.c_str());
}

void CuseDevices::shutdown()
{
	std::map<unsigned long, std::unique_ptr<CuseSession>> sessions;
	std::map<std::string, NodeRec> nodes;
	std::set<std::string> dirs;
	{
		std::lock_guard lk(mu_);
		sessions.swap(sessions_);
		nodes.swap(nodes_);
		dirs.swap(made_dirs_);
		ranges_.clear();
	}
	sessions.clear();
	for (auto &[path, rec] : nodes) {
		std::string full = dev_dir_ + "/" + path;
		if (is_node_of(full, rec.major, rec.minor))
			::unlink(full.c_str());
	}
	for (auto it = dirs.rbegin(); it != dirs.rend(); ++it)
		::rmdir(it->c_str()); // only when empty
}

} // namespace kplay::fuse
