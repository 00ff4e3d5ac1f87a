// Transcripts of one scenario in two worlds (real kernel, kplay): the
// normalisation that removes what legitimately differs between runs
// (timestamps, pointer hashes, kernel noise no module printed, sizes), a line
// diff, and the expected differences a scenario declares with their reasons.
#pragma once

#include <regex>
#include <string>
#include <vector>

namespace kplay::compare {

/// One declared expected difference: lines (of one side or both) matching
/// pattern may differ, for the stated reason.
struct Expectation {
	std::string side; // "real", "play" or "both"
	/// "" (any kplay transport), "fuse" or "cuse": written side/fuse or
	/// side/cuse, the line applies only when kplay ran with that transport.
	std::string transport;
	std::string pattern;
	std::string reason;
	std::regex re;
};

/// Reads an expected-differences file: "side<TAB>regex<TAB>reason" per line,
/// '#' comments; side is real, play or both, optionally /fuse or /cuse.
/// Sets *error on a bad line.
std::vector<Expectation> parse_expectations(const std::string &text, std::string *error);

/// The expectations that apply when kplay ran with transport ("fuse" or "cuse").
std::vector<Expectation> for_transport(const std::vector<Expectation> &all, const std::string &transport);

/// Normalises a transcript: drops kernel noise lines, masks timestamps,
/// pointer hashes, module sizes and the given path prefixes.
std::vector<std::string> normalise(const std::string &text, const std::vector<std::pair<std::string, std::string>> &paths);

struct DiffLine {
	enum Kind { Same, RealOnly, PlayOnly } kind;
	std::string text;
	const Expectation *expected = nullptr; // for RealOnly/PlayOnly lines explained by an expectation
};

/// Line diff (longest common subsequence), in order.
std::vector<DiffLine> diff(const std::vector<std::string> &real, const std::vector<std::string> &play,
			   const std::vector<Expectation> &expect);

struct DiffSummary {
	int differing = 0;   // lines only on one side
	int unexplained = 0; // of those, not covered by an expectation
	std::vector<std::string> reasons; // distinct reasons that applied
};

DiffSummary summarise(const std::vector<DiffLine> &d);

/// Escapes text for HTML.
std::string html_escape(const std::string &s);

} // namespace kplay::compare
