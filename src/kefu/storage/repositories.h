#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/assignment/assignment.h"
#include "kefu/domain/custom_field/custom_field.h"
#include "kefu/domain/customer/customer.h"
#include "kefu/domain/event.h"
#include "kefu/domain/faq/faq.h"
#include "kefu/domain/org/org.h"
#include "kefu/domain/ticket/ticket.h"
#include "kefu/storage/records.h"

// Repository interfaces: the only way services touch stored data. Each driver
// (storage/sqlite, later storage/postgres) implements all of them.
//
// Common contract: methods are called inside a transaction given out by Store (see
// store.h) and only on the thread running that transaction. Missing rows are kNotFound,
// unique violations kConflict, a stale version kPreconditionFailed, a busy or broken
// database kUnavailable/kInternal. Mutating methods fail on a read transaction.
namespace kefu::storage {

class TicketRepo {
 public:
  virtual ~TicketRepo() = default;
  virtual Result<domain::Ticket> Get(Id id) = 0;
  // Stores a new ticket; sets ticket.id, ticket.number and version = 1.
  virtual Status Insert(domain::Ticket& ticket) = 0;
  // Writes every field of `ticket` if the stored version equals `expected_version`;
  // sets ticket.version = expected_version + 1.
  virtual Status Update(domain::Ticket& ticket, std::int64_t expected_version) = 0;
  virtual Result<Page<domain::Ticket>> List(const TicketQuery& query) = 0;
  // Per-status counts from maintained counters: never a scan of the tickets table.
  virtual Result<StatusCounts> CountByStatus(const CountScope& scope) = 0;
  // Moves every ticket requested by `from` to `to` (customer merge); returns how many.
  virtual Result<std::int64_t> ReassignRequester(Id from, Id to) = 0;
  virtual Result<std::vector<domain::Ticket>> ListByRequester(Id customer_id, int limit) = 0;

  virtual Status InsertMessage(domain::TicketMessage& message) = 0;
  virtual Result<std::vector<domain::TicketMessage>> ListMessages(Id ticket_id,
                                                                  bool include_internal) = 0;
  virtual Result<std::int64_t> MoveMessages(Id from_ticket, Id to_ticket) = 0;

  virtual Status InsertLink(const TicketLink& link) = 0;
  virtual Result<std::vector<TicketLink>> ListLinks(Id ticket_id) = 0;
};

// Read models for dashboards: every figure comes from counters kept in the same
// transaction as ticket writes or from an index-only scan, never a scan of tickets.
class StatsRepo {
 public:
  virtual ~StatsRepo() = default;
  // Unresolved, unmerged tickets in `scope`: how many are urgent and how many have
  // due_at < now. Reads one index of unresolved tickets only.
  virtual Result<UnresolvedCounts> Unresolved(const CountScope& scope, TimeMs now) = 0;
  // Created and resolved tickets per UTC day and channel for days first_day..last_day
  // (inclusive), in `department_ids` (0 = no department; unset = all departments).
  // Days and channels without tickets are left out; ordered by day, then channel. A
  // ticket counts under the department it is in now.
  virtual Result<std::vector<DailyTicketCounts>> Daily(
      const std::optional<std::vector<Id>>& department_ids, std::int64_t first_day,
      std::int64_t last_day) = 0;
  // Every department (or those in `department_ids`) by name: active members and how
  // many of them are online.
  virtual Result<std::vector<DepartmentStaffing>> Staffing(
      const std::optional<std::vector<Id>>& department_ids) = 0;
};

class CustomerRepo {
 public:
  virtual ~CustomerRepo() = default;
  virtual Result<domain::Customer> Get(Id id) = 0;
  virtual Status Insert(domain::Customer& customer) = 0;
  virtual Status Update(domain::Customer& customer, std::int64_t expected_version) = 0;
  virtual Result<Page<domain::Customer>> Search(const CustomerQuery& query) = 0;
  virtual Result<std::optional<Id>> FindByIdentity(domain::IdentityType type,
                                                   const std::string& value) = 0;
  // kConflict if (type, value) already belongs to another customer.
  virtual Status AddIdentity(domain::CustomerIdentity& identity) = 0;
  virtual Result<std::vector<domain::CustomerIdentity>> ListIdentities(Id customer_id) = 0;
  virtual Result<std::int64_t> MoveIdentities(Id from, Id to) = 0;
};

class UserRepo {
 public:
  virtual ~UserRepo() = default;
  virtual Result<domain::User> Get(Id id) = 0;
  virtual Result<domain::User> GetByEmail(const std::string& email) = 0;
  // Insert/Update also replace the user's department memberships.
  virtual Status Insert(domain::User& user) = 0;
  virtual Status Update(domain::User& user) = 0;
  virtual Result<std::vector<domain::User>> List() = 0;
  // Every member of the department, by id, with what auto-assignment weighs: presence,
  // active flag, skills, last assignment and unresolved assigned tickets (counted from
  // the maintained counters, so no scan of tickets). capacity is left 0 (unlimited).
  virtual Result<std::vector<domain::AgentCandidate>> AssignmentCandidates(Id department_id) = 0;
  virtual Status SetLastAssignedAt(Id user_id, TimeMs at) = 0;
};

// The FAQ. Lists are newest first; the cursor is the last id seen.
class FaqRepo {
 public:
  virtual ~FaqRepo() = default;
  virtual Result<domain::Faq> Get(Id id) = 0;  // kNotFound
  // The entries with these ids that exist, in no particular order.
  virtual Result<std::vector<domain::Faq>> GetMany(const std::vector<Id>& ids) = 0;
  virtual Status Insert(domain::Faq& faq) = 0;  // sets id and version
  // kPreconditionFailed when the stored version is not `expected_version`; bumps it.
  virtual Status Update(domain::Faq& faq, std::int64_t expected_version) = 0;
  virtual Status Delete(Id id) = 0;  // kNotFound
  virtual Result<Page<domain::Faq>> List(const FaqQuery& query) = 0;
  // Every entry, for rebuilding the search index.
  virtual Status ForEach(const std::function<Status(const domain::Faq&)>& fn) = 0;
};

class OrgRepo {
 public:
  virtual ~OrgRepo() = default;
  virtual Result<std::vector<domain::Role>> ListRoles() = 0;
  virtual Result<domain::Role> GetRole(const std::string& key) = 0;
  virtual Status UpsertRole(const domain::Role& role) = 0;
  virtual Status DeleteRole(const std::string& key) = 0;

