// ImageStore: index.json of the content directory, changed under flock, written atomically.
#include "exporter/image_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "content/oci_layout.hpp"
#include "image/descriptor_json.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

namespace manifold::exporter {
namespace {

namespace fs = std::filesystem;
constexpr const char* kNameAnnotation = "io.containerd.image.name";
constexpr const char* kCreatedAnnotation = "org.opencontainers.image.created";

std::string Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

util::Result<std::vector<StoredImage>> ReadIndex(const fs::path& dir) {
  std::vector<StoredImage> images;
  std::error_code ec;
  if (!fs::exists(dir / "index.json", ec)) return images;
  auto bytes = MANIFOLD_TRY(util::ReadFile(dir / "index.json"));
  auto json = nlohmann::json::parse(bytes, nullptr, false);
  if (!json.is_object() || !json.contains("manifests") || !json["manifests"].is_array()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} is not an OCI index", (dir / "index.json").string());
  }
  for (const auto& entry : json["manifests"]) {
    auto desc = image::DescriptorFromJson(entry, "index.json");
    if (!desc) return std::unexpected(std::move(desc.error()).Context("reading {}", (dir / "index.json").string()));
    StoredImage image;
    image.name = desc->annotations.count(kNameAnnotation) ? desc->annotations[kNameAnnotation] : "";
    image.created = desc->annotations.count(kCreatedAnnotation) ? desc->annotations[kCreatedAnnotation] : "";
    image.root = std::move(*desc);
    // The store's own bookkeeping goes; annotations the build asked for (index-descriptor) stay.
    image.root.annotations.erase(kNameAnnotation);
    image.root.annotations.erase(std::string(content::kRefNameAnnotation));
    image.root.annotations.erase(kCreatedAnnotation);
    images.push_back(std::move(image));
  }
  return images;
}

util::Status WriteIndex(const fs::path& dir, std::vector<StoredImage> images) {
  std::stable_sort(images.begin(), images.end(), [](const StoredImage& a, const StoredImage& b) {
    return a.name.empty() != b.name.empty() ? !a.name.empty() : a.name < b.name;
  });
  nlohmann::json manifests = nlohmann::json::array();
  for (const auto& image : images) {
    image::Descriptor desc = image.root;
    if (!image.name.empty()) {
      desc.annotations[kNameAnnotation] = image.name;
      desc.annotations[std::string(content::kRefNameAnnotation)] = image.name;
    }
    if (!image.created.empty()) desc.annotations[kCreatedAnnotation] = image.created;
    manifests.push_back(image::DescriptorToJson(desc));
  }
  nlohmann::json index = {{"schemaVersion", 2},
                          {"mediaType", "application/vnd.oci.image.index.v1+json"},
                          {"manifests", manifests}};
  MANIFOLD_CHECK(util::WriteFileAtomic(dir / "oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
  return util::WriteFileAtomic(dir / "index.json", index.dump(2) + "\n");
}

// Holds an exclusive lock on the store's names for a read-modify-write.
util::Result<util::UniqueFd> LockNames(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  util::UniqueFd fd(::open((dir / "index.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!fd) return util::FailErrno(errno, "opening " + (dir / "index.lock").string());
  while (::flock(fd.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return util::FailErrno(errno, "locking " + (dir / "index.lock").string());
  }
  return fd;
}

}  // namespace

ImageStore::ImageStore(fs::path root) : dir_(std::move(root) / "content") {}

util::Result<std::vector<StoredImage>> ImageStore::List() const { return ReadIndex(dir_); }

util::Result<std::optional<StoredImage>> ImageStore::Get(const std::string& name) const {
  auto images = MANIFOLD_TRY(ReadIndex(dir_));
  for (auto& image : images) {
    if (!name.empty() && image.name == name) return std::optional<StoredImage>(std::move(image));
  }
  return std::optional<StoredImage>();
}

util::Status ImageStore::Put(const std::string& name, const image::Descriptor& root) {
  auto lock = MANIFOLD_TRY(LockNames(dir_));
  auto images = MANIFOLD_TRY(ReadIndex(dir_));
  if (name.empty()) {
    // An unnamed image is kept once per digest.
    std::erase_if(images, [&](const StoredImage& i) { return i.name.empty() && i.root.digest == root.digest; });
  } else {
    std::erase_if(images, [&](const StoredImage& i) { return i.name == name; });
  }
  StoredImage image{name, root, Now()};
  images.push_back(std::move(image));
  return WriteIndex(dir_, std::move(images));
}

util::Status ImageStore::Remove(const std::string& name) {
  auto lock = MANIFOLD_TRY(LockNames(dir_));
  auto images = MANIFOLD_TRY(ReadIndex(dir_));
  size_t removed = std::erase_if(images, [&](const StoredImage& i) { return i.name == name; });
  if (removed == 0) return util::Fail(util::ErrorKind::kNotFound, "no image named {} in manifold's store", name);
  return WriteIndex(dir_, std::move(images));
}

}  // namespace manifold::exporter
