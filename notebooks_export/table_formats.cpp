// SPDX-License-Identifier: Apache-2.0
// Whole tables: one CSV file per table, and a SQLite database with keys and indexes.
#include <fmt/core.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "algorithms/base/error.hpp"
#include "notebooks_export/output_file.hpp"
#include "notebooks_export/text_escape.hpp"
#include "notebooks_export/writers.hpp"

namespace lockstep::notebooks_export {
namespace {

/// "/run/inputs" -> "run_inputs".
std::string flat_name(const std::string& path) {
  std::string s = path.starts_with("/") ? path.substr(1) : path;
  for (auto& ch : s)
    if (ch == '/') ch = '_';
  return s;
}

bool is_string(const Column& c) {
  return std::holds_alternative<std::vector<std::string>>(c.values);
}
bool is_real(const Column& c) {
  return std::holds_alternative<std::vector<float>>(c.values) ||
         std::holds_alternative<std::vector<double>>(c.values);
}

std::string csv_value(const Column& c, std::size_t i) {
  return is_real(c) ? number_text(number_at(&c, i)) : csv_field(text_at(&c, i));
}

// ---- SQLite ----------------------------------------------------------------------------------

/// Keys and indexes of the tables FORMATS.md 2b defines; other tables get none.
struct TableKeys {
  std::string table, primary_key;
  std::vector<std::string> indexes;  // column names
};
const TableKeys kKeys[] = {
    {"accounts", "account_idx", {"account_id", "handle", "cluster_id"}},
    {"clusters", "cluster_id", {"flagged", "score"}},
    {"memberships", "cluster_id, account_idx", {"account_idx"}},
    {"edges", "src_idx, dst_idx", {"dst_idx"}},
    {"evidence", "evidence_id", {"cluster_id", "object"}},
};

std::string quote_id(const std::string& name) {
  std::string s = "\"";
  for (const char ch : name) s += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return s + "\"";
}

class Database {
 public:
  Database(const std::string& temp, const std::string& out) : out_(out) {
    std::remove(temp.c_str());
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(temp.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_.reset(db);
    if (rc != SQLITE_OK) fail();
  }
  void exec(const std::string& sql) {
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail();
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail();
    return st;
  }
  void step(sqlite3_stmt* st) {
    if (sqlite3_step(st) != SQLITE_DONE) fail();
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }
  void close() {
    if (sqlite3_close(db_.release()) != SQLITE_OK) throw IoError("cannot write " + out_);
  }
  [[noreturn]] void fail() {
    throw IoError("cannot write " + out_ +
                  ": sqlite: " + (db_ ? sqlite3_errmsg(db_.get()) : "out of memory"));
  }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  std::string out_;
  std::unique_ptr<sqlite3, Closer> db_;
};

struct StmtCloser {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtCloser>;

void bind_value(sqlite3_stmt* st, int pos, const Column& c, std::size_t i) {
  if (is_string(c)) {
    const auto& s = std::get<std::vector<std::string>>(c.values)[i];
    sqlite3_bind_text(st, pos, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  } else if (is_real(c)) {
    const double v = number_at(&c, i);
    if (std::isnan(v))
      sqlite3_bind_null(st, pos);
    else
      sqlite3_bind_double(st, pos, v);
  } else if (const auto* u = std::get_if<std::vector<std::uint64_t>>(&c.values)) {
    sqlite3_bind_int64(st, pos, static_cast<sqlite3_int64>((*u)[i]));
  } else {
    sqlite3_bind_int64(st, pos, static_cast<sqlite3_int64>(number_at(&c, i)));
  }
}

void write_table(Database& db, const ExportData& d, const ColumnTable& t) {
  const auto name = flat_name(t.path);
  const TableKeys* keys = nullptr;
  for (const auto& k : kKeys)
    if (k.table == name) keys = &k;
  std::string cols, marks;
  // Row-index keys the HDF5 layout leaves implicit become explicit columns.
  const bool account_idx = name == "accounts";
  const bool evidence_id = name == "evidence";
  if (account_idx) cols = "account_idx INTEGER NOT NULL";
  if (evidence_id) cols = "evidence_id INTEGER NOT NULL";
  for (const auto& c : t.columns) {
    cols += fmt::format("{}{} {}", cols.empty() ? "" : ", ", quote_id(c.name),
                        is_string(c) ? "TEXT"
                        : is_real(c) ? "REAL"
                                     : "INTEGER");
  }
  const std::size_t n_params = t.columns.size() + (account_idx || evidence_id ? 1 : 0);
  for (std::size_t i = 0; i < n_params; ++i) marks.append(i == 0 ? "?" : ", ?");
  if (keys != nullptr) cols += ", PRIMARY KEY (" + keys->primary_key + ")";
  db.exec(fmt::format("CREATE TABLE {} ({})", quote_id(name), cols));
  Stmt st(db.prepare(fmt::format("INSERT INTO {} VALUES ({})", quote_id(name), marks)));
  for (const auto i : d.selected_rows(t)) {
    int pos = 1;
    if (account_idx || evidence_id)
      sqlite3_bind_int64(st.get(), pos++, static_cast<sqlite3_int64>(i));
    for (const auto& c : t.columns) bind_value(st.get(), pos++, c, i);
    db.step(st.get());
  }
  if (keys != nullptr)
    for (const auto& col : keys->indexes)
      if (t.find(col) != nullptr)
        db.exec(fmt::format("CREATE INDEX {} ON {} ({})", quote_id(name + "_" + col),
                            quote_id(name), quote_id(col)));
}

void write_runs(Database& db, const ExportData& d) {
  const auto& f = *d.file;
  std::vector<std::pair<std::string, const AttrValue*>> cols;
  for (const auto& [k, v] : f.root_attributes)
    if (k != "run_id") cols.emplace_back(k, &v);
  for (const auto& [k, v] : f.parameters) cols.emplace_back("param_" + k, &v);
  std::string defs = "run_id TEXT PRIMARY KEY, config_toml TEXT", marks = "?, ?";
  for (const auto& [k, v] : cols) {
    defs += fmt::format(", {} {}", quote_id(k),
                        std::holds_alternative<std::string>(*v) ? "TEXT"
                        : std::holds_alternative<double>(*v)    ? "REAL"
                                                                : "INTEGER");
    marks += ", ?";
  }
  db.exec("CREATE TABLE runs (" + defs + ")");
  Stmt st(db.prepare("INSERT INTO runs VALUES (" + marks + ")"));
  sqlite3_bind_text(st.get(), 1, d.run_id.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(st.get(), 2, f.config_toml.c_str(), -1, SQLITE_STATIC);
  int pos = 3;
  for (const auto& [k, v] : cols) {
    if (const auto* s = std::get_if<std::string>(v))
      sqlite3_bind_text(st.get(), pos, s->c_str(), -1, SQLITE_STATIC);
    else if (const auto* x = std::get_if<double>(v))
      sqlite3_bind_double(st.get(), pos, *x);
    else
      sqlite3_bind_int64(st.get(), pos, std::get<std::int64_t>(*v));
    ++pos;
  }
  db.step(st.get());
}

}  // namespace

WrittenFiles write_csv_tables(const ExportData& d, const std::string& out) {
  ensure_directory(out);
  WrittenFiles files;
  for (const auto& t : d.file->tables) {
    const bool account_idx = t.path == "/accounts";
    std::string text = account_idx ? "account_idx" : "";
    for (const auto& c : t.columns) text.append(text.empty() ? "" : ",").append(csv_field(c.name));
    text += "\r\n";
    for (const auto i : d.selected_rows(t)) {
      std::string line = account_idx ? std::to_string(i) : "";
      for (std::size_t j = 0; j < t.columns.size(); ++j)
        line.append(j == 0 && !account_idx ? "" : ",").append(csv_value(t.columns[j], i));
      text += line + "\r\n";
    }
    const auto path = out + "/" + flat_name(t.path) + ".csv";
    write_file_atomic(path, text);
    files.push_back(path);
  }
  std::string run = "scope,name,value\r\n";
  for (const auto& [k, v] : d.file->root_attributes)
    run += "root," + csv_field(k) + "," + csv_field(attr_text(v)) + "\r\n";
  for (const auto& [k, v] : d.file->parameters)
    run += "parameters," + csv_field(k) + "," + csv_field(attr_text(v)) + "\r\n";
  const auto run_path = out + "/run.csv";
  write_file_atomic(run_path, run);
  files.push_back(run_path);
  return files;
}

WrittenFiles write_sqlite(const ExportData& d, const std::string& out) {
  const auto temp = temp_path_for(out);
  try {
    Database db(temp, out);
    db.exec("BEGIN");
    write_runs(db, d);
    for (const auto& t : d.file->tables) write_table(db, d, t);
    // Tables the SQL recipes rely on exist even when the results file lacks them.
    if (d.file->table("/memberships") == nullptr)
      db.exec(
          "CREATE TABLE memberships (cluster_id INTEGER, account_idx INTEGER, membership_score "
          "REAL, PRIMARY KEY (cluster_id, account_idx))");
    if (d.file->table("/evidence") == nullptr)
      db.exec(
          "CREATE TABLE evidence (evidence_id INTEGER PRIMARY KEY, cluster_id INTEGER, signal "
          "TEXT, object TEXT, n_accounts INTEGER, n_actions INTEGER, first_time INTEGER, "
          "last_time INTEGER)");
    db.exec("COMMIT");
    db.close();
  } catch (...) {
    std::remove(temp.c_str());
    std::remove((temp + "-journal").c_str());
    throw;
  }
  commit_output(temp, out);
  return {out};
}

}  // namespace lockstep::notebooks_export
