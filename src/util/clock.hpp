// util::UnixSeconds: the wall clock as stored in records and shown as ages.
#pragma once

#include <chrono>
#include <cstdint>

namespace manifold::util {

/// Seconds since the Unix epoch, now.
inline int64_t UnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace manifold::util
