#pragma once

#include <memory>

#include "kefu/domain/access/permissions.h"
#include "kefu/events/event_bus.h"
#include "kefu/service/attachment_service.h"
#include "kefu/service/auth_service.h"
#include "kefu/service/customer_service.h"
#include "kefu/service/org_service.h"
#include "kefu/service/ticket_service.h"
#include "kefu/storage/sqlite/test_support.h"

namespace kefu::service {

// Real services over a real SQLite file, with two departments and three staff:
// admin (admin), agent_a (agent in 技术支持), agent_b (agent in 财务).
class ServiceFixture {
 public:
  ServiceFixture()
      : clock_(1'795'420'800'000),
        ctx_{temp_.store(), bus_, clock_, Settings(temp_.dir())},
        auth_(ctx_, std::string(40, 'k')),
        org_(ctx_),
        customers_(ctx_),
        tickets_(ctx_, customers_),
        attachments_(ctx_) {
    if (!org_.EnsureBuiltinRoles().ok()) throw std::runtime_error("roles");
    auto system = OrgService::SystemPrincipal();
    support_ = MustDepartment("技术支持", domain::AssignmentPolicy::kRoundRobin);
    finance_ = MustDepartment("财务", domain::AssignmentPolicy::kManual);
    admin_id_ = MustUser("admin@kefu.test", "admin", {});
    agent_a_id_ = MustUser("a@kefu.test", "agent", {support_});
    agent_b_id_ = MustUser("b@kefu.test", "agent", {finance_});
  }

  domain::Principal As(domain::Id user) { return *auth_.PrincipalFor(user); }

  domain::Id MustDepartment(const std::string& name, domain::AssignmentPolicy policy) {
    domain::Department d;
    d.name = name;
    d.assignment_policy = policy;
    auto created = org_.CreateDepartment(OrgService::SystemPrincipal(), d, {});
    if (!created.ok()) throw std::runtime_error(created.error().message);
    return created->id;
  }

  domain::Id MustUser(const std::string& email, const std::string& role,
                      std::vector<domain::Id> departments) {
    NewUser u;
    u.email = email;
    u.name = email.substr(0, email.find('@'));
    u.role = role;
    u.password = "Secret-Passw0rd";
    for (auto d : departments) u.departments.push_back({d, false});
    auto created = org_.CreateUser(OrgService::SystemPrincipal(), u, {});
    if (!created.ok()) throw std::runtime_error(created.error().message);
    UserPatch online;
    online.presence = domain::Presence::kOnline;
    (void)org_.UpdateUser(OrgService::SystemPrincipal(), created->user.id, online, {});
    return created->user.id;
  }

  domain::Id MustCustomer(const std::string& name, const std::string& phone) {
    CustomerInput in;
    in.name = name;
    in.phones = std::vector<std::string>{phone};
    auto c = customers_.Create(As(admin_id_), in, {});
    if (!c.ok()) throw std::runtime_error(c.error().message);
    return c->id;
  }

  static ServiceSettings Settings(const std::filesystem::path& dir) {
    ServiceSettings s;
    s.fast_password_hashing = true;
    s.attachments_dir = dir / "attachments";
    return s;
  }

 protected:
  storage::sqlite::TempStore temp_;
  events::EventBus bus_;
  ManualClock clock_;
  ServiceContext ctx_;
  AuthService auth_;
  OrgService org_;
  CustomerService customers_;
  TicketService tickets_;
  AttachmentService attachments_;
  domain::Id support_ = 0, finance_ = 0;
  domain::Id admin_id_ = 0, agent_a_id_ = 0, agent_b_id_ = 0;
};

}  // namespace kefu::service
