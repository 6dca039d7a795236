// The cache database: schema, records, diffs, diff blobs and context file digests.
#include "cache/meta_store.hpp"

#include <sys/stat.h>

#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "cache/internal/sqlite.hpp"
#include "image/descriptor_json.hpp"
#include "util/base64.hpp"
#include "util/clock.hpp"

namespace manifold::cache {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS records(
  key TEXT PRIMARY KEY, chain TEXT NOT NULL, description TEXT NOT NULL, size INTEGER NOT NULL,
  created INTEGER NOT NULL, last_used INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS diffs(
  id TEXT PRIMARY KEY, size INTEGER NOT NULL, unpacked_from TEXT, created INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS diffs_by_blob ON diffs(unpacked_from);
CREATE TABLE IF NOT EXISTS diff_blobs(
  diff TEXT NOT NULL, variant TEXT NOT NULL, layer TEXT NOT NULL, PRIMARY KEY(diff, variant));
CREATE TABLE IF NOT EXISTS diff_notes(
  diff TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(diff, kind));
CREATE TABLE IF NOT EXISTS files(
  path TEXT PRIMARY KEY, dev INTEGER, ino INTEGER, size INTEGER, mtime INTEGER, ctime INTEGER,
  checked INTEGER, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS record_shapes(key TEXT PRIMARY KEY, shape TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS record_shapes_by_shape ON record_shapes(shape);
)sql";

nlohmann::json LayerToJson(const content::LayerResult& layer) {
  return {{"descriptor", image::DescriptorToJson(layer.descriptor)},
          {"diffID", layer.diff_id.str()},
          {"uncompressedSize", layer.uncompressed_size}};
}

util::Result<content::LayerResult> LayerFromJson(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("descriptor") || !j.value("diffID", nlohmann::json()).is_string()) {
    return util::Fail(util::ErrorKind::kInternal, "a cached layer lacks its descriptor or diffID");
  }
  content::LayerResult layer;
  layer.descriptor = MANIFOLD_TRY(image::DescriptorFromJson(j["descriptor"], "cached layer"));
  layer.diff_id = MANIFOLD_TRY(image::Digest::Parse(j["diffID"].get<std::string>()));
  layer.uncompressed_size = j.value("uncompressedSize", int64_t{0});
  return layer;
}

}  // namespace

std::string ChainToJson(const std::vector<ChainEntry>& chain) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& entry : chain) {
    nlohmann::json j = nlohmann::json::object();
    if (!entry.diff.empty()) j["diff"] = entry.diff;
    if (entry.blob) j["blob"] = LayerToJson(*entry.blob);
    if (entry.built) {
      nlohmann::json elf = nlohmann::json::array();
      for (const auto& [path, head] : entry.built->elf_heads) elf.push_back({path, util::Base64Encode(head)});
      j["built"] = {{"variant", entry.built->variant}, {"elf", std::move(elf)}};
    }
    out.push_back(std::move(j));
  }
  return out.dump();
}

util::Result<std::vector<ChainEntry>> ChainFromJson(std::string_view json) {
  auto parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return util::Fail(util::ErrorKind::kInternal, "a cache record's chain is not a JSON array");
  std::vector<ChainEntry> chain;
  for (const auto& j : parsed) {
    ChainEntry entry;
    if (j.contains("diff") && j["diff"].is_string()) entry.diff = j["diff"].get<std::string>();
    if (j.contains("blob")) entry.blob = MANIFOLD_TRY(LayerFromJson(j["blob"]));
    if (const auto built = j.find("built"); built != j.end() && built->is_object() && entry.blob) {
      auto layer = std::make_shared<snapshot::BuiltLayer>();
      layer->variant = built->value("variant", std::string());
      for (const auto& file : built->value("elf", nlohmann::json::array())) {
        if (!file.is_array() || file.size() != 2 || !file[0].is_string() || !file[1].is_string()) continue;
        auto head = util::Base64Decode(file[1].get<std::string>());
        if (!head) return util::Fail(util::ErrorKind::kInternal, "a cache record's ELF header is not base64");
        layer->elf_heads.emplace_back(file[0].get<std::string>(), std::move(*head));
      }
      entry.built = std::move(layer);
    }
    chain.push_back(std::move(entry));
  }
  return chain;
}

