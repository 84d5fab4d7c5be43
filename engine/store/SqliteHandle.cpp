#include "store/SqliteHandle.h"

#include <limits>

namespace archi::sqlite {
namespace {

struct Classified {
  StoreError::Kind kind;
  const char* hint;
};

Classified classify(int code) {
  switch (code & 0xff) {  // primary result code; extended codes share it in the low byte
    case SQLITE_FULL:
      return {StoreError::Kind::DiskFull, "free disk space; the failed batch was rolled back and earlier data is intact"};
    case SQLITE_READONLY:
      return {StoreError::Kind::ReadOnly, "the file or its folder is read-only; choose a writable location"};
    case SQLITE_NOTADB:
      return {StoreError::Kind::Corrupt, "the file is not an SQLite database; it was left untouched"};
    case SQLITE_CORRUPT:
      return {StoreError::Kind::Corrupt, "the database is corrupted; it was left untouched (restore it from a backup)"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {StoreError::Kind::Busy, "another process holds the database; try again when it has finished"};
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return {StoreError::Kind::Constraint, "the row was refused; the rest of the store is intact"};
    case SQLITE_CANTOPEN:
      return {StoreError::Kind::Generic, "check that the folder exists and is accessible"};
    default:
      return {StoreError::Kind::Generic, nullptr};
  }
}

}  // namespace

void check(int code, const Connection& connection, std::string_view operation) {
  if (code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE) return;
  const Classified classified = classify(code);
  std::string message = connection.path().string() + ": " + std::string(operation) + " failed: ";
  message += connection.get() != nullptr ? sqlite3_errmsg(connection.get()) : sqlite3_errstr(code);
  if (classified.hint != nullptr) message += std::string(" (") + classified.hint + ")";
  throw StoreError(classified.kind, message);
}

Connection::Connection(const std::filesystem::path& path, int openFlags) : path_(path) {
  const int code = sqlite3_open_v2(path.c_str(), &db_, openFlags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    // sqlite3_open_v2 may hand back a handle even on failure; it must still be closed.
    std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    const Classified classified = classify(code);
    std::string message = path.string() + ": cannot open run store: " + reason;
    if (classified.hint != nullptr) message += std::string(" (") + classified.hint + ")";
    throw StoreError(classified.kind, message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Connection::Connection(Connection&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
  other.db_ = nullptr;
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    other.db_ = nullptr;
  }
  return *this;
}

void Connection::execute(std::string_view sql, std::string_view operation) {
  const std::string text(sql);
  check(sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr), *this, operation);
}

std::optional<std::int64_t> Connection::queryInteger(std::string_view sql, std::string_view operation) {
  Statement statement(*this, sql);
  if (!statement.step(operation) || statement.columnIsNull(0)) return std::nullopt;
  return statement.columnInteger(0);
}

Statement::Statement(const Connection& connection, std::string_view sql) : connection_(connection) {
  check(sqlite3_prepare_v3(connection.get(), sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement_, nullptr),
        connection, "preparing a statement");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int index, std::int64_t value) {
  check(sqlite3_bind_int64(statement_, index, value), connection_, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check(sqlite3_bind_double(statement_, index, value), connection_, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT),
        connection_, "binding a value");
  return *this;
}

Statement& Statement::bindNull(int index) {
  check(sqlite3_bind_null(statement_, index), connection_, "binding a value");
  return *this;
}

bool Statement::step(std::string_view operation) {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  sqlite3_reset(statement_);
  check(code, connection_, operation);
  return false;
}

void Statement::run(std::string_view operation) {
  while (step(operation)) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::columnInteger(int index) const { return sqlite3_column_int64(statement_, index); }
double Statement::columnDouble(int index) const { return sqlite3_column_double(statement_, index); }
double Statement::columnNumber(int index) const {
  return columnIsNull(index) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(statement_, index);
}
bool Statement::columnIsNull(int index) const { return sqlite3_column_type(statement_, index) == SQLITE_NULL; }

std::string Statement::columnText(int index) const {
  const auto* text = sqlite3_column_text(statement_, index);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text),
                                                       static_cast<std::size_t>(sqlite3_column_bytes(statement_, index)));
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.execute("BEGIN IMMEDIATE", "starting a transaction");
}

Transaction::~Transaction() {
  if (!finished_) sqlite3_exec(connection_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  connection_.execute("COMMIT", "committing a transaction");
  finished_ = true;
}

}  // namespace archi::sqlite
