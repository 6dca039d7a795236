// Reading OCI image layouts (directory or tar) back into a content store.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include <nlohmann/json.hpp>

#include "image/descriptor_json.hpp"
#include "content/oci_layout.hpp"
#include "content/tar_stream.hpp"

namespace manifold::content {

namespace {

constexpr size_t kChunk = 1 << 20;
// index.json and oci-layout are small documents; a bigger one is not a layout we should load.
constexpr int64_t kMaxDocument = 64 << 20;

util::Error Invalid(std::string_view what, std::string message) {
  return util::Error(util::ErrorKind::kInvalidArgument, fmt::format("{}: {}", what, message));
}

// Parses oci-layout and index.json once both are read, and checks the roots arrived.
util::Result<Layout> Finish(const Store& store, std::string_view what, const std::optional<std::string>& layout_file,
                            std::optional<std::string> index_json) {
  if (!layout_file) return std::unexpected(Invalid(what, "not an OCI layout: no oci-layout file"));
  if (!index_json) return std::unexpected(Invalid(what, "not an OCI layout: no index.json"));
  auto header = nlohmann::json::parse(*layout_file, nullptr, false);
  if (!header.is_object() || !header.contains("imageLayoutVersion") || !header["imageLayoutVersion"].is_string()) {
    return std::unexpected(Invalid(what, "oci-layout is not {\"imageLayoutVersion\": ...}"));
  }
  if (header["imageLayoutVersion"].get<std::string>() != "1.0.0") {
    return std::unexpected(Invalid(what, fmt::format("unsupported imageLayoutVersion {:?} (want 1.0.0)",
                                                     header["imageLayoutVersion"].get<std::string>())));
  }
  auto index = nlohmann::json::parse(*index_json, nullptr, false);
  if (!index.is_object()) return std::unexpected(Invalid(what, "index.json is not a JSON object"));
  Layout layout;
  if (index.contains("manifests")) {
    const auto& list = index["manifests"];
    if (!list.is_array()) return std::unexpected(Invalid(what, "index.json manifests is not an array"));
    for (size_t i = 0; i < list.size(); ++i) {
      auto d = image::DescriptorFromJson(list[i], fmt::format("index.json manifests[{}]", i));
      if (!d) return std::unexpected(std::move(d.error()).Context("{}", what));
      if (!store.Has(d->digest)) {
        return util::Fail(util::ErrorKind::kNotFound, "{}: index.json names {} but the layout has no such blob",
                          what, d->digest.str());
      }
      layout.manifests.push_back(std::move(*d));
    }
  }
  layout.index_json = std::move(*index_json);
  return layout;
}

// "blobs/<alg>/<hex>" → its digest; nullopt for other names. A malformed blob name is an error.
util::Result<std::optional<image::Digest>> BlobName(std::string_view what, std::string_view name) {
  if (!name.starts_with("blobs/")) return std::optional<image::Digest>();
  std::string_view rest = name.substr(6);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::optional<image::Digest>();
  std::string text = fmt::format("{}:{}", rest.substr(0, slash), rest.substr(slash + 1));
  auto digest = image::Digest::Parse(text);
  if (!digest) return std::unexpected(std::move(digest.error()).Context("{}: blob {}", what, name));
  if (digest->algorithm() != "sha256") {
    return std::unexpected(Invalid(what, fmt::format("blob {}: only sha256 blobs are supported", name)));
  }
  return std::optional<image::Digest>(std::move(*digest));
}

// Tar names may start with "./"; anything that could point outside the layout is refused.
util::Result<std::string> CleanEntryName(std::string_view what, std::string_view raw) {
  std::string_view name = raw;
  while (name.starts_with("./")) name.remove_prefix(2);
  if (name.starts_with('/')) return std::unexpected(Invalid(what, fmt::format("refusing absolute tar entry {:?}", raw)));
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") {
      return std::unexpected(Invalid(what, fmt::format("refusing tar entry {:?} with a '..' component", raw)));
    }
    start = end + 1;
  }
  while (name.ends_with('/')) name.remove_suffix(1);
  return std::string(name);
}

// Streams one blob into the store unless it is already there; the digest is checked on commit.
template <typename Source>
util::Status ImportBlob(const Store& store, const image::Digest& digest, std::string_view where, Source&& next) {
  if (store.Has(digest)) return {};
  auto ingest = MANIFOLD_TRY(store.Begin());
  for (;;) {
    std::string_view chunk = MANIFOLD_TRY(next());
    if (chunk.empty()) break;
    MANIFOLD_CHECK(ingest.Write(chunk));
  }
  auto committed = ingest.Commit(digest);
  if (!committed) return std::unexpected(std::move(committed.error()).Context("importing {}", where));
  return {};
}

