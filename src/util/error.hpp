// Error values and Result<T>: how every recoverable failure travels up through the layers.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace manifold::util {

/// What kind of failure an Error is; the cli maps kinds to exit codes.
enum class ErrorKind {
  kInvalidArgument,
  kNotFound,
  kConflict,
  kUnavailable,
  kPermissionDenied,
  kCancelled,
  kInternal,
};

/// Returns a short lower-case name of `kind` ("invalid argument", ...).
std::string_view ErrorKindName(ErrorKind kind);

/// Where in a user's file an error points: file:line:column plus the offending line, so that
/// the message can show the line with a caret under the column (BuildKit's LocationError).
struct SourceLocation {
  std::string file;
  int line = 0;    ///< 1-based; 0 = unknown.
  int column = 0;  ///< 1-based; 0 = unknown.
  std::string line_text;
};

/// A failure: a kind, a message, the context chain added as it travelled up, and optionally
/// a source location. Cheap to move; not thread-safe to mutate concurrently.
class Error {
 public:
  Error(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  ErrorKind kind() const { return kind_; }
  /// The innermost message, without context.
  const std::string& message() const { return message_; }
  const std::optional<SourceLocation>& location() const { return location_; }

  /// Prepends one level of context ("pushing sha256:ab12 to localhost:5000/app").
  template <typename... Args>
  Error& Context(fmt::format_string<Args...> format, Args&&... args) & {
    context_.push_back(fmt::format(format, std::forward<Args>(args)...));
    return *this;
  }
  template <typename... Args>
  Error&& Context(fmt::format_string<Args...> format, Args&&... args) && {
    context_.push_back(fmt::format(format, std::forward<Args>(args)...));
    return std::move(*this);
  }

  Error& At(SourceLocation location) & {
    location_ = std::move(location);
    return *this;
  }
  Error&& At(SourceLocation location) && {
    location_ = std::move(location);
    return std::move(*this);
  }

  /// One line: outermost context first, "ctx: ctx: message"; with a location,
  /// "file:line:column: " leads.
  std::string What() const;
  /// What(), then for a located error the offending line and a caret under the column.
  std::string Describe() const;

 private:
  ErrorKind kind_;
  std::string message_;
  std::vector<std::string> context_;  // innermost first
  std::optional<SourceLocation> location_;
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

/// Builds an unexpected Error with a formatted message: `return Fail(kNotFound, "no {}", x);`.
template <typename... Args>
std::unexpected<Error> Fail(ErrorKind kind, fmt::format_string<Args...> format, Args&&... args) {
  return std::unexpected(Error(kind, fmt::format(format, std::forward<Args>(args)...)));
}

/// An unexpected Error describing errno `err` for operation `what` ("open /x: No such file").
std::unexpected<Error> FailErrno(int err, std::string_view what);

/// Programmer errors only; never for user input.
[[noreturn]] void AssertFail(const char* condition, const char* why, const char* file, int line);

}  // namespace manifold::util

#define MANIFOLD_ASSERT(cond, why) \
  ((cond) ? (void)0 : ::manifold::util::AssertFail(#cond, why, __FILE__, __LINE__))

// Evaluates a Result expression; on error returns it from the enclosing function, otherwise
// yields the value. (A GNU statement expression: GCC and Clang, which is all we build with.)
#define MANIFOLD_TRY(expr)                                       \
  ({                                                             \
    auto&& manifold_try_result_ = (expr);                        \
    if (!manifold_try_result_)                                   \
      return std::unexpected(std::move(manifold_try_result_.error())); \
    std::move(*manifold_try_result_);                            \
  })

// Like MANIFOLD_TRY for a Status (no value).
#define MANIFOLD_CHECK(expr)                                     \
  do {                                                           \
    auto&& manifold_check_result_ = (expr);                      \
    if (!manifold_check_result_)                                 \
      return std::unexpected(std::move(manifold_check_result_.error())); \
  } while (0)
