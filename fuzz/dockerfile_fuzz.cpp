// libFuzzer target: Dockerfile bytes → Parse → Dump → Lower (two platforms) → graph JSON.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "frontend/dockerfile/dump.hpp"
#include "frontend/dockerfile/lower.hpp"
#include "frontend/dockerfile/parser.hpp"
#include "graph/graph_json.hpp"
#include "image/digest.hpp"

namespace dockerfile = manifold::frontend::dockerfile;
namespace image = manifold::image;
namespace util = manifold::util;

namespace {

const image::Platform kAmd64{"linux", "amd64", "", "", {}};
const image::Platform kArm64{"linux", "arm64", "", "", {}};

// Every FROM/--from image resolves to one small base, as a registry would answer: the frontend
// must then lower the whole file, not stop at the first FROM.
util::Result<dockerfile::ResolvedBaseImage> ResolveAnyImage(std::string_view, const image::Platform& platform) {
  dockerfile::ResolvedBaseImage base;
  base.reference = "localhost:5000/base@" + image::Digest::OfBytes("base").str();
  base.config.platform = platform;
  base.config.config.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/root"};
  base.config.config.working_dir = "/";
  return base;
}

dockerfile::LowerOptions Options() {
  dockerfile::LowerOptions options;
  options.targets = {kAmd64, kArm64};
  options.build_platform = kAmd64;
  options.build_args = {{"A", "1"}, {"VERSION", "1.0"}};
  options.labels = {{"org.example", "fuzz"}};
  options.source_date_epoch = 1700000000;
  options.context_excludes = {"*.tmp", "!keep.tmp"};
  options.resolve_image = ResolveAnyImage;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = dockerfile::Parse(bytes, "Dockerfile");
  if (!parsed) {
    (void)parsed.error().Describe();
    return 0;
  }
  (void)dockerfile::Dump(*parsed);
  static const dockerfile::LowerOptions options = Options();
  auto builds = dockerfile::Lower(*parsed, options);
  if (!builds) {
    (void)builds.error().Describe();
    return 0;
  }
  // The graph must serialize and read back: what a remote node receives.
  std::vector<manifold::graph::VertexRef> roots;
  for (const auto& build : *builds) {
    if (build.root) roots.push_back(build.root);
  }
  auto read_back = manifold::graph::GraphFromJson(manifold::graph::GraphToJson(roots));
  if (!read_back) {
    std::fprintf(stderr, "graph does not read back: %s\n", read_back.error().Describe().c_str());
    std::abort();
  }
  return 0;
}
