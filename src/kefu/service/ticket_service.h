#pragma once

#include <boost/json/array.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/domain/event.h"
#include "kefu/domain/ticket/ticket.h"
#include "kefu/service/context.h"
#include "kefu/service/customer_service.h"
#include "kefu/storage/records.h"

namespace kefu::service {

struct NewTicket {
  std::string subject;
  std::string description;
  std::optional<domain::Id> requester_id;
  std::optional<CustomerInput> requester;  // find-or-create by phone/email
  domain::Channel channel = domain::Channel::kWeb;
  std::optional<domain::Id> category_id;
  std::optional<domain::Priority> priority;
  std::optional<domain::Id> department_id;
  std::optional<domain::Id> assignee_id;
  std::vector<std::string> tags;
  boost::json::object custom_fields;
  std::optional<TimeMs> due_at;
};

// A partial update; unset members keep their value. Nullable members use an inner
// optional: set to nullopt to clear.
struct TicketPatch {
  std::optional<std::string> subject;
  std::optional<std::string> description;
  std::optional<domain::TicketStatus> status;
  std::optional<domain::Priority> priority;
  std::optional<std::optional<domain::Id>> assignee_id;
  std::optional<std::optional<domain::Id>> department_id;
  std::optional<std::optional<domain::Id>> category_id;
  std::optional<std::vector<std::string>> tags;
  std::vector<std::string> add_tags;                 // bulk: add without replacing
  std::vector<std::string> remove_tags;              // bulk: remove without replacing
  std::optional<boost::json::object> custom_fields;  // merged key by key; null clears
  std::optional<std::optional<TimeMs>> due_at;
  std::optional<std::vector<domain::Id>> follower_ids;
  bool IsEmpty() const;
};

struct NewMessage {
  domain::MessageKind kind = domain::MessageKind::kPublicReply;
  std::string body;
  std::vector<domain::Id> attachment_ids;
  bool from_customer = false;  // integrations posting the customer's words
};

struct AddedMessage {
  domain::TicketMessage message;
  domain::Ticket ticket;  // the ticket the message landed on (a new one if reopened too late)
  bool created_follow_up = false;
};

struct SidebarCounts {
  storage::StatusCounts visible;     // every ticket the caller can see, by status
  storage::StatusCounts mine;        // assigned to the caller
  storage::StatusCounts unassigned;  // unassigned in the caller's departments
};

struct BulkItemResult {
  domain::Id id = 0;
  std::optional<Error> error;
  std::optional<domain::Ticket> ticket;
};

inline constexpr std::size_t kMaxBulkTickets = 200;

// OkStatus() with tickets.read or tickets.read_all (which includes it); else
// kPermissionDenied naming tickets.read.
Status RequireTicketRead(const domain::Principal& caller);

// Ticket use cases: create (with category defaults and auto-assignment), update with
// the status workflow and optimistic versions, messages, transfer, merge, links, bulk
// updates, listing with visibility, sidebar counts and history. Every change emits a
// domain event in the same transaction. Thread-safe.
class TicketService {
 public:
  TicketService(ServiceContext& ctx, CustomerService& customers)
      : ctx_(ctx), customers_(customers) {}

  Result<domain::Ticket> Create(const domain::Principal& caller, NewTicket input,
                                const RequestMeta& meta);
  // kPermissionDenied if the caller may not see it; kNotFound if it does not exist.
  Result<domain::Ticket> Get(const domain::Principal& caller, domain::Id id);
  // `if_match`: the version the client saw; a stale one → kPreconditionFailed. Without
  // it the change applies to the current version (still never losing another update).
  Result<domain::Ticket> Update(const domain::Principal& caller, domain::Id id, TicketPatch patch,
                                std::optional<std::int64_t> if_match, const RequestMeta& meta);
  // Adds visibility limits for the caller, then lists.
  Result<storage::Page<domain::Ticket>> List(const domain::Principal& caller,
                                             storage::TicketQuery query);
  Result<SidebarCounts> Counts(const domain::Principal& caller);

  Result<AddedMessage> AddMessage(const domain::Principal& caller, domain::Id ticket_id,
                                  NewMessage input, const RequestMeta& meta);
  Result<std::vector<domain::TicketMessage>> Messages(const domain::Principal& caller,
                                                      domain::Id ticket_id);
  // The ticket's history: every event about it, oldest first.
  Result<std::vector<domain::DomainEvent>> History(const domain::Principal& caller,
                                                   domain::Id ticket_id);

  Result<domain::Ticket> Transfer(const domain::Principal& caller, domain::Id id,
                                  domain::Id department_id, const std::string& reason,
                                  const RequestMeta& meta);
  // Moves the source's messages into the target; the source closes, pointing at it.
  Result<domain::Ticket> Merge(const domain::Principal& caller, domain::Id source_id,
                               domain::Id target_id, const RequestMeta& meta);
  Status Link(const domain::Principal& caller, domain::Id id, domain::Id other_id,
              domain::LinkType type, const RequestMeta& meta);
  Result<std::vector<storage::TicketLink>> Links(const domain::Principal& caller, domain::Id id);
  // Applies `patch` to each ticket on its own; one failing does not stop the others.
  // kPermissionDenied without tickets.bulk.
  Result<std::vector<BulkItemResult>> Bulk(const domain::Principal& caller,
                                           const std::vector<domain::Id>& ids,
                                           const TicketPatch& patch, const RequestMeta& meta);

 private:
  Status ApplyPatch(storage::Tx& tx, const domain::Principal& caller, domain::Ticket& ticket,
                    TicketPatch& patch, TimeMs now);
  Status AutoAssign(storage::Tx& tx, domain::Ticket& ticket, TimeMs now);
  // Emits ticket.updated listing `changes` (nothing when empty).
  Status EmitUpdated(storage::Tx& tx, const domain::Principal& caller, const RequestMeta& meta,
                     const domain::Ticket& after, boost::json::array changes, TimeMs now);
  Status EmitChanges(storage::Tx& tx, const domain::Principal& caller, const RequestMeta& meta,
                     const domain::Ticket& before, const domain::Ticket& after, TimeMs now);
  Result<domain::Ticket> LoadVisible(storage::Tx& tx, const domain::Principal& caller,
                                     domain::Id id);

  ServiceContext& ctx_;
  CustomerService& customers_;
};

}  // namespace kefu::service
