#include <string>

#include "kefu/storage/sqlite/json_columns.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, question, alternatives, answer, category_id, language, active, version, created_by, "
    "created_at, updated_at";

domain::Faq ReadFaq(const Statement& s) {
  domain::Faq f;
  f.id = s.Int(0);
  f.question = s.Text(1);
  f.alternatives = StringsFromJson(s.TextView(2));
  f.answer = s.Text(3);
  f.category_id = s.OptInt(4);
  f.language = s.Text(5);
  f.active = s.Int(6) != 0;
  f.version = s.Int(7);
  f.created_by = s.Int(8);
  f.created_at = s.Int(9);
  f.updated_at = s.Int(10);
  return f;
}

// Binds the editable columns from `first` on; returns the next index.
int BindFaqFields(Statement& s, const domain::Faq& f, int first) {
  int i = first;
  s.Bind(i++, f.question)
      .Bind(i++, StringsToJson(f.alternatives))
      .Bind(i++, f.answer)
      .Bind(i++, f.category_id)
      .Bind(i++, f.language)
      .Bind(i++, f.active ? 1 : 0)
      .Bind(i++, f.updated_at);
  return i;
}

}  // namespace

Result<domain::Faq> SqliteFaqRepo::Get(Id id) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare(std::string("SELECT ") + kColumns + " FROM faqs WHERE id = ?"));
  s.Bind(1, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("FAQ entry " + std::to_string(id) + " not found");
  return ReadFaq(s);
}

Result<std::vector<domain::Faq>> SqliteFaqRepo::GetMany(const std::vector<Id>& ids) {
  // A JSON array keeps the statement text constant whatever the number of ids.
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kColumns +
                                              " FROM faqs WHERE id IN "
                                              "(SELECT value FROM json_each(?))"));
  s.Bind(1, IdsToJson(ids));
  return ReadAll<domain::Faq>(s, ReadFaq);
}

Status SqliteFaqRepo::Insert(domain::Faq& f) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO faqs (question, alternatives, answer, "
                                              "category_id, language, active, updated_at, "
                                              "created_by, created_at, version) "
                                              "VALUES (?,?,?,?,?,?,?,?,?,1)"));
  int i = BindFaqFields(s, f, 1);
  s.Bind(i++, f.created_by).Bind(i++, f.created_at);
  KEFU_RETURN_IF_ERROR(s.Run());
  f.id = conn_.LastInsertId();
  f.version = 1;
  return OkStatus();
}

Status SqliteFaqRepo::Update(domain::Faq& f, std::int64_t expected_version) {
  {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("UPDATE faqs SET question=?, alternatives=?, "
                                                "answer=?, category_id=?, language=?, active=?, "
                                                "updated_at=?, version = version + 1 "
                                                "WHERE id = ? AND version = ?"));
    int i = BindFaqFields(s, f, 1);
    s.Bind(i++, f.id).Bind(i++, expected_version);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  if (conn_.Changes() == 0) {
    KEFU_ASSIGN_OR_RETURN(domain::Faq current, Get(f.id));
    return Error(ErrorCode::kPreconditionFailed,
                 "FAQ entry " + std::to_string(f.id) + " was changed by someone else (version " +
                     std::to_string(current.version) + "); reload and retry");
  }
  f.version = expected_version + 1;
  return OkStatus();
}

Status SqliteFaqRepo::Delete(Id id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("DELETE FROM faqs WHERE id = ?"));
  s.Bind(1, id);
  KEFU_RETURN_IF_ERROR(s.Run());
  if (conn_.Changes() == 0) return NotFound("FAQ entry " + std::to_string(id) + " not found");
  return OkStatus();
}

Result<Page<domain::Faq>> SqliteFaqRepo::List(const FaqQuery& q) {
  std::optional<std::int64_t> after;
  if (!q.cursor.empty()) {
    try {
      after = std::stoll(q.cursor);
    } catch (const std::exception&) {
      return InvalidArgument("invalid cursor", {{"cursor", "is not one this API returned"}});
    }
  }
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare(std::string("SELECT ") + kColumns +
                            " FROM faqs WHERE (?1 IS NULL OR category_id = ?1) "
                            "AND (?2 IS NULL OR language = ?2) AND (?3 IS NULL OR active = ?3) "
                            "AND (?4 IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5"));
  s.Bind(1, q.category_id).Bind(2, q.language);
  if (q.active) {
    s.Bind(3, *q.active ? 1 : 0);
  } else {
    s.BindNull(3);
  }
  s.Bind(4, after).Bind(5, q.limit + 1);
  KEFU_ASSIGN_OR_RETURN(auto items, ReadAll<domain::Faq>(s, ReadFaq));
  Page<domain::Faq> page;
  if (static_cast<int>(items.size()) > q.limit) {
    items.resize(static_cast<std::size_t>(q.limit));
    page.next_cursor = std::to_string(items.back().id);
  }
  page.items = std::move(items);
  return page;
}

Status SqliteFaqRepo::ForEach(const std::function<Status(const domain::Faq&)>& fn) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare(std::string("SELECT ") + kColumns + " FROM faqs ORDER BY id"));
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return OkStatus();
    KEFU_RETURN_IF_ERROR(fn(ReadFaq(s)));
  }
}

}  // namespace kefu::storage::sqlite
