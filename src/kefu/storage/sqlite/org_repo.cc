#include "kefu/storage/sqlite/json_columns.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

domain::Role ReadRole(const Statement& s) {
  domain::Role role;
  role.key = s.Text(0);
  role.name = s.Text(1);
  for (auto& p : StringsFromJson(s.TextView(2))) role.permissions.insert(std::move(p));
  role.builtin = s.Int(3) != 0;
  return role;
}

domain::Department ReadDepartment(const Statement& s) {
  domain::Department d;
  d.id = s.Int(0);
  d.name = s.Text(1);
  d.description = s.Text(2);
  d.assignment_policy =
      domain::ParseAssignmentPolicy(s.TextView(3)).value_or(domain::AssignmentPolicy::kManual);
  d.created_at = s.Int(4);
  return d;
}

domain::Category ReadCategory(const Statement& s) {
  domain::Category c;
  c.id = s.Int(0);
  c.parent_id = s.OptInt(1);
  c.name = s.Text(2);
  c.default_department_id = s.OptInt(3);
  c.default_priority = domain::ParsePriority(s.TextView(4)).value_or(domain::Priority::kNormal);
  c.required_skills = StringsFromJson(s.TextView(5));
  c.created_at = s.Int(6);
  return c;
}

domain::CustomFieldDef ReadField(const Statement& s) {
  domain::CustomFieldDef f;
  f.id = s.Int(0);
  f.entity =
      domain::ParseCustomFieldEntity(s.TextView(1)).value_or(domain::CustomFieldEntity::kTicket);
  f.key = s.Text(2);
  f.label = s.Text(3);
  f.type = domain::ParseCustomFieldType(s.TextView(4)).value_or(domain::CustomFieldType::kText);
  f.options = StringsFromJson(s.TextView(5));
  f.required = s.Int(6) != 0;
  f.active = s.Int(7) != 0;
  return f;
}

Status ConflictAs(Status st, const std::string& message) {
  if (!st.ok() && st.error().code == ErrorCode::kConflict) return Conflict(message);
  return st;
}

}  // namespace

Result<std::vector<domain::Role>> SqliteOrgRepo::ListRoles() {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT key, name, permissions, builtin FROM roles "
                                              "ORDER BY builtin DESC, key"));
  return ReadAll<domain::Role>(s, ReadRole);
}

Result<domain::Role> SqliteOrgRepo::GetRole(const std::string& key) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT key, name, permissions, builtin FROM roles WHERE key = ?"));
  s.Bind(1, key);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("role " + key + " not found");
  return ReadRole(s);
}

Status SqliteOrgRepo::UpsertRole(const domain::Role& role) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("INSERT INTO roles (key, name, permissions, builtin) VALUES (?,?,?,?) "
                            "ON CONFLICT(key) DO UPDATE SET name = excluded.name, "
                            "permissions = excluded.permissions"));
  std::vector<std::string> permissions(role.permissions.begin(), role.permissions.end());
  s.Bind(1, role.key)
      .Bind(2, role.name)
      .Bind(3, StringsToJson(permissions))
      .Bind(4, role.builtin ? 1 : 0);
  return s.Run();
}

Status SqliteOrgRepo::DeleteRole(const std::string& key) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("DELETE FROM roles WHERE key = ? AND builtin = 0"));
  s.Bind(1, key);
  KEFU_RETURN_IF_ERROR(s.Run());
  if (conn_.Changes() == 0) return NotFound("custom role " + key + " not found");
  return OkStatus();
}

Result<std::vector<domain::Department>> SqliteOrgRepo::ListDepartments() {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT id, name, description, assignment_policy, "
                                              "created_at FROM departments ORDER BY id"));
  return ReadAll<domain::Department>(s, ReadDepartment);
}

Result<domain::Department> SqliteOrgRepo::GetDepartment(Id id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT id, name, description, assignment_policy, "
                                              "created_at FROM departments WHERE id = ?"));
  s.Bind(1, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("department " + std::to_string(id) + " not found");
  return ReadDepartment(s);
}

Status SqliteOrgRepo::InsertDepartment(domain::Department& d) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO departments (name, description, "
                                              "assignment_policy, created_at) VALUES (?,?,?,?)"));
  s.Bind(1, d.name)
      .Bind(2, d.description)
      .Bind(3, domain::ToString(d.assignment_policy))
      .Bind(4, d.created_at);
  KEFU_RETURN_IF_ERROR(ConflictAs(s.Run(), "a department named " + d.name + " already exists"));
  d.id = conn_.LastInsertId();
  return OkStatus();
}

