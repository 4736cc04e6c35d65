#include "kefu/storage/sqlite/query_builder.h"

#include <charconv>

namespace kefu::storage::sqlite {
namespace {

// "column IN (?,?,?)" for `count` values (count > 0).
std::string InList(std::string_view column, std::size_t count) {
  std::string clause(column);
  clause += " IN (";
  for (std::size_t i = 0; i < count; ++i) clause += i == 0 ? "?" : ",?";
  clause += ")";
  return clause;
}

}  // namespace

void WhereBuilder::Add(std::string clause, std::vector<Value> values) {
  clauses_.push_back("(" + std::move(clause) + ")");
  for (auto& v : values) values_.push_back(std::move(v));
}

void WhereBuilder::AddIn(const std::string& column, const std::vector<Value>& values) {
  if (values.empty()) {
    clauses_.emplace_back("0");
    return;
  }
  Add(InList(column, values.size()), values);
}

std::vector<WhereBuilder::Value> IdValues(const std::vector<Id>& ids) {
  return {ids.begin(), ids.end()};
}

void AddCountScope(WhereBuilder& where, const CountScope& scope, NoneIs none) {
  if (scope.assignee_id) where.Add("assignee_id = ?", {*scope.assignee_id});
  if (scope.unassigned_only) {
    where.Add(none == NoneIs::kZero ? "assignee_id = 0" : "assignee_id IS NULL");
  }
  if (!scope.department_ids) return;
  std::vector<WhereBuilder::Value> values = IdValues(*scope.department_ids);
  std::string clause = "0";
  if (!values.empty()) {
    clause =
        InList(none == NoneIs::kZero ? "department_id" : "ifnull(department_id, 0)", values.size());
  }
  if (scope.or_assigned_to) {
    clause += " OR assignee_id = ?";
    values.emplace_back(*scope.or_assigned_to);
  }
  where.Add(std::move(clause), std::move(values));
}

std::string WhereBuilder::Sql() const {
  if (clauses_.empty()) return "";
  std::string sql = " WHERE ";
  for (size_t i = 0; i < clauses_.size(); ++i) {
    if (i > 0) sql += " AND ";
    sql += clauses_[i];
  }
  return sql;
}

int WhereBuilder::BindAll(Statement& stmt) const {
  int index = 1;
  for (const auto& v : values_) {
    if (std::holds_alternative<std::int64_t>(v)) {
      stmt.Bind(index++, std::get<std::int64_t>(v));
    } else {
      stmt.Bind(index++, std::get<std::string>(v));
    }
  }
  return index;
}

std::string EncodeCursor(std::int64_t sort_value, std::int64_t id) {
  return std::to_string(sort_value) + "." + std::to_string(id);
}

Result<std::pair<std::int64_t, std::int64_t>> DecodeCursor(const std::string& cursor) {
  auto bad = [] {
    return InvalidArgument("invalid cursor", {{"cursor", "use next_cursor from a previous page"}});
  };
  auto dot = cursor.find('.');
  if (dot == std::string::npos) return bad();
  std::int64_t value = 0, id = 0;
  const char* begin = cursor.data();
  auto r1 = std::from_chars(begin, begin + dot, value);
  auto r2 = std::from_chars(begin + dot + 1, begin + cursor.size(), id);
  if (r1.ec != std::errc() || r1.ptr != begin + dot || r2.ec != std::errc() ||
      r2.ptr != begin + cursor.size()) {
    return bad();
  }
  return std::make_pair(value, id);
}

std::string EscapeLike(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace kefu::storage::sqlite
