// ReadGitCheckout: git's repository discovery, HEAD and remote.origin.url read from the files;
// every layout it is not sure of answers kAskGit.
#include "util/git_checkout.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "util/temp_file.hpp"

namespace manifold::util {

namespace fs = std::filesystem;

namespace {

using Kind = GitCheckoutLookup::Kind;

GitCheckoutLookup Ask() { return {Kind::kAskGit, {}}; }
GitCheckoutLookup None() { return {Kind::kNotAWorkTree, {}}; }

std::string Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool IsObjectId(std::string_view id) {
  return (id.size() == 40 || id.size() == 64) &&
         std::all_of(id.begin(), id.end(), [](char c) { return std::isdigit(c) || (c >= 'a' && c <= 'f'); });
}

// git's is_git_directory: HEAD, objects/ and refs/ (the last two may be in a commondir).
bool IsGitDirectory(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "HEAD", ec) &&
         (fs::exists(dir / "commondir", ec) || (fs::is_directory(dir / "objects", ec) && fs::is_directory(dir / "refs", ec)));
}

bool OwnedByUs(const fs::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && st.st_uid == ::geteuid();
}

// One git config file's settings this reader depends on. `ask` when the file holds anything
// that could change the answers in ways not read here.
struct ConfigRead {
  bool ask = false;
  std::optional<std::string> origin_url;
};

// A value as git reads it: quotes removed, escapes resolved, an unquoted comment cut.
std::optional<std::string> ConfigValue(std::string_view raw) {
  std::string out;
  bool quoted = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == '\\') {
      if (++i >= raw.size()) return std::nullopt;  // a continued line: git's to read
      switch (raw[i]) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'b': if (!out.empty()) out.pop_back(); break;
        case '"': case '\\': out += raw[i]; break;
        default: return std::nullopt;
      }
    } else if (!quoted && (c == '#' || c == ';')) {
      break;
    } else {
      out += c;
    }
  }
  if (quoted) return std::nullopt;
  return Trim(out);
}

ConfigRead ReadConfig(const fs::path& path, bool repository) {
  ConfigRead read;
  auto text = ReadFile(path);
  if (!text) return read;  // no such file: nothing configured there
  std::string section, subsection;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == ';') continue;
    if (trimmed[0] == '[') {
      const size_t close = trimmed.find(']');
      if (close == std::string::npos) return {true, std::nullopt};
      std::string header = trimmed.substr(1, close - 1);
      subsection.clear();
      if (const size_t quote = header.find('"'); quote != std::string::npos) {
        if (header.size() < quote + 2 || header.back() != '"') return {true, std::nullopt};
        subsection = header.substr(quote + 1, header.size() - quote - 2);
        header = Trim(header.substr(0, quote));
      } else if (const size_t dot = header.find('.'); dot != std::string::npos) {
        subsection = header.substr(dot + 1);  // the old [section.subsection] form
        header = header.substr(0, dot);
      }
      section = Lower(header);
      if (section == "include" || section == "includeif") return {true, std::nullopt};
      trimmed = Trim(trimmed.substr(close + 1));
      if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == ';') continue;
    }
    const size_t eq = trimmed.find('=');
    const std::string key = Lower(Trim(trimmed.substr(0, eq)));
    if (section == "url" && (key == "insteadof")) return {true, std::nullopt};
    if (!repository) continue;
    if (section == "core" && key == "worktree") return {true, std::nullopt};
    if (section == "core" && key == "bare") {
      auto value = eq == std::string::npos ? std::optional<std::string>("true")
                                           : ConfigValue(std::string_view(trimmed).substr(eq + 1));
      if (!value || Lower(*value) != "false") return {true, std::nullopt};  // a bare repository, or unsure
    }
    if (section == "extensions" && (key == "refstorage" || key == "worktreeconfig")) return {true, std::nullopt};
    if (section == "remote" && subsection == "origin" && key == "url" && !read.origin_url) {
      if (eq == std::string::npos) return {true, std::nullopt};
      read.origin_url = ConfigValue(std::string_view(trimmed).substr(eq + 1));
      if (!read.origin_url) return {true, std::nullopt};
    }
  }
  return read;
}

