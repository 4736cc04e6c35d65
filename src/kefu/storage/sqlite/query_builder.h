#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/storage/records.h"
#include "kefu/storage/sqlite/connection.h"

namespace kefu::storage::sqlite {

// Builds a WHERE clause with bound parameters for dynamic filters; values never enter
// the SQL text, so filters cannot inject SQL.
class WhereBuilder {
 public:
  using Value = std::variant<std::int64_t, std::string>;

  // Adds "(clause)" joined with AND; each '?' in clause consumes one of `values`.
  void Add(std::string clause, std::vector<Value> values = {});
  // Adds "column IN (?, ?, ...)"; an empty list matches nothing.
  void AddIn(const std::string& column, const std::vector<Value>& values);
  std::string Sql() const;  // "" or " WHERE a AND b"
  // Binds every value in order starting at 1; returns the next free index.
  int BindAll(Statement& stmt) const;

 private:
  std::vector<std::string> clauses_;
  std::vector<Value> values_;
};

// Ids as bound values, for AddIn.
std::vector<WhereBuilder::Value> IdValues(const std::vector<Id>& ids);

// How a table writes "none" in its department_id and assignee_id columns: tickets use
// NULL, the ticket_counts counters 0.
enum class NoneIs { kNull, kZero };

// Adds the filters of `scope` (see CountScope) over department_id and assignee_id.
void AddCountScope(WhereBuilder& where, const CountScope& scope, NoneIs none);

// Keyset cursors: "<sort value>.<id>". Opaque to clients; a malformed one is
// kInvalidArgument on field "cursor".
std::string EncodeCursor(std::int64_t sort_value, std::int64_t id);
Result<std::pair<std::int64_t, std::int64_t>> DecodeCursor(const std::string& cursor);

// Escapes %, _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string EscapeLike(const std::string& text);

}  // namespace kefu::storage::sqlite
