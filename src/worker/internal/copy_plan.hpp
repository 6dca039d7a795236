// CopyPlan: a COPY made in memory (the entries it would create), then written as a layer's tar.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "snapshot/tar_writer.hpp"
#include "util/error.hpp"
#include "worker/copy.hpp"

namespace manifold::worker::internal {

/// A CopyDestination over an empty tree kept in memory: Copy() into it records what it would
/// put on disk (type, mode, owner, mtime, xattrs, symlink targets, which names share an inode,
/// and for a regular file the source path and size) without reading or writing any file data.
/// It behaves as the directory tree would — including the kernel's side effects a layer shows:
/// the umask on MakeDirectories, setgid inherited from the parent, a directory's mtime moving
/// to "now" when its entries change — so that WriteTar() gives the bytes WriteTreeTar gives
/// for a real copy. Paths are absolute under "/". Resolving through a symlink (which the real
/// tree would follow) is not modelled: the plan is then declined() and the caller copies for
/// real. Not thread-safe.
class CopyPlan final : public CopyDestination {
 public:
  CopyPlan();
  ~CopyPlan() override;

  util::Result<std::filesystem::path> Resolve(const std::string& path, bool follow_last) override;
  util::Result<std::filesystem::path> MakeDirectories(const std::string& dir,
                                                      const std::optional<OwnerIds>& owner) override;
  mode_t TypeOf(const std::filesystem::path& path) override;
  util::Status Remove(const std::filesystem::path& path) override;
  util::Status MakeDirectory(const std::filesystem::path& path) override;
  void RemoveIfEmpty(const std::filesystem::path& path) override;
  util::Status Link(const std::filesystem::path& existing, const std::filesystem::path& path) override;
  util::Status CopyNonDirectory(const std::filesystem::path& src, const std::filesystem::path& path,
                                const struct stat& st, const util::EntryMeta& meta) override;
  util::Status SetDirectoryMeta(const std::filesystem::path& path, const util::EntryMeta& meta) override;

  /// Why this plan cannot stand for a real copy; empty when it can.
  const std::string& declined() const { return declined_; }
  /// Whether the copy created nothing.
  bool empty() const;

  /// How WriteTar writes.
  struct WriteOptions {
    std::optional<int64_t> clamp_mtime;                ///< as snapshot::TreeTarOptions
    std::function<bool(std::string_view)> keep_xattr;  ///< as snapshot::TreeTarOptions
    /// Bytes of file content written so far of the total, after each regular file.
    std::function<void(int64_t copied, int64_t total)> progress;
    /// When set, receives (path without leading '/', first bytes) of every regular file of at
    /// least 20 bytes that begins with the ELF magic, in tar order.
    std::vector<std::pair<std::string, std::string>>* elf_heads = nullptr;
  };
  /// Adds the planned entries to `tar` exactly as snapshot::WriteTreeTar (without overlay
  /// whiteouts) would add those of the directory a real copy makes: same order, headers,
  /// hardlinks (a name sharing an inode with an earlier one), contents read from the sources.
  /// A source that is no longer the file planned (another inode, another size) is kConflict.
  util::Status WriteTar(snapshot::TarWriter& tar, const WriteOptions& options) const;

  struct Node;
  struct Dir;
  struct Inode;
  struct Inodes;

 private:
  util::Status Decline(std::string why);
  Node* Find(const std::filesystem::path& path) const;
  // The directory that holds `path` and the last component; nullptr when it does not exist.
  std::pair<Node*, std::string> Parent(const std::filesystem::path& path) const;

  std::unique_ptr<Node> root_;
  std::unique_ptr<Inodes> inodes_;  // what the non-directory nodes refer to, by index
  std::string declined_;
  mode_t umask_;
};

}  // namespace manifold::worker::internal
