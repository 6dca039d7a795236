// ExecuteContext's progress helpers.
#include "worker/worker.hpp"

namespace manifold::worker {

namespace {
progress::Event About(progress::EventKind kind, const std::string& vertex, const std::string& name,
                      const std::vector<std::string>& platforms, std::string text) {
  progress::Event e;
  e.kind = kind;
  e.vertex = vertex;
  e.name = name;
  e.platforms = platforms;
  e.text = std::move(text);
  return e;
}
}  // namespace

void ExecuteContext::Log(std::string line) const {
  sink_->Emit(About(progress::EventKind::kLog, vertex_id_, name_, platforms_, std::move(line)));
}

void ExecuteContext::Bytes(std::string what, int64_t current, int64_t total) const {
  progress::Event e = About(progress::EventKind::kBytes, vertex_id_, name_, platforms_, std::move(what));
  e.current = current;
  e.total = total;
  sink_->Emit(e);
}

}  // namespace manifold::worker
