// RUN --mount: parsing one flag value into a mount, with BuildKit's defaults and checks.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "graph/op.hpp"
#include "util/error.hpp"

namespace manifold::frontend::internal {

/// One `--mount=` value as written: the mount (input not yet bound) and where a bind mount
/// reads from.
struct RunMount {
  graph::ExecMount mount;
  std::string from;  ///< kBind: a stage name/index or an image; empty = the build context
};

/// Expands `$VAR` in one field value (the stage's ARG/ENV scope).
using ExpandFn = std::function<util::Result<std::string>(const std::string&)>;

/// Parses `value` (CSV `key=value` fields: type, target|dst|destination, source|src, from, id,
/// sharing, mode, uid, gid, ro|readonly, rw|readwrite, required, size, env) with BuildKit's
/// defaults: type bind; bind read-only, cache and tmpfs writable; cache id = its target, sharing
/// shared, mode 0755; secret id = its target's base name, target /run/secrets/<id> unless only
/// `env` is wanted, mode 0400. A relative target is under `workdir`. Errors name the field.
util::Result<RunMount> ParseRunMount(std::string_view value, const std::string& workdir, const ExpandFn& expand);

}  // namespace manifold::frontend::internal
