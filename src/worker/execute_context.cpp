// ExecuteContext's progress helpers.
#include "worker/worker.hpp"

namespace manifold::worker {

void ExecuteContext::Log(std::string line) const {
  progress::Event e;
  e.kind = progress::EventKind::kLog;
  e.vertex = vertex_id_;
  e.name = name_;
  e.platforms = platforms_;
  e.text = std::move(line);
  sink_->Emit(e);
}

void ExecuteContext::Bytes(std::string what, int64_t current, int64_t total) const {
  progress::Event e;
  e.kind = progress::EventKind::kBytes;
  e.vertex = vertex_id_;
  e.name = name_;
  e.platforms = platforms_;
  e.text = std::move(what);
  e.current = current;
  e.total = total;
  sink_->Emit(e);
}

}  // namespace manifold::worker
