#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "kefu/storage/sqlite/json_columns.h"
#include "kefu/storage/sqlite/query_builder.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

using domain::User;

constexpr const char* kUserColumns =
    "id, email, name, role, active, password_hash, language, skills, languages, "
    "max_concurrent_chats, presence, created_at, updated_at";

std::string SkillsToJson(const std::vector<domain::Skill>& skills) {
  boost::json::array array;
  for (const auto& skill : skills) {
    array.push_back(boost::json::object{{"name", skill.name}, {"level", skill.level}});
  }
  return boost::json::serialize(array);
}

std::vector<domain::Skill> SkillsFromJson(std::string_view text) {
  std::vector<domain::Skill> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    const auto* obj = item.if_object();
    if (obj == nullptr) continue;
    const auto* name = obj->if_contains("name");
    const auto* level = obj->if_contains("level");
    if (name == nullptr || !name->is_string() || level == nullptr || !level->is_int64()) continue;
    out.push_back({std::string(name->get_string()), static_cast<int>(level->get_int64())});
  }
  return out;
}

domain::Presence PresenceAt(const Statement& s, int col) {
  return domain::ParsePresence(s.TextView(col)).value_or(domain::Presence::kOffline);
}

User ReadUser(const Statement& s) {
  User u;
  u.id = s.Int(0);
  u.email = s.Text(1);
  u.name = s.Text(2);
  u.role = s.Text(3);
  u.active = s.Int(4) != 0;
  u.password_hash = s.Text(5);
  u.language = s.Text(6);
  u.skills = SkillsFromJson(s.TextView(7));
  u.languages = StringsFromJson(s.TextView(8));
  u.max_concurrent_chats = static_cast<int>(s.Int(9));
  u.presence = PresenceAt(s, 10);
  u.created_at = s.Int(11);
  u.updated_at = s.Int(12);
  return u;
}

// Columns of AssignmentCandidates.
domain::AgentCandidate ReadCandidate(const Statement& s) {
  domain::AgentCandidate c;
  c.user_id = s.Int(0);
  c.presence = PresenceAt(s, 1);
  c.active = s.Int(2) != 0;
  c.skills = SkillsFromJson(s.TextView(3));
  c.last_assigned_at = s.Int(4);
  c.open_tickets = static_cast<int>(s.Int(5));
  return c;
}

int BindUserFields(Statement& s, const User& u, int i) {
  s.Bind(i++, u.email);
  s.Bind(i++, u.name);
  s.Bind(i++, u.role);
  s.Bind(i++, u.active ? 1 : 0);
  s.Bind(i++, u.password_hash);
  s.Bind(i++, u.language);
  s.Bind(i++, SkillsToJson(u.skills));
  s.Bind(i++, StringsToJson(u.languages));
  s.Bind(i++, u.max_concurrent_chats);
  s.Bind(i++, domain::ToString(u.presence));
  s.Bind(i++, u.created_at);
  s.Bind(i++, u.updated_at);
  return i;
}

}  // namespace

Result<std::vector<User>> SqliteUserRepo::Query(std::string_view sql, std::optional<Id> arg) {
  std::vector<User> users;
  {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(sql));
    if (arg) s.Bind(1, *arg);
    for (;;) {
      KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      users.push_back(ReadUser(s));
    }
  }
  for (auto& u : users) KEFU_RETURN_IF_ERROR(LoadMemberships(u));
  return users;
}

Result<User> SqliteUserRepo::Get(Id id) {
  KEFU_ASSIGN_OR_RETURN(
      auto users, Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", id));
  if (users.empty()) return NotFound("user " + std::to_string(id) + " not found");
  return std::move(users.front());
}

Result<User> SqliteUserRepo::GetByEmail(const std::string& email) {
  User user;
  {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kUserColumns +
                                                " FROM users WHERE email = ?"));
    s.Bind(1, email);
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound("no user with that email");
    user = ReadUser(s);
  }
  KEFU_RETURN_IF_ERROR(LoadMemberships(user));
  return user;
}

