// worker::CheckRunnable: can this machine execute RUN steps for these platforms?
#pragma once

#include <string_view>
#include <vector>

#include "graph/vertex.hpp"
#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::worker {

/// Fails before any work when a RUN step of `roots`' graphs targets a platform this machine can
/// run neither natively nor through a registered binfmt_misc handler, naming the platform and
/// the fix (`manifold binfmt install ARCH`). Platforms without RUN steps need nothing.
util::Status CheckRunnable(const std::vector<graph::VertexRef>& roots);

/// The same check for processes of `platforms`; `what` names them in the error ("RUN steps").
util::Status CheckRunnablePlatforms(const std::vector<image::Platform>& platforms, std::string_view what);

}  // namespace manifold::worker
