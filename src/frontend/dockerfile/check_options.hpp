// CheckOptions: which build checks run and whether they fail the build (`# check=`, --check).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// Build-check controls, as BuildKit's `# check=` directive holds them. Plain data.
struct CheckOptions {
  bool skip_all = false;          ///< skip=all
  std::vector<std::string> skip;  ///< rule names from skip=a,b; any name is accepted (other
                                  ///< builders' rules too), compared exactly as BuildKit does
  std::optional<bool> error;      ///< error=…; nullopt when not said (findings only warn)

  /// True when the rule named `rule` is not to run.
  bool Skips(std::string_view rule) const;
  /// True when a finding of a check that ran fails the build.
  bool Fails() const { return error.value_or(false); }
};

/// Parses BuildKit's syntax: `;`-separated `key=value` options with the keys `skip` (a comma
/// list of rule names, or `all`), `error` (a Go strconv.ParseBool word: true, false, 1, 0, t, f,
/// …) and `experimental` (accepted and ignored: manifold has no experimental rules). Blanks
/// around keys, values and rule names are trimmed; empty text gives the defaults. Errors
/// (kInvalidArgument) quote the offending option: no `=`, an unknown key, a non-boolean error
/// value, an empty skip list or rule name.
util::Result<CheckOptions> ParseCheckOptions(std::string_view text);

/// The --check flag: ParseCheckOptions's syntax where a bare `error` also means error=true
/// (`--check=error`, `--check=skip=WrongArchBinary;error`). Errors as ParseCheckOptions.
util::Result<CheckOptions> ParseCheckFlag(std::string_view text);

/// `over` applied on top of `base`: skipped rules add up; `over`'s error wins when it says one.
CheckOptions MergeCheckOptions(CheckOptions base, const CheckOptions& over);

}  // namespace manifold::frontend::dockerfile
