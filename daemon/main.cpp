// kplay: the command-line interface (CLI11). Each subcommand is one function
// in cli/; this file only declares the contract users and tests script against.
#include "cli/common.h"

#include <CLI/CLI.hpp>

#include <cstdio>

int main(int argc, char **argv)
{
	using namespace kplay::cli;
	CLI::App app{"kplay - a userspace playground for Linux kernel modules.\n"
		     "Loads kernel modules built as plugins and serves their files under ROOT/dev, ROOT/proc and "
		     "ROOT/sys with kernel semantics.",
		     "kplay"};
	app.require_subcommand(1);
	app.footer("ROOT defaults to $KPLAY_ROOT, else ./mountpoints.\n"
		   "Example:\n"
		   "  kplay up && kplay insmod build/plugins/hello-5.so myint=7\n"
		   "  cat mountpoints/sys/module/hello_5/parameters/myint\n"
		   "  kplay dmesg && kplay down");

	std::string root;
	auto add_root = [&](CLI::App *sc) {
		sc->add_option("--root", root, "mount root holding dev/, proc/ and sys/");
	};

	auto *up = app.add_subcommand("up", "mount ROOT/dev, ROOT/proc, ROOT/sys and start the daemon");
	add_root(up);
	bool foreground = false;
	std::vector<std::string> load;
	up->add_flag("--foreground,-f", foreground, "stay in the foreground and log to stderr");
	up->add_option("--load", load, "plugin files to insmod once up")->expected(1, -1);
	bool cuse = false, cuse_auto = false;
	std::string cuse_dev = "/dev";
	up->add_flag("--cuse", cuse,
		     "also serve character devices as real host devices through /dev/cuse (root; fails without CUSE)");
	up->add_flag("--cuse-auto", cuse_auto, "like --cuse when /dev/cuse is usable, else FUSE only (logged)");
	up->add_option("--cuse-dev", cuse_dev, "where device_create's nodes are made with CUSE (default /dev)");

	auto *down = app.add_subcommand("down", "unload all modules (exit functions run), unmount and stop the daemon");
	add_root(down);

	auto *insmod = app.add_subcommand("insmod", "load a module plugin, as insmod(8)");
	add_root(insmod);
	std::string file;
	std::vector<std::string> params;
	insmod->add_option("file", file, "plugin file (FILE.so, or a .ko name pointing at one)")->required();
	insmod->add_option("params", params, "module parameters as name=value");

	auto *rmmod = app.add_subcommand("rmmod", "unload a module, as rmmod(8)");
	add_root(rmmod);
	std::string name;
	rmmod->add_option("name", name, "module name (dashes and underscores are equal)")->required();

	auto *lsmod = app.add_subcommand("lsmod", "list loaded modules, as lsmod(8)");
	add_root(lsmod);

	auto *modinfo = app.add_subcommand("modinfo", "show a plugin's .modinfo without loading it, as modinfo(8)");
	std::string field;
	modinfo->add_option("file", file, "plugin file")->required();
	modinfo->add_option("-F,--field", field, "print only this field's values");

	auto *dmesg = app.add_subcommand("dmesg", "print the kernel log ring, as dmesg(1)");
	add_root(dmesg);
	bool read_clear = false, clear = false, follow = false, notime = false;
	dmesg->add_flag("-c,--read-clear", read_clear, "print, then clear the ring");
	dmesg->add_flag("-C,--clear", clear, "clear the ring");
	dmesg->add_flag("-w,--follow", follow, "wait for new messages");
	dmesg->add_flag("-t,--notime", notime, "do not print timestamps");

	auto *build = app.add_subcommand("build", "build every obj-m module of a Kbuild-style Makefile as a plugin");
	std::string src, out;
	bool verbose = false;
	build->add_option("src_dir", src, "module source directory (Makefile with obj-m, x-objs)")->required();
	build->add_option("--out,-o", out, "where the .so files go (default: the source directory)");
	build->add_flag("--verbose,-v", verbose, "print each step");
	std::string sanitize;
	build->add_option("--sanitize", sanitize,
			  std::string("instrument the modules: address (ASan+UBSan), thread (TSan) or none; default: as "
				      "this kplay was built (") +
				  default_sanitizer() + ")")
		->check(CLI::IsMember({"address", "thread", "none"}));

	auto *cmp = app.add_subcommand("compare", "run examples (or your module directories) on kplay and on a real "
						   "kernel with the same scenarios, and diff the transcripts");
	std::vector<std::string> targets;
	std::string real = "vm", kernel, report;
	bool keep = false;
	int jobs = 2, scen_timeout = 60;
	cmp->add_option("targets", targets, "example names under plugins/ or module directories (default: all examples)");
	cmp->add_option("--real", real, "where the real kernel runs: vm (Debian's kernel in QEMU) or host")
		->check(CLI::IsMember({"vm", "host"}));
	cmp->add_option("--kernel", kernel, "kernel version (default: newest installed with image and headers)");
	cmp->add_flag("--keep", keep, "keep the work directory (builds, transcripts)");
	cmp->add_option("--report", report, "write an HTML page with side-by-side diffs");
	cmp->add_option("--jobs,-j", jobs, "parallel build jobs");
	cmp->add_option("--scenario-timeout", scen_timeout, "seconds each scenario may run");
	bool cmp_cuse = false;
	cmp->add_flag("--cuse", cmp_cuse,
		      "also run kplay inside the QEMU guest with its devices served through CUSE (a third column)");

	auto *shell = app.add_subcommand("shell", "start your shell in a private namespace where the playground is at "
						  "/dev, /proc and /sys, and insmod, rmmod, lsmod, dmesg act on it");
	add_root(shell);
	auto *run = app.add_subcommand("run", "run one command as in `kplay shell`: kplay run [--root DIR] -- CMD [ARG...]");
	add_root(run);
	std::vector<std::string> command;
	run->add_option("command", command, "the command and its arguments (after --, so that its options are its own)")
		->required();
	run->footer("Example: kplay run -- cat /proc/helloworld");

	// Network devices and the device tree (cli/net.cpp, cli/dt.cpp).
	auto *net = app.add_subcommand("net", "run a command (default: your shell) in the network namespace where the "
					      "playground's network devices are: kplay net [--root DIR] -- CMD [ARG...]");
	add_root(net);
	std::vector<std::string> net_command;
	net->add_option("command", net_command, "the command and its arguments (after --)");
	net->footer("Example: kplay net -- ip link set vnet0 up");
	auto *dt = app.add_subcommand("dt", "device tree: kplay dt load FILE.dts|FILE.dtb adds its nodes; platform "
					    "drivers whose of_match_table matches them probe");
	dt->require_subcommand(1);
	add_root(dt); // kplay dt --root DIR load FILE, or kplay dt load --root DIR FILE
	auto *dt_load = dt->add_subcommand("load", "load a device tree or overlay (.dts is compiled with dtc)");
	add_root(dt_load);
	std::string dt_file;
	dt_load->add_option("file", dt_file, "the .dts or .dtb file")->required();
	auto *gpio = app.add_subcommand("gpio", "drive and watch the simulated GPIO lines (kplay's virtual hardware)");
	add_root(gpio);
	std::vector<std::string> gpio_args;
	gpio->add_option("action", gpio_args,
			 "list | get N | set N 0|1 | pulse N | dht11 [HUMIDITY TEMPERATURE | on | off]")
		->required();
	gpio->footer("Example: kplay gpio pulse 17 && kplay gpio get 4");

	CLI11_PARSE(app, argc, argv);

	if (net->parsed())
		return cmd_net(resolve_root(root), net_command);
	if (dt_load->parsed())
		return cmd_dt_load(resolve_root(root), dt_file);

	if (cmp->parsed())
		return cmd_compare(targets, real, kernel, keep, report, jobs, scen_timeout, cmp_cuse);

	if (up->parsed())
		return cmd_up(resolve_root(root), foreground, load, cuse ? "on" : cuse_auto ? "auto" : "", cuse_dev);
	if (down->parsed())
		return cmd_down(resolve_root(root));
	if (insmod->parsed())
		return cmd_insmod(resolve_root(root), file, params);
	if (rmmod->parsed())
		return cmd_rmmod(resolve_root(root), name);
	if (lsmod->parsed())
		return cmd_lsmod(resolve_root(root));
	if (modinfo->parsed())
		return cmd_modinfo(file, field);
	if (dmesg->parsed())
		return cmd_dmesg(resolve_root(root), read_clear, clear, follow, notime);
	if (build->parsed())
		return cmd_build(src, out, verbose, sanitize);
	if (shell->parsed())
		return cmd_shell(resolve_root(root));
	if (run->parsed())
		return cmd_run(resolve_root(root), command);
	if (gpio->parsed())
		return cmd_gpio(resolve_root(root), gpio_args);
	return 2;
}
