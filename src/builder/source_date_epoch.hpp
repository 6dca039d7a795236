// The build's SOURCE_DATE_EPOCH: the build arg, else the Dockerfile's global ARG default.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "frontend/dockerfile/ast.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// SOURCE_DATE_EPOCH as BuildKit takes it: the build arg when given (the cli has already put
/// the client's $SOURCE_DATE_EPOCH there unless --build-arg named it, as buildx does; an empty
/// value means none), else the default of a global `ARG SOURCE_DATE_EPOCH=N` (before the first
/// FROM; quotes allowed, no variables). Errors (kInvalidArgument): a value that is not a
/// non-negative integer, naming the build arg or the Dockerfile line.
util::Result<std::optional<int64_t>> SourceDateEpochOf(const std::map<std::string, std::string>& build_args,
                                                        const frontend::dockerfile::Dockerfile& dockerfile,
                                                        const std::string& dockerfile_name);

}  // namespace manifold::builder
