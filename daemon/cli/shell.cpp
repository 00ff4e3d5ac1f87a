// kplay shell / kplay run: the user's shell, or one command, in a private
// mount namespace where the playground of a root is at the real paths:
// /proc/helloworld, /sys/kernel/mymodule/myvariable, /dev/char_dev next to
// the host's own /proc/self, /sys/kernel/mm, /dev/null. insmod, rmmod,
// lsmod, dmesg, modinfo (and sudo) in it are wrappers that act on the
// playground, so the guide's command lines work as printed.
//
// How: this process unshares a mount namespace (inside a user namespace when
// not root), mounts a MergedView (shell/merged_view.h) over /proc, /sys and
// /dev, re-attaches the host's trees below them (.kplay-host), puts the
// wrappers on a tmpfs at /dev/.kplay, then runs the shell as its child and
// serves the views until it ends. Nothing is ever mounted outside the
// namespace, and the namespace ends with its last process.
#include "cli/common.h"
#include "cli/trace.h"
#include "shell/merged_view.h"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

extern char **environ;

namespace kplay::cli {
namespace {

constexpr const char *kStage = "/dev/.kplay"; // tmpfs: bin/ (wrappers), bashrc
constexpr const char *kBin = "/dev/.kplay/bin";

// The daemon's pid; nullopt with *err = the connection's errno (EACCES: it
// is another user's) when none answers.
std::string sh_quote(const std::string &s)
{
	std::string out = "'";
	for (char c : s) {
		if (c == '\'')
			out += "'\\''";
		else
			out += c;
	}
	return out + "'";
}

bool write_text(const std::string &path, const std::string &text, mode_t mode)
{
	int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return false;
	bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
	return ::close(fd) == 0 && ok;
}

// A whole small file below a directory fd ("" when it cannot be read).
std::string read_at(int dirfd, const std::string &rel)
{
	std::string out;
	int fd = ::openat(dirfd, rel.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return out;
	char buf[8192];
	ssize_t n;
	while ((n = ::read(fd, buf, sizeof buf)) > 0)
		out.append(buf, static_cast<size_t>(n));
	::close(fd);
	return out;
}

// Why an unprivileged user namespace was refused, as precisely as the
// kernel's knobs tell.
std::string userns_hint()
{
	if (read_small("/proc/sys/kernel/unprivileged_userns_clone") == "0")
		return "kernel.unprivileged_userns_clone is 0";
	if (read_small("/proc/sys/user/max_user_namespaces") == "0")
		return "user.max_user_namespaces is 0";
	if (read_small("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1")
		return "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)";
	return "";
}

// A private mount namespace: as root directly, else inside a new user
// namespace that maps only the caller's own uid and gid.
bool enter_namespace(const std::string &root, bool *userns, std::string *why)
{
	uid_t uid = ::geteuid();
	gid_t gid = ::getegid();
	*userns = false;
	if (uid == 0 && ::unshare(CLONE_NEWNS) == 0)
		return true;
	if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
		int e = errno;
		std::string hint = userns_hint();
		if (hint.empty())
			hint = e == ENOSPC ? "the limit of user namespaces is reached" : std::strerror(e);
		*why = std::string("cannot make a private mount namespace: ") +
		       (uid == 0 ? "root without CAP_SYS_ADMIN (a container?), and user namespaces are refused too"
				 : "without root it needs an unprivileged user namespace, which this system refuses") +
		       " (" + hint + ").\nkplay: run it as root (sudo kplay shell), or allow user namespaces; meanwhile the "
		       "playground is at " + root + "/dev, " + root + "/proc and " + root + "/sys";
		return false;
	}
	*userns = true;
	if (!write_text("/proc/self/setgroups", "deny", 0) ||
	    !write_text("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1\n", 0) ||
	    !write_text("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1\n", 0)) {
		*why = std::string("cannot map ids in the new user namespace: ") + std::strerror(errno);
		return false;
	}
	return true;
}

// Is path mounted in the mount table of a process (its mountinfo)?
bool mounted_in(const std::string &mountinfo, const std::string &path)
{
	std::istringstream in(mountinfo);
	std::string line;
	while (std::getline(in, line)) {
		std::istringstream ls(line);
		std::string id, parent, devno, rootfld, field, mnt;
		ls >> id >> parent >> devno >> rootfld >> field;
		// mountinfo escapes space, tab, newline and backslash as \ooo.
		for (size_t i = 0; i < field.size(); ++i) {
			if (field[i] == '\\' && i + 3 < field.size()) {
				mnt += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
				i += 3;
			} else {
				mnt += field[i];
			}
		}
		if (mnt == path)
			return true;
	}
	return false;
}

// This namespace's copies of ROOT/dev, ROOT/proc and ROOT/sys keep the
// daemon's FUSE connections alive: when the daemon unmounts them on the host
// (kplay down), drop ours too, so it is never kept waiting for this shell.
void follow_daemon_unmounts(int procfd, long pid, std::string root)
{
	std::string path = std::to_string(pid) + "/mountinfo";
	int fd = ::openat(procfd, path.c_str(), O_RDONLY | O_CLOEXEC);
	std::vector<std::string> left = {root + "/dev", root + "/proc", root + "/sys"};
	for (;;) {
		std::string table;
		if (fd >= 0) {
			char buf[8192];
			ssize_t n;
			::lseek(fd, 0, SEEK_SET);
			while ((n = ::read(fd, buf, sizeof buf)) > 0)
				table.append(buf, static_cast<size_t>(n));
		}
		for (auto it = left.begin(); it != left.end();) {
			if (table.empty() || !mounted_in(table, *it)) {
				::umount2(it->c_str(), MNT_DETACH);
				it = left.erase(it);
			} else {
				++it;
			}
		}
		if (left.empty() || fd < 0)
			break;
		pollfd p{fd, POLLPRI, 0};
		if (::poll(&p, 1, -1) < 0 && errno != EINTR)
			break;
		if (p.revents & POLLNVAL)
			break;
	}
	if (fd >= 0)
		::close(fd);
}

std::string find_in_path(const std::string &path_list, const std::string &name, const std::string &skip = "")
{
	if (name.find('/') != std::string::npos)
		return name;
	std::istringstream in(path_list);
	std::string dir;
	while (std::getline(in, dir, ':')) {
		if (dir.empty() || dir == skip)
			continue;
		std::string p = dir + "/" + name;
		struct stat st;
		if (::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0)
			return p;
	}
	return {};
}

// The wrappers: the guide's module commands act on the playground.
bool write_wrappers(const std::string &root, const std::string &exe, const std::string &real_sudo)
{
	std::string k = sh_quote(exe), r = sh_quote(root);
	// kmod takes hello-1.ko; the plugin next to it is hello-1.so.
	std::string ko = "for a do\n"
			 "\tcase $a in *.ko) if [ ! -e \"$a\" ] && [ -e \"${a%.ko}.so\" ]; then a=${a%.ko}.so; fi ;; esac\n"
			 "\tset -- \"$@\" \"$a\"\n\tshift\ndone\n";
	std::string head = "#!/bin/sh\n# kplay shell: acts on the playground at " + root + "\n";
	std::string sudo = head +
			   "# The playground needs no root: `sudo CMD` runs CMD with this shell's PATH, so that\n"
			   "# `sudo insmod` is kplay's insmod and never reaches the host's kernel.\n"
			   "while [ $# -gt 0 ]; do\n"
			   "\tcase $1 in\n"
			   "\t--) shift; break ;;\n"
			   "\t-E|-H|-n|-S|-k|-P|--preserve-env|--preserve-env=*|--set-home|--non-interactive) shift ;;\n"
			   "\t-*) echo \"sudo: option $1 is not supported in kplay shell\" >&2; exit 1 ;;\n"
			   "\t*) break ;;\n"
			   "\tesac\n"
			   "done\n"
			   "if [ $# -eq 0 ]; then echo 'usage: sudo COMMAND [ARG...]' >&2; exit 1; fi\n"
			   "if [ \"$(id -u)\" = 0 ] || [ -n \"$KPLAY_USERNS\" ] || [ -z " +
			   sh_quote(real_sudo) +
			   " ]; then exec \"$@\"; fi\n"
			   "exec " +
			   sh_quote(real_sudo.empty() ? "sudo" : real_sudo) +
			   " env \"PATH=$PATH\" \"KPLAY_ROOT=$KPLAY_ROOT\" \"KPLAY_SHELL=$KPLAY_SHELL\" \"$@\"\n";
	std::vector<std::pair<std::string, std::string>> files = {
		{"insmod", head + ko + "exec " + k + " insmod --root " + r + " \"$@\"\n"},
		{"rmmod", head + "exec " + k + " rmmod --root " + r + " \"$@\"\n"},
		{"lsmod", head + "exec " + k + " lsmod --root " + r + " \"$@\"\n"},
		{"dmesg", head + "exec " + k + " dmesg --root " + r + " \"$@\"\n"},
		{"modinfo", head + ko + "exec " + k + " modinfo \"$@\"\n"},
		{"kplay", head + "exec " + k + " \"$@\"\n"},
		{"sudo", sudo},
	};
	if (::mkdir(kBin, 0755) != 0 && errno != EEXIST)
		return false;
	for (auto &[name, text] : files)
		if (!write_text(std::string(kBin) + "/" + name, text, 0755))
			return false;
	std::string rc = "# kplay shell: the usual start-up, then the playground's PATH and prompt.\n"
			 "if [ -r ~/.bashrc ]; then . ~/.bashrc; fi\n"
			 "PATH=" +
			 std::string(kBin) +
			 ":$PATH\n"
			 "PS1=\"(kplay) $PS1\"\n";
	return write_text(std::string(kStage) + "/bashrc", rc, 0644);
}

// Processes the shell left behind (background jobs) were re-parented to us:
// end them as closing a terminal would, so the namespace ends with us.
void end_leftovers(int procfd)
{
	auto children = [procfd] {
		std::vector<pid_t> out;
		int fd = ::openat(procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return out;
		std::unique_ptr<DIR, int (*)(DIR *)> d(::fdopendir(fd), ::closedir);
		if (!d) {
			::close(fd);
			return out;
		}
		pid_t self = ::getpid();
		while (dirent *de = ::readdir(d.get())) {
			if (de->d_name[0] < '1' || de->d_name[0] > '9')
				continue;
			std::string stat = read_at(procfd, std::string(de->d_name) + "/stat");
			auto close = stat.rfind(')');
			if (close == std::string::npos)
				continue;
			std::istringstream in(stat.substr(close + 2));
			std::string state;
			long ppid = 0;
			in >> state >> ppid;
			if (ppid == self)
				out.push_back(static_cast<pid_t>(std::atol(de->d_name)));
		}
		return out;
	};
	auto start = std::chrono::steady_clock::now();
	int round = 0;
	for (;;) {
		while (::waitpid(-1, nullptr, WNOHANG) > 0) {
		}
		auto kids = children();
		if (kids.empty())
			return;
		auto elapsed = std::chrono::steady_clock::now() - start;
		int sig = elapsed < std::chrono::milliseconds(500) ? SIGHUP
			  : elapsed < std::chrono::seconds(2)	  ? SIGTERM
								  : SIGKILL;
		if (round++ == 0)
			std::fprintf(stderr, "kplay: ending %zu process(es) left running in the namespace\n", kids.size());
		for (pid_t p : kids) {
			::kill(p, sig);
			::kill(p, SIGCONT);
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(20));
	}
}

volatile sig_atomic_t g_child = 0;

void forward_signal(int sig)
{
	if (g_child > 0)
		::kill(g_child, sig);
}

// kplay run inside kplay shell: the namespace is there already; the command
// runs as a child whose system calls are trapped (cli/trace.h).
int run_traced_here(const std::string &root, std::vector<char *> &argv)
{
	SyscallTrace trace;
	std::string why;
	bool traced = ping_daemon(root).has_value();
	if (!traced)
		why = "no daemon of this user answers";
	int procfd = traced ? ::open("/proc/.kplay-host", O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
	if (traced && procfd < 0) {
		why = std::string("cannot open /proc/.kplay-host: ") + std::strerror(errno);
		traced = false;
	}
	if (!traced || !trace.prepare(&why)) {
		std::fprintf(stderr, "kplay run: system calls are not traced: %s\n", why.c_str());
		::execvp(argv[0], argv.data());
		std::fprintf(stderr, "kplay run: %s: %s\n", argv[0], std::strerror(errno));
		return 127;
	}
	std::fflush(nullptr);
	pid_t child = ::fork();
	if (child < 0) {
		std::perror("kplay run: fork");
		return 1;
	}
	if (child == 0) {
		::prctl(PR_SET_PDEATHSIG, SIGKILL);
		trace.in_child();
		::execvp(argv[0], argv.data());
		int e = errno;
		std::fprintf(stderr, "kplay run: %s: %s\n", argv[0], std::strerror(e));
		_exit(e == ENOENT ? 127 : 126);
	}
	// EBUSY: an enclosing kplay run traces this process already (one
	// listener per process): its calls go through the table that way.
	if (!trace.serve(root, procfd, &why) && !why.empty())
		std::fprintf(stderr, "kplay run: system calls are not traced: %s\n", why.c_str());
	struct sigaction ign{};
	ign.sa_handler = SIG_IGN;
	::sigaction(SIGINT, &ign, nullptr);
	::sigaction(SIGQUIT, &ign, nullptr);
	int st = 0;
	while (::waitpid(child, &st, 0) < 0 && errno == EINTR) {
	}
	trace.finish();
	std::fflush(nullptr);
	_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

// The shell (command empty) or one command, in the namespace.
int enter(const std::string &root, const std::vector<std::string> &command)
{
	const char *who = command.empty() ? "kplay shell" : "kplay run";
	for (const char *top : {"/proc", "/sys", "/dev"}) {
		std::string t = top;
		if (root == t || root.starts_with(t + "/")) {
			std::fprintf(stderr, "%s: the root %s is under %s, which the shell replaces\n", who, root.c_str(), top);
			return 1;
		}
	}
	if (const char *in = std::getenv("KPLAY_SHELL"); in && *in) {
		if (root != in) {
			std::fprintf(stderr, "%s: already inside kplay shell for %s; leave it first\n", who, in);
			return 1;
		}
		// Already there: just run it.
		if (command.empty()) {
			std::fprintf(stderr, "%s: already inside kplay shell for %s\n", who, in);
			return 1;
		}
		std::vector<char *> argv;
		for (const std::string &a : command)
			argv.push_back(const_cast<char *>(a.c_str()));
		argv.push_back(nullptr);
		return run_traced_here(root, argv);
	}
	int derr = 0;
	auto dpid = ping_daemon(root, &derr);
	if (!dpid) {
		if (derr != EACCES)
			return no_daemon(root);
		// Another user's daemon (root's, started with sudo): its files are
		// there to use; loading modules stays its owner's.
		std::fprintf(stderr, "%s: the daemon at %s belongs to another user: its files are yours to use, but insmod "
				     "and rmmod need its owner\n", who, root.c_str());
	}

	// This process serves the views it lives under, so nothing in it may
	// open a path of its own views from a thread that serves them (the
	// lookup would wait for itself, uninterruptibly). glibc's malloc reads
	// /sys/devices/system/cpu/online the first time a thread needs a new
	// arena -- a view thread's first request did, and hung. With the arena
	// limit set, malloc never asks.
	::mallopt(M_ARENA_MAX, 8);

	// Everything that needs the host's paths, before they are covered.
	std::error_code ec;
	std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
	const char *path_env = std::getenv("PATH");
	std::string path = path_env && *path_env ? path_env : "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
	std::string real_sudo = find_in_path(path, "sudo");
	std::string shell;
	if (const char *s = std::getenv("SHELL"); s && *s)
		shell = s;
	else if (passwd *pw = ::getpwuid(::getuid()); pw && pw->pw_shell && *pw->pw_shell)
		shell = pw->pw_shell;
	else
		shell = "/bin/sh";

	// The views create nodes for callers whose umask the kernel has already
	// applied; the child gets the user's back.
	mode_t umask_saved = ::umask(0);
	bool userns = false;
	std::string why;
	if (!enter_namespace(root, &userns, &why)) {
		std::fprintf(stderr, "kplay: %s\n", why.c_str());
		return 1;
	}
	// Mounts made here never propagate to the host; the host's still reach us.
	if (::mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) != 0) {
		std::fprintf(stderr, "kplay: cannot make the namespace's mounts private: %s\n", std::strerror(errno));
		return 1;
	}

	using shell::MergedView;
	using shell::ViewConfig;
	// The views live as long as this process (they serve until it exits).
	auto *proc = new MergedView(ViewConfig{"/proc", root + "/proc", {".kplay-host"}, true, false});
	auto *sys = new MergedView(ViewConfig{"/sys", root + "/sys", {".kplay-host"}, false, false});
	auto *dev = new MergedView(ViewConfig{"/dev", root + "/dev", {".kplay-host", ".kplay"}, false, true});
	std::vector<std::pair<MergedView *, int>> views;
	for (auto [v, top] : {std::pair{proc, "/proc"}, {sys, "/sys"}, {dev, "/dev"}}) {
		int fd = ::open_tree(AT_FDCWD, top, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
		if (fd < 0) {
			std::fprintf(stderr, "kplay: cannot take a copy of the host's %s: %s\n", top, std::strerror(errno));
			return 1;
		}
		if (v->prepare(&why) != 0) {
			std::fprintf(stderr, "kplay: %s\n", why.c_str());
			return 1;
		}
		views.emplace_back(v, fd);
	}
	for (auto [v, fd] : views) {
		if (v->mount(fd, &why) != 0) {
			std::fprintf(stderr, "kplay: %s%s\n", why.c_str(),
				     userns ? "\nkplay: this kernel may not allow FUSE in a user namespace (Linux 4.18+ does); "
					      "run it as root"
					    : "");
			_exit(1);
		}
	}
	if (::mount("kplay-shell", kStage, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m") != 0 ||
	    !write_wrappers(root, exe, real_sudo)) {
		std::fprintf(stderr, "kplay: cannot set up %s: %s\n", kStage, std::strerror(errno));
		_exit(1);
	}
	if (!userns && dpid)
		std::thread(follow_daemon_unmounts, proc->host_fd(), *dpid, root).detach();

	// The child's environment and command line, made before fork (the
	// views' threads are running: the child may only exec).
	std::vector<std::string> env;
	for (char **e = environ; *e; ++e) {
		std::string s = *e;
		for (const char *drop : {"PATH=", "KPLAY_ROOT=", "KPLAY_SHELL=", "KPLAY_USERNS="})
			if (s.starts_with(drop))
				s.clear();
		if (!s.empty())
			env.push_back(s);
	}
	std::string new_path = std::string(kBin) + ":" + path;
	env.push_back("PATH=" + new_path);
	env.push_back("KPLAY_ROOT=" + root);
	env.push_back("KPLAY_SHELL=" + root);
	if (userns)
		env.push_back("KPLAY_USERNS=1");
	std::vector<std::string> args;
	std::string program;
	if (command.empty()) {
		args.push_back(shell);
		if (std::filesystem::path(shell).filename() == "bash") {
			args.push_back("--rcfile");
			args.push_back(std::string(kStage) + "/bashrc");
			if (::isatty(0))
				args.push_back("-i");
		} else {
			for (auto &e : env)
				if (e.starts_with("PS1="))
					e.clear();
			env.push_back("PS1=(kplay) $ ");
		}
		program = shell;
		std::fprintf(stderr,
			     "kplay: a shell with the playground of %s at /dev, /proc and /sys; insmod, rmmod, lsmod and "
			     "dmesg act on it. `exit` leaves.\n",
			     root.c_str());
	} else {
		args = command;
		program = find_in_path(new_path, command[0]);
		if (program.empty()) {
			std::fprintf(stderr, "%s: %s: command not found\n", who, command[0].c_str());
			_exit(127);
		}
	}
	std::vector<char *> argv, envp;
	for (auto &a : args)
		argv.push_back(a.data());
	argv.push_back(nullptr);
	for (auto &e : env)
		if (!e.empty())
			envp.push_back(e.data());
	envp.push_back(nullptr);

	// kplay run: the command's open/openat go through the daemon's
	// sys_call_table (not for another user's daemon: it would refuse us).
	SyscallTrace trace;
	bool traced = !command.empty() && dpid.has_value();
	if (traced && !trace.prepare(&why)) {
		std::fprintf(stderr, "%s: system calls are not traced: %s\n", who, why.c_str());
		traced = false;
	}

	::prctl(PR_SET_CHILD_SUBREAPER, 1);
	struct sigaction ign{}, fwd{};
	ign.sa_handler = SIG_IGN;
	fwd.sa_handler = forward_signal;
	::sigaction(SIGINT, &ign, nullptr); // the terminal's ^C and ^\ are the child's
	::sigaction(SIGQUIT, &ign, nullptr);
	std::fflush(nullptr);
	pid_t parent = ::getpid();
	pid_t child = ::fork();
	if (child < 0) {
		std::perror("kplay: fork");
		_exit(1);
	}
	if (child == 0) {
		struct sigaction dfl{};
		dfl.sa_handler = SIG_DFL;
		for (int s : {SIGINT, SIGQUIT, SIGTERM, SIGHUP})
			::sigaction(s, &dfl, nullptr);
		::prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (::getppid() != parent)
			_exit(1);
		::umask(umask_saved);
		if (traced)
			trace.in_child();
		::execve(program.c_str(), argv.data(), envp.data());
		int e = errno;
		const char *msg = std::strerror(e);
		(void)!::write(2, who, std::strlen(who));
		(void)!::write(2, ": ", 2);
		(void)!::write(2, program.c_str(), program.size());
		(void)!::write(2, ": ", 2);
		(void)!::write(2, msg, std::strlen(msg));
		(void)!::write(2, "\n", 1);
		_exit(e == ENOENT ? 127 : 126);
	}
	g_child = child;
	if (traced && !trace.serve(root, proc->host_fd(), &why) && !why.empty())
		std::fprintf(stderr, "%s: system calls are not traced: %s\n", who, why.c_str());
	::sigaction(SIGTERM, &fwd, nullptr);
	::sigaction(SIGHUP, &fwd, nullptr);
	int status = 0;
	for (;;) {
		int st;
		pid_t p = ::waitpid(-1, &st, 0);
		if (p == child) {
			status = st;
			break;
		}
		if (p < 0 && errno != EINTR)
			break;
	}
	g_child = 0;
	end_leftovers(proc->host_fd());
	trace.finish();
	std::fflush(nullptr);
	// Exiting closes the views' FUSE connections; the namespace, and every
	// mount in it, ends with its last process: this one.
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

} // namespace

int cmd_shell(const std::string &root) { return enter(root, {}); }

int cmd_run(const std::string &root, const std::vector<std::string> &command)
{
	if (command.empty()) {
		std::fprintf(stderr, "kplay run: which command? kplay run [--root DIR] -- CMD [ARG...]\n");
		return 2;
	}
	return enter(root, command);
}

} // namespace kplay::cli
