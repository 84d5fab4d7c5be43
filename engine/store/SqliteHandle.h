#pragma once
// RAII over the SQLite C API: a connection and prepared statements, with one checking
// function that turns any failure into a StoreError naming the file and the operation.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "store/StoreError.h"

namespace archi::sqlite {

class Connection;

// Throws StoreError when `code` is not one of the accepted results.
void check(int code, const Connection& connection, std::string_view operation);

class Connection {
 public:
  Connection(const std::filesystem::path& path, int openFlags);
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

  // Runs one or more statements without results.
  void execute(std::string_view sql, std::string_view operation);
  // First column of the first row, or nullopt for no rows.
  std::optional<std::int64_t> queryInteger(std::string_view sql, std::string_view operation);

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

class Statement {
 public:
  Statement(const Connection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bindNull(int index);
  // Steps once: true when a row is available, false when done.
  bool step(std::string_view operation);
  // Executes to completion and resets for reuse with new bindings.
  void run(std::string_view operation);
  void reset();

  std::int64_t columnInteger(int index) const;
  double columnDouble(int index) const;
  // NULL reads as NaN: how the store keeps a number SQLite cannot (it binds NaN as NULL).
  double columnNumber(int index) const;
  std::string columnText(int index) const;
  bool columnIsNull(int index) const;

 private:
  const Connection& connection_;
  sqlite3_stmt* statement_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT; rolls back in the destructor unless commit() was reached, so an
// exception in the middle of a batch leaves nothing half-written.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool finished_ = false;
};

}  // namespace archi::sqlite
