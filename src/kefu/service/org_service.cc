#include "kefu/service/org_service.h"

#include <set>

#include "kefu/auth/password.h"
#include "kefu/domain/custom_field/validation.h"
#include "kefu/domain/customer/contact.h"
#include "kefu/domain/event.h"
#include "kefu/domain/text.h"
#include "kefu/events/emit.h"
#include "kefu/service/event_factory.h"

namespace kefu::service {
namespace {

using domain::Principal;

constexpr int kMaxConcurrentChats = 50;
constexpr std::size_t kMaxNameLength = 100;

domain::DomainEvent OrgEvent(std::string_view type, std::string entity_type, domain::Id entity_id,
                             const Principal& caller, const RequestMeta& meta, TimeMs now,
                             boost::json::object payload) {
  return MakeEvent(type, std::move(entity_type), entity_id, caller.user_id, meta, now,
                   std::move(payload));
}

// Cached principals reload after users, roles or memberships change. The bump runs right
// after commit and before the change's events are published (hooks run in the order they
// were registered), so a listener that resolves a principal on the event sees the change.
// REQUIRES: called before events::Emit in the same write.
void BumpAccessGenerationOnCommit(storage::Tx& tx, ServiceContext& ctx) {
  tx.AfterCommit([&ctx] { ctx.access_generation.fetch_add(1); });
}

void CheckText(std::vector<FieldError>& errors, const char* field, const std::string& value,
               std::size_t min, std::size_t max) {
  std::string issue = domain::CheckLineText(value, min, max);
  if (!issue.empty()) errors.push_back({field, issue});
}

}  // namespace

Principal OrgService::SystemPrincipal() {
  Principal p;
  p.user_id = 0;
  p.role = "admin";
  for (const auto& perm : domain::AllPermissions()) p.permissions.insert(perm);
  return p;
}

Status OrgService::EnsureBuiltinRoles() {
  return ctx_.store.Write([&](storage::Tx& tx) -> Status {
    for (const auto& role : domain::BuiltinRoles()) {
      KEFU_RETURN_IF_ERROR(tx.org().UpsertRole(role));
    }
    ctx_.access_generation.fetch_add(1);
    return OkStatus();
  });
}

Status OrgService::EmitSettingsChanged(storage::Tx& tx, const Principal& caller,
                                       const RequestMeta& meta, std::string_view what,
                                       domain::Id id, boost::json::object details) {
  details["what"] = what;
  return events::Emit(tx, ctx_.bus,
                      OrgEvent(domain::kEventSettingsChanged, std::string(what), id, caller, meta,
                               ctx_.clock.NowMs(), std::move(details)));
}

Status OrgService::ValidateUser(storage::Tx& tx, const domain::User& user) {
  std::vector<FieldError> errors;
  CheckText(errors, "name", user.name, 1, kMaxNameLength);
  if (auto role = tx.org().GetRole(user.role); !role.ok()) {
    errors.push_back({"role", "unknown role " + user.role});
  }
  if (user.language != "zh-CN" && user.language != "en") {
    errors.push_back({"language", "must be zh-CN or en"});
  }
  if (user.max_concurrent_chats < 0 || user.max_concurrent_chats > kMaxConcurrentChats) {
    errors.push_back({"max_concurrent_chats", "must be from 0 to 50"});
  }
  std::set<std::string> skill_names;
  for (const auto& skill : user.skills) {
    if (skill.level < 1 || skill.level > 5) {
      errors.push_back({"skills", "skill " + skill.name + ": level must be from 1 to 5"});
    }
    std::string issue = domain::CheckLineText(skill.name, 1, 50);
    if (!issue.empty()) errors.push_back({"skills", "skill name " + issue});
    if (!skill_names.insert(skill.name).second) {
      errors.push_back({"skills", "skill " + skill.name + " is listed twice"});
    }
  }
  std::set<domain::Id> departments;
  for (const auto& m : user.departments) {
    if (!departments.insert(m.department_id).second) {
      errors.push_back(
          {"departments", "department " + std::to_string(m.department_id) + " is listed twice"});
    } else if (!tx.org().GetDepartment(m.department_id).ok()) {
      errors.push_back(
          {"departments", "department " + std::to_string(m.department_id) + " does not exist"});
    }
  }
  if (!errors.empty()) return InvalidArgument("invalid user", errors);
  return OkStatus();
}

Result<CreatedUser> OrgService::CreateUser(const Principal& caller, NewUser input,
                                           const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kUsersManage));
  auto email = domain::NormalizeEmail(input.email);
  if (!email.ok()) return InvalidArgument("invalid user", {{"email", email.error().message}});
  CreatedUser created;
  std::string password;
  if (input.password) {
    KEFU_RETURN_IF_ERROR(auth::ValidatePasswordStrength(*input.password));
    password = *input.password;
  } else {
    password = auth::GeneratePassword();
    created.generated_password = password;
  }
  KEFU_ASSIGN_OR_RETURN(std::string hash,
                        auth::HashPassword(password, ctx_.settings.fast_password_hashing
                                                         ? auth::PasswordCost::kMinimumForTests
                                                         : auth::PasswordCost::kInteractive));
  TimeMs now = ctx_.clock.NowMs();
  domain::User& user = created.user;
  user.email = *email;
  user.name = std::string(domain::TrimAscii(input.name));
  user.role = input.role;
  user.password_hash = std::move(hash);
  user.language = input.language;
  user.departments = std::move(input.departments);
  user.skills = std::move(input.skills);
  user.languages = std::move(input.languages);
  user.max_concurrent_chats = input.max_concurrent_chats;
  user.created_at = user.updated_at = now;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    BumpAccessGenerationOnCommit(tx, ctx_);
    KEFU_RETURN_IF_ERROR(ValidateUser(tx, user));
    KEFU_RETURN_IF_ERROR(tx.users().Insert(user));
    return events::Emit(tx, ctx_.bus,
                        OrgEvent(domain::kEventUserCreated, "user", user.id, caller, meta, now,
                                 {{"email", user.email}, {"role", user.role}}));
  }));
  return created;
}

