// The operations of a build graph: sources, file operations and executions, as plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "image/platform.hpp"

namespace manifold::graph {

/// Where content enters a build. Which fields are set depends on `kind`.
struct SourceOp {
  enum class Kind { kImage, kLocal, kHttp, kGit };
  Kind kind = Kind::kLocal;
  /// kImage: the normalized reference ("docker.io/library/busybox:latest[@sha256:…]");
  /// kLocal: the local source's name ("context", or a named context);
  /// kHttp: the URL; kGit: the git URL as written (URL#REF[:SUBDIR]).
  std::string identifier;
  /// kImage: the platform to select from an index.
  std::optional<image::Platform> platform;
  /// kLocal: only paths the patterns let through are visible (.dockerignore, COPY sources).
  std::vector<std::string> exclude_patterns;
  /// kHttp: the expected "sha256:…" of the download, if the Dockerfile gave one; kGit: the
  /// commit (or a prefix of it) the ref must resolve to.
  std::string checksum;
  /// kHttp: the file name to store the download under.
  std::string filename;
  /// kGit: keep `.git` in the checkout (ADD --keep-git-dir).
  bool keep_git_dir = false;
};

/// An owner for created files. Names are resolved against the destination's /etc/passwd and
/// /etc/group when the op runs (Docker resolves `--chown=app:app` in the stage's own files).
struct Owner {
  std::string user;   ///< a name or a decimal id
  std::string group;  ///< a name, a decimal id, or empty (= the user's primary group)
};

/// Copies `source_path` (a path or a wildcard pattern) from input `source_input` to `dest_path`
/// of the base, with Docker's COPY/ADD path rules.
struct CopyAction {
  int source_input = 1;
  std::string source_path;
  std::string dest_path;
  std::optional<Owner> owner;
  std::string chmod;  ///< octal or symbolic ("u+x"); empty keeps modes
  bool follow_symlinks = true;
  bool dir_copy_contents = true;   ///< a source dir's contents, not the dir itself
  bool attempt_unpack = false;     ///< ADD: local archives are extracted
  bool create_dest_path = true;
  bool allow_wildcard = true;
  bool allow_empty_wildcard = false;
  bool keep_parents = false;       ///< --parents
  std::vector<std::string> exclude_patterns;  ///< --exclude
  std::optional<int64_t> mtime;    ///< seconds since the epoch; unset keeps source mtimes
};

/// Creates a directory (WORKDIR, COPY's missing parents).
struct MkdirAction {
  std::string path;
  uint32_t mode = 0755;
  bool make_parents = true;
  std::optional<Owner> owner;
  std::optional<int64_t> mtime;
};

/// Creates a file with the given bytes (COPY <<EOF heredocs).
struct MkfileAction {
  std::string path;
  uint32_t mode = 0644;
  std::string data;
  std::optional<Owner> owner;
  std::optional<int64_t> mtime;
};

/// Removes a path.
struct RmAction {
  std::string path;
  bool allow_not_found = false;
  bool allow_wildcard = false;
};

using FileAction = std::variant<CopyAction, MkdirAction, MkfileAction, RmAction>;

/// Applies actions in order to input 0 (the base: a null input is an empty filesystem).
/// Inputs 1… are the states copies read from. `link` makes the result a layer of its own
/// that does not depend on the base's contents (COPY --link).
struct FileOp {
  std::vector<FileAction> actions;
  bool link = false;
};

/// A mount of an exec op besides the root filesystem (input 0): `RUN --mount=...`.
struct ExecMount {
  enum class Type { kBind, kCache, kTmpfs, kSecret, kSsh };
  Type type = Type::kBind;
  std::string target;      ///< absolute path in the container; empty for an env-only secret
  int input = -1;          ///< kBind: the index of the vertex input mounted (-1 = empty)
  std::string selector;    ///< kBind: a path inside the input ("/" = all of it)
  bool readonly = true;    ///< kBind: writes are discarded when false; kCache: read-only mount
  std::string cache_id;    ///< kCache / kSecret / kSsh: the id
  std::string sharing;     ///< kCache: shared | private | locked
  std::optional<uint32_t> mode;  ///< kCache / kSecret: the mode of the mounted dir / file
  uint32_t uid = 0, gid = 0;     ///< kCache / kSecret: their owner
  bool required = false;   ///< kSecret / kSsh: a missing secret is an error (else no mount)
  std::string env;         ///< kSecret: also (or only) exposed as this environment variable
  uint64_t size = 0;       ///< kTmpfs: bytes; 0 = the kernel's default
};

/// A name → address line of an exec's /etc/hosts (`--add-host`).
struct HostIp {
  std::string host;  ///< lower case, as BuildKit keeps it
  std::string ip;    ///< canonical text form (inet_ntop)
};

/// A resource limit of an exec's process (`--ulimit`); -1 = unlimited.
struct Ulimit {
  std::string name;  ///< lower case without RLIMIT_: "nofile", "nproc", …
  int64_t soft = 0;
  int64_t hard = 0;
};

/// Runs a process in a container over input 0 (the root filesystem), for `platform`.
/// The fields after `mounts` are BuildKit's exec meta and security mode; each is written to
/// the op's JSON (and so to its digest and cache key) only when it is not the default, so a
/// step that uses none of them keeps the digest it always had.
struct ExecOp {
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::string cwd = "/";
  std::string user;
  image::Platform platform;
  enum class Network { kDefault, kNone, kHost };
  Network network = Network::kDefault;
  std::vector<ExecMount> mounts;
  enum class Security { kSandbox, kInsecure };
  Security security = Security::kSandbox;  ///< kInsecure: a privileged container
  std::vector<HostIp> extra_hosts;         ///< appended to /etc/hosts, in order
  std::vector<Ulimit> ulimits;             ///< unset limits are inherited from manifold
  std::string cgroup_parent;               ///< empty = the runtime's default cgroup
};

using Op = std::variant<SourceOp, FileOp, ExecOp>;

/// "source", "file" or "exec".
const char* OpKindName(const Op& op);

}  // namespace manifold::graph
