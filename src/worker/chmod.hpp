// COPY --chmod: octal ("0755") or symbolic ("u+x,g-w", as chmod(1)) mode changes.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::worker {

/// A parsed --chmod value, applied to each copied file's own mode.
class ModeChange {
 public:
  /// Parses `spec`; errors name the flag value and the accepted forms.
  static util::Result<ModeChange> Parse(std::string_view spec);
  /// The new permission bits (07777) for an entry whose current mode is `mode`.
  mode_t Apply(mode_t mode, bool is_dir) const;

 private:
  struct Clause {
    mode_t who = 0;  // mask of affected bits (0 = all, umask not applied: a build has none)
    char op = '=';
    mode_t perms = 0;
    bool conditional_x = false;  // X: execute only for dirs or when some x is already set
  };
  bool octal_ = false;
  mode_t octal_mode_ = 0;
  std::vector<Clause> clauses_;
};

}  // namespace manifold::worker
