// The inputs of a build set: link order, pooled secrets and agents, the shared layer format.
#include "builder/internal/build_set_inputs.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "builder/deliver_outputs.hpp"
#include "builder/engine_delivery.hpp"
#include "builder/image_outputs.hpp"
#include "registry/reference.hpp"

namespace manifold::builder::internal {

util::Status CheckOutputs(const BuildRequest& request) {
  MANIFOLD_CHECK(CheckOutputOptions(request));
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kDocker && !out.dest.empty() && request.platforms.size() > 1) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--output {}: a docker archive holds one platform, and {} were asked for; use type=oci "
                        "for a multi-platform archive, or one --platform",
                        out.raw, request.platforms.size());
    }
    if ((out.type == exporter::OutputType::kRegistry || (out.type == exporter::OutputType::kImage && out.push)) &&
        out.names.empty() && request.tags.empty() && out.dangling_name_prefix.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--output {}: no image name to push to; add name=REGISTRY/REPO:TAG or -t REGISTRY/REPO:TAG",
                        out.raw);
    }
  }
  if (request.push && request.tags.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--push needs at least one -t REGISTRY/REPO:TAG to push to");
  }
  // A node building its share delivers nothing itself: the client loads into its own Engine.
  if (!request.platform_share) MANIFOLD_CHECK(CheckEngineOutputs(request));
  return {};
}

// `registry.insecure=true` on an output: its registries speak plain HTTP.
void MarkInsecureOutputs(const BuildRequest& request, registry::RegistryHosts& hosts) {
  for (const auto& out : request.outputs) {
    if (!out.registry_insecure) continue;
    for (const auto& name : out.names.empty() ? request.tags : out.names) {
      if (auto ref = registry::ParseReference(name)) hosts.MarkInsecure(ref->domain);
    }
  }
}

// --no-cache: no step looks; --no-cache-filter: the steps of those stages ("[NAME i/n] …").
std::function<bool(const graph::Vertex&)> IgnoreCache(const BuildRequest& request) {
  if (request.no_cache) return [](const graph::Vertex&) { return true; };
  if (request.no_cache_filter.empty()) return {};
  return [stages = request.no_cache_filter](const graph::Vertex& vertex) {
    const std::string& name = vertex.name();
    if (name.empty() || name.front() != '[') return false;
    std::string stage = name.substr(1, name.find_first_of(" ]") - 1);
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
  };
}

util::Error InMember(util::Error error, const BuildSetMember& member) {
  if (member.name.empty()) return error;
  return std::move(error).Context("target {:?}", member.name);
}

bool SameLayerFormat(const BuildRequest& a, const BuildRequest& b) {
  const ImageFormat fa = ImageFormatOf(a);
  const ImageFormat fb = ImageFormatOf(b);
  return fa.compression.compression == fb.compression.compression && fa.compression.level == fb.compression.level &&
         fa.family == fb.family && fa.force_compression == fb.force_compression &&
         a.source_date_epoch == b.source_date_epoch;
}

util::Result<std::vector<size_t>> LinkOrder(const std::vector<BuildSetMember>& members) {
  std::vector<size_t> order;
  std::vector<int> state(members.size(), 0);  // 0 new, 1 being visited, 2 placed
  std::function<util::Status(size_t)> visit = [&](size_t i) -> util::Status {
    if (state[i] == 2) return {};
    if (state[i] == 1) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "target {:?} depends on itself through its contexts",
                        members[i].name);
    }
    state[i] = 1;
    for (const auto& [key, other] : members[i].links) {
      if (other >= members.size()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "target {:?}: context {} links to no target",
                          members[i].name, key);
      }
      MANIFOLD_CHECK(visit(other));
    }
    state[i] = 2;
    order.push_back(i);
    return {};
  };
  for (size_t i = 0; i < members.size(); ++i) MANIFOLD_CHECK(visit(i));
  return order;
}

util::Result<session::SecretStore> MergedSecrets(const std::vector<const BuildSetMember*>& members) {
  std::map<std::string, std::string> values;
  std::map<std::string, const BuildSetMember*> given_by;
  for (const BuildSetMember* member : members) {
    const BuildRequest& request = member->request;
    auto store = request.secret_values ? session::SecretStore::FromValues(*request.secret_values)
                                       : session::SecretStore::FromFlags(request.secrets);
    if (!store) return std::unexpected(InMember(std::move(store.error()), *member));
    for (const auto& [id, value] : store->All()) {
      auto [it, inserted] = values.emplace(id, value);
      if (!inserted && it->second != value) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "secret {:?} has different values in targets {:?} and {:?}, which are built together: "
                          "give them different ids",
                          id, given_by[id]->name, member->name);
      }
      given_by.emplace(id, member);
    }
  }
  return session::SecretStore::FromValues(std::move(values));
}

util::Result<session::SshAgents> MergedSshAgents(const std::vector<const BuildSetMember*>& members) {
  std::vector<std::string> specs;
  for (const BuildSetMember* member : members) {
    for (const auto& spec : member->request.ssh) {
      if (std::find(specs.begin(), specs.end(), spec) == specs.end()) specs.push_back(spec);
    }
  }
  return session::SshAgents::FromFlags(specs);
}

}  // namespace manifold::builder::internal
