// The WrongArchBinary check: an amd64 binary in an arm64 image fails only when run
// ("exec format error"); its ELF header says so at build time.
#include "builder/wrong_arch_check.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "builder/internal/diff_elf_scan.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {

namespace {

std::string Message(const CheckWarning& w, const std::string& built_for) {
  std::string listed = fmt::format("{}", fmt::join(w.files, ", "));
  if (w.file_count > w.files.size()) listed += fmt::format(", … and {} more", w.file_count - w.files.size());
  return fmt::format("{} image: {} file{} built for {}, added by step {:?}: {}", image::Format(w.platform),
                     w.file_count, w.file_count == 1 ? "" : "s", built_for, w.step, listed);
}

// True when a layer above chain[layer] deletes or replaces `path`: the image does not hold it.
util::Result<bool> HiddenAbove(const std::vector<const snapshot::Snapshot*>& chain, size_t layer,
                               const std::string& path) {
  for (size_t above = layer + 1; above < chain.size(); ++above) {
    if (chain[above]->diff_dir().empty()) continue;  // a blob-only layer: not read here
    if (MANIFOLD_TRY(internal::DiffHides(chain[above]->diff_dir(), path))) return true;
  }
  return false;
}

// What a scan of one diff found, as remembered in the cache: [[path, arch, machine, 64-bit,
// little-endian, flags], …]. The scan never changes for a committed diff.
constexpr std::string_view kScanNote = "wrong-arch-elf/v1";

std::string ScanToJson(const std::vector<internal::ElfFile>& files) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : files) {
    out.push_back({f.path, f.elf.architecture, f.elf.machine, f.elf.is_64bit, f.elf.little_endian, f.elf.flags});
  }
  return out.dump();
}

std::optional<std::vector<internal::ElfFile>> ScanFromJson(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return std::nullopt;
  std::vector<internal::ElfFile> files;
  for (const auto& row : parsed) {
    if (!row.is_array() || row.size() != 6 || !row[0].is_string() || !row[1].is_string() ||
        !row[2].is_number_unsigned() || !row[3].is_boolean() || !row[4].is_boolean() || !row[5].is_number_unsigned()) {
      return std::nullopt;
    }
    internal::ElfFile f;
    f.path = row[0].get<std::string>();
    f.elf.architecture = row[1].get<std::string>();
    f.elf.machine = row[2].get<uint16_t>();
    f.elf.is_64bit = row[3].get<bool>();
    f.elf.little_endian = row[4].get<bool>();
    f.elf.flags = row[5].get<uint32_t>();
    files.push_back(std::move(f));
  }
  return files;
}

// The ELF files of one built diff: remembered from an earlier build of the same (cached) step
// when the cache has them, else read from the diff's files (and remembered).
util::Result<std::vector<internal::ElfFile>> ScanDiff(const std::filesystem::path& diff_dir,
                                                      const WrongArchOptions& options, WrongArchReport& report) {
  const bool in_cache = options.memo != nullptr && diff_dir.parent_path() == options.memo->diffs_dir();
  const std::string id = diff_dir.filename().string();
  if (in_cache) {
    auto note = options.memo->DiffNote(id, kScanNote);
    if (note && *note) {
      if (auto files = ScanFromJson(**note)) {
        ++report.layers_remembered;
        return std::move(*files);
      }
    }
  }
  auto files = MANIFOLD_TRY(internal::ScanDiffForElf(diff_dir, &report.headers));
  ++report.layers;
  // A note that cannot be written only costs the next build a scan.
  if (in_cache) (void)options.memo->SetDiffNote(id, kScanNote, ScanToJson(files));
  return files;
}

// The ELF files of a layer this build wrote straight as a blob (a direct COPY): judged from the
// headers its pass recorded, no file read.
std::vector<internal::ElfFile> RecordedElfFiles(const snapshot::BuiltLayer& built, WrongArchReport& report) {
  std::vector<internal::ElfFile> files;
  for (const auto& [path, head] : built.elf_heads) {
    auto elf = image::ReadElfHeader(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(head.data()), head.size()));
    if (elf && !elf->architecture.empty()) files.push_back({"/" + path, std::move(*elf)});
  }
  ++report.layers;
  return files;
}

}  // namespace

util::Result<WrongArchReport> CheckWrongArch(const std::vector<exporter::PlatformImageInput>& images,
                                             const WrongArchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  WrongArchReport report;
  // A diff dir shared by several platforms' chains (one COPY serving them all) is read once.
  std::map<std::filesystem::path, std::vector<internal::ElfFile>> scanned;
  for (const auto& input : images) {
    std::vector<const snapshot::Snapshot*> chain;
    for (const snapshot::Snapshot* s = input.root.get(); s != nullptr; s = s->parent().get()) chain.push_back(s);
    std::reverse(chain.begin(), chain.end());
    std::vector<const image::HistoryEntry*> steps;
    for (const auto& entry : input.config.history) {
      if (!entry.empty_layer) steps.push_back(&entry);
    }
    for (size_t i = 0; i < chain.size(); ++i) {
      // A base image's layer is not this Dockerfile's doing; an empty step added nothing.
      // A layer this build wrote straight as a blob (a direct COPY) is its doing: the headers
      // its pass recorded are read instead of files.
      const auto& built = chain[i]->built();
      if (!built && (chain[i]->blob() || chain[i]->diff_dir().empty())) continue;
      // History pairs with the chain; counted from the top, so that a base image whose config
      // lacks history for its own layers cannot shift the names of the layers built here.
      const size_t from_top = chain.size() - i;
      const std::string step = from_top <= steps.size() ? steps[steps.size() - from_top]->created_by
                                                        : fmt::format("layer {}", i + 1);
      const std::filesystem::path scan_key =
          built ? std::filesystem::path("blob:" + chain[i]->blob()->descriptor.digest.str()) : chain[i]->diff_dir();
      auto it = scanned.find(scan_key);
      if (it == scanned.end()) {
        auto files = built ? util::Result<std::vector<internal::ElfFile>>(RecordedElfFiles(*built, report))
                           : ScanDiff(chain[i]->diff_dir(), options, report);
        if (!files) return std::unexpected(std::move(files.error()).Context("reading the layer of step {:?}", step));
        it = scanned.emplace(scan_key, std::move(*files)).first;
      }
      // One warning per foreign architecture found in this layer, in order of first file.
      std::vector<std::pair<std::string, CheckWarning>> found;
      for (const internal::ElfFile& file : it->second) {
        if (image::ElfRunsOn(file.elf, input.platform)) continue;
        if (MANIFOLD_TRY(HiddenAbove(chain, i, file.path))) continue;
        std::string built_for = image::DescribeElfMachine(file.elf);
        auto group = std::find_if(found.begin(), found.end(), [&](const auto& g) { return g.first == built_for; });
        if (group == found.end()) {
          CheckWarning w;
          w.rule = std::string(kWrongArchBinary);
          w.platform = input.platform;
          w.step = step;
          group = found.insert(found.end(), {built_for, std::move(w)});
        }
        if (group->second.files.size() < options.files_listed) group->second.files.push_back(file.path);
        ++group->second.file_count;
      }
      for (auto& [built_for, warning] : found) {
        warning.message = Message(warning, built_for);
        report.warnings.push_back(std::move(warning));
      }
    }
  }
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace manifold::builder
