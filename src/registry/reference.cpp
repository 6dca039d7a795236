// ParseReference: docker's reference grammar (distribution/reference's regular expressions,
// written out by hand) and its normalization rules.
#include "registry/reference.hpp"

#include <algorithm>
#include <cctype>

namespace manifold::registry {
namespace {

using util::ErrorKind;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | [-]+
bool ValidPathComponent(std::string_view c) {
  if (c.empty() || !IsLowerAlnum(c.front()) || !IsLowerAlnum(c.back())) return false;
  for (size_t i = 0; i < c.size();) {
    if (IsLowerAlnum(c[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < c.size() && !IsLowerAlnum(c[i])) ++i;
    std::string_view sep = c.substr(start, i - start);
    bool dashes = std::all_of(sep.begin(), sep.end(), [](char x) { return x == '-'; });
    if (!(sep == "." || sep == "_" || sep == "__" || dashes)) return false;
  }
  return true;
}

// domain := host[:port]; host := domain-name | IPv4 | [IPv6]
bool ValidDomain(std::string_view d) {
  if (d.empty()) return false;
  std::string_view host = d;
  if (d.front() == '[') {
    auto close = d.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view inside = d.substr(1, close - 1);
    if (inside.empty() || !std::all_of(inside.begin(), inside.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; })) return false;
    std::string_view rest = d.substr(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':' || rest.size() == 1) return false;
    return std::all_of(rest.begin() + 1, rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  }
  if (auto colon = d.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = d.substr(colon + 1);
    if (port.empty() || !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) return false;
    host = d.substr(0, colon);
  }
  size_t start = 0;
  while (start <= host.size()) {
    size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view label = host.substr(start, end - start);
    if (label.empty() || !std::isalnum(static_cast<unsigned char>(label.front())) ||
        !std::isalnum(static_cast<unsigned char>(label.back())) ||
        !std::all_of(label.begin(), label.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; })) {
      return false;
    }
    start = end + 1;
    if (end == host.size()) break;
  }
  return true;
}

// tag := [\w][\w.-]{0,127}
bool ValidTag(std::string_view t) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (t.empty() || t.size() > 128 || !word(t.front())) return false;
  return std::all_of(t.begin(), t.end(), [&](char c) { return word(c) || c == '.' || c == '-'; });
}

util::Result<Reference> Parse(std::string_view text, bool default_tag) {
  auto bad = [&](std::string_view why) {
    return util::Fail(ErrorKind::kInvalidArgument, "invalid reference {:?}: {}", text, why);
  };
  if (text.empty()) return bad("empty");
  if (text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c)); })) {
    return bad("a 64-character hexadecimal string is an image ID, not a name");
  }
  Reference ref;
  std::string_view rest = text;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    auto digest = image::Digest::Parse(rest.substr(at + 1));
    if (!digest) return bad("the digest after '@' is not valid (" + digest.error().message() + ")");
    ref.digest = *digest;
    rest = rest.substr(0, at);
  }
  // A tag is after the last ':' that follows the last '/' (a ':' before it is a port).
  auto slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    if (!ValidTag(ref.tag)) {
      return bad(ref.tag.size() > 128 ? "the tag is longer than 128 characters"
                                      : "the tag may hold only letters, digits, '_', '.' and '-', and not start with '.' or '-'");
    }
    rest = rest.substr(0, colon);
  }
  std::string_view remote = rest;
  auto first_slash = rest.find('/');
  if (first_slash != std::string_view::npos) {
    std::string_view first = rest.substr(0, first_slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos || first == "localhost" ||
        first.starts_with("[")) {
      ref.domain = std::string(first);
      remote = rest.substr(first_slash + 1);
      if (!ValidDomain(ref.domain)) return bad("the registry " + ref.domain + " is not a valid host[:port]");
    }
  }
  if (ref.domain.empty() || ref.domain == "index.docker.io") ref.domain = "docker.io";
  if (remote.empty()) return bad("no repository name");
  if (std::any_of(remote.begin(), remote.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
    return bad("repository names must be lower-case");
  }
  size_t start = 0;
  while (true) {
    size_t end = remote.find('/', start);
    std::string_view component = remote.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!ValidPathComponent(component)) {
      return bad(fmt::format("{:?} is not a valid repository path component (lower-case letters and digits, "
                             "separated by '.', '_', '__' or dashes)",
                             component));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  ref.path = std::string(remote);
  if (ref.domain == "docker.io" && ref.path.find('/') == std::string::npos) ref.path = "library/" + ref.path;
  if (ref.Name().size() > 255) return bad("the name is longer than 255 characters");
  if (default_tag && ref.tag.empty() && !ref.digest) ref.tag = "latest";
  return ref;
}

}  // namespace

std::string Reference::String() const {
  std::string out = Name();
  if (!tag.empty()) out += ":" + tag;
  if (digest) out += "@" + digest->str();
  return out;
}

std::string Reference::Familiar() const {
  if (domain != "docker.io") return String();
  std::string name = path.starts_with("library/") ? path.substr(8) : path;
  if (!tag.empty()) name += ":" + tag;
  if (digest) name += "@" + digest->str();
  return name;
}

util::Result<Reference> ParseReference(std::string_view text) { return Parse(text, true); }

util::Result<Reference> ParseReferenceNoDefault(std::string_view text) { return Parse(text, false); }

}  // namespace manifold::registry
