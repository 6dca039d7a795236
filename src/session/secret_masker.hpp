// session::SecretMasker: every shape a secret's value takes in a step's output, replaced by "****".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::session {

/// Masks a build's secret values in text a user will see (a RUN step's output lines, and so
/// the error tails, rawjson, tty and plain views made from them). For each value it masks:
/// the value; the value without its trailing newline(s) (`echo token > file` leaves one); each
/// of its lines of 4 or more characters (a PEM key printed line by line); and its base64, at
/// each of the three byte alignments the value can have inside a longer base64 text, as CI
/// systems do. Values shorter than 3 characters (and base64 fragments shorter than 6) are not
/// masked: replacing "a" everywhere would garble the log without protecting anything.
/// Thread-safe once built (read-only).
class SecretMasker {
 public:
  SecretMasker() = default;
  explicit SecretMasker(const std::vector<std::string_view>& values);

  /// `text` with every occurrence of every pattern replaced by "****", longest patterns first.
  /// `text` should be one whole line: a value split over two calls is not seen.
  std::string Mask(std::string text) const;

  /// The patterns, longest first (for tests).
  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  std::vector<std::string> patterns_;
};

}  // namespace manifold::session
