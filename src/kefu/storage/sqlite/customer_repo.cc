#include <algorithm>

#include "kefu/storage/sqlite/json_columns.h"
#include "kefu/storage/sqlite/query_builder.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

using domain::Customer;

constexpr const char* kCustomerColumns =
    "id, name, gender, birthday, province, city, phones, emails, membership_level, interests, "
    "source_channel, custom_fields, tags, notes, merged_into_id, created_at, updated_at, version";

Customer ReadCustomer(const Statement& s) {
  Customer c;
  c.id = s.Int(0);
  c.name = s.Text(1);
  c.gender = domain::ParseGender(s.TextView(2)).value_or(domain::Gender::kUnknown);
  c.birthday = s.OptText(3);
  c.province = s.Text(4);
  c.city = s.Text(5);
  c.phones = StringsFromJson(s.TextView(6));
  c.emails = StringsFromJson(s.TextView(7));
  c.membership_level = static_cast<int>(s.Int(8));
  c.interests = StringsFromJson(s.TextView(9));
  c.source_channel = domain::ParseChannel(s.TextView(10)).value_or(domain::Channel::kWeb);
  c.custom_fields = ObjectFromJson(s.TextView(11));
  c.tags = StringsFromJson(s.TextView(12));
  c.notes = s.Text(13);
  c.merged_into_id = s.OptInt(14);
  c.created_at = s.Int(15);
  c.updated_at = s.Int(16);
  c.version = s.Int(17);
  return c;
}

int BindCustomerFields(Statement& s, const Customer& c, int i) {
  s.Bind(i++, c.name);
  s.Bind(i++, domain::ToString(c.gender));
  s.Bind(i++, c.birthday);
  s.Bind(i++, c.province);
  s.Bind(i++, c.city);
  s.Bind(i++, StringsToJson(c.phones));
  s.Bind(i++, StringsToJson(c.emails));
  s.Bind(i++, c.membership_level);
  s.Bind(i++, StringsToJson(c.interests));
  s.Bind(i++, domain::ToString(c.source_channel));
  s.Bind(i++, ObjectToJson(c.custom_fields));
  s.Bind(i++, StringsToJson(c.tags));
  s.Bind(i++, c.notes);
  s.Bind(i++, c.merged_into_id);
  s.Bind(i++, c.created_at);
  s.Bind(i++, c.updated_at);
  return i;
}

}  // namespace

Result<Customer> SqliteCustomerRepo::Get(Id id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kCustomerColumns +
                                              " FROM customers WHERE id = ?"));
  s.Bind(1, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("customer " + std::to_string(id) + " not found");
  return ReadCustomer(s);
}

