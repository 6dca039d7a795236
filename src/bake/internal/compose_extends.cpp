// ApplyExtends: compose-go's loader/extends.go — a service built on another one, of the same file
// or of another file.
#include <optional>

#include "bake/internal/compose_files.hpp"
#include "bake/internal/compose_model.hpp"

namespace manifold::bake::internal {
namespace {

namespace fs = std::filesystem;

struct ExtendsRef {
  std::string service;
  std::optional<std::string> file;
  const YamlNode* at = nullptr;
};

// One step of a chain being resolved, compose-go's serviceRef.
struct Link {
  std::string service;
  std::string file_id;
  std::string file;
};

util::Result<std::optional<ExtendsRef>> ReadExtends(const YamlNode& service,
                                                    const std::string& name) {
  const YamlNode* extends = service.Find("extends");
  if (extends == nullptr || extends->IsNull()) return std::nullopt;
  ExtendsRef ref{.service = {}, .file = std::nullopt, .at = extends};
  if (extends->IsScalar()) {
    ref.service = extends->scalar;
  } else if (extends->IsMapping()) {
    const YamlNode* target = extends->Find("service");
    if (target == nullptr || !target->IsScalar()) {
      return FailAt(*extends, "services.{}.extends.service is required (the service to extend)",
                    name);
    }
    ref.service = target->scalar;
    if (const YamlNode* file = extends->Find("file"); file != nullptr && !file->IsNull()) {
      if (!file->IsScalar() || file->scalar.empty()) {
        return FailAt(*file, "services.{}.extends.file must be a path", name);
      }
      ref.file = file->scalar;
    }
  } else {
    return FailAt(*extends, "services.{}.extends must be a service name or a mapping, not {}", name,
                  KindName(*extends));
  }
  if (ref.service.empty()) {
    return FailAt(*extends, "services.{}.extends: the service to extend is empty", name);
  }
  return ref;
}

class Resolver {
 public:
  Resolver(const VariableLookup& lookup, ComposeFiles& files) : lookup_(lookup), files_(files) {}

  util::Status Resolve(YamlNode& services, const std::string& name, const ComposeScope& scope);

 private:
  util::Result<YamlNode*> OtherFile(const fs::path& path, const ComposeScope& scope,
                                    const YamlNode& at);
  std::string Circle(const Link& again) const;

  const VariableLookup& lookup_;
  ComposeFiles& files_;
  std::vector<Link> chain_;
};

std::string Resolver::Circle(const Link& again) const {
  std::string out;
  for (const Link& link : chain_) {
    out += fmt::format("{}{} in {}", out.empty() ? "" : " extends ", link.service, link.file);
  }
  return out + fmt::format(" extends {} in {}", again.service, again.file);
}

// getExtendsBaseFromFile: the other file read on its own (no include, no extends yet: they are
// resolved service by service), its relative paths made relative to the extending file's.
util::Result<YamlNode*> Resolver::OtherFile(const fs::path& path, const ComposeScope& scope,
                                            const YamlNode& at) {
  std::string key =
      files_.Identity(path) + '\n' + scope.path_base.string() + '\n' + scope.context_base.string();
  if (YamlNode* cached = files_.Extended(key)) return cached;
  std::vector<YamlNode> documents = MANIFOLD_TRY(files_.Load(path, at));
  YamlNode model;
  model.kind = YamlNode::Kind::kMapping;
  for (YamlNode& document : documents) {
    if (document.IsNull()) continue;
    if (!document.IsMapping()) {
      return FailAt(document, "top-level object must be a mapping, not {}", KindName(document));
    }
    MANIFOLD_CHECK(InterpolateDocument(document, lookup_));
    MANIFOLD_CHECK(CanonicalizeDocument(document));
    document.Erase("include");
    MANIFOLD_CHECK(MergeDocument(model, std::move(document)));
  }
  RebasePaths(model, RelativeDir(path.parent_path(), scope.path_base),
              RelativeDir(path.parent_path(), scope.context_base),
              /*default_context=*/false);
  return &files_.Remember(key, std::move(model));
}

util::Status Resolver::Resolve(YamlNode& services, const std::string& name,
                               const ComposeScope& scope) {
  const YamlNode* service = services.Find(name);
  if (service == nullptr || !service->IsMapping()) return {};
  std::optional<ExtendsRef> ref = MANIFOLD_TRY(ReadExtends(*service, name));
  if (!ref) return {};
  const YamlNode& at = *ref->at;

  Link link{.service = name, .file_id = files_.Identity(scope.file), .file = scope.file};
  for (const Link& seen : chain_) {
    if (seen.service == link.service && seen.file_id == link.file_id) {
      return FailAt(at, "circular extends: {}", Circle(link));
    }
  }
  if (chain_.size() >= kMaxComposeDepth) {
    return FailAt(at, "services.{}: extends chain longer than {} services", name, kMaxComposeDepth);
  }
  chain_.push_back(std::move(link));

  YamlNode base;
  if (ref->file) {
    fs::path path = (scope.ref_dir / *ref->file).lexically_normal();
    YamlNode* other = MANIFOLD_TRY(OtherFile(path, scope, at));
    YamlNode* other_services = other->Find("services");
    if (other_services == nullptr || other_services->Find(ref->service) == nullptr) {
      return FailAt(at, "cannot extend service \"{}\": service \"{}\" not found in {}", name,
                    ref->service, path.string());
    }
    // References in the other file are relative to it; its paths were already rebased.
    ComposeScope other_scope{.file = path.string(),
                             .ref_dir = path.parent_path(),
                             .path_base = scope.path_base,
                             .context_base = scope.context_base,
                             .include_chain = {}};
    MANIFOLD_CHECK(Resolve(*other_services, ref->service, other_scope));
    base = *other_services->Find(ref->service);
  } else {
    if (services.Find(ref->service) == nullptr) {
      return FailAt(at, "cannot extend service \"{}\" in {}: service \"{}\" not found", name,
                    scope.file, ref->service);
    }
    MANIFOLD_CHECK(Resolve(services, ref->service, scope));
    base = *services.Find(ref->service);
  }
  chain_.pop_back();

  // The recursion may have replaced entries of `services`: find the service again.
  YamlNode* extending = services.Find(name);
  YamlNode over = std::move(*extending);
  over.Erase("extends");
  if (!base.IsMapping()) base.kind = YamlNode::Kind::kMapping;
  // Errors about the result (no image nor build, ...) point at the extending service.
  base.line = over.line;
  base.column = over.column;
  base.source = over.source;
  MANIFOLD_CHECK(MergeResource(base, std::move(over), "services", name));
  base.Erase("extends");
  *extending = std::move(base);
  return {};
}

}  // namespace

util::Status ApplyExtends(YamlNode& document, const ComposeScope& scope,
                          const VariableLookup& lookup, ComposeFiles& files) {
  YamlNode* services = document.Find("services");
  if (services == nullptr || !services->IsMapping()) return {};
  Resolver resolver(lookup, files);
  // By index: resolving one service replaces entries in place, never adds or removes any.
  for (std::size_t i = 0; i < services->entries.size(); ++i) {
    std::string name = services->entries[i].first;
    MANIFOLD_CHECK(resolver.Resolve(*services, name, scope));
  }
  return {};
}

}  // namespace manifold::bake::internal
