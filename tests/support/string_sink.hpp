// StringSink: a content::ByteSink that keeps every byte written to it, for tests.
#pragma once

#include <string>
#include <string_view>

#include "content/compress.hpp"

namespace manifold::testing {

/// Appends each Write() to `out`; never fails.
class StringSink final : public content::ByteSink {
 public:
  util::Status Write(std::string_view data) override {
    out.append(data);
    return {};
  }
  std::string out;
};

}  // namespace manifold::testing
