// Finding and reading bake definition files as buildx's ReadLocalFiles and bakeEnvFiles.
#include "bake/definition_files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace manifold::bake {
namespace {

using util::ErrorKind;
using util::Fail;

std::string_view TrimSpace(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::filesystem::path Resolve(const std::filesystem::path& dir, const std::string& name) {
  std::filesystem::path path(name);
  return path.is_absolute() ? path : dir / path;
}

// Reads one file into `data`; false when it does not exist and `optional` is set.
util::Result<bool> ReadOne(const std::filesystem::path& dir, const std::string& name, bool optional,
                           std::string& data) {
  std::filesystem::path path = Resolve(dir, name);
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    if (optional) return false;
    return Fail(ErrorKind::kNotFound, "open {}: no such file or directory", name);
  }
  if (std::filesystem::is_directory(status)) {
    return Fail(ErrorKind::kInvalidArgument, "read {}: is a directory", name);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorKind::kPermissionDenied, "open {}: {}", name, std::strerror(errno));
  data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return Fail(ErrorKind::kInternal, "read {}: {}", name, std::strerror(errno));
  return true;
}

}  // namespace

std::vector<std::string> DefaultFileNames() {
  return {"compose.yaml",      "compose.yml",     "docker-compose.yml",        "docker-compose.yaml",
          "docker-bake.json", "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl"};
}

util::Result<std::vector<std::string>> FileNamesFromEnv(const EnvLookup& lookup, const std::filesystem::path& dir) {
  std::vector<std::string> names;
  auto value = lookup("BUILDX_BAKE_FILE");
  if (!value) return names;
  std::string separator = lookup("BUILDX_BAKE_PATH_SEPARATOR").value_or("");
  if (separator.empty()) separator = ":";
  std::string_view rest = *value;
  for (;;) {
    auto at = rest.find(separator);
    std::string_view part = TrimSpace(rest.substr(0, at));
    if (!part.empty()) {
      std::string name(part);
      std::error_code ec;
      if (name != "-" && !std::filesystem::exists(Resolve(dir, name), ec)) {
        return Fail(ErrorKind::kNotFound, "stat {}: no such file or directory", name);
      }
      names.push_back(std::move(name));
    }
    if (at == std::string_view::npos) break;
    rest.remove_prefix(at + separator.size());
  }
  return names;
}

util::Result<std::vector<DefinitionFile>> ReadDefinitionFiles(const std::vector<std::string>& names,
                                                              const std::filesystem::path& dir,
                                                              std::istream* stdin_in) {
  bool defaults = names.empty();
  std::vector<std::string> wanted = defaults ? DefaultFileNames() : names;
  std::vector<DefinitionFile> files;
  for (const auto& name : wanted) {
    if (name == "-" && !defaults) {
      if (stdin_in == nullptr) {
        return Fail(ErrorKind::kInvalidArgument, "reading a bake definition from stdin (-f -): no stdin");
      }
      std::ostringstream data;
      data << stdin_in->rdbuf();
      files.push_back({name, std::move(data).str()});
      continue;
    }
    std::string data;
    if (MANIFOLD_TRY(ReadOne(dir, name, defaults, data))) files.push_back({name, std::move(data)});
  }
  if (files.empty()) {
    return Fail(ErrorKind::kNotFound, "couldn't find a bake definition");
  }
  return files;
}

}  // namespace manifold::bake
