#pragma once

// SQLite implementations of the repository interfaces. Internal to the driver: the
// rest of Kefu sees only storage/repositories.h.
#include <string>

#include "kefu/storage/repositories.h"
#include "kefu/storage/sqlite/connection.h"

namespace kefu::storage::sqlite {

class SqliteTicketRepo final : public TicketRepo {
 public:
  SqliteTicketRepo(Connection& conn, const std::string& number_prefix)
      : conn_(conn), number_prefix_(number_prefix) {}
  Result<domain::Ticket> Get(Id id) override;
  Status Insert(domain::Ticket& ticket) override;
  Status Update(domain::Ticket& ticket, std::int64_t expected_version) override;
  Result<Page<domain::Ticket>> List(const TicketQuery& query) override;
  Result<StatusCounts> CountByStatus(const CountScope& scope) override;
  Result<std::int64_t> ReassignRequester(Id from, Id to) override;
  Result<std::vector<domain::Ticket>> ListByRequester(Id customer_id, int limit) override;
  Status InsertMessage(domain::TicketMessage& message) override;
  Result<std::vector<domain::TicketMessage>> ListMessages(Id ticket_id,
                                                          bool include_internal) override;
  Result<std::int64_t> MoveMessages(Id from_ticket, Id to_ticket) override;
  Status InsertLink(const TicketLink& link) override;
  Result<std::vector<TicketLink>> ListLinks(Id ticket_id) override;

 private:
  Status SyncTags(const domain::Ticket& ticket);
  Connection& conn_;
  const std::string& number_prefix_;
};

class SqliteCustomerRepo final : public CustomerRepo {
 public:
  explicit SqliteCustomerRepo(Connection& conn) : conn_(conn) {}
  Result<domain::Customer> Get(Id id) override;
  Status Insert(domain::Customer& customer) override;
  Status Update(domain::Customer& customer, std::int64_t expected_version) override;
  Result<Page<domain::Customer>> Search(const CustomerQuery& query) override;
  Result<std::optional<Id>> FindByIdentity(domain::IdentityType type,
                                           const std::string& value) override;
  Status AddIdentity(domain::CustomerIdentity& identity) override;
  Result<std::vector<domain::CustomerIdentity>> ListIdentities(Id customer_id) override;
  Result<std::int64_t> MoveIdentities(Id from, Id to) override;

 private:
  Status SyncTags(const domain::Customer& customer);
  Connection& conn_;
};

class SqliteUserRepo final : public UserRepo {
 public:
  explicit SqliteUserRepo(Connection& conn) : conn_(conn) {}
  Result<domain::User> Get(Id id) override;
  Result<domain::User> GetByEmail(const std::string& email) override;
  Status Insert(domain::User& user) override;
  Status Update(domain::User& user) override;
  Result<std::vector<domain::User>> List() override;
  Result<std::vector<domain::AgentCandidate>> AssignmentCandidates(Id department_id) override;
  Status SetLastAssignedAt(Id user_id, TimeMs at) override;

 private:
  Status LoadMemberships(domain::User& user);
  Status SaveMemberships(const domain::User& user);
  Result<std::vector<domain::User>> Query(std::string_view sql, std::optional<Id> arg);
  Connection& conn_;
};

class SqliteFaqRepo final : public FaqRepo {
 public:
  explicit SqliteFaqRepo(Connection& conn) : conn_(conn) {}
  Result<domain::Faq> Get(Id id) override;
  Result<std::vector<domain::Faq>> GetMany(const std::vector<Id>& ids) override;
  Status Insert(domain::Faq& faq) override;
  Status Update(domain::Faq& faq, std::int64_t expected_version) override;
  Status Delete(Id id) override;
  Result<Page<domain::Faq>> List(const FaqQuery& query) override;
  Status ForEach(const std::function<Status(const domain::Faq&)>& fn) override;

