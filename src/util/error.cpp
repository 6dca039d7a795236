// Error formatting and the assertion handler.
#include "util/error.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/terminal_text.hpp"

namespace manifold::util {

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid argument";
    case ErrorKind::kNotFound: return "not found";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kUnavailable: return "unavailable";
    case ErrorKind::kPermissionDenied: return "permission denied";
    case ErrorKind::kCancelled: return "cancelled";
    case ErrorKind::kInternal: return "internal error";
  }
  return "error";
}

std::string Error::What() const {
  std::string out;
  for (auto it = context_.rbegin(); it != context_.rend(); ++it) {
    out += *it;
    out += ": ";
  }
  if (location_ && !location_->file.empty()) {
    out += location_->file;
    if (location_->line > 0) out += fmt::format(":{}", location_->line);
    if (location_->column > 0) out += fmt::format(":{}", location_->column);
    out += ": ";
  }
  out += message_;
  return out;
}

std::string Error::Describe() const {
  // What a terminal shows (the cli prints every error through here): text that came from
  // outside (a registry's message, a file name, a Dockerfile line) must not act on it, so
  // control characters are made visible (SanitizeForTerminal). Newlines are manifold's own
  // (location, output tails). What() stays the raw text.
  std::string out = SanitizeForTerminal(What(), /*keep_newlines=*/true);
  if (location_ && location_->line > 0 && !location_->line_text.empty()) {
    std::string prefix = fmt::format(" {:>4} | ", location_->line);
    out += "\n" + prefix + SanitizeForTerminal(location_->line_text);
    if (location_->column > 0) {
      std::string pad(prefix.size() - 2, ' ');
      out += "\n" + pad + "| " + std::string(location_->column - 1, ' ') + "^";
    }
  }
  return out;
}

std::unexpected<Error> FailErrno(int err, std::string_view what) {
  ErrorKind kind = ErrorKind::kInternal;
  if (err == ENOENT || err == ENOTDIR) kind = ErrorKind::kNotFound;
  if (err == EACCES || err == EPERM || err == EROFS) kind = ErrorKind::kPermissionDenied;
  if (err == EEXIST) kind = ErrorKind::kConflict;
  if (err == EINVAL || err == ELOOP || err == EXDEV) kind = ErrorKind::kInvalidArgument;
  if (err == ENOSPC || err == EAGAIN || err == EINTR) kind = ErrorKind::kUnavailable;
  return std::unexpected(Error(kind, fmt::format("{}: {}", what, std::strerror(err))));
}

void AssertFail(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "manifold: internal error: %s (%s) at %s:%d\n", why, condition, file, line);
  std::abort();
}

}  // namespace manifold::util