Status SqliteOrgRepo::UpdateDepartment(const domain::Department& d) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("UPDATE departments SET name = ?, description = ?, "
                                              "assignment_policy = ? WHERE id = ?"));
  s.Bind(1, d.name)
      .Bind(2, d.description)
      .Bind(3, domain::ToString(d.assignment_policy))
      .Bind(4, d.id);
  KEFU_RETURN_IF_ERROR(ConflictAs(s.Run(), "a department named " + d.name + " already exists"));
  if (conn_.Changes() == 0) return NotFound("department " + std::to_string(d.id) + " not found");
  return OkStatus();
}

Result<std::vector<domain::Category>> SqliteOrgRepo::ListCategories() {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT id, parent_id, name, default_department_id, default_priority, "
                            "required_skills, created_at FROM categories ORDER BY id"));
  return ReadAll<domain::Category>(s, ReadCategory);
}

Result<domain::Category> SqliteOrgRepo::GetCategory(Id id) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT id, parent_id, name, default_department_id, default_priority, "
                            "required_skills, created_at FROM categories WHERE id = ?"));
  s.Bind(1, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("category " + std::to_string(id) + " not found");
  return ReadCategory(s);
}

Status SqliteOrgRepo::InsertCategory(domain::Category& c) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("INSERT INTO categories (parent_id, name, default_department_id, "
                            "default_priority, required_skills, created_at) VALUES (?,?,?,?,?,?)"));
  s.Bind(1, c.parent_id)
      .Bind(2, c.name)
      .Bind(3, c.default_department_id)
      .Bind(4, domain::ToString(c.default_priority))
      .Bind(5, StringsToJson(c.required_skills))
      .Bind(6, c.created_at);
  KEFU_RETURN_IF_ERROR(
      ConflictAs(s.Run(), "a category named " + c.name + " already exists at that level"));
  c.id = conn_.LastInsertId();
  return OkStatus();
}

Status SqliteOrgRepo::UpdateCategory(const domain::Category& c) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("UPDATE categories SET parent_id = ?, name = ?, "
                            "default_department_id = ?, default_priority = ?, required_skills = ? "
                            "WHERE id = ?"));
  s.Bind(1, c.parent_id)
      .Bind(2, c.name)
      .Bind(3, c.default_department_id)
      .Bind(4, domain::ToString(c.default_priority))
      .Bind(5, StringsToJson(c.required_skills))
      .Bind(6, c.id);
  KEFU_RETURN_IF_ERROR(
      ConflictAs(s.Run(), "a category named " + c.name + " already exists at that level"));
  if (conn_.Changes() == 0) return NotFound("category " + std::to_string(c.id) + " not found");
  return OkStatus();
}

Result<std::vector<domain::CustomFieldDef>> SqliteOrgRepo::ListCustomFields(
    std::optional<domain::CustomFieldEntity> entity) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT id, entity, key, label, type, options, required, active "
                            "FROM custom_fields WHERE ? IS NULL OR entity = ? ORDER BY id"));
  if (entity) {
    s.Bind(1, domain::ToString(*entity)).Bind(2, domain::ToString(*entity));
  } else {
    s.BindNull(1).BindNull(2);
  }
  return ReadAll<domain::CustomFieldDef>(s, ReadField);
}

Status SqliteOrgRepo::InsertCustomField(domain::CustomFieldDef& f) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO custom_fields (entity, key, label, "
                                              "type, options, required, active) VALUES "
                                              "(?,?,?,?,?,?,?)"));
  s.Bind(1, domain::ToString(f.entity))
      .Bind(2, f.key)
      .Bind(3, f.label)
      .Bind(4, domain::ToString(f.type))
      .Bind(5, StringsToJson(f.options))
      .Bind(6, f.required ? 1 : 0)
      .Bind(7, f.active ? 1 : 0);
  KEFU_RETURN_IF_ERROR(ConflictAs(s.Run(), "a custom field with key " + f.key + " already exists"));
  f.id = conn_.LastInsertId();
  return OkStatus();
}

Status SqliteOrgRepo::UpdateCustomField(const domain::CustomFieldDef& f) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("UPDATE custom_fields SET label = ?, options = ?, "
                                              "required = ?, active = ? WHERE id = ?"));
  s.Bind(1, f.label)
      .Bind(2, StringsToJson(f.options))
      .Bind(3, f.required ? 1 : 0)
      .Bind(4, f.active ? 1 : 0)
      .Bind(5, f.id);
  KEFU_RETURN_IF_ERROR(s.Run());
  if (conn_.Changes() == 0) return NotFound("custom field " + std::to_string(f.id) + " not found");
  return OkStatus();
}

}  // namespace kefu::storage::sqlite
