// libFuzzer target: the registry JSON documents: image manifest, index and config parsing.
//
// Input: one JSON document, read as each of the three. A document that parses must serialize
// to canonical bytes that parse again to the same bytes (what we push is what we read).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "image/config.hpp"
#include "image/index.hpp"
#include "image/json_canonical.hpp"
#include "image/manifest.hpp"

namespace image = manifold::image;

namespace {

[[noreturn]] void Fail(const char* what, const std::string& first, const std::string& detail) {
  std::fprintf(stderr, "%s does not round-trip\nfirst:  %s\nsecond: %s\n", what, first.c_str(), detail.c_str());
  std::abort();
}

// Serialize → parse → serialize must reach a fixed point at once.
template <typename Parse, typename Serialize>
void RoundTrip(const char* what, std::string_view bytes, Parse parse, Serialize serialize) {
  auto document = parse(bytes);
  if (!document) {
    (void)document.error().Describe();
    return;
  }
  const std::string first = serialize(*document);
  auto again = parse(first);
  if (!again) Fail(what, first, again.error().Describe());
  const std::string second = serialize(*again);
  if (second != first) Fail(what, first, second);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  RoundTrip("manifest", bytes, image::ParseManifest, [](const image::Manifest& m) {
    return image::SerializeManifest(m, image::MediaTypes::kOci);
  });
  RoundTrip("docker manifest", bytes, image::ParseManifest, [](const image::Manifest& m) {
    return image::SerializeManifest(m, image::MediaTypes::kDocker);
  });
  RoundTrip("index", bytes, image::ParseIndex, [](const image::Index& i) {
    return image::SerializeIndex(i, image::MediaTypes::kOci);
  });
  RoundTrip("config", bytes, image::ParseConfig, [](const image::ImageConfig& c) {
    return image::SerializeConfig(c);
  });
  RoundTrip("json", bytes, [](std::string_view b) { return image::ParseJson(b, "document"); },
            [](const nlohmann::json& j) { return image::CanonicalJson(j); });
  return 0;
}
