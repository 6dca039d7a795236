// in-toto statements: JSON both ways, and the package URLs BuildKit names images with.
#include "image/in_toto.hpp"

#include <cctype>

#include <fmt/format.h>

#include "image/json_canonical.hpp"
#include "image/platform_parse.hpp"

namespace manifold::image {
namespace {

// purl qualifier values are percent-encoded; a platform has letters, digits and '/'.
std::string EncodeQualifier(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

}  // namespace

std::string SerializeStatement(const InTotoStatement& statement) {
  nlohmann::json subjects = nlohmann::json::array();
  for (const auto& s : statement.subjects) {
    subjects.push_back({{"name", s.name}, {"digest", {{std::string(s.digest.algorithm()), std::string(s.digest.hex())}}}});
  }
  nlohmann::json doc = {{"_type", kInTotoStatementV01},
                        {"predicateType", statement.predicate_type},
                        {"subject", subjects},
                        {"predicate", statement.predicate}};
  return CanonicalJson(doc);
}

util::Result<InTotoStatement> ParseStatement(std::string_view bytes) {
  auto doc = MANIFOLD_TRY(ParseJson(bytes, "in-toto statement"));
  auto bad = [](std::string_view field, std::string_view why) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "in-toto statement: {} {}", field, why);
  };
  if (!doc.is_object()) return bad("document", "is not an object");
  if (!doc.contains("_type") || !doc["_type"].is_string()) return bad("_type", "is missing");
  std::string type = doc["_type"];
  if (type != kInTotoStatementV01 && type != "https://in-toto.io/Statement/v1") {
    return bad("_type", fmt::format("{:?} is not an in-toto Statement", type));
  }
  InTotoStatement out;
  if (!doc.contains("predicateType") || !doc["predicateType"].is_string()) return bad("predicateType", "is missing");
  out.predicate_type = doc["predicateType"];
  if (doc.contains("predicate")) {
    if (!doc["predicate"].is_object()) return bad("predicate", "is not an object");
    out.predicate = doc["predicate"];
  }
  if (!doc.contains("subject") || !doc["subject"].is_array() || doc["subject"].empty()) {
    return bad("subject", "must be a non-empty array");
  }
  for (size_t i = 0; i < doc["subject"].size(); ++i) {
    const auto& s = doc["subject"][i];
    std::string where = fmt::format("subject[{}]", i);
    if (!s.is_object() || !s.contains("name") || !s["name"].is_string()) return bad(where + ".name", "is missing");
    if (!s.contains("digest") || !s["digest"].is_object() || !s["digest"].contains("sha256") ||
        !s["digest"]["sha256"].is_string()) {
      return bad(where + ".digest.sha256", "is missing");
    }
    auto digest = Digest::Parse("sha256:" + s["digest"]["sha256"].get<std::string>());
    if (!digest) return bad(where + ".digest.sha256", "is not a sha256 digest");
    out.subjects.push_back({s["name"], *digest});
  }
  return out;
}

std::string DockerPackageUrl(std::string_view name, const Platform& platform) {
  std::string ref(name);
  if (size_t at = ref.find('@'); at != std::string::npos) ref.resize(at);
  std::string tag = "latest";
  size_t colon = ref.rfind(':');
  if (colon != std::string::npos && ref.find('/', colon) == std::string::npos) {
    tag = ref.substr(colon + 1);
    ref.resize(colon);
  }
  return fmt::format("pkg:docker/{}@{}?platform={}", ref, tag, EncodeQualifier(Format(platform)));
}

std::string ImageSubjectName(std::string_view name, const Platform& platform) {
  if (name.empty()) return "_";
  return DockerPackageUrl(name, platform);
}

}  // namespace manifold::image
