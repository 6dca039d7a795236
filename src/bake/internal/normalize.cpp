// Normalize and CleanContextForBuild: the last steps buildx takes on a target before printing it.
#include "bake/internal/normalize.hpp"

#include <set>

#include "bake/internal/build_flags.hpp"
#include "util/git_url.hpp"

namespace manifold::bake::internal {
namespace {

void RemoveDupesStr(std::optional<std::vector<std::string>>& list) {
  if (!list) return;
  std::set<std::string> seen;
  std::erase_if(*list, [&](const std::string& s) { return s.empty() || !seen.insert(s).second; });
}

template <typename T>
void Store(std::optional<std::vector<std::string>>& list, const std::vector<T>& entries) {
  if (entries.empty()) {
    list.reset();
    return;
  }
  list.emplace();
  for (const auto& entry : entries) list->push_back(ToCsv(entry));
}

template <typename T, typename Parse>
util::Result<std::vector<T>> ParseAttr(const std::optional<std::vector<std::string>>& list, Parse parse,
                                       std::string_view attribute) {
  if (!list) return std::vector<T>{};
  auto parsed = ParseList<T>(*list, parse);
  if (!parsed) return std::unexpected(std::move(parsed.error()).Context("{}", attribute));
  return parsed;
}

}  // namespace

util::Status Normalize(Target& t) {
  RemoveDupesStr(t.annotations);

  auto attest = MANIFOLD_TRY(ParseAttr<AttestEntry>(t.attest, ParseAttest, "attest"));
  RemoveDupesByKey(attest, [](const AttestEntry& a) { return a.type; });
  Store(t.attest, attest);

  RemoveDupesStr(t.tags);

  auto secrets = MANIFOLD_TRY(ParseAttr<SecretEntry>(t.secrets, ParseSecret, "secret"));
  RemoveDupesByKey(secrets, [](const SecretEntry& s) { return s.id; });
  Store(t.secrets, secrets);

  std::vector<SshEntry> ssh;
  for (const auto& s : t.ssh.value_or(std::vector<std::string>{})) {
    if (!s.empty()) ssh.push_back(ParseSsh(s));
  }
  RemoveDupesByKey(ssh, [](const SshEntry& s) { return s.id; });
  Store(t.ssh, ssh);

  RemoveDupesStr(t.platforms);

  for (auto* list : {&t.cache_from, &t.cache_to}) {
    if (!*list) continue;
    auto cache = ParseCacheList(**list);
    if (!cache) return std::unexpected(std::move(cache.error()).Context("{}", list == &t.cache_from ? "cache-from" : "cache-to"));
    RemoveDupes(*cache);
    Store(*list, *cache);
  }

  auto outputs = MANIFOLD_TRY(ParseAttr<ExportEntry>(t.outputs, ParseExport, "output"));
  RemoveDupes(outputs);
  Store(t.outputs, outputs);

  RemoveDupesStr(t.no_cache_filter);
  RemoveDupesStr(t.ulimits);
  if (t.network == "host") {
    if (!t.entitlements) t.entitlements.emplace();
    t.entitlements->push_back("network.host");
  }
  RemoveDupesStr(t.entitlements);

  if (t.contexts) {
    std::erase_if(*t.contexts, [](const auto& entry) { return entry.second.empty(); });
    if (t.contexts->empty()) t.contexts.reset();
  }
  return {};
}

std::string CleanPath(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t dotdots = 0;  // leading ".." a relative path keeps
  while (!path.empty()) {
    auto slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.size() > dotdots) {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
        ++dotdots;
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

bool IsRemoteContext(std::string_view context) {
  return context.starts_with("http://") || context.starts_with("https://") || util::IsGitUrl(context);
}

void CleanContextForBuild(Target& t) {
  std::string context = t.context.value_or(".");
  if (context.starts_with("cwd://")) {
    t.context = CleanPath(std::string_view(context).substr(6));
  } else if (!IsRemoteContext(context)) {
    t.context = CleanPath(context);
  }
}

}  // namespace manifold::bake::internal
