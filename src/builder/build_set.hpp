// builder::BuildSet: several builds (bake's targets) solved as one graph, each delivered on its own.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "builder/build.hpp"

namespace manifold::builder {

/// One build of a set.
struct BuildSetMember {
  /// bake's target name: it prefixes the member's steps in progress and names it in errors;
  /// "" for a lone `manifold build`.
  std::string name;
  BuildRequest request;
  /// Named contexts (by NamedContextKey of NAME) that are another member's result (bake's
  /// `contexts = { NAME = "target:OTHER" }`): the index of that member in the set. The linked
  /// member's graph is used directly, per platform; nothing is pushed or pulled between them.
  std::map<std::string, size_t> links;
};

/// Builds every member: each is read and lowered (members linked by `links` after the members
/// they use), then the members that share a layer format (compression, media types,
/// SOURCE_DATE_EPOCH) are solved as one graph, so that a vertex several members need (the same
/// base stage, the same dependency install, the same context read) runs once; then each member
/// is checked, exported and delivered as Build does, in order. Secrets of all members are
/// visible to the steps of all (an id given two different values is an error naming both
/// members); --no-cache and --no-cache-filter of one member apply to the steps it shares.
/// Results are in the members' order. The first failure stops the set: nothing of a member
/// whose delivery had not started is delivered. Errors name the member.
util::Result<std::vector<BuildResult>> BuildSet(const std::vector<BuildSetMember>& members, progress::Sink& progress);

}  // namespace manifold::builder