// The user's and the system's config may only be read here when nothing in them (or in the
// environment) changes what git would answer.
bool OutsideConfigIsPlain() {
  for (const char* name : {"GIT_CONFIG", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM",
                           "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS"}) {
    if (std::getenv(name) != nullptr) return false;
  }
  std::vector<fs::path> files = {"/etc/gitconfig"};
  if (const char* home = std::getenv("HOME")) files.push_back(fs::path(home) / ".gitconfig");
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') {
    files.push_back(fs::path(xdg) / "git" / "config");
  } else if (const char* home = std::getenv("HOME")) {
    files.push_back(fs::path(home) / ".config" / "git" / "config");
  }
  return std::none_of(files.begin(), files.end(), [](const fs::path& f) { return ReadConfig(f, false).ask; });
}

// The commit `ref` (refs/…) names: a loose ref file, else packed-refs. nullopt with `ask` set
// when only git can say; nullopt alone when the ref does not exist.
std::optional<std::string> ResolveRef(const fs::path& common_dir, const std::string& ref, bool& ask) {
  if (ref.find("..") != std::string::npos || !ref.starts_with("refs/")) {
    ask = true;
    return std::nullopt;
  }
  if (auto loose = ReadFile(common_dir / ref)) {
    std::string id = Trim(*loose);
    if (IsObjectId(id)) return id;
    ask = true;  // a symbolic ref, or something else
    return std::nullopt;
  }
  auto packed = ReadFile(common_dir / "packed-refs");
  if (!packed) return std::nullopt;
  std::istringstream lines(*packed);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#' || line[0] == '^') continue;
    const size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    if (Trim(std::string_view(line).substr(space + 1)) == ref) {
      std::string id = line.substr(0, space);
      if (IsObjectId(id)) return id;
      ask = true;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

GitCheckoutLookup ReadGitCheckout(const fs::path& dir) {
  for (const char* name : {"GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
                           "GIT_COMMON_DIR"}) {
    if (std::getenv(name) != nullptr) return Ask();
  }
  std::error_code ec;
  fs::path here = fs::canonical(dir, ec);
  if (ec) return Ask();
  struct stat start {};
  if (::stat(here.c_str(), &start) != 0) return Ask();
  fs::path work_tree, dot_git, git_dir;
  for (;;) {
    const fs::path candidate = here / ".git";
    struct stat st {};
    if (::lstat(candidate.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode) && IsGitDirectory(candidate)) {
        git_dir = candidate;
      } else if (S_ISREG(st.st_mode)) {
        auto text = ReadFile(candidate);
        if (!text || !text->starts_with("gitdir: ")) return Ask();
        fs::path target = Trim(std::string_view(*text).substr(8));
        git_dir = (target.is_absolute() ? target : here / target).lexically_normal();
        if (!IsGitDirectory(git_dir)) return Ask();
      } else {
        return Ask();  // a symlink, or a .git git would not take: its call
      }
      work_tree = here;
      dot_git = candidate;
      break;
    }
    if (IsGitDirectory(here)) return None();  // inside a .git or bare repository
    if (!here.has_relative_path()) return None();
    const fs::path parent = here.parent_path();
    struct stat up {};
    if (::stat(parent.c_str(), &up) != 0) return Ask();
    if (up.st_dev != start.st_dev) return None();  // git stops at a mount point
    here = parent;
  }
  if (!OwnedByUs(work_tree) || !OwnedByUs(dot_git) || !OwnedByUs(git_dir)) return Ask();
  fs::path common_dir = git_dir;
  if (auto common = ReadFile(git_dir / "commondir")) {
    fs::path target = Trim(*common);
    common_dir = (target.is_absolute() ? target : git_dir / target).lexically_normal();
  }
  if (fs::exists(git_dir / "config.worktree", ec)) return Ask();
  const ConfigRead config = ReadConfig(common_dir / "config", true);
  if (config.ask || !OutsideConfigIsPlain()) return Ask();

  auto head = ReadFile(git_dir / "HEAD");
  if (!head) return Ask();
  std::string head_text = Trim(*head);
  GitCheckoutLookup out{Kind::kCheckout, {}};
  if (IsObjectId(head_text)) {
    out.info.commit = head_text;
  } else if (head_text.starts_with("ref: ")) {
    bool ask = false;
    auto commit = ResolveRef(common_dir, Trim(std::string_view(head_text).substr(5)), ask);
    if (ask) return Ask();
    if (!commit) return None();  // a branch without a commit yet
    out.info.commit = *commit;
  } else {
    return Ask();
  }
  out.info.origin = config.origin_url;
  return out;
}

}  // namespace manifold::util
