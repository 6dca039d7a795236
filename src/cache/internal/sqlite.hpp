// A thin RAII face over SQLite 3: one connection, prepared statements, transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::cache::internal {

class Statement;

/// One connection to a database file, opened serialized (several threads may share it; SQLite
/// takes a mutex per call) in WAL mode with a busy timeout, so builds on one root wait for
/// each other's short write transactions instead of failing.
class Database {
 public:
  static util::Result<std::unique_ptr<Database>> Open(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Runs SQL with no results (schema, pragmas, BEGIN/COMMIT).
  util::Status Exec(std::string_view sql);
  util::Result<Statement> Prepare(std::string_view sql);
  const std::filesystem::path& path() const { return path_; }

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  friend class Statement;
  sqlite3* db_;
  std::filesystem::path path_;
};

/// A prepared statement; Bind* are 1-based like SQLite's. Not thread-safe: one user at a time.
class Statement {
 public:
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, int64_t value);
  Statement& BindNull(int index);
  /// Makes the statement ready to run again with new bindings.
  Statement& Reset();
  /// Advances: true while a row is available, false when done.
  util::Result<bool> Step();
  /// Runs to completion (INSERT/UPDATE/DELETE).
  util::Status Run();
  std::string Text(int column) const;
  /// The column's text without a copy: valid until the next Step, Reset or destruction.
  std::string_view TextView(int column) const;
  int64_t Int(int column) const;
  bool IsNull(int column) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Database* db_;
  sqlite3_stmt* stmt_;
};

/// BEGIN IMMEDIATE on construction (the write lock up front: no deadlock between two readers
/// upgrading), ROLLBACK unless Commit() was called.
class Transaction {
 public:
  static util::Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  ~Transaction();
  util::Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace manifold::cache::internal
