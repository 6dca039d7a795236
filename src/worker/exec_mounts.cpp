// PrepareMounts: binds, caches, tmpfs, secrets and ssh sockets for one RUN step.
#include "worker/exec_mounts.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <random>

#include "util/root_path.hpp"
#include "util/sha256.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"
#include "worker/outputs.hpp"

namespace manifold::worker {

namespace fs = std::filesystem;
using Type = graph::ExecMount::Type;

struct PreparedMounts::Held {
  std::vector<snapshot::ReadView> views;
  std::vector<snapshot::MutableSnapshot> scratch_copies;  // rw binds: dropped uncommitted
  std::vector<util::UniqueFd> locks;                       // cache locks (flock), released on close
  std::vector<fs::path> temp_dirs;                         // private caches that found theirs busy
  std::optional<util::ScopedMount> secrets_tmpfs;
  fs::path secrets_dir;
  ~Held() {
    secrets_tmpfs.reset();
    std::error_code ec;
    if (!secrets_dir.empty()) fs::remove_all(secrets_dir, ec);
    for (const auto& d : temp_dirs) fs::remove_all(d, ec);
  }
};

PreparedMounts::PreparedMounts() : held_(std::make_unique<Held>()) {}
PreparedMounts::PreparedMounts(PreparedMounts&&) noexcept = default;
PreparedMounts::~PreparedMounts() = default;

namespace {

std::string RandomSuffix() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

util::Status MakeOwnedDir(const fs::path& dir, uint32_t mode, uint32_t uid, uint32_t gid) {
  if (::mkdir(dir.c_str(), mode) != 0) return util::FailErrno(errno, "creating " + dir.string());
  if (::chmod(dir.c_str(), mode) != 0 || ::chown(dir.c_str(), uid, gid) != 0) {
    return util::FailErrno(errno, "setting the owner of " + dir.string());
  }
  return {};
}

// The directory of cache `id`: <cache_dir>/<sha256(id)>/data, created on first use with the
// mount's mode and owner (later uses keep what the first one made, as BuildKit does).
util::Result<fs::path> CacheDirectory(const fs::path& cache_dir, const graph::ExecMount& m) {
  fs::path entry = cache_dir / util::Sha256::Hex(m.cache_id);
  fs::path data = entry / "data";
  std::error_code ec;
  if (fs::is_directory(data, ec)) return entry;
  fs::create_directories(cache_dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", cache_dir.string(), ec.message());
  // Made aside and renamed, so two steps creating the same cache at once agree on one.
  fs::path temp = cache_dir / ("tmp-" + RandomSuffix());
  MANIFOLD_CHECK(MakeOwnedDir(temp, 0700, 0, 0));
  MANIFOLD_CHECK(MakeOwnedDir(temp / "data", m.mode.value_or(0755), m.uid, m.gid));
  MANIFOLD_CHECK(util::WriteFileAtomic(temp / "id", m.cache_id));
  if (::rename(temp.c_str(), entry.c_str()) != 0) {
    int err = errno;
    fs::remove_all(temp, ec);
    if (err != EEXIST && err != ENOTEMPTY) return util::FailErrno(err, "creating cache " + entry.string());
  }
  return entry;
}

util::Status AddCache(const graph::ExecMount& m, const MountServices& services, PreparedMounts::Held& held,
                      std::vector<executor::ContainerMount>& mounts) {
  if (services.cache_dir.empty()) return util::Fail(util::ErrorKind::kUnavailable, "no cache directory");
  fs::path entry = MANIFOLD_TRY(CacheDirectory(services.cache_dir, m));
  util::UniqueFd lock(::open((entry / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!lock) return util::FailErrno(errno, "opening the lock of cache " + entry.string());
  fs::path source = entry / "data";
  if (m.sharing == "locked") {
    while (::flock(lock.get(), LOCK_EX) != 0 && errno == EINTR) {
    }
  } else if (m.sharing == "private") {
    if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
      // Someone uses it: this step gets a fresh cache of its own, dropped afterwards.
      source = services.cache_dir / ("private-" + RandomSuffix());
      MANIFOLD_CHECK(MakeOwnedDir(source, m.mode.value_or(0755), m.uid, m.gid));
      held.temp_dirs.push_back(source);
    }
  } else {
    (void)::flock(lock.get(), LOCK_SH);  // keeps `private` users off while shared ones run
  }
  held.locks.push_back(std::move(lock));
  std::vector<std::string> options = {"rbind"};
  if (m.readonly) options.push_back("ro");
  mounts.push_back({m.target, "bind", source.string(), options});
  return {};
}

util::Status AddBind(const graph::ExecMount& m, const std::vector<OutputRef>& inputs, const MountServices& services,
                     PreparedMounts::Held& held, std::vector<executor::ContainerMount>& mounts) {
  snapshot::SnapshotRef snap;
  if (m.input >= 0) {
    if (static_cast<size_t>(m.input) >= inputs.size()) return util::Fail(util::ErrorKind::kInternal, "bad mount input");
    if (inputs[m.input]) {
      const auto* out = dynamic_cast<const SnapshotOutput*>(inputs[m.input].get());
      if (out == nullptr) return util::Fail(util::ErrorKind::kInternal, "a bind mount's source must be a snapshot");
      snap = out->snapshot();
    }
  }
  fs::path root;
  if (m.readonly) {
    held.views.push_back(MANIFOLD_TRY(services.snapshotter->View(snap)));
    root = held.views.back().path();
  } else {
    held.scratch_copies.push_back(MANIFOLD_TRY(services.snapshotter->Prepare(snap)));
    root = held.scratch_copies.back().merged();
  }
  fs::path source = MANIFOLD_TRY(util::RootPath(root, m.selector, true, util::EscapePolicy::kClamp));
  struct stat st {};
  if (::stat(source.c_str(), &st) != 0) {
    return util::Fail(util::ErrorKind::kNotFound, "source {} does not exist in what it mounts from", m.selector);
  }
  std::vector<std::string> options = {"rbind"};
  if (m.readonly) options.push_back("ro");
  mounts.push_back({m.target, "bind", source.string(), options});
  return {};
}

util::Status AddSecret(const graph::ExecMount& m, const MountServices& services, const fs::path& scratch,
                       PreparedMounts& prepared, PreparedMounts::Held& held) {
  const std::string* value = services.secrets ? services.secrets->Get(m.cache_id) : nullptr;
  if (value == nullptr) {
    if (!m.required) return {};  // BuildKit: an optional secret that was not given is no mount
    return util::Fail(util::ErrorKind::kNotFound, "secret {} is required but the build was not given it; add "
                                                  "--secret id={},src=FILE (or env=VAR)",
                      m.cache_id, m.cache_id);
  }
  if (!m.env.empty()) prepared.env.push_back(m.env + "=" + *value);
  if (m.target.empty()) return {};
  if (!held.secrets_tmpfs) {
    // A tmpfs only this process's mount namespace sees: the bytes never touch a disk.
    held.secrets_dir = scratch / ("secrets-" + RandomSuffix());
    std::error_code ec;
    fs::create_directories(held.secrets_dir, ec);
    if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", held.secrets_dir.string(), ec.message());
    held.secrets_tmpfs = MANIFOLD_TRY(
        util::ScopedMount::Mount("tmpfs", held.secrets_dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0700"));
  }
  fs::path file = held.secrets_dir / fmt::format("{}", prepared.mounts.size());
  util::UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd) return util::FailErrno(errno, "writing secret " + m.cache_id);
  for (size_t done = 0; done < value->size();) {
    ssize_t n = ::write(fd.get(), value->data() + done, value->size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, "writing secret " + m.cache_id);
    done += static_cast<size_t>(n);
  }
  if (::fchown(fd.get(), m.uid, m.gid) != 0 || ::fchmod(fd.get(), m.mode.value_or(0400)) != 0) {
    return util::FailErrno(errno, "setting the owner of secret " + m.cache_id);
  }
  prepared.mounts.push_back({m.target, "bind", file.string(), {"rbind", "ro", "nosuid", "nodev", "noexec"}});
  return {};
}

util::Status AddSsh(const graph::ExecMount& m, const MountServices& services, PreparedMounts& prepared) {
  const std::string* socket = services.ssh ? services.ssh->Get(m.cache_id) : nullptr;
  if (socket == nullptr) {
    if (!m.required) return {};
    return util::Fail(util::ErrorKind::kNotFound, "ssh agent {} is required but the build was not given it; add --ssh {}",
                      m.cache_id, m.cache_id);
  }
  prepared.mounts.push_back({m.target, "bind", *socket, {"rbind"}});
  prepared.env.push_back("SSH_AUTH_SOCK=" + m.target);
  return {};
}

}  // namespace

util::Result<PreparedMounts> PrepareMounts(const graph::ExecOp& op, const std::vector<OutputRef>& inputs,
                                           const MountServices& services, const fs::path& scratch) {
  PreparedMounts prepared;
  for (const auto& m : op.mounts) {
    util::Status added;
    switch (m.type) {
      case Type::kBind: added = AddBind(m, inputs, services, *prepared.held_, prepared.mounts); break;
      case Type::kCache: added = AddCache(m, services, *prepared.held_, prepared.mounts); break;
      case Type::kTmpfs: {
        std::vector<std::string> options = {"nosuid", "nodev", "strictatime"};
        if (m.size > 0) options.push_back(fmt::format("size={}", m.size));
        prepared.mounts.push_back({m.target, "tmpfs", "tmpfs", options});
        break;
      }
      case Type::kSecret: added = AddSecret(m, services, scratch, prepared, *prepared.held_); break;
      case Type::kSsh: added = AddSsh(m, services, prepared); break;
    }
    if (!added) {
      return std::unexpected(std::move(added.error()).Context("--mount {}", m.target.empty() ? m.cache_id : m.target));
    }
  }
  return prepared;
}

}  // namespace manifold::worker