int64_t DiskUsage(const std::filesystem::path& dir) {
  int64_t total = 0;
  std::set<std::pair<dev_t, ino_t>> seen;
  std::error_code ec;
  struct stat st {};
  if (::lstat(dir.c_str(), &st) == 0) total += st.st_blocks * 512;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    if (st.st_nlink > 1 && !S_ISDIR(st.st_mode) && !seen.insert({st.st_dev, st.st_ino}).second) continue;
    total += st.st_blocks * 512;
  }
  return total;
}

MetaStore::MetaStore(std::filesystem::path root, std::unique_ptr<internal::Database> db)
    : root_(std::move(root)), diffs_dir_(root_ / "snapshots" / "diffs"), db_(std::move(db)) {}

MetaStore::~MetaStore() = default;

util::Result<std::shared_ptr<MetaStore>> MetaStore::Open(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::create_directories(root / "snapshots" / "diffs", ec);
  if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "creating {}: {}", (root / "snapshots").string(), ec.message());
  auto db = MANIFOLD_TRY(internal::Database::Open(root / "meta.db"));
  MANIFOLD_CHECK(db->Exec(kSchema));
  return std::shared_ptr<MetaStore>(new MetaStore(root, std::move(db)));
}

util::Result<std::optional<std::vector<ChainEntry>>> MetaStore::Lookup(std::string_view key) {
  std::lock_guard lock(mutex_);
  auto select = MANIFOLD_TRY(db_->Prepare("SELECT chain FROM records WHERE key = ?"));
  select.Bind(1, key);
  if (!MANIFOLD_TRY(select.Step())) return std::optional<std::vector<ChainEntry>>();
  auto chain = MANIFOLD_TRY(ChainFromJson(select.Text(0)));
  // Ends the read before writing: a connection upgrading an open read to a write gets
  // SQLITE_BUSY at once (no busy wait) when another build wrote in between.
  select.Reset();
  auto touch = MANIFOLD_TRY(db_->Prepare("UPDATE records SET last_used = ? WHERE key = ?"));
  MANIFOLD_CHECK(touch.Bind(1, util::UnixSeconds()).Bind(2, key).Run());
  return std::optional<std::vector<ChainEntry>>(std::move(chain));
}

util::Status MetaStore::Save(std::string_view key, const std::vector<ChainEntry>& chain, std::string_view description,
                             std::string_view shape) {
  // Sizes of diffs the store does not know yet, measured before the lock: a big layer's walk
  // must not hold other threads' or builds' writes.
  std::vector<std::pair<std::string, int64_t>> new_diffs;
  for (const auto& entry : chain) {
    if (entry.diff.empty() || MANIFOLD_TRY(HasDiff(entry.diff))) continue;
    new_diffs.emplace_back(entry.diff, DiskUsage(diffs_dir_ / entry.diff));
  }
  std::lock_guard lock(mutex_);
  const int64_t now = util::UnixSeconds();
  for (const auto& [id, size] : new_diffs) {
    auto insert = MANIFOLD_TRY(db_->Prepare("INSERT OR IGNORE INTO diffs(id, size, created) VALUES(?, ?, ?)"));
    MANIFOLD_CHECK(insert.Bind(1, id).Bind(2, size).Bind(3, now).Run());
  }
  int64_t size = 0;
  if (!chain.empty()) {
    const ChainEntry& top = chain.back();
    if (!top.diff.empty()) {
      auto query = MANIFOLD_TRY(db_->Prepare("SELECT size FROM diffs WHERE id = ?"));
      if (MANIFOLD_TRY(query.Bind(1, top.diff).Step())) size = query.Int(0);
    } else if (top.blob) {
      size = top.blob->descriptor.size;
    }
  }
  auto tx = MANIFOLD_TRY(internal::Transaction::Begin(*db_));
  auto insert = MANIFOLD_TRY(db_->Prepare(
      "INSERT OR IGNORE INTO records(key, chain, description, size, created, last_used) VALUES(?, ?, ?, ?, ?, ?)"));
  MANIFOLD_CHECK(
      insert.Bind(1, key).Bind(2, ChainToJson(chain)).Bind(3, description).Bind(4, size).Bind(5, now).Bind(6, now).Run());
  if (!shape.empty()) {
    auto add_shape = MANIFOLD_TRY(db_->Prepare("INSERT OR IGNORE INTO record_shapes(key, shape) VALUES(?, ?)"));
    MANIFOLD_CHECK(add_shape.Bind(1, key).Bind(2, shape).Run());
  }
  return tx.Commit();
}