Status SqliteCustomerRepo::Insert(Customer& c) {
  {
    KEFU_ASSIGN_OR_RETURN(
        auto s, conn_.Prepare("INSERT INTO customers (name, gender, birthday, province, city, "
                              "phones, emails, membership_level, interests, source_channel, "
                              "custom_fields, tags, notes, merged_into_id, created_at, updated_at, "
                              "version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)"));
    BindCustomerFields(s, c, 1);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  c.id = conn_.LastInsertId();
  c.version = 1;
  return SyncTags(c);
}

Status SqliteCustomerRepo::Update(Customer& c, std::int64_t expected_version) {
  {
    KEFU_ASSIGN_OR_RETURN(
        auto s, conn_.Prepare("UPDATE customers SET name=?, gender=?, birthday=?, province=?, "
                              "city=?, phones=?, emails=?, membership_level=?, interests=?, "
                              "source_channel=?, custom_fields=?, tags=?, notes=?, "
                              "merged_into_id=?, created_at=?, updated_at=?, version = version + 1 "
                              "WHERE id = ? AND version = ?"));
    int i = BindCustomerFields(s, c, 1);
    s.Bind(i++, c.id);
    s.Bind(i++, expected_version);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  if (conn_.Changes() == 0) {
    KEFU_ASSIGN_OR_RETURN(Customer current, Get(c.id));
    return Error(ErrorCode::kPreconditionFailed,
                 "customer " + std::to_string(c.id) + " was changed by someone else (version " +
                     std::to_string(current.version) + "); reload and retry");
  }
  c.version = expected_version + 1;
  return SyncTags(c);
}

Status SqliteCustomerRepo::SyncTags(const Customer& c) {
  {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("DELETE FROM customer_tags WHERE customer_id = ?"));
    s.Bind(1, c.id);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  for (const auto& tag : c.tags) {
    KEFU_ASSIGN_OR_RETURN(auto s,
                          conn_.Prepare("INSERT OR IGNORE INTO customer_tags VALUES (?, ?)"));
    s.Bind(1, tag).Bind(2, c.id);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  return OkStatus();
}

Result<Page<Customer>> SqliteCustomerRepo::Search(const CustomerQuery& q) {
  WhereBuilder where;
  where.Add("merged_into_id IS NULL");
  if (q.name_contains) {
    where.Add("name LIKE ? ESCAPE '\\'", {"%" + EscapeLike(*q.name_contains) + "%"});
  }
  if (q.phone) {
    // An exact E.164 hit goes through the identity index; a fragment scans phones.
    where.Add(
        "id IN (SELECT customer_id FROM customer_identities WHERE type = 'phone' AND value = ?) "
        "OR phones LIKE ? ESCAPE '\\'",
        {*q.phone, "%" + EscapeLike(*q.phone) + "%"});
  }
  if (q.email) {
    where.Add(
        "id IN (SELECT customer_id FROM customer_identities WHERE type = 'email' AND value = ?)",
        {*q.email});
  }
  if (q.tag) where.Add("id IN (SELECT customer_id FROM customer_tags WHERE tag = ?)", {*q.tag});
  if (q.min_membership_level) {
    where.Add("membership_level >= ?", {static_cast<std::int64_t>(*q.min_membership_level)});
  }
  if (!q.cursor.empty()) {
    KEFU_ASSIGN_OR_RETURN(auto cursor, DecodeCursor(q.cursor));
    where.Add("id < ?", {cursor.second});
  }
  int limit = std::clamp(q.limit, 1, 200);
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare(std::string("SELECT ") + kCustomerColumns + " FROM customers" +
                            where.Sql() + " ORDER BY id DESC LIMIT ?"));
  int next = where.BindAll(s);
  s.Bind(next, static_cast<std::int64_t>(limit + 1));
  Page<Customer> page;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    page.items.push_back(ReadCustomer(s));
  }
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = EncodeCursor(0, page.items.back().id);
  }
  return page;
}

Result<std::optional<Id>> SqliteCustomerRepo::FindByIdentity(domain::IdentityType type,
                                                             const std::string& value) {
  KEFU_ASSIGN_OR_RETURN(
      auto s,
      conn_.Prepare("SELECT customer_id FROM customer_identities WHERE type = ? AND value = ?"));
  s.Bind(1, domain::ToString(type)).Bind(2, value);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Id>();
  return std::optional<Id>(s.Int(0));
}

Status SqliteCustomerRepo::AddIdentity(domain::CustomerIdentity& identity) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO customer_identities (customer_id, "
                                              "type, value, created_at) VALUES (?,?,?,?)"));
  s.Bind(1, identity.customer_id)
      .Bind(2, domain::ToString(identity.type))
      .Bind(3, identity.value)
      .Bind(4, identity.created_at);
  Status st = s.Run();
  if (!st.ok() && st.error().code == ErrorCode::kConflict) {
    return Conflict(std::string(domain::ToString(identity.type)) + " " + identity.value +
                    " already belongs to another customer");
  }
  KEFU_RETURN_IF_ERROR(st);
  identity.id = conn_.LastInsertId();
  return OkStatus();
}

Result<std::vector<domain::CustomerIdentity>> SqliteCustomerRepo::ListIdentities(Id customer_id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT id, customer_id, type, value, created_at "
                                              "FROM customer_identities WHERE customer_id = ? "
                                              "ORDER BY id"));
  s.Bind(1, customer_id);
  std::vector<domain::CustomerIdentity> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    domain::CustomerIdentity identity;
    identity.id = s.Int(0);
    identity.customer_id = s.Int(1);
    identity.type = domain::ParseIdentityType(s.TextView(2)).value_or(domain::IdentityType::kApi);
    identity.value = s.Text(3);
    identity.created_at = s.Int(4);
    out.push_back(std::move(identity));
  }
  return out;
}

Result<std::int64_t> SqliteCustomerRepo::MoveIdentities(Id from, Id to) {
  KEFU_ASSIGN_OR_RETURN(
      auto s,
      conn_.Prepare("UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?"));
  s.Bind(1, to).Bind(2, from);
  KEFU_RETURN_IF_ERROR(s.Run());
  return static_cast<std::int64_t>(conn_.Changes());
}

}  // namespace kefu::storage::sqlite
