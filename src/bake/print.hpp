// PrintJson: `docker buildx bake --print`'s output for resolved targets.
#pragma once

#include <string>

#include "bake/resolve.hpp"

namespace manifold::bake {

/// The bytes `docker buildx bake --print` writes for `resolved`: {"group": {...}, "target":
/// {...}} with names sorted, each target's attributes in buildx's Target field order with empty
/// ones left out, cache-from/cache-to/output/attest as objects of their attributes (keys
/// sorted, attest's `disabled` a boolean), secret as {id, src, env} and ssh as {id, paths},
/// "${" and "%{" in annotations, dockerfile-inline, args, labels and extra-hosts escaped as
/// "$${" and "%%{" (so the output reads back as a bake file), Go's json.MarshalIndent layout
/// and escaping, and a final newline. "group" is left out when there are none.
std::string PrintJson(const Resolved& resolved);

}  // namespace manifold::bake
