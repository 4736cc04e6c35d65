#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/domain/customer/customer.h"
#include "kefu/domain/event.h"
#include "kefu/service/context.h"
#include "kefu/storage/records.h"
#include "kefu/storage/store.h"

namespace kefu::service {

// Fields of a customer as given by a client: phones and emails in any format; they are
// normalized (E.164, lower case) and registered as identities.
struct CustomerInput {
  std::optional<std::string> name;
  std::optional<domain::Gender> gender;
  std::optional<std::optional<std::string>> birthday;
  std::optional<std::string> province;
  std::optional<std::string> city;
  std::optional<std::vector<std::string>> phones;
  std::optional<std::vector<std::string>> emails;
  std::optional<int> membership_level;
  std::optional<std::vector<std::string>> interests;
  std::optional<domain::Channel> source_channel;
  std::optional<boost::json::object> custom_fields;  // merged key by key; null clears
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> notes;
};

struct CustomerSearch {
  std::optional<std::string> q;  // name, phone (any format) or email
  std::optional<std::string> tag;
  std::optional<int> min_membership_level;
  int limit = 50;
  std::string cursor;
};

struct CustomerMergeResult {
  domain::Customer customer;  // the surviving customer
  std::int64_t moved_tickets = 0;
  std::int64_t moved_identities = 0;
};

struct TimelineEntry {
  TimeMs at = 0;
  std::string kind;  // "ticket" or an event type such as "customer.merged"
  std::optional<domain::Ticket> ticket;
  std::optional<domain::DomainEvent> event;
};

// The CRM core: profiles, identities across channels, search, merge, timeline.
// Contact details are returned unmasked by these methods; the API layer masks them
// unless the caller asked to reveal (RevealContact, audited). Thread-safe.
class CustomerService {
 public:
  explicit CustomerService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<domain::Customer> Create(const domain::Principal& caller, CustomerInput input,
                                  const RequestMeta& meta);
  Result<domain::Customer> Get(const domain::Principal& caller, domain::Id id);
  // `if_match`: the version the client saw; stale → kPreconditionFailed.
  Result<domain::Customer> Update(const domain::Principal& caller, domain::Id id,
                                  CustomerInput patch, std::optional<std::int64_t> if_match,
                                  const RequestMeta& meta);
  Result<storage::Page<domain::Customer>> Search(const domain::Principal& caller,
                                                 const CustomerSearch& search);
  // Moves `source_id`'s tickets and identities to `target_id` and marks the source as
  // merged. Audited.
  Result<CustomerMergeResult> Merge(const domain::Principal& caller, domain::Id target_id,
                                    domain::Id source_id, const RequestMeta& meta);
  Result<std::vector<TimelineEntry>> Timeline(const domain::Principal& caller, domain::Id id);
  Result<std::vector<domain::CustomerIdentity>> Identities(const domain::Principal& caller,
                                                           domain::Id id);
  // Records that the caller saw the unmasked phone numbers and emails. Audited.
  Result<domain::Customer> RevealContact(const domain::Principal& caller, domain::Id id,
                                         const RequestMeta& meta);
  // Records an export of `count` customers. Audited.
  Status RecordExport(const domain::Principal& caller, std::int64_t count, bool unmasked,
                      const RequestMeta& meta);

  // Finds the customer owning any of the given contacts, or creates one. Runs inside the
  // caller's write transaction (used when a ticket arrives from a phone call or email).
  Result<domain::Id> FindOrCreateInTx(storage::Tx& tx, const domain::Principal& caller,
                                      CustomerInput contact, const RequestMeta& meta);

 private:
  Status Apply(storage::Tx& tx, domain::Customer& customer, CustomerInput& input, bool creating);
  Status RegisterIdentities(storage::Tx& tx, const domain::Customer& customer);
  ServiceContext& ctx_;
};

}  // namespace kefu::service