Result<domain::User> OrgService::UpdateUser(const Principal& caller, domain::Id id, UserPatch patch,
                                            const RequestMeta& meta) {
  bool self = caller.user_id == id;
  bool admin_fields = patch.role || patch.active || patch.departments || patch.email ||
                      patch.skills || patch.max_concurrent_chats;
  if (!self || admin_fields) KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kUsersManage));
  if (self && patch.active && !*patch.active) {
    return InvalidArgument("you cannot deactivate yourself", {{"active", "not for yourself"}});
  }
  TimeMs now = ctx_.clock.NowMs();
  domain::User user;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    BumpAccessGenerationOnCommit(tx, ctx_);
    KEFU_ASSIGN_OR_RETURN(user, tx.users().Get(id));
    boost::json::array changes;
    boost::json::object details;
    if (patch.email) {
      auto email = domain::NormalizeEmail(*patch.email);
      if (!email.ok()) return InvalidArgument("invalid user", {{"email", email.error().message}});
      if (*email != user.email) changes.emplace_back("email");
      user.email = *email;
    }
    if (patch.name) user.name = std::string(domain::TrimAscii(*patch.name));
    if (patch.role && *patch.role != user.role) {
      details["role"] = {{"from", user.role}, {"to", *patch.role}};
      changes.emplace_back("role");
      user.role = *patch.role;
    }
    if (patch.active && *patch.active != user.active) {
      details["active"] = *patch.active;
      changes.emplace_back("active");
      user.active = *patch.active;
      if (!user.active) KEFU_RETURN_IF_ERROR(tx.auth().RevokeRefreshTokensOfUser(id, now));
    }
    if (patch.language) user.language = *patch.language;
    if (patch.departments) {
      changes.emplace_back("departments");
      user.departments = std::move(*patch.departments);
    }
    if (patch.skills) user.skills = std::move(*patch.skills);
    if (patch.languages) user.languages = std::move(*patch.languages);
    if (patch.max_concurrent_chats) user.max_concurrent_chats = *patch.max_concurrent_chats;
    if (patch.presence) user.presence = *patch.presence;
    user.updated_at = now;
    KEFU_RETURN_IF_ERROR(ValidateUser(tx, user));
    KEFU_RETURN_IF_ERROR(tx.users().Update(user));
    details["changes"] = std::move(changes);
    return events::Emit(
        tx, ctx_.bus,
        OrgEvent(domain::kEventUserUpdated, "user", id, caller, meta, now, std::move(details)));
  }));
  return user;
}

Result<std::vector<domain::User>> OrgService::ListUsers(const Principal& caller) {
  // Every signed-in staff member may see colleagues (to assign, transfer, mention).
  (void)caller;
  std::vector<domain::User> users;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(users, tx.users().List());
    return OkStatus();
  }));
  return users;
}

Result<domain::User> OrgService::GetUser(const Principal& caller, domain::Id id) {
  (void)caller;
  domain::User user;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(user, tx.users().Get(id));
    return OkStatus();
  }));
  return user;
}

