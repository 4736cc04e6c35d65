#include "kefu/domain/access/permissions.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace kefu::domain {
namespace {

std::set<std::string> Perms(std::initializer_list<std::string_view> names) {
  std::set<std::string> set;
  for (std::string_view name : names) set.emplace(name);
  return set;
}

const Role& FindRole(const std::vector<Role>& roles, std::string_view key) {
  for (const Role& role : roles) {
    if (role.key == key) return role;
  }
  ADD_FAILURE() << "no role " << key;
  return roles.front();
}

TEST(PermissionCatalogTest, NamesAreUniqueKnownAndDescribed) {
  const std::vector<std::string>& all = AllPermissions();
  EXPECT_EQ(all.size(), 20u);
  std::set<std::string> unique(all.begin(), all.end());
  EXPECT_EQ(unique.size(), all.size());
  for (const std::string& name : all) {
    EXPECT_TRUE(IsKnownPermission(name)) << name;
    EXPECT_FALSE(PermissionDescription(name).empty()) << name;
    EXPECT_NE(name.find('.'), std::string::npos) << name;
  }
  EXPECT_EQ(all.front(), "tickets.read");
  EXPECT_EQ(&AllPermissions(), &all);  // one instance
}

TEST(PermissionCatalogTest, UnknownNames) {
  EXPECT_FALSE(IsKnownPermission(""));
  EXPECT_FALSE(IsKnownPermission("tickets"));
  EXPECT_FALSE(IsKnownPermission("TICKETS.READ"));
  EXPECT_FALSE(IsKnownPermission("tickets.read "));
  EXPECT_EQ(PermissionDescription("nope"), "");
}

TEST(BuiltinRolesTest, AdminHasEverything) {
  std::vector<Role> roles = BuiltinRoles();
  ASSERT_EQ(roles.size(), 3u);
  EXPECT_EQ(roles[0].key, "admin");
  const Role& admin = FindRole(roles, kRoleAdmin);
  EXPECT_TRUE(admin.builtin);
  EXPECT_EQ(admin.permissions,
            std::set<std::string>(AllPermissions().begin(), AllPermissions().end()));
}

TEST(BuiltinRolesTest, SupervisorAndAgentSets) {
  std::vector<Role> roles = BuiltinRoles();
  EXPECT_EQ(
      FindRole(roles, kRoleSupervisor).permissions,
      Perms({kTicketsRead, kTicketsReadAll, kTicketsCreate, kTicketsUpdate, kTicketsAssign,
             kTicketsMerge, kTicketsBulk, kCustomersRead, kCustomersWrite, kCustomersViewContact,
             kCustomersMerge, kCustomersExport, kReportsView, kAuditView, kApiTokensManage}));
  EXPECT_EQ(FindRole(roles, kRoleAgent).permissions,
            Perms({kTicketsRead, kTicketsCreate, kTicketsUpdate, kCustomersRead, kCustomersWrite}));
  for (const Role& role : roles) {
    EXPECT_TRUE(role.builtin);
    EXPECT_FALSE(role.name.empty());
    EXPECT_TRUE(IsBuiltinRoleKey(role.key));
    EXPECT_TRUE(ValidateRoleKey(role.key).ok());
    EXPECT_TRUE(ValidateRolePermissions(role.permissions).ok());
  }
  EXPECT_FALSE(IsBuiltinRoleKey("billing"));
  EXPECT_FALSE(IsBuiltinRoleKey("Admin"));
}

TEST(PrincipalTest, HasUsesRolePermissions) {
  Principal p;
  p.permissions = Perms({kTicketsRead, kCustomersRead});
  EXPECT_TRUE(p.Has(kTicketsRead));
  EXPECT_TRUE(p.Has("customers.read"));
  EXPECT_FALSE(p.Has(kTicketsReadAll));
  EXPECT_FALSE(p.Has(""));
}

TEST(PrincipalTest, TokenScopesIntersect) {
  Principal p;
  p.permissions = Perms({kTicketsRead, kTicketsUpdate});
  p.token_scopes = Perms({kTicketsRead, kUsersManage});
  EXPECT_TRUE(p.Has(kTicketsRead));
  EXPECT_FALSE(p.Has(kTicketsUpdate));  // role has it, token does not
  EXPECT_FALSE(p.Has(kUsersManage));    // token has it, role does not
  p.token_scopes = std::set<std::string>{};
  EXPECT_FALSE(p.Has(kTicketsRead));  // an empty scope set grants nothing
}

TEST(PrincipalTest, MakePrincipalFromUserAndRole) {
  User user;
  user.id = 42;
  user.role = "agent";
  user.departments = {{7, false}, {9, true}};
  Role role = FindRole(BuiltinRoles(), kRoleAgent);
  Principal p = MakePrincipal(user, role);
  EXPECT_EQ(p.user_id, 42);
  EXPECT_EQ(p.role, "agent");
  EXPECT_EQ(p.permissions, role.permissions);
  EXPECT_EQ(p.department_ids, (std::vector<Id>{7, 9}));
  EXPECT_FALSE(p.token_scopes);
}

constexpr Id kMe = 10;
constexpr Id kOther = 11;
constexpr Id kMyDept = 1;
constexpr Id kOtherDept = 2;

Principal Agent() {
  Principal p;
  p.user_id = kMe;
  p.role = "agent";
  p.permissions = FindRole(BuiltinRoles(), kRoleAgent).permissions;
  p.department_ids = {kMyDept};
  return p;
}

Principal Supervisor() {
  Principal p = Agent();
  p.role = "supervisor";
  p.permissions = FindRole(BuiltinRoles(), kRoleSupervisor).permissions;
  return p;
}

Ticket InDept(std::optional<Id> department, std::optional<Id> assignee = std::nullopt,
              std::vector<Id> followers = {}) {
  Ticket t;
  t.id = 100;
  t.department_id = department;
  t.assignee_id = assignee;
  t.follower_ids = std::move(followers);
  return t;
}

// Expected visibility table for an agent (tickets.read + tickets.update, no read_all).
TEST(TicketAccessTest, AgentVisibilityTable) {
  struct Case {
    const char* name;
    Ticket ticket;
    bool view;
    bool modify;
  };
  const Case cases[] = {
      {"own department, unassigned", InDept(kMyDept), true, true},
      {"own department, someone else's", InDept(kMyDept, kOther), true, true},
      {"no department (triage queue)", InDept(std::nullopt), true, true},
      {"other department", InDept(kOtherDept), false, false},
      {"other department, assigned to me", InDept(kOtherDept, kMe), true, true},
      {"other department, assigned to other", InDept(kOtherDept, kOther), false, false},
      {"other department, I follow it", InDept(kOtherDept, kOther, {kOther, kMe}), true, false},
      {"other department, others follow", InDept(kOtherDept, std::nullopt, {kOther}), false, false},
  };
  Principal agent = Agent();
  for (const Case& c : cases) {
    EXPECT_EQ(CanViewTicket(agent, c.ticket), c.view) << c.name;
    EXPECT_EQ(CanModifyTicket(agent, c.ticket), c.modify) << c.name;
  }
}

TEST(TicketAccessTest, ReadAllSeesAndModifiesEverything) {
  Principal sup = Supervisor();
  sup.department_ids.clear();
  for (const Ticket& t : {InDept(kOtherDept), InDept(kOtherDept, kOther), InDept(std::nullopt)}) {
    EXPECT_TRUE(CanViewTicket(sup, t));
    EXPECT_TRUE(CanModifyTicket(sup, t));
  }
  Principal read_only;  // read_all without update: view only
  read_only.permissions = Perms({kTicketsReadAll});
  EXPECT_TRUE(CanViewTicket(read_only, InDept(kOtherDept)));
  EXPECT_FALSE(CanModifyTicket(read_only, InDept(kOtherDept)));
}

TEST(TicketAccessTest, NoReadPermissionSeesNothing) {
  Principal p = Agent();
  p.permissions = Perms({kTicketsUpdate, kCustomersRead});
  EXPECT_FALSE(CanViewTicket(p, InDept(kMyDept, kMe)));
  EXPECT_FALSE(CanModifyTicket(p, InDept(kMyDept, kMe)));
}

TEST(TicketAccessTest, TokenScopesLimitTicketAccess) {
  Principal sup = Supervisor();
  sup.token_scopes = Perms({kTicketsRead});  // read_all and update not in scope
  EXPECT_TRUE(CanViewTicket(sup, InDept(kMyDept)));
  EXPECT_FALSE(CanViewTicket(sup, InDept(kOtherDept)));
  EXPECT_FALSE(CanModifyTicket(sup, InDept(kMyDept)));
}

TEST(TicketAccessTest, AssignTable) {
  Principal agent = Agent();
  // Self-service: take an unassigned ticket, keep one's own, release one's own.
  EXPECT_TRUE(CanAssignTicket(agent, InDept(kMyDept), kMe));
  EXPECT_TRUE(CanAssignTicket(agent, InDept(kMyDept, kMe), kMe));
  EXPECT_TRUE(CanAssignTicket(agent, InDept(kMyDept, kMe), std::nullopt));
  // Not without tickets.assign: give to others, take from others, unassign others.
  EXPECT_FALSE(CanAssignTicket(agent, InDept(kMyDept), kOther));
  EXPECT_FALSE(CanAssignTicket(agent, InDept(kMyDept, kMe), kOther));
  EXPECT_FALSE(CanAssignTicket(agent, InDept(kMyDept, kOther), kMe));
  EXPECT_FALSE(CanAssignTicket(agent, InDept(kMyDept, kOther), std::nullopt));
  EXPECT_FALSE(CanAssignTicket(agent, InDept(kMyDept), std::nullopt));
  // Not on tickets it cannot modify.
  EXPECT_FALSE(CanAssignTicket(agent, InDept(kOtherDept), kMe));
  EXPECT_FALSE(CanAssignTicket(agent, InDept(kOtherDept, kOther, {kMe}), kMe));

  Principal sup = Supervisor();
  EXPECT_TRUE(CanAssignTicket(sup, InDept(kOtherDept, kOther), kMe));
  EXPECT_TRUE(CanAssignTicket(sup, InDept(kOtherDept, kOther), std::nullopt));
  EXPECT_TRUE(CanAssignTicket(sup, InDept(kOtherDept), kOther));
}

TEST(RequireTest, NamesTheMissingPermission) {
  Principal agent = Agent();
  EXPECT_TRUE(Require(agent, kTicketsCreate).ok());
  Status status = Require(agent, kTicketsMerge);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(status.error().message, "permission 'tickets.merge' is required");
}

TEST(ValidateRolePermissionsTest, ReportsEachUnknownName) {
  EXPECT_TRUE(ValidateRolePermissions({}).ok());
  EXPECT_TRUE(ValidateRolePermissions(Perms({kTicketsRead, kAuditView})).ok());
  Status status = ValidateRolePermissions({"tickets.read", "tickets.fly", "Audit.View"});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(status.error().fields.size(), 2u);
  EXPECT_EQ(status.error().fields[0].field, "permissions");
  EXPECT_EQ(status.error().fields[0].issue, "unknown permission 'Audit.View'");
  EXPECT_EQ(status.error().fields[1].issue, "unknown permission 'tickets.fly'");
}

TEST(ValidateRoleKeyTest, Table) {
  const std::map<std::string, bool> cases = {
      {"ab", true},
      {"billing_team", true},
      {"l2", true},
      {"a" + std::string(31, 'b'), true},
      {"a" + std::string(32, 'b'), false},
      {"", false},
      {"a", false},
      {"Admin", false},
      {"2nd_line", false},
      {"_x", false},
      {"has space", false},
      {"kebab-case", false},
      {"客服", false},
  };
  for (const auto& [key, valid] : cases) {
    Status status = ValidateRoleKey(key);
    EXPECT_EQ(status.ok(), valid) << key;
    if (!status.ok()) {
      EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
      ASSERT_EQ(status.error().fields.size(), 1u);
      EXPECT_EQ(status.error().fields[0].field, "key");
    }
  }
}

}  // namespace
}  // namespace kefu::domain
