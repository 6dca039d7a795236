// ShellEnv: the ordered variables (ARG and ENV scopes) that shell-word expansion reads.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manifold::frontend::dockerfile {

/// An ordered name → value table for ShellLexer. Names are compared exactly (Linux
/// semantics: `pwd` is not `PWD`). A variable can be set to the empty string, which differs
/// from unset (`${V-x}` vs `${V:-x}`). Setting an existing name replaces its value in place,
/// so a later ENV/ARG for the same name wins and the first-set order is kept for listing.
/// Lookups are linear: Dockerfile scopes hold tens of names. Not thread-safe to mutate
/// while another thread reads; concurrent const use is safe.
class ShellEnv {
 public:
  using Entry = std::pair<std::string, std::string>;

  ShellEnv() = default;
  /// Sets each entry in order (a repeated name: the last value wins).
  ShellEnv(std::initializer_list<Entry> entries);

  /// Builds from `NAME=value` strings as BuildKit's BuildEnvs does: split at the first '=';
  /// a string without '=' sets NAME to "". Later strings win.
  static ShellEnv FromList(const std::vector<std::string>& assignments);

  /// Sets `name` to `value`, replacing an existing value (its position is kept).
  void Set(std::string_view name, std::string_view value);
  /// Removes `name`; no effect when it is not set.
  void Unset(std::string_view name);

  /// The value of `name`, or nullopt when unset. The view is valid until the next mutation.
  std::optional<std::string_view> Get(std::string_view name) const;
  bool Contains(std::string_view name) const { return Get(name).has_value(); }

  /// The entries in first-set order.
  const std::vector<Entry>& entries() const { return entries_; }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace manifold::frontend::dockerfile
