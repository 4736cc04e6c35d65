#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/ids.h"
#include "kefu/domain/org/org.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::domain {

// The permission catalog. Roles hold sets of these names; API tokens hold scopes that
// are names from the same catalog. Wire names are stable: they are stored in roles and
// tokens.
inline constexpr std::string_view kTicketsRead = "tickets.read";
inline constexpr std::string_view kTicketsReadAll = "tickets.read_all";
inline constexpr std::string_view kTicketsCreate = "tickets.create";
inline constexpr std::string_view kTicketsUpdate = "tickets.update";
inline constexpr std::string_view kTicketsAssign = "tickets.assign";
inline constexpr std::string_view kTicketsDelete = "tickets.delete";
inline constexpr std::string_view kTicketsMerge = "tickets.merge";
inline constexpr std::string_view kTicketsBulk = "tickets.bulk";
inline constexpr std::string_view kCustomersRead = "customers.read";
inline constexpr std::string_view kCustomersWrite = "customers.write";
inline constexpr std::string_view kCustomersViewContact = "customers.view_contact";
inline constexpr std::string_view kCustomersMerge = "customers.merge";
inline constexpr std::string_view kCustomersExport = "customers.export";
inline constexpr std::string_view kCustomersDelete = "customers.delete";
inline constexpr std::string_view kUsersManage = "users.manage";
inline constexpr std::string_view kRolesManage = "roles.manage";
inline constexpr std::string_view kSettingsManage = "settings.manage";
inline constexpr std::string_view kReportsView = "reports.view";
inline constexpr std::string_view kAuditView = "audit.view";
inline constexpr std::string_view kApiTokensManage = "api_tokens.manage";

// Every permission name, in catalog order (the order above). The reference stays
// valid for the life of the process. Thread-safe.
const std::vector<std::string>& AllPermissions();

// True if `permission` is in the catalog.
bool IsKnownPermission(std::string_view permission);

// A one-line English description for admin screens, or "" for an unknown name.
std::string_view PermissionDescription(std::string_view permission);

// Built-in role keys. Built-in roles cannot be renamed, edited or deleted.
inline constexpr std::string_view kRoleAdmin = "admin";
inline constexpr std::string_view kRoleSupervisor = "supervisor";
inline constexpr std::string_view kRoleAgent = "agent";

// The built-in roles (builtin = true), admin first:
// - admin: every permission;
// - supervisor: all ticket permissions except tickets.delete; all customer
//   permissions except customers.delete; reports.view, audit.view,
//   api_tokens.manage. Not users/roles/settings management.
// - agent: tickets.read (scoped, see CanViewTicket), tickets.create, tickets.update,
//   customers.read, customers.write. No customers.view_contact: agents see masked
//   phones and emails (MaskPhone / MaskEmail).
std::vector<Role> BuiltinRoles();

// True for "admin", "supervisor" and "agent".
bool IsBuiltinRoleKey(std::string_view key);

// Who is making a request, as seen by the domain rules. Built by the auth layer from
// the user, their role and, for API-token requests, the token's scopes.
struct Principal {
  Id user_id = 0;
  std::string role;                                   // role key
  std::set<std::string> permissions;                  // the role's permissions
  std::vector<Id> department_ids;                     // departments the user belongs to
  std::optional<std::set<std::string>> token_scopes;  // set for API-token requests

  // True if the role grants `permission` and, for API-token requests, the token's
  // scopes include it too (effective permissions = role ∩ scopes).
  bool Has(std::string_view permission) const;
};

// A principal for an interactive session of `user` with `role` (no token scopes).
// REQUIRES: role.key == user.role.
Principal MakePrincipal(const User& user, const Role& role);

// Ticket visibility. A principal may view a ticket if it has tickets.read_all, or it
// has tickets.read and at least one of:
// - the ticket's department is one of the principal's departments;
// - the ticket has no department yet (the shared triage queue is visible to all);
// - the ticket is assigned to the principal;
// - the principal follows the ticket.
// Without tickets.read or tickets.read_all nothing is visible. List endpoints must
// apply the same rule as a query filter.
bool CanViewTicket(const Principal& principal, const Ticket& ticket);

// A principal may modify a ticket (fields, status, replies, notes) if it has
// tickets.update, can view it, and either has tickets.read_all or the ticket is in one
// of its departments, has no department, or is assigned to it. Following a ticket
// alone gives read access only.
bool CanModifyTicket(const Principal& principal, const Ticket& ticket);

// Changing a ticket's assignee to `new_assignee` (nullopt = unassign) requires
// CanModifyTicket and either tickets.assign, or a self-service change: taking a ticket
// that is unassigned or already one's own (new_assignee == user_id), or releasing
// one's own ticket (nullopt while assigned to user_id). Whether the new assignee may
// work the ticket (active, in the department) is checked by the service.
bool CanAssignTicket(const Principal& principal, const Ticket& ticket,
                     std::optional<Id> new_assignee);

// OkStatus() if principal.Has(permission); otherwise kPermissionDenied with the
// message "permission 'tickets.merge' is required".
Status Require(const Principal& principal, std::string_view permission);

// OkStatus() if every name is in the catalog (an empty set is valid); otherwise
// kInvalidArgument with one FieldError {"permissions", "unknown permission 'x'"} per
// unknown name, in sorted order.
Status ValidateRolePermissions(const std::set<std::string>& permissions);

// OkStatus() if `key` matches ^[a-z][a-z0-9_]{1,31}$ (2..32 characters, lower_snake);
// otherwise kInvalidArgument with a FieldError on "key". Does not check uniqueness or
// collisions with built-in keys (see IsBuiltinRoleKey).
Status ValidateRoleKey(std::string_view key);

}  // namespace kefu::domain