util::Result<bool> MetaStore::HasShape(std::string_view shape) {
  std::lock_guard lock(mutex_);
  // A shape row whose record prune removed does not count.
  auto query = MANIFOLD_TRY(db_->Prepare(
      "SELECT 1 FROM record_shapes s JOIN records r ON r.key = s.key WHERE s.shape = ? LIMIT 1"));
  return query.Bind(1, shape).Step();
}

util::Result<bool> MetaStore::HasDiff(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto query = MANIFOLD_TRY(db_->Prepare("SELECT 1 FROM diffs WHERE id = ?"));
  return query.Bind(1, id).Step();
}

void MetaStore::RemoveUnkept(const std::vector<std::filesystem::path>& dirs) {
  for (const auto& dir : dirs) {
    auto known = HasDiff(dir.filename().string());
    if (!known || *known) continue;  // unsure (database error) or kept: leave it for prune
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
}

util::Status MetaStore::AddUnpackedDiff(std::string_view id, const image::Digest& blob) {
  int64_t size = DiskUsage(diffs_dir_ / std::string(id));  // before the lock, as in Save
  std::lock_guard lock(mutex_);
  auto insert = MANIFOLD_TRY(
      db_->Prepare("INSERT OR IGNORE INTO diffs(id, size, unpacked_from, created) VALUES(?, ?, ?, ?)"));
  return insert.Bind(1, id).Bind(2, size).Bind(3, blob.str()).Bind(4, util::UnixSeconds()).Run();
}

util::Result<std::optional<std::string>> MetaStore::UnpackedDiff(const image::Digest& blob) {
  std::lock_guard lock(mutex_);
  auto query = MANIFOLD_TRY(db_->Prepare("SELECT id FROM diffs WHERE unpacked_from = ? ORDER BY created LIMIT 1"));
  if (!MANIFOLD_TRY(query.Bind(1, blob.str()).Step())) return std::optional<std::string>();
  return std::optional<std::string>(query.Text(0));
}

util::Result<std::optional<content::LayerResult>> MetaStore::DiffBlob(std::string_view id, std::string_view variant) {
  std::lock_guard lock(mutex_);
  auto query = MANIFOLD_TRY(db_->Prepare("SELECT layer FROM diff_blobs WHERE diff = ? AND variant = ?"));
  if (!MANIFOLD_TRY(query.Bind(1, id).Bind(2, variant).Step())) return std::optional<content::LayerResult>();
  auto parsed = nlohmann::json::parse(query.Text(0), nullptr, false);
  return std::optional<content::LayerResult>(MANIFOLD_TRY(LayerFromJson(parsed)));
}

util::Status MetaStore::SetDiffBlob(std::string_view id, std::string_view variant, const content::LayerResult& blob) {
  std::lock_guard lock(mutex_);
  auto insert = MANIFOLD_TRY(db_->Prepare("INSERT OR REPLACE INTO diff_blobs(diff, variant, layer) VALUES(?, ?, ?)"));
  return insert.Bind(1, id).Bind(2, variant).Bind(3, LayerToJson(blob).dump()).Run();
}

util::Result<std::optional<std::string>> MetaStore::DiffNote(std::string_view id, std::string_view kind) {
  std::lock_guard lock(mutex_);
  auto query = MANIFOLD_TRY(db_->Prepare("SELECT value FROM diff_notes WHERE diff = ? AND kind = ?"));
  if (!MANIFOLD_TRY(query.Bind(1, id).Bind(2, kind).Step())) return std::optional<std::string>();
  return std::optional<std::string>(query.Text(0));
}

util::Status MetaStore::SetDiffNote(std::string_view id, std::string_view kind, std::string_view value) {
  std::lock_guard lock(mutex_);
  // Only for a diff the store keeps: an unregistered one is removed at the build's end, and its
  // random name could one day be another diff's.
  auto insert = MANIFOLD_TRY(db_->Prepare(
      "INSERT OR REPLACE INTO diff_notes(diff, kind, value) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM diffs WHERE id = ?)"));
  return insert.Bind(1, id).Bind(2, kind).Bind(3, value).Bind(4, id).Run();
}

util::Result<std::map<std::string, FileDigest>> MetaStore::FileDigests(const std::filesystem::path& dir) {
  std::map<std::string, FileDigest> out;
  MANIFOLD_CHECK(VisitFileDigests(dir, [&out](const FileDigestRow& row) {
    out.emplace_hint(out.end(), row.path, FileDigest{row.stamp, row.checked_ns, std::string(row.digest)});
  }));
  return out;
}

util::Status MetaStore::VisitFileDigests(const std::filesystem::path& dir,
                                         const std::function<void(const FileDigestRow&)>& visit) {
  std::lock_guard lock(mutex_);
  // Paths under dir/: '/' + 1 is '0', so [dir/, dir0) is exactly that subtree in text order.
  std::string low = dir.string() + "/";
  std::string high = dir.string() + "0";
  auto query = MANIFOLD_TRY(db_->Prepare(
      "SELECT path, dev, ino, size, mtime, ctime, checked, digest FROM files WHERE path >= ? AND path < ? ORDER BY path"));
  query.Bind(1, low).Bind(2, high);
  while (MANIFOLD_TRY(query.Step())) {
    visit({query.TextView(0),
           {query.Int(1), query.Int(2), query.Int(3), query.Int(4), query.Int(5)},
           query.Int(6),
           query.TextView(7)});
  }
  return {};
}

util::Status MetaStore::ForgetFileDigests(const std::filesystem::path& dir) {
  std::lock_guard lock(mutex_);
  auto remove = MANIFOLD_TRY(db_->Prepare("DELETE FROM files WHERE path >= ? AND path < ?"));
  return remove.Bind(1, dir.string() + "/").Bind(2, dir.string() + "0").Run();
}

util::Status MetaStore::SetFileDigests(const std::map<std::string, FileDigest>& digests) {
  std::lock_guard lock(mutex_);
  if (digests.empty()) return {};
  auto tx = MANIFOLD_TRY(internal::Transaction::Begin(*db_));
  auto insert = MANIFOLD_TRY(db_->Prepare(
      "INSERT OR REPLACE INTO files(path, dev, ino, size, mtime, ctime, checked, digest) VALUES(?,?,?,?,?,?,?,?)"));
  for (const auto& [path, d] : digests) {
    MANIFOLD_CHECK(insert.Reset()
                       .Bind(1, path)
                       .Bind(2, d.stamp.dev)
                       .Bind(3, d.stamp.ino)
                       .Bind(4, d.stamp.size)
                       .Bind(5, d.stamp.mtime_ns)
                       .Bind(6, d.stamp.ctime_ns)
                       .Bind(7, d.checked_ns)
                       .Bind(8, d.digest)
                       .Run());
  }
  return tx.Commit();
}

util::Result<std::vector<RecordInfo>> MetaStore::Records() {
  std::lock_guard lock(mutex_);
  auto query = MANIFOLD_TRY(
      db_->Prepare("SELECT key, description, size, created, last_used, chain FROM records ORDER BY last_used, key"));
  std::vector<RecordInfo> out;
  while (MANIFOLD_TRY(query.Step())) {
    RecordInfo r;
    r.key = query.Text(0);
    r.description = query.Text(1);
    r.size = query.Int(2);
    r.created = query.Int(3);
    r.last_used = query.Int(4);
    r.chain = MANIFOLD_TRY(ChainFromJson(query.Text(5)));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace manifold::cache
