// What `--call=outline` and `--call=targets` show: stages, args, secrets, with their comments.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/ast.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// A stage that `--target` can name.
struct TargetInfo {
  std::string name;         ///< as written after AS; "" for an unnamed stage (not listed)
  std::string description;  ///< the comment above the FROM that starts with the name
  std::string base;         ///< the FROM image or stage
  std::string platform;     ///< FROM --platform's value as written, if any
  int line = 0;
  bool is_default = false;  ///< the last stage: what a build without --target builds
};

/// A build arg the target reads.
struct ArgInfo {
  std::string name;
  std::optional<std::string> value;  ///< --build-arg's, else the ARG default, else none
  std::string description;
  int line = 0;
};

/// A secret or ssh socket a RUN --mount of the target asks for.
struct MountRequest {
  std::string id;
  bool required = false;
  int line = 0;
};

struct OutlineInfo {
  std::string target;  ///< the stage described
  std::string description;
  std::vector<ArgInfo> args;
  std::vector<MountRequest> secrets;
  std::vector<MountRequest> ssh;
};

/// Every named stage, in file order (buildx's --call=targets); `text` is the Dockerfile's
/// bytes, from which descriptions (the comment block right above an instruction, whose first
/// word is the name it describes, as BuildKit reads them) are taken.
std::vector<TargetInfo> ListTargets(const Dockerfile& file, std::string_view text);

/// The outline of `target` (empty = the last stage): the global ARGs and the ARGs of the target
/// and of every stage it builds on (FROM, COPY --from, RUN --mount from=), each once, with its
/// value; the secrets and ssh sockets their RUN --mount flags ask for. Errors
/// (kInvalidArgument): no stage named `target`.
util::Result<OutlineInfo> Outline(const Dockerfile& file, std::string_view text, const std::string& target,
                                  const std::map<std::string, std::string>& build_args);

}  // namespace manifold::frontend::dockerfile
