#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/domain/custom_field/custom_field.h"
#include "kefu/domain/org/org.h"
#include "kefu/service/context.h"
#include "kefu/storage/records.h"

namespace kefu::service {

struct NewUser {
  std::string email;
  std::string name;
  std::string role = "agent";
  std::optional<std::string> password;  // generated when absent
  std::string language = "zh-CN";
  std::vector<domain::DepartmentMembership> departments;
  std::vector<domain::Skill> skills;
  std::vector<std::string> languages;
  int max_concurrent_chats = 5;
};

struct CreatedUser {
  domain::User user;
  std::optional<std::string> generated_password;  // shown once
};

struct UserPatch {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> role;
  std::optional<bool> active;
  std::optional<std::string> language;
  std::optional<std::vector<domain::DepartmentMembership>> departments;
  std::optional<std::vector<domain::Skill>> skills;
  std::optional<std::vector<std::string>> languages;
  std::optional<int> max_concurrent_chats;
  std::optional<domain::Presence> presence;
};

struct DepartmentPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<domain::AssignmentPolicy> assignment_policy;
};

struct CategoryPatch {
  std::optional<std::optional<domain::Id>> parent_id;
  std::optional<std::string> name;
  std::optional<std::optional<domain::Id>> default_department_id;
  std::optional<domain::Priority> default_priority;
  std::optional<std::vector<std::string>> required_skills;
};

struct CustomFieldPatch {
  std::optional<std::string> label;
  std::optional<std::vector<std::string>> options;
  std::optional<bool> required;
  std::optional<bool> active;
};

// Staff accounts, roles, departments, categories, custom fields and the audit log.
// Every method authorizes the caller first. Thread-safe.
class OrgService {
 public:
  explicit OrgService(ServiceContext& ctx) : ctx_(ctx) {}

  // Also used by `kefu user create` with a system principal (see SystemPrincipal()).
  Result<CreatedUser> CreateUser(const domain::Principal& caller, NewUser input,
                                 const RequestMeta& meta);
  Result<domain::User> UpdateUser(const domain::Principal& caller, domain::Id id, UserPatch patch,
                                  const RequestMeta& meta);
  Result<std::vector<domain::User>> ListUsers(const domain::Principal& caller);
  Result<domain::User> GetUser(const domain::Principal& caller, domain::Id id);

  Result<std::vector<domain::Role>> ListRoles(const domain::Principal& caller);
  Result<domain::Role> PutRole(const domain::Principal& caller, domain::Role role,
                               const RequestMeta& meta);
  Status DeleteRole(const domain::Principal& caller, const std::string& key,
                    const RequestMeta& meta);

  Result<std::vector<domain::Department>> ListDepartments(const domain::Principal& caller);
  Result<domain::Department> GetDepartment(const domain::Principal& caller, domain::Id id);
  Result<domain::Department> CreateDepartment(const domain::Principal& caller,
                                              domain::Department input, const RequestMeta& meta);
  Result<domain::Department> UpdateDepartment(const domain::Principal& caller, domain::Id id,
                                              DepartmentPatch patch, const RequestMeta& meta);

  Result<std::vector<domain::Category>> ListCategories(const domain::Principal& caller);
  Result<domain::Category> CreateCategory(const domain::Principal& caller, domain::Category input,
                                          const RequestMeta& meta);
  Result<domain::Category> UpdateCategory(const domain::Principal& caller, domain::Id id,
                                          CategoryPatch patch, const RequestMeta& meta);

  Result<std::vector<domain::CustomFieldDef>> ListCustomFields(
      const domain::Principal& caller, std::optional<domain::CustomFieldEntity> entity);
  Result<domain::CustomFieldDef> CreateCustomField(const domain::Principal& caller,
                                                   domain::CustomFieldDef input,
                                                   const RequestMeta& meta);
  Result<domain::CustomFieldDef> UpdateCustomField(const domain::Principal& caller, domain::Id id,
                                                   CustomFieldPatch patch, const RequestMeta& meta);

  Result<storage::Page<storage::AuditEntry>> ListAudit(const domain::Principal& caller,
                                                       const storage::AuditQuery& query);

  // Writes the built-in roles if missing (idempotent); run at start-up.
  Status EnsureBuiltinRoles();

  // A principal with every permission, for the command line and seeding.
  static domain::Principal SystemPrincipal();

 private:
  Status ValidateUser(storage::Tx& tx, const domain::User& user);
  Status EmitSettingsChanged(storage::Tx& tx, const domain::Principal& caller,
                             const RequestMeta& meta, std::string_view what, domain::Id id,
                             boost::json::object details);
  ServiceContext& ctx_;
};

}  // namespace kefu::service
