// SQLite calls, with errors that name the database.
#include "cache/internal/sqlite.hpp"

namespace manifold::cache::internal {

namespace {
util::Error DbError(sqlite3* db, const std::filesystem::path& path, std::string_view what) {
  int code = sqlite3_extended_errcode(db);
  auto kind = (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED ? util::ErrorKind::kUnavailable
                                                                             : util::ErrorKind::kInternal;
  return util::Error(kind, fmt::format("{} ({}): {}", what, path.string(), sqlite3_errmsg(db)));
}
}  // namespace

util::Result<std::unique_ptr<Database>> Database::Open(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  std::unique_ptr<Database> db(new Database(raw, path));
  if (rc != SQLITE_OK) return std::unexpected(DbError(raw, path, "opening the cache database"));
  // A writer holding the lock briefly (one record) must not fail another build: wait for it.
  sqlite3_busy_timeout(raw, 60'000);
  MANIFOLD_CHECK(db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  // The write-ahead log stays between commands: closing does not checkpoint it into the main
  // file nor delete it, and the next open does not create and size a new one with its shared
  // memory index. That was ~1 ms of every build (a no-op rebuild's budget is 50). SQLite still
  // checkpoints on its own once the log passes 1000 pages.
  sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  int persist_wal = 1;
  sqlite3_file_control(raw, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);
  return db;
}

Database::~Database() { sqlite3_close_v2(db_); }

util::Status Database::Exec(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "unknown error";
    sqlite3_free(message);
    return util::Fail(util::ErrorKind::kInternal, "cache database {}: {}", path_.string(), why);
  }
  return {};
}

util::Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return std::unexpected(DbError(db_, path_, "preparing a cache query"));
  }
  return Statement(this, stmt);
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

util::Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(DbError(db_->db_, db_->path_, "querying the cache"));
}

util::Status Statement::Run() {
  while (MANIFOLD_TRY(Step())) {
  }
  return {};
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::string_view Statement::TextView(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string_view();
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

util::Result<Transaction> Transaction::Begin(Database& db) {
  MANIFOLD_CHECK(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

util::Status Transaction::Commit() {
  Database* db = db_;
  db_ = nullptr;
  return db->Exec("COMMIT");
}

}  // namespace manifold::cache::internal
