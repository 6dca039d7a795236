// builder::MemberProgress: a build set member's own progress (its export and delivery), named.
#pragma once

#include <string>

#include "progress/sink.hpp"

namespace manifold::builder {

/// Forwards events to `out` with the member's name put first in each vertex name ("exporting
/// to image" → "[app] exporting to image", solver::PrefixedName) and in its id, so that two
/// members' "exporting manifest list" lines stay two vertices. An empty name forwards events
/// unchanged (a lone build). Thread-safe as `out`; `out` must outlive it.
class MemberProgress final : public progress::Sink {
 public:
  MemberProgress(progress::Sink& out, std::string name) : out_(out), name_(std::move(name)) {}
  void Emit(const progress::Event& event) override;

 private:
  progress::Sink& out_;
  std::string name_;
};

}  // namespace manifold::builder