  virtual Result<std::vector<domain::Department>> ListDepartments() = 0;
  virtual Result<domain::Department> GetDepartment(Id id) = 0;
  virtual Status InsertDepartment(domain::Department& department) = 0;
  virtual Status UpdateDepartment(const domain::Department& department) = 0;

  virtual Result<std::vector<domain::Category>> ListCategories() = 0;
  virtual Result<domain::Category> GetCategory(Id id) = 0;
  virtual Status InsertCategory(domain::Category& category) = 0;
  virtual Status UpdateCategory(const domain::Category& category) = 0;

  virtual Result<std::vector<domain::CustomFieldDef>> ListCustomFields(
      std::optional<domain::CustomFieldEntity> entity) = 0;
  virtual Status InsertCustomField(domain::CustomFieldDef& def) = 0;
  virtual Status UpdateCustomField(const domain::CustomFieldDef& def) = 0;
};

class AuthRepo {
 public:
  virtual ~AuthRepo() = default;
  virtual Status InsertRefreshToken(RefreshTokenRecord& record) = 0;
  virtual Result<RefreshTokenRecord> FindRefreshToken(const std::string& token_hash) = 0;
  virtual Status MarkRefreshRotated(Id id, TimeMs at) = 0;
  virtual Status RevokeRefreshFamily(const std::string& family_id, TimeMs at) = 0;
  virtual Status RevokeRefreshTokensOfUser(Id user_id, TimeMs at) = 0;

  virtual Status InsertApiToken(ApiTokenRecord& record) = 0;
  virtual Result<ApiTokenRecord> FindApiToken(const std::string& token_hash) = 0;
  virtual Result<std::vector<ApiTokenRecord>> ListApiTokens(std::optional<Id> user_id) = 0;
  virtual Result<ApiTokenRecord> GetApiToken(Id id) = 0;
  virtual Status RevokeApiToken(Id id, TimeMs at) = 0;
};

class EventRepo {
 public:
  virtual ~EventRepo() = default;
  // Appends in the current transaction; sets event.id.
  virtual Status Append(domain::DomainEvent& event) = 0;
  virtual Result<std::vector<domain::DomainEvent>> ListAfter(Id after_id, int limit) = 0;
  virtual Result<std::vector<domain::DomainEvent>> ListForEntity(const std::string& entity_type,
                                                                 Id entity_id) = 0;
  virtual Result<Id> GetConsumerPosition(const std::string& consumer) = 0;
  virtual Status SetConsumerPosition(const std::string& consumer, Id position) = 0;
};

class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  // Idempotent per event_id (a replayed event is not logged twice).
  virtual Status Insert(AuditEntry& entry) = 0;
  virtual Result<Page<AuditEntry>> List(const AuditQuery& query) = 0;
};

class AttachmentRepo {
 public:
  virtual ~AttachmentRepo() = default;
  virtual Status Insert(Attachment& attachment) = 0;
  virtual Result<Attachment> Get(Id id) = 0;
  // Records that `attachment_id` is shown on ticket `ticket_id` (idempotent).
  virtual Status LinkToTicket(Id attachment_id, Id ticket_id) = 0;
  // The tickets an attachment is shown on.
  virtual Result<std::vector<Id>> TicketsOf(Id attachment_id) = 0;
};

}  // namespace kefu::storage
