// Naming an archive's root: containerd's archive exporter conventions, as BuildKit uses them.
#include "exporter/layout_names.hpp"

#include <ctime>

#include "content/oci_layout.hpp"
#include "registry/reference.hpp"

namespace manifold::exporter {

namespace {

constexpr const char* kNameAnnotation = "io.containerd.image.name";
constexpr const char* kCreatedAnnotation = "org.opencontainers.image.created";

std::string Rfc3339(std::optional<int64_t> epoch) {
  std::time_t t = epoch ? static_cast<std::time_t>(*epoch) : std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

util::Result<std::vector<image::Descriptor>> NamedRoots(const image::Descriptor& root,
                                                        const std::vector<std::string>& names,
                                                        std::optional<int64_t> source_date_epoch) {
  image::Descriptor base = root;
  base.platform.reset();
  base.annotations.try_emplace(kCreatedAnnotation, Rfc3339(source_date_epoch));
  std::vector<image::Descriptor> roots;
  for (const auto& name : names) {
    auto ref = registry::ParseReference(name);
    if (!ref) return std::unexpected(std::move(ref.error()).Context("image name {:?}", name));
    image::Descriptor named = base;
    named.annotations[kNameAnnotation] = ref->String();
    // OCI's ref.name is the part after the repository: containerd writes the tag (and digest).
    std::string object = ref->tag;
    if (ref->digest) object += "@" + ref->digest->str();
    named.annotations[std::string(content::kRefNameAnnotation)] = object;
    roots.push_back(std::move(named));
  }
  if (roots.empty()) roots.push_back(std::move(base));
  return roots;
}

}  // namespace manifold::exporter
