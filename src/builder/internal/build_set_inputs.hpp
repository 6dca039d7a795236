// The inputs a build set's members pool or must agree on: link order, secrets, ssh agents,
// the layer format; and how errors name a member.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "builder/build_set.hpp"
#include "graph/vertex.hpp"
#include "registry/hosts.hpp"
#include "session/secrets.hpp"
#include "util/error.hpp"

namespace manifold::builder::internal {

/// The request's outputs are consistent before anything runs (CheckOutputOptions, a docker
/// archive of one platform, a name to push to, an Engine to load into). Errors name the flag.
util::Status CheckOutputs(const BuildRequest& request);

/// `registry.insecure=true` on an output: its registries speak plain HTTP.
void MarkInsecureOutputs(const BuildRequest& request, registry::RegistryHosts& hosts);

/// --no-cache: no step looks in the cache; --no-cache-filter: the steps of those stages
/// ("[NAME i/n] …"). Unset when the request ignores nothing.
std::function<bool(const graph::Vertex&)> IgnoreCache(const BuildRequest& request);

/// `error` with "target \"NAME\": " before it (unchanged for a lone build's unnamed member).
util::Error InMember(util::Error error, const BuildSetMember& member);

/// True when `a` and `b` make layers alike (compression, level, media types, forced
/// recompression, SOURCE_DATE_EPOCH): the worker applies these to every layer it writes, so
/// only such members can share a solve.
bool SameLayerFormat(const BuildRequest& a, const BuildRequest& b);

/// The members' indices in an order where each comes after the members it links to. Errors
/// (kInvalidArgument): a link to an index out of range, or a cycle.
util::Result<std::vector<size_t>> LinkOrder(const std::vector<BuildSetMember>& members);

/// Every member's secrets in one store: a step reads the id it names, whichever member it
/// serves. Errors: a member's unreadable secret (named by member), the same id with two
/// different values (both members named).
util::Result<session::SecretStore> MergedSecrets(const std::vector<const BuildSetMember*>& members);

/// Every member's --ssh values, each once, as one set of agents.
util::Result<session::SshAgents> MergedSshAgents(const std::vector<const BuildSetMember*>& members);

}  // namespace manifold::builder::internal
