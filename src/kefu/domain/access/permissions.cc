#include "kefu/domain/access/permissions.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kefu::domain {
namespace {

struct PermissionInfo {
  std::string_view name;
  std::string_view description;
};

constexpr std::array<PermissionInfo, 20> kCatalog{{
    {kTicketsRead,
     "View tickets of own departments, unrouted tickets, and tickets assigned to or "
     "followed by the user"},
    {kTicketsReadAll, "View every ticket in every department"},
    {kTicketsCreate, "Create tickets on behalf of customers"},
    {kTicketsUpdate, "Edit, reply to, add notes to and change the status of visible tickets"},
    {kTicketsAssign, "Assign and reassign tickets to any agent"},
    {kTicketsDelete, "Delete tickets permanently"},
    {kTicketsMerge, "Merge duplicate tickets"},
    {kTicketsBulk, "Apply changes to many tickets at once"},
    {kCustomersRead, "View customer profiles (contact details masked)"},
    {kCustomersWrite, "Create and edit customer profiles"},
    {kCustomersViewContact, "See customers' full phone numbers and email addresses"},
    {kCustomersMerge, "Merge duplicate customer profiles"},
    {kCustomersExport, "Export customer lists"},
    {kCustomersDelete, "Delete customer profiles and their personal data"},
    {kUsersManage, "Invite, edit and deactivate staff accounts"},
    {kRolesManage, "Create and edit roles and their permissions"},
    {kSettingsManage, "Manage departments, categories, custom fields and system settings"},
    {kReportsView, "View reports and dashboards"},
    {kAuditView, "View the audit log"},
    {kApiTokensManage, "Create and revoke one's own API tokens"},
}};

constexpr std::size_t kMinRoleKeyLength = 2;
constexpr std::size_t kMaxRoleKeyLength = 32;

bool Contains(const std::vector<Id>& ids, Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// In the principal's working scope: read_all, own department, unrouted, or own ticket.
bool InWorkScope(const Principal& principal, const Ticket& ticket) {
  if (principal.Has(kTicketsReadAll)) return true;
  if (!ticket.department_id) return true;
  if (Contains(principal.department_ids, *ticket.department_id)) return true;
  return ticket.assignee_id && *ticket.assignee_id == principal.user_id;
}

Role MakeRole(std::string_view key, std::string name, std::set<std::string> permissions) {
  Role role;
  role.key = std::string(key);
  role.name = std::move(name);
  role.permissions = std::move(permissions);
  role.builtin = true;
  return role;
}

}  // namespace

const std::vector<std::string>& AllPermissions() {
  // Built once, never destroyed (safe to use during static destruction).
  static const std::vector<std::string>* const all = [] {
    auto* names = new std::vector<std::string>();
    for (const PermissionInfo& info : kCatalog) names->emplace_back(info.name);
    return names;
  }();
  return *all;
}

bool IsKnownPermission(std::string_view permission) {
  return std::any_of(kCatalog.begin(), kCatalog.end(),
                     [&](const PermissionInfo& info) { return info.name == permission; });
}

std::string_view PermissionDescription(std::string_view permission) {
  for (const PermissionInfo& info : kCatalog) {
    if (info.name == permission) return info.description;
  }
  return {};
}

std::vector<Role> BuiltinRoles() {
  std::set<std::string> all(AllPermissions().begin(), AllPermissions().end());
  std::set<std::string> supervisor = all;
  for (std::string_view excluded :
       {kTicketsDelete, kCustomersDelete, kUsersManage, kRolesManage, kSettingsManage}) {
    supervisor.erase(std::string(excluded));
  }
  std::set<std::string> agent = {std::string(kTicketsRead), std::string(kTicketsCreate),
                                 std::string(kTicketsUpdate), std::string(kCustomersRead),
                                 std::string(kCustomersWrite)};
  std::vector<Role> roles;
  roles.push_back(MakeRole(kRoleAdmin, "Administrator", std::move(all)));
  roles.push_back(MakeRole(kRoleSupervisor, "Supervisor", std::move(supervisor)));
  roles.push_back(MakeRole(kRoleAgent, "Agent", std::move(agent)));
  return roles;
}

bool IsBuiltinRoleKey(std::string_view key) {
  return key == kRoleAdmin || key == kRoleSupervisor || key == kRoleAgent;
}

bool Principal::Has(std::string_view permission) const {
  auto has = [&](const std::set<std::string>& set) {
    return set.find(std::string(permission)) != set.end();
  };
  if (!has(permissions)) return false;
  return !token_scopes || has(*token_scopes);
}

Principal MakePrincipal(const User& user, const Role& role) {
  Principal principal;
  principal.user_id = user.id;
  principal.role = role.key;
  principal.permissions = role.permissions;
  for (const DepartmentMembership& membership : user.departments) {
    principal.department_ids.push_back(membership.department_id);
  }
  return principal;
}

bool CanViewTicket(const Principal& principal, const Ticket& ticket) {
  if (principal.Has(kTicketsReadAll)) return true;
  if (!principal.Has(kTicketsRead)) return false;
  return InWorkScope(principal, ticket) || Contains(ticket.follower_ids, principal.user_id);
}

bool CanModifyTicket(const Principal& principal, const Ticket& ticket) {
  return principal.Has(kTicketsUpdate) && CanViewTicket(principal, ticket) &&
         InWorkScope(principal, ticket);
}

bool CanAssignTicket(const Principal& principal, const Ticket& ticket,
                     std::optional<Id> new_assignee) {
  if (!CanModifyTicket(principal, ticket)) return false;
  if (principal.Has(kTicketsAssign)) return true;
  bool unassigned_or_mine = !ticket.assignee_id || *ticket.assignee_id == principal.user_id;
  if (new_assignee) return *new_assignee == principal.user_id && unassigned_or_mine;
  return ticket.assignee_id && *ticket.assignee_id == principal.user_id;
}

Status Require(const Principal& principal, std::string_view permission) {
  if (principal.Has(permission)) return OkStatus();
  return PermissionDenied("permission '" + std::string(permission) + "' is required");
}

Status ValidateRolePermissions(const std::set<std::string>& permissions) {
  std::vector<FieldError> errors;
  for (const std::string& permission : permissions) {
    if (IsKnownPermission(permission)) continue;
    errors.push_back({"permissions", "unknown permission '" + permission + "'"});
  }
  if (errors.empty()) return OkStatus();
  return InvalidArgument("invalid role permissions", std::move(errors));
}

Status ValidateRoleKey(std::string_view key) {
  auto fail = [](std::string issue) {
    return InvalidArgument("invalid role key", {{"key", std::move(issue)}});
  };
  if (key.size() < kMinRoleKeyLength || key.size() > kMaxRoleKeyLength) {
    return fail("must be 2 to 32 characters");
  }
  if (key.front() < 'a' || key.front() > 'z') return fail("must start with a lower-case letter");
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return fail("may contain only lower-case letters, digits and '_'");
  }
  return OkStatus();
}

}  // namespace kefu::domain