Result<std::vector<domain::Role>> OrgService::ListRoles(const Principal& caller) {
  (void)caller;
  std::vector<domain::Role> roles;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(roles, tx.org().ListRoles());
    return OkStatus();
  }));
  return roles;
}

Result<domain::Role> OrgService::PutRole(const Principal& caller, domain::Role role,
                                         const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kRolesManage));
  KEFU_RETURN_IF_ERROR(domain::ValidateRoleKey(role.key));
  KEFU_RETURN_IF_ERROR(domain::ValidateRolePermissions(role.permissions));
  std::vector<FieldError> errors;
  CheckText(errors, "name", role.name, 1, 50);
  if (!errors.empty()) return InvalidArgument("invalid role", errors);
  if (domain::IsBuiltinRoleKey(role.key)) {
    return Conflict("built-in role " + role.key + " cannot be changed; create a custom role");
  }
  role.builtin = false;
  TimeMs now = ctx_.clock.NowMs();
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    BumpAccessGenerationOnCommit(tx, ctx_);
    std::set<std::string> before;
    if (auto old = tx.org().GetRole(role.key); old.ok()) before = old->permissions;
    KEFU_RETURN_IF_ERROR(tx.org().UpsertRole(role));
    boost::json::array added, removed;
    for (const auto& p : role.permissions) {
      if (!before.count(p)) added.emplace_back(p);
    }
    for (const auto& p : before) {
      if (!role.permissions.count(p)) removed.emplace_back(p);
    }
    domain::DomainEvent e = OrgEvent(domain::kEventRoleChanged, "role", 0, caller, meta, now,
                                     {{"role", role.key}, {"added", added}, {"removed", removed}});
    return events::Emit(tx, ctx_.bus, std::move(e));
  }));
  return role;
}

Status OrgService::DeleteRole(const Principal& caller, const std::string& key,
                              const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kRolesManage));
  if (domain::IsBuiltinRoleKey(key)) return Conflict("built-in role " + key + " cannot be deleted");
  TimeMs now = ctx_.clock.NowMs();
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    BumpAccessGenerationOnCommit(tx, ctx_);
    KEFU_ASSIGN_OR_RETURN(auto users, tx.users().List());
    for (const auto& u : users) {
      if (u.role == key) return Conflict("role " + key + " is still given to " + u.email);
    }
    KEFU_RETURN_IF_ERROR(tx.org().DeleteRole(key));
    return events::Emit(tx, ctx_.bus,
                        OrgEvent(domain::kEventRoleChanged, "role", 0, caller, meta, now,
                                 {{"role", key}, {"deleted", true}}));
  }));
  return OkStatus();
}

Result<std::vector<domain::Department>> OrgService::ListDepartments(const Principal& caller) {
  (void)caller;
  std::vector<domain::Department> out;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(out, tx.org().ListDepartments());
    return OkStatus();
  }));
  return out;
}

Result<domain::Department> OrgService::GetDepartment(const Principal& caller, domain::Id id) {
  (void)caller;  // every signed-in staff member sees the organization
  domain::Department d;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(d, tx.org().GetDepartment(id));
    return OkStatus();
  }));
  return d;
}

Result<domain::Department> OrgService::CreateDepartment(const Principal& caller,
                                                        domain::Department input,
                                                        const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  std::vector<FieldError> errors;
  CheckText(errors, "name", input.name, 1, 50);
  if (input.description.size() > 2000) errors.push_back({"description", "is too long"});
  if (!errors.empty()) return InvalidArgument("invalid department", errors);
  input.name = std::string(domain::TrimAscii(input.name));
  input.created_at = ctx_.clock.NowMs();
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(tx.org().InsertDepartment(input));
    return EmitSettingsChanged(tx, caller, meta, "department", input.id, {{"name", input.name}});
  }));
  return input;
}

Result<domain::Department> OrgService::UpdateDepartment(const Principal& caller, domain::Id id,
                                                        DepartmentPatch patch,
                                                        const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  domain::Department d;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(d, tx.org().GetDepartment(id));
    if (patch.name) d.name = std::string(domain::TrimAscii(*patch.name));
    if (patch.description) d.description = *patch.description;
    if (patch.assignment_policy) d.assignment_policy = *patch.assignment_policy;
    std::vector<FieldError> errors;
    CheckText(errors, "name", d.name, 1, 50);
    if (!errors.empty()) return InvalidArgument("invalid department", errors);
    KEFU_RETURN_IF_ERROR(tx.org().UpdateDepartment(d));
    return EmitSettingsChanged(tx, caller, meta, "department", id, {{"name", d.name}});
  }));
  return d;
}

Result<std::vector<domain::Category>> OrgService::ListCategories(const Principal& caller) {
  (void)caller;
  std::vector<domain::Category> out;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(out, tx.org().ListCategories());
    return OkStatus();
  }));
  return out;
}

