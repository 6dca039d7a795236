// ComposeFiles and ComposeScope: the Compose files that `include` and `extends` read from disk, and
// where a file's references and relative paths are relative to.
#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bake/internal/compose_template.hpp"
#include "bake/internal/yaml_tree.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// How deep `include` may nest and how long an `extends` chain may be.
inline constexpr int kMaxComposeDepth = 32;
/// How many files one read may load from disk for `include` and `extends` (a bound on fan-out that
/// the depth limit alone does not give).
inline constexpr std::size_t kMaxComposeFileReads = 1024;

/// Where one Compose file's references resolve and what its model's relative paths are relative to.
/// Paths are relative to the reader's working directory, or absolute; "" is the working directory
/// itself. Plain data.
struct ComposeScope {
  /// The file, for messages ("compose.yaml", "sub/base.yaml").
  std::string file;
  /// What `include` paths, `project_directory`, include `env_file` and `extends.file` are relative
  /// to.
  std::filesystem::path ref_dir;
  /// What relative env_file, secret file and ssh key paths in the model are relative to.
  std::filesystem::path path_base;
  /// What relative build contexts and additional contexts in the model are relative to (path_base,
  /// except for the files bake was given with file-relative contexts).
  std::filesystem::path context_base;
  /// This file and the files that include it, innermost last: (identity, name) pairs for cycle
  /// detection and its message.
  std::vector<std::pair<std::string, std::string>> include_chain;
};

/// The files read from disk during one ReadComposeFiles: their text outlives the YamlNodes read
/// from it (nodes point at their YamlSource), and files another file `extends` are loaded once per
/// scope. Not thread-safe.
class ComposeFiles {
 public:
  /// `working_dir` is what relative paths are read against; empty = the process's directory.
  explicit ComposeFiles(std::filesystem::path working_dir);

  /// The path to open for `path` (relative to the working directory, or absolute).
  std::filesystem::path OnDisk(const std::filesystem::path& path) const;
  /// A stable identity of `path` for cycle detection (weakly canonical; never fails).
  std::string Identity(const std::filesystem::path& path) const;

  /// The text of `path`. Errors (kInvalidArgument, located at `at`, the node that names it): the
  /// file missing, not a regular file or unreadable.
  util::Result<std::string> ReadText(const std::filesystem::path& path, const YamlNode& at) const;

  /// Reads and parses `path`, named `path` in messages. `at` is the node that refers to it: errors
  /// (kInvalidArgument) are located there and say what to check: the file missing or unreadable,
  /// not a regular file, more than kMaxComposeFileReads files read. Parse errors carry the file's
  /// own line:column. The returned documents are valid while this lives.
  util::Result<std::vector<YamlNode>> Load(const std::filesystem::path& path, const YamlNode& at);

  /// The model of a file another file extends, by cache key; nullptr until Remember.
  YamlNode* Extended(const std::string& key);
  YamlNode& Remember(const std::string& key, YamlNode model);

 private:
  struct Stored {
    std::string name;
    std::string data;
    YamlSource source;
  };
  std::filesystem::path working_dir_;
  std::deque<Stored> files_;  // a deque: YamlSource addresses stay valid as files are added
  std::map<std::string, YamlNode> extended_;
  std::size_t reads_ = 0;
};

/// `child` (a directory) relative to `base`, as a prefix for paths written relative to `child` that
/// must become relative to `base`; absolute when one of them is and the other is not; "" when they
/// are the same.
std::filesystem::path RelativeDir(const std::filesystem::path& child,
                                  const std::filesystem::path& base);

/// Makes the relative paths of a canonical model that compose-go's ResolveRelativePaths resolves
/// relative to where they are read from instead of the file they were written in: build.context and
/// build.additional_contexts (URLs, `service:` and other `scheme://` values kept) get
/// `context_prefix`; env_file paths, ssh key paths and top-level secret `file`s get `file_prefix`.
/// Absolute and `~` paths are kept. With `default_context`, a build without a context first gets
/// "." (compose-go's defaults, which an included file gets and an extended one does not).
void RebasePaths(YamlNode& model, const std::filesystem::path& file_prefix,
                 const std::filesystem::path& context_prefix, bool default_context);

/// Adds the documents of one file to `model` as compose-go's loadYamlFile does: each document (a
/// mapping, else an error) is interpolated with `lookup`, canonicalized, its `include`d projects
/// imported (ApplyInclude) and its services' `extends` resolved (ApplyExtends), then merged
/// (MergeDocument). Errors: as those steps.
util::Status AddComposeDocuments(YamlNode& model, std::vector<YamlNode> documents,
                                 const ComposeScope& scope, const VariableLookup& lookup,
                                 ComposeFiles& files);

/// compose-go's ApplyInclude: each entry of the top-level `include` of `document` (a path, or
/// {path: PATH or [PATH...], project_directory, env_file}) is loaded as a project of its own (its
/// first path gives the project directory unless project_directory does; later paths override;
/// variables come from `lookup`, then the include's env_file files or the project directory's
/// `.env`), its relative paths made relative to this file's, and its services and secrets added to
/// `document`; a service or secret `document` defines too is the imported one with `document`'s
/// merged over it. `include` is removed. Errors: an include that is not a list or a malformed
/// entry, a missing file, a cycle, nesting deeper than kMaxComposeDepth, any error of the included
/// files.
util::Status ApplyInclude(YamlNode& document, const ComposeScope& scope,
                          const VariableLookup& lookup, ComposeFiles& files);

/// compose-go's ApplyExtends: every service of `document` with `extends` (NAME, or {service: NAME,
/// file: PATH}) becomes its base service (of the same document, or of PATH read with `lookup`, its
/// relative paths rebased) with its own definition merged over it (MergeService); chains resolve
/// recursively; `extends` is removed. Errors: a malformed extends, a base service or file that does
/// not exist, a circular reference (naming each service and file), a chain longer than
/// kMaxComposeDepth.
util::Status ApplyExtends(YamlNode& document, const ComposeScope& scope,
                          const VariableLookup& lookup, ComposeFiles& files);

}  // namespace manifold::bake::internal