Status SqliteUserRepo::Insert(User& user) {
  {
    KEFU_ASSIGN_OR_RETURN(
        auto s, conn_.Prepare("INSERT INTO users (email, name, role, active, password_hash, "
                              "language, skills, languages, max_concurrent_chats, presence, "
                              "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    BindUserFields(s, user, 1);
    Status st = s.Run();
    if (!st.ok() && st.error().code == ErrorCode::kConflict) {
      return Conflict("a user with email " + user.email + " already exists");
    }
    KEFU_RETURN_IF_ERROR(st);
  }
  user.id = conn_.LastInsertId();
  return SaveMemberships(user);
}

Status SqliteUserRepo::Update(User& user) {
  {
    KEFU_ASSIGN_OR_RETURN(
        auto s, conn_.Prepare("UPDATE users SET email=?, name=?, role=?, active=?, "
                              "password_hash=?, language=?, skills=?, languages=?, "
                              "max_concurrent_chats=?, presence=?, created_at=?, updated_at=? "
                              "WHERE id = ?"));
    int i = BindUserFields(s, user, 1);
    s.Bind(i, user.id);
    Status st = s.Run();
    if (!st.ok() && st.error().code == ErrorCode::kConflict) {
      return Conflict("a user with email " + user.email + " already exists");
    }
    KEFU_RETURN_IF_ERROR(st);
  }
  if (conn_.Changes() == 0) return NotFound("user " + std::to_string(user.id) + " not found");
  return SaveMemberships(user);
}

Status SqliteUserRepo::LoadMemberships(User& user) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT department_id, is_lead FROM "
                                              "department_members WHERE user_id = ? "
                                              "ORDER BY department_id"));
  s.Bind(1, user.id);
  user.departments.clear();
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    user.departments.push_back({s.Int(0), s.Int(1) != 0});
  }
  return OkStatus();
}

Status SqliteUserRepo::SaveMemberships(const User& user) {
  {
    KEFU_ASSIGN_OR_RETURN(auto s,
                          conn_.Prepare("DELETE FROM department_members WHERE user_id = ?"));
    s.Bind(1, user.id);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  for (const auto& m : user.departments) {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO department_members (department_id, "
                                                "user_id, is_lead) VALUES (?, ?, ?)"));
    s.Bind(1, m.department_id).Bind(2, user.id).Bind(3, m.is_lead ? 1 : 0);
    Status st = s.Run();
    if (!st.ok() && st.error().code == ErrorCode::kConflict) {
      return InvalidArgument("unknown department",
                             {{"departments", "department " + std::to_string(m.department_id) +
                                                  " does not exist or is listed twice"}});
    }
    KEFU_RETURN_IF_ERROR(st);
  }
  return OkStatus();
}

Result<std::vector<User>> SqliteUserRepo::List() {
  return Query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id", std::nullopt);
}

Result<std::vector<domain::AgentCandidate>> SqliteUserRepo::AssignmentCandidates(Id department_id) {
  // One statement per assignment: members, their state and their unresolved load.
  KEFU_ASSIGN_OR_RETURN(
      auto s,
      conn_.Prepare("SELECT u.id, u.presence, u.active, u.skills, u.last_assigned_at, "
                    "(SELECT ifnull(sum(c.n), 0) FROM ticket_counts c WHERE c.assignee_id = u.id "
                    "AND c.status NOT IN ('resolved', 'closed')) "
                    "FROM department_members m JOIN users u ON u.id = m.user_id "
                    "WHERE m.department_id = ? ORDER BY u.id"));
  s.Bind(1, department_id);
  return ReadAll<domain::AgentCandidate>(s, ReadCandidate);
}

Status SqliteUserRepo::SetLastAssignedAt(Id user_id, TimeMs at) {
  KEFU_ASSIGN_OR_RETURN(auto s,
                        conn_.Prepare("UPDATE users SET last_assigned_at = ? WHERE id = ?"));
  s.Bind(1, at).Bind(2, user_id);
  return s.Run();
}

}  // namespace kefu::storage::sqlite