namespace {

// Checks references and that the parent chain does not loop back to `self`.
Status CheckCategory(storage::Tx& tx, const domain::Category& c) {
  std::vector<FieldError> errors;
  CheckText(errors, "name", c.name, 1, 50);
  if (c.default_department_id && !tx.org().GetDepartment(*c.default_department_id).ok()) {
    errors.push_back({"default_department_id", "department does not exist"});
  }
  std::optional<domain::Id> parent = c.parent_id;
  for (int depth = 0; parent; ++depth) {
    if (c.id != 0 && *parent == c.id) {
      errors.push_back({"parent_id", "a category cannot be inside itself"});
      break;
    }
    auto p = tx.org().GetCategory(*parent);
    if (!p.ok()) {
      errors.push_back({"parent_id", "parent category does not exist"});
      break;
    }
    if (depth > 5) {
      errors.push_back({"parent_id", "categories nest at most 5 levels"});
      break;
    }
    parent = p->parent_id;
  }
  if (!errors.empty()) return InvalidArgument("invalid category", errors);
  return OkStatus();
}

}  // namespace

Result<domain::Category> OrgService::CreateCategory(const Principal& caller, domain::Category input,
                                                    const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  input.id = 0;
  input.name = std::string(domain::TrimAscii(input.name));
  input.created_at = ctx_.clock.NowMs();
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(CheckCategory(tx, input));
    KEFU_RETURN_IF_ERROR(tx.org().InsertCategory(input));
    return EmitSettingsChanged(tx, caller, meta, "category", input.id, {{"name", input.name}});
  }));
  return input;
}

Result<domain::Category> OrgService::UpdateCategory(const Principal& caller, domain::Id id,
                                                    CategoryPatch patch, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  domain::Category c;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(c, tx.org().GetCategory(id));
    if (patch.parent_id) c.parent_id = *patch.parent_id;
    if (patch.name) c.name = std::string(domain::TrimAscii(*patch.name));
    if (patch.default_department_id) c.default_department_id = *patch.default_department_id;
    if (patch.default_priority) c.default_priority = *patch.default_priority;
    if (patch.required_skills) c.required_skills = std::move(*patch.required_skills);
    KEFU_RETURN_IF_ERROR(CheckCategory(tx, c));
    KEFU_RETURN_IF_ERROR(tx.org().UpdateCategory(c));
    return EmitSettingsChanged(tx, caller, meta, "category", id, {{"name", c.name}});
  }));
  return c;
}

Result<std::vector<domain::CustomFieldDef>> OrgService::ListCustomFields(
    const Principal& caller, std::optional<domain::CustomFieldEntity> entity) {
  (void)caller;
  std::vector<domain::CustomFieldDef> out;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(out, tx.org().ListCustomFields(entity));
    return OkStatus();
  }));
  return out;
}

Result<domain::CustomFieldDef> OrgService::CreateCustomField(const Principal& caller,
                                                             domain::CustomFieldDef input,
                                                             const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  input.id = 0;
  KEFU_RETURN_IF_ERROR(domain::ValidateCustomFieldDef(input));
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(tx.org().InsertCustomField(input));
    return EmitSettingsChanged(tx, caller, meta, "custom_field", input.id, {{"key", input.key}});
  }));
  return input;
}

Result<domain::CustomFieldDef> OrgService::UpdateCustomField(const Principal& caller, domain::Id id,
                                                             CustomFieldPatch patch,
                                                             const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  domain::CustomFieldDef def;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(auto all, tx.org().ListCustomFields(std::nullopt));
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.id == id; });
    if (it == all.end()) return NotFound("custom field " + std::to_string(id) + " not found");
    def = *it;
    if (patch.label) def.label = *patch.label;
    if (patch.options) def.options = std::move(*patch.options);
    if (patch.required) def.required = *patch.required;
    if (patch.active) def.active = *patch.active;
    KEFU_RETURN_IF_ERROR(domain::ValidateCustomFieldDef(def));
    KEFU_RETURN_IF_ERROR(tx.org().UpdateCustomField(def));
    return EmitSettingsChanged(tx, caller, meta, "custom_field", id, {{"key", def.key}});
  }));
  return def;
}

Result<storage::Page<storage::AuditEntry>> OrgService::ListAudit(const Principal& caller,
                                                                 const storage::AuditQuery& query) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kAuditView));
  storage::Page<storage::AuditEntry> page;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(page, tx.audit().List(query));
    return OkStatus();
  }));
  return page;
}

}  // namespace kefu::service
