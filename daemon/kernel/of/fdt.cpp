// The flattened device tree parser (see fdt.h; the format is the one the
// Devicetree Specification's chapter 5 describes).
#include "kernel/of/fdt.h"

#include <cstdint>
#include <cstring>

namespace kplay::fdt {
namespace {

constexpr uint32_t kMagic = 0xd00dfeed;
constexpr uint32_t kBeginNode = 1, kEndNode = 2, kProp = 3, kNop = 4, kEnd = 9;

uint32_t be32(const std::string &b, size_t off)
{
	auto *p = reinterpret_cast<const unsigned char *>(b.data() + off);
	return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

struct Parser {
	const std::string &b;
	size_t pos, end;           // structure block
	size_t str_off, str_size;  // strings block
	std::string *err;
	int depth = 0;

	bool fail(const std::string &what)
	{
		*err = what;
		return false;
	}

	bool token(uint32_t *t)
	{
		if (pos + 4 > end)
			return fail("structure block ends inside a token");
		*t = be32(b, pos);
		pos += 4;
		return true;
	}

	bool align()
	{
		pos = (pos + 3) & ~size_t(3);
		return pos <= end || fail("structure block ends inside padding");
	}

	bool node(Node *n)
	{
		if (++depth > 64)
			return fail("nodes nested deeper than 64");
		size_t nul = b.find('\0', pos);
		if (nul == std::string::npos || nul >= end)
			return fail("unterminated node name");
		n->name = b.substr(pos, nul - pos);
		pos = nul + 1;
		if (!align())
			return false;
		for (;;) {
			uint32_t t;
			if (!token(&t))
				return false;
			if (t == kNop)
				continue;
			if (t == kProp) {
				if (pos + 8 > end)
					return fail("property header past the structure block");
				uint32_t len = be32(b, pos), nameoff = be32(b, pos + 4);
				pos += 8;
				if (len > end - pos)
					return fail("property value past the structure block");
				if (nameoff >= str_size)
					return fail("property name offset past the strings block");
				size_t s = str_off + nameoff;
				size_t snul = b.find('\0', s);
				if (snul == std::string::npos || snul >= str_off + str_size)
					return fail("unterminated property name");
				n->props.push_back({b.substr(s, snul - s), b.substr(pos, len)});
				pos += len;
				if (!align())
					return false;
				continue;
			}
			if (t == kBeginNode) {
				n->children.emplace_back();
				if (!node(&n->children.back()))
					return false;
				continue;
			}
			if (t == kEndNode) {
				--depth;
				return true;
			}
			return fail("unexpected token " + std::to_string(t));
		}
	}
};

} // namespace

bool parse(const std::string &blob, Node *root, std::string *err)
{
	if (blob.size() < 40)
		return (*err = "too short for an FDT header", false);
	if (be32(blob, 0) != kMagic)
		return (*err = "bad magic (not a .dtb)", false);
	uint32_t total = be32(blob, 4), off_struct = be32(blob, 8), off_strings = be32(blob, 12);
	uint32_t version = be32(blob, 20), last_comp = be32(blob, 24);
	uint32_t size_strings = be32(blob, 32), size_struct = be32(blob, 36);
	if (total > blob.size())
		return (*err = "totalsize larger than the file", false);
	if (version < 17 && last_comp > 16)
		return (*err = "unsupported FDT version " + std::to_string(version), false);
	if (off_struct > total || size_struct > total - off_struct || off_strings > total ||
	    size_strings > total - off_strings)
		return (*err = "blocks outside the blob", false);
	Parser p{blob, off_struct, size_t(off_struct) + size_struct, off_strings, size_strings, err};
	uint32_t t;
	do {
		if (!p.token(&t))
			return false;
	} while (t == kNop);
	if (t != kBeginNode)
		return (*err = "the structure block does not start with a node", false);
	if (!p.node(root))
		return false;
	do {
		if (!p.token(&t))
			return false;
	} while (t == kNop);
	if (t != kEnd)
		return (*err = "more than one root node", false);
	return true;
}

} // namespace kplay::fdt