util::Result<std::optional<std::string>> ReadSmallFile(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return util::FailErrno(errno, fmt::format("stat {}", path.string()));
  }
  if (!S_ISREG(st.st_mode) || st.st_size > kMaxDocument) {
    return std::unexpected(Invalid(path.string(), "not a regular file of reasonable size"));
  }
  return std::optional<std::string>(MANIFOLD_TRY(util::ReadFile(path)));
}

util::Result<Layout> ReadLayoutDir(const Store& store, const std::filesystem::path& dir) {
  std::string what = dir.string();
  auto layout_file = MANIFOLD_TRY(ReadSmallFile(dir / "oci-layout"));
  auto index_json = MANIFOLD_TRY(ReadSmallFile(dir / "index.json"));
  if (!layout_file) return std::unexpected(Invalid(what, "not an OCI layout: no oci-layout file"));
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir / "blobs", ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    if (!it->is_directory()) continue;
    std::string algorithm = it->path().filename();
    for (auto blob = std::filesystem::directory_iterator(it->path(), ec);
         !ec && blob != std::filesystem::directory_iterator(); blob.increment(ec)) {
      std::string name = "blobs/" + algorithm + "/" + blob->path().filename().string();
      auto digest = MANIFOLD_TRY(BlobName(what, name));
      if (!digest) continue;
      // O_NOFOLLOW: a layout's blobs are files, and a symlink could read outside it.
      util::UniqueFd fd(::open(blob->path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
      if (!fd) return util::FailErrno(errno, fmt::format("open {}", blob->path().string()));
      std::vector<char> buf(kChunk);
      auto next = [&]() -> util::Result<std::string_view> {
        for (;;) {
          ssize_t n = ::read(fd.get(), buf.data(), buf.size());
          if (n < 0 && errno == EINTR) continue;
          if (n < 0) return util::FailErrno(errno, fmt::format("read {}", blob->path().string()));
          return std::string_view(buf.data(), static_cast<size_t>(n));
        }
      };
      MANIFOLD_CHECK(ImportBlob(store, *digest, blob->path().string(), next));
    }
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return util::FailErrno(ec.value(), fmt::format("listing {}", (dir / "blobs").string()));
  }
  return Finish(store, what, layout_file, std::move(index_json));
}

}  // namespace

util::Result<Layout> ReadLayoutTar(const Store& store, int fd, std::string_view what) {
  auto tar = MANIFOLD_TRY(TarReader::Open(fd, std::string(what)));
  std::optional<std::string> layout_file;
  std::optional<std::string> index_json;
  for (;;) {
    auto entry = MANIFOLD_TRY(tar.Next());
    if (!entry) break;
    std::string name = MANIFOLD_TRY(CleanEntryName(what, entry->name));
    auto digest = MANIFOLD_TRY(BlobName(what, name));
    bool document = name == "oci-layout" || name == "index.json";
    if (!digest && !document) continue;
    if (entry->type != TarReader::Type::kFile) {
      return std::unexpected(Invalid(what, fmt::format("tar entry {:?} must be a regular file", entry->name)));
    }
    auto next = [&]() { return tar.ReadData(kChunk); };
    if (digest) {
      MANIFOLD_CHECK(ImportBlob(store, *digest, fmt::format("{} from {}", name, what), next));
      continue;
    }
    if (entry->size > kMaxDocument) return std::unexpected(Invalid(what, fmt::format("{} is too large", name)));
    std::string bytes;
    for (;;) {
      std::string_view chunk = MANIFOLD_TRY(next());
      if (chunk.empty()) break;
      bytes.append(chunk);
    }
    (name == "oci-layout" ? layout_file : index_json) = std::move(bytes);
  }
  return Finish(store, what, layout_file, std::move(index_json));
}

util::Result<Layout> ReadLayout(const Store& store, const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return util::FailErrno(errno, fmt::format("reading OCI layout {}", path.string()));
  if (S_ISDIR(st.st_mode)) return ReadLayoutDir(store, path);
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return util::FailErrno(errno, fmt::format("open {}", path.string()));
  return ReadLayoutTar(store, fd.get(), path.string());
}

}  // namespace manifold::content
