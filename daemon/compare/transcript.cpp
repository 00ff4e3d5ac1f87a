// Transcript normalisation and diff (see transcript.h).
#include "compare/transcript.h"

#include <algorithm>
#include <sstream>

namespace kplay::compare {
namespace {

std::vector<std::string> split_lines(const std::string &text)
{
	std::vector<std::string> out;
	std::istringstream in(text);
	for (std::string line; std::getline(in, line);)
		out.push_back(line);
	return out;
}

// Kernel messages no module printed: taint notices on the first out-of-tree
// load, RNG readiness, and so on.
const std::vector<std::regex> &noise()
{
	static const std::vector<std::regex> n = {
		std::regex(R"(^(\S+: )?loading out-of-tree module taints kernel\.$)"),
		std::regex(R"(^(\S+: )?module verification failed: signature and/or required key missing - tainting kernel$)"),
		std::regex(R"(^random: crng init done$)"),
		std::regex(R"(^Disabling lock debugging due to kernel taint$)"),
		// Timing artefacts of an emulated CPU (TCG), printed by the kernel itself.
		std::regex(R"(^hrtimer: interrupt took [0-9]+ ns$)"),
		std::regex(R"(^clocksource: )"),
	};
	return n;
}

} // namespace

std::vector<Expectation> parse_expectations(const std::string &text, std::string *error)
{
	std::vector<Expectation> out;
	int lineno = 0;
	for (const std::string &line : split_lines(text)) {
		++lineno;
		if (line.empty() || line[0] == '#')
			continue;
		auto t1 = line.find('\t');
		auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
		if (t2 == std::string::npos) {
			*error = "line " + std::to_string(lineno) + ": want side<TAB>regex<TAB>reason";
			return {};
		}
		Expectation e;
		e.side = line.substr(0, t1);
		if (auto slash = e.side.find('/'); slash != std::string::npos) {
			e.transport = e.side.substr(slash + 1);
			e.side.resize(slash);
		}
		e.pattern = line.substr(t1 + 1, t2 - t1 - 1);
		e.reason = line.substr(t2 + 1);
		if (e.side != "real" && e.side != "play" && e.side != "both") {
			*error = "line " + std::to_string(lineno) + ": side must be real, play or both";
			return {};
		}
		if (!e.transport.empty() && e.transport != "fuse" && e.transport != "cuse") {
			*error = "line " + std::to_string(lineno) + ": transport after the side must be /fuse or /cuse";
			return {};
		}
		try {
			e.re = std::regex(e.pattern);
		} catch (const std::regex_error &ex) {
			*error = "line " + std::to_string(lineno) + ": bad regex: " + ex.what();
			return {};
		}
		out.push_back(std::move(e));
	}
	return out;
}

std::vector<Expectation> for_transport(const std::vector<Expectation> &all, const std::string &transport)
{
	std::vector<Expectation> out;
	for (const Expectation &e : all)
		if (e.transport.empty() || e.transport == transport)
			out.push_back(e);
	return out;
}

std::vector<std::string> normalise(const std::string &text, const std::vector<std::pair<std::string, std::string>> &paths)
{
	static const std::regex timestamp(R"(\[ *[0-9]+\.[0-9]{6}\] ?)");
	static const std::regex pointer(R"(\b[0-9a-f]{16}\b)");
	// A /proc/modules line: name size refcnt deps state address [taints].
	static const std::regex proc_modules(R"(^([A-Za-z0-9_]+) [0-9]+ ([0-9]+ \S+ (Live|Loading|Unloading)) 0x[0-9a-f]+)");
	// An lsmod line: name, size, use count.
	static const std::regex lsmod_line(R"(^([A-Za-z0-9_]+) +[0-9]+  ([0-9]+.*)$)");
	std::vector<std::string> out;
	for (std::string line : split_lines(text)) {
		bool drop = false;
		for (const std::regex &n : noise())
			if (std::regex_search(line, n))
				drop = true;
		if (drop)
			continue;
		for (auto &[from, to] : paths) {
			for (size_t pos; !from.empty() && (pos = line.find(from)) != std::string::npos;)
				line.replace(pos, from.size(), to);
		}
		line = std::regex_replace(line, timestamp, "");
		line = std::regex_replace(line, proc_modules, "$1 <size> $2 <addr>");
		line = std::regex_replace(line, lsmod_line, "$1 <size> $2");
		line = std::regex_replace(line, pointer, "<ptr>");
		out.push_back(line);
	}
	return out;
}

std::vector<DiffLine> diff(const std::vector<std::string> &a, const std::vector<std::string> &b,
			   const std::vector<Expectation> &expect)
{
	size_t n = a.size(), m = b.size();
	std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
	auto explain = [&](const std::string &line, const char *side) -> const Expectation * {
		for (const Expectation &e : expect)
			if ((e.side == side || e.side == "both") && std::regex_search(line, e.re))
				return &e;
		return nullptr;
	};
	std::vector<DiffLine> out;
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[i] == b[j]) {
			out.push_back({DiffLine::Same, a[i], nullptr});
			++i;
			++j;
		} else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
			out.push_back({DiffLine::PlayOnly, b[j], explain(b[j], "play")});
			++j;
		} else {
			out.push_back({DiffLine::RealOnly, a[i], explain(a[i], "real")});
			++i;
		}
	}
	return out;
}

DiffSummary summarise(const std::vector<DiffLine> &d)
{
	DiffSummary s;
	for (const DiffLine &l : d) {
		if (l.kind == DiffLine::Same)
			continue;
		s.differing++;
		if (!l.expected) {
			s.unexplained++;
		} else if (std::find(s.reasons.begin(), s.reasons.end(), l.expected->reason) == s.reasons.end()) {
			s.reasons.push_back(l.expected->reason);
		}
	}
	return s;
}

std::string html_escape(const std::string &s)
{
	std::string out;
	for (char c : s) {
		switch (c) {
		case '&': out += "&amp;"; break;
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '"': out += "&quot;"; break;
		default: out += c;
		}
	}
	return out;
}

} // namespace kplay::compare
