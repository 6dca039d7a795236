// MemberProgress: the member's name goes first in the event's name and id.
#include "builder/member_progress.hpp"

#include "solver/solver.hpp"

namespace manifold::builder {

void MemberProgress::Emit(const progress::Event& event) {
  if (name_.empty()) return out_.Emit(event);
  progress::Event named = event;
  named.name = solver::PrefixedName(event.name, name_);
  named.vertex = name_ + "/" + event.vertex;
  out_.Emit(named);
}

}  // namespace manifold::builder
