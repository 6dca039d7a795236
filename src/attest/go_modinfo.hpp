// GoBuildInfo: what a Go binary says about how it was built (runtime/debug.BuildInfo's data).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace manifold::attest {

/// A module of a Go build. `replace_*` are set when go.mod replaced it ("=>" line): a
/// replacement by a local directory has a path like "./dep" and the version "(devel)" or "".
struct GoModule {
  std::string path;
  std::string version;
  std::string sum;
  std::string replace_path;
  std::string replace_version;
  std::string replace_sum;
};

/// The build info of one binary.
struct GoBuildInfo {
  std::string go_version;  ///< "go1.19.8"
  std::string path;        ///< the main package's import path ("example.com/app/cmd/x")
  GoModule main;           ///< empty path when built outside module mode
  std::vector<GoModule> deps;
  std::vector<std::pair<std::string, std::string>> settings;  ///< "build" lines: GOARCH, GOOS, vcs.revision, ...
};

/// Parses the module info text (the "path\t…\nmod\t…\ndep\t…\n=>\t…\nbuild\tK=V" lines that
/// `go version -m` prints, framing already removed) into `info` (go_version is left as is).
/// Lines of unknown kinds are ignored (later Go versions may add some). Errors
/// (kInvalidArgument, naming the line number): a module line with other than 2 or 3 columns,
/// a "=>" line with no module before it, a build line without '=' or with a bad quoted key.
util::Status ParseGoModInfo(std::string_view text, GoBuildInfo& info);

}  // namespace manifold::attest
