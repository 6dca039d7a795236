// Entry name cleaning and whiteout recognition (OCI image-spec layer.md, "Whiteouts").
#include "snapshot/internal/entry_path.hpp"

#include "util/root_path.hpp"

namespace manifold::snapshot::internal {

namespace {
constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kMetaPrefix = ".wh..wh.";
constexpr std::string_view kOpaqueName = ".wh..wh..opq";
}  // namespace

util::Result<std::string> CleanEntryPath(std::string_view name) {
  // Clean before stripping "/": an absolute name's ".." stops at "/", as Docker's
  // filepath.Clean + Join does; a relative name's leading ".." is a breakout.
  std::string cleaned = util::CleanPath(name);
  size_t start = cleaned.find_first_not_of('/');
  if (start == std::string::npos) return std::string(".");
  cleaned.erase(0, start);
  if (cleaned == ".." || cleaned.starts_with("../")) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "archive entry {:?} leads outside the root; refusing a malformed or hostile "
                      "archive",
                      std::string(name));
  }
  return cleaned;
}

util::Result<Whiteout> ClassifyWhiteout(const std::string& clean_path) {
  size_t slash = clean_path.rfind('/');
  std::string_view base = slash == std::string::npos ? std::string_view(clean_path)
                                                     : std::string_view(clean_path).substr(slash + 1);
  std::string dir = slash == std::string::npos ? "." : clean_path.substr(0, slash);
  // AUFS keeps its bookkeeping under `.wh..wh.` directories (.wh..wh.plnk/...): neither
  // they nor anything below them is content.
  for (size_t start = 0; start < dir.size();) {
    size_t end = dir.find('/', start);
    if (end == std::string::npos) end = dir.size();
    if (std::string_view(dir).substr(start, end - start).starts_with(kMetaPrefix)) {
      return Whiteout{WhiteoutKind::kMeta, clean_path};
    }
    start = end + 1;
  }
  if (!base.starts_with(kWhiteoutPrefix)) return Whiteout{};
  if (base == kOpaqueName) return Whiteout{WhiteoutKind::kOpaque, dir};
  if (base.starts_with(kMetaPrefix)) return Whiteout{WhiteoutKind::kMeta, clean_path};
  std::string_view target = base.substr(kWhiteoutPrefix.size());
  // ".wh.." would whiteout the directory itself, ".wh..." its parent: never a lower sibling.
  if (target.empty() || target == "." || target == "..") {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "whiteout {:?} names no file in its directory", clean_path);
  }
  return Whiteout{WhiteoutKind::kRemove,
                  dir == "." ? std::string(target) : dir + "/" + std::string(target)};
}

}  // namespace manifold::snapshot::internal
