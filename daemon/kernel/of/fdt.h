// The flattened device tree format (what dtc writes: a header, a block of
// structure tokens, a block of property names), parsed into a plain tree.
// Every offset and length is checked: a malformed blob is an error, never
// a read outside it.
#pragma once

#include <string>
#include <vector>

namespace kplay::fdt {

struct Property {
	std::string name;
	std::string value; // raw bytes, big-endian cells as in the blob
};

struct Node {
	std::string name; // with its unit address ("sensor@40"); "" for the root
	std::vector<Property> props;
	std::vector<Node> children;
};

/// Parses a blob; false with *err set when it is not a valid FDT.
bool parse(const std::string &blob, Node *root, std::string *err);

} // namespace kplay::fdt
