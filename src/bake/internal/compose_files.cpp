// ComposeFiles, RebasePaths and AddComposeDocuments: reading the files `include` and `extends`
// name, and compose-go's loadYamlFile steps for one file.
#include "bake/internal/compose_files.hpp"

#include <array>
#include <fstream>
#include <sstream>

#include "bake/internal/compose_model.hpp"
#include "bake/internal/normalize.hpp"

namespace manifold::bake::internal {
namespace fs = std::filesystem;

ComposeFiles::ComposeFiles(fs::path working_dir) : working_dir_(std::move(working_dir)) {}

fs::path ComposeFiles::OnDisk(const fs::path& path) const {
  if (path.is_absolute() || working_dir_.empty()) return path;
  return working_dir_ / path;
}

std::string ComposeFiles::Identity(const fs::path& path) const {
  std::error_code ec;
  fs::path absolute = fs::absolute(OnDisk(path), ec);
  if (ec) return OnDisk(path).lexically_normal().string();
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return (ec ? absolute.lexically_normal() : canonical).string();
}

util::Result<std::string> ComposeFiles::ReadText(const fs::path& path, const YamlNode& at) const {
  fs::path disk = OnDisk(path);
  std::error_code ec;
  fs::file_status status = fs::status(disk, ec);
  if (!fs::exists(status)) {
    return FailAt(at,
                  "{}: no such file (relative paths are relative to the file "
                  "that names them)",
                  path.string());
  }
  if (!fs::is_regular_file(status)) return FailAt(at, "{}: not a regular file", path.string());
  std::ifstream in(disk, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || in.bad()) return FailAt(at, "{}: cannot be read", path.string());
  return text.str();
}

util::Result<std::vector<YamlNode>> ComposeFiles::Load(const fs::path& path, const YamlNode& at) {
  // Depth limits bound a chain; this bounds fan-out (a file including another twice, that one
  // including a third twice, ...), which compose-go leaves unbounded.
  if (++reads_ > kMaxComposeFileReads) {
    return FailAt(at,
                  "{}: more than {} included or extended files read; check include and "
                  "extends for a loop",
                  path.string(), kMaxComposeFileReads);
  }
  std::string text = MANIFOLD_TRY(ReadText(path, at));
  Stored& stored = files_.emplace_back(Stored{path.string(), std::move(text), {}});
  stored.source = YamlSource{stored.name, stored.data};
  return LoadYaml(stored.source);
}

YamlNode* ComposeFiles::Extended(const std::string& key) {
  auto it = extended_.find(key);
  return it == extended_.end() ? nullptr : &it->second;
}

YamlNode& ComposeFiles::Remember(const std::string& key, YamlNode model) {
  return extended_.insert_or_assign(key, std::move(model)).first->second;
}

fs::path RelativeDir(const fs::path& child, const fs::path& base) {
  fs::path c = child.empty() ? fs::path(".") : child.lexically_normal();
  fs::path b = base.empty() ? fs::path(".") : base.lexically_normal();
  if (c.is_absolute() != b.is_absolute()) return c.is_absolute() ? c : child;
  fs::path relative = c.lexically_relative(b);
  if (relative.empty()) return c;
  if (relative == ".") return {};
  return relative;
}

namespace {

void Rebase(YamlNode& node, const fs::path& prefix) {
  if (prefix.empty() || !node.IsScalar() || node.scalar.empty()) return;
  if (node.scalar.starts_with('/') || node.scalar.starts_with('~')) return;
  node.scalar = CleanPath(prefix.string() + "/" + node.scalar);
}

// compose-go's absContextPath keeps these (isRemoteContext, `service:`, any `scheme://`); `target:`
// too, which bake reads as another target.
bool IsLocalContext(std::string_view path) {
  static constexpr std::array<std::string_view, 8> kKept = {
      "service:", "target:", "https://", "http://", "git://", "ssh://", "github.com/", "git@"};
  if (path.find("://") != std::string_view::npos) return false;
  for (std::string_view prefix : kKept) {
    if (path.starts_with(prefix)) return false;
  }
  return true;
}

void RebaseContext(YamlNode& node, const fs::path& prefix) {
  if (node.IsScalar() && IsLocalContext(node.scalar)) Rebase(node, prefix);
}

void RebaseBuild(YamlNode& build, const fs::path& file_prefix, const fs::path& context_prefix,
                 bool default_context) {
  if (!build.IsMapping()) return;
  if (default_context && build.Find("context") == nullptr) {
    YamlNode dot;
    dot.kind = YamlNode::Kind::kScalar;
    dot.scalar = ".";
    dot.line = build.line;
    dot.column = build.column;
    dot.source = build.source;
    build.Set("context", std::move(dot));
  }
  if (YamlNode* context = build.Find("context")) RebaseContext(*context, context_prefix);
  if (YamlNode* contexts = build.Find("additional_contexts")) {
    for (auto& [name, value] : contexts->entries) RebaseContext(value, context_prefix);
  }
  if (YamlNode* ssh = build.Find("ssh")) {
    for (auto& [id, value] : ssh->entries) Rebase(value, file_prefix);
  }
}

}  // namespace

void RebasePaths(YamlNode& model, const fs::path& file_prefix, const fs::path& context_prefix,
                 bool default_context) {
  if (YamlNode* services = model.Find("services")) {
    for (auto& [name, service] : services->entries) {
      if (YamlNode* build = service.Find("build")) {
        RebaseBuild(*build, file_prefix, context_prefix, default_context);
      }
      YamlNode* env_files = service.Find("env_file");
      if (env_files == nullptr) continue;
      for (YamlNode& entry : env_files->items) {
        if (YamlNode* path = entry.Find("path")) {
          Rebase(*path, file_prefix);
        } else {
          Rebase(entry, file_prefix);
        }
      }
    }
  }
  if (YamlNode* secrets = model.Find("secrets")) {
    for (auto& [name, secret] : secrets->entries) {
      if (YamlNode* file = secret.Find("file")) Rebase(*file, file_prefix);
    }
  }
}

util::Status AddComposeDocuments(YamlNode& model, std::vector<YamlNode> documents,
                                 const ComposeScope& scope, const VariableLookup& lookup,
                                 ComposeFiles& files) {
  for (YamlNode& document : documents) {
    if (document.IsNull()) continue;
    if (!document.IsMapping()) {
      return FailAt(document, "top-level object must be a mapping, not {}", KindName(document));
    }
    MANIFOLD_CHECK(InterpolateDocument(document, lookup));
    MANIFOLD_CHECK(CanonicalizeDocument(document));
    // compose-go: includes first, so that a service may extend an included one.
    MANIFOLD_CHECK(ApplyInclude(document, scope, lookup, files));
    MANIFOLD_CHECK(ApplyExtends(document, scope, lookup, files));
    MANIFOLD_CHECK(MergeDocument(model, std::move(document)));
  }
  return {};
}

}  // namespace manifold::bake::internal
