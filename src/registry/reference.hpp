// TEMPORARY (lead's branch): the regref branch brings the real reference parser.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include "image/digest.hpp"
#include "util/error.hpp"
namespace manifold::registry {
struct Reference {
  std::string domain, path, tag;
  std::optional<image::Digest> digest;
  std::string Name() const { return domain + "/" + path; }
  std::string String() const { return Name() + (tag.empty() ? "" : ":" + tag) + (digest ? "@" + digest->str() : ""); }
  std::string TagOrDigest() const { return digest ? digest->str() : tag; }
};
util::Result<Reference> ParseReference(std::string_view text);
}  // namespace manifold::registry