 private:
  Connection& conn_;
};

class SqliteOrgRepo final : public OrgRepo {
 public:
  explicit SqliteOrgRepo(Connection& conn) : conn_(conn) {}
  Result<std::vector<domain::Role>> ListRoles() override;
  Result<domain::Role> GetRole(const std::string& key) override;
  Status UpsertRole(const domain::Role& role) override;
  Status DeleteRole(const std::string& key) override;
  Result<std::vector<domain::Department>> ListDepartments() override;
  Result<domain::Department> GetDepartment(Id id) override;
  Status InsertDepartment(domain::Department& department) override;
  Status UpdateDepartment(const domain::Department& department) override;
  Result<std::vector<domain::Category>> ListCategories() override;
  Result<domain::Category> GetCategory(Id id) override;
  Status InsertCategory(domain::Category& category) override;
  Status UpdateCategory(const domain::Category& category) override;
  Result<std::vector<domain::CustomFieldDef>> ListCustomFields(
      std::optional<domain::CustomFieldEntity> entity) override;
  Status InsertCustomField(domain::CustomFieldDef& def) override;
  Status UpdateCustomField(const domain::CustomFieldDef& def) override;

 private:
  Connection& conn_;
};

class SqliteAuthRepo final : public AuthRepo {
 public:
  explicit SqliteAuthRepo(Connection& conn) : conn_(conn) {}
  Status InsertRefreshToken(RefreshTokenRecord& record) override;
  Result<RefreshTokenRecord> FindRefreshToken(const std::string& token_hash) override;
  Status MarkRefreshRotated(Id id, TimeMs at) override;
  Status RevokeRefreshFamily(const std::string& family_id, TimeMs at) override;
  Status RevokeRefreshTokensOfUser(Id user_id, TimeMs at) override;
  Status InsertApiToken(ApiTokenRecord& record) override;
  Result<ApiTokenRecord> FindApiToken(const std::string& token_hash) override;
  Result<std::vector<ApiTokenRecord>> ListApiTokens(std::optional<Id> user_id) override;
  Result<ApiTokenRecord> GetApiToken(Id id) override;
  Status RevokeApiToken(Id id, TimeMs at) override;

 private:
  Connection& conn_;
};

class SqliteEventRepo final : public EventRepo {
 public:
  explicit SqliteEventRepo(Connection& conn) : conn_(conn) {}
  Status Append(domain::DomainEvent& event) override;
  Result<std::vector<domain::DomainEvent>> ListAfter(Id after_id, int limit) override;
  Result<std::vector<domain::DomainEvent>> ListForEntity(const std::string& entity_type,
                                                         Id entity_id) override;
  Result<Id> GetConsumerPosition(const std::string& consumer) override;
  Status SetConsumerPosition(const std::string& consumer, Id position) override;

 private:
  Connection& conn_;
};

class SqliteAuditRepo final : public AuditRepo {
 public:
  explicit SqliteAuditRepo(Connection& conn) : conn_(conn) {}
  Status Insert(AuditEntry& entry) override;
  Result<Page<AuditEntry>> List(const AuditQuery& query) override;

 private:
  Connection& conn_;
};

class SqliteAttachmentRepo final : public AttachmentRepo {
 public:
  explicit SqliteAttachmentRepo(Connection& conn) : conn_(conn) {}
  Status Insert(Attachment& attachment) override;
  Result<Attachment> Get(Id id) override;
  Status LinkToTicket(Id attachment_id, Id ticket_id) override;
  Result<std::vector<Id>> TicketsOf(Id attachment_id) override;

 private:
  Connection& conn_;
};

class SqliteStatsRepo final : public StatsRepo {
 public:
  explicit SqliteStatsRepo(Connection& conn) : conn_(conn) {}
  Result<UnresolvedCounts> Unresolved(const CountScope& scope, TimeMs now) override;
  Result<std::vector<DailyTicketCounts>> Daily(const std::optional<std::vector<Id>>& department_ids,
                                               std::int64_t first_day,
                                               std::int64_t last_day) override;
  Result<std::vector<DepartmentStaffing>> Staffing(
      const std::optional<std::vector<Id>>& department_ids) override;

 private:
  Result<std::int64_t> CountUnresolved(const std::string& condition, const CountScope& scope,
                                       std::optional<TimeMs> due_before);
  Connection& conn_;
};

}  // namespace kefu::storage::sqlite
