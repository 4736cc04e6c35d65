#include "kefu/service/customer_service.h"

#include <algorithm>
#include <set>

#include "kefu/domain/custom_field/validation.h"
#include "kefu/domain/customer/contact.h"
#include "kefu/domain/customer/validation.h"
#include "kefu/domain/tags.h"
#include "kefu/domain/text.h"
#include "kefu/events/emit.h"
#include "kefu/service/event_factory.h"

namespace kefu::service {
namespace {

using domain::Customer;
using domain::Principal;

constexpr int kTimelineTickets = 200;

domain::DomainEvent CustomerEvent(std::string_view type, domain::Id id, const Principal& caller,
                                  const RequestMeta& meta, TimeMs now,
                                  boost::json::object payload = {}) {
  return MakeEvent(type, "customer", id, caller.user_id, meta, now, std::move(payload));
}

void AppendUnique(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const auto& v : from) {
    if (std::find(into.begin(), into.end(), v) == into.end()) into.push_back(v);
  }
}

}  // namespace

Status CustomerService::Apply(storage::Tx& tx, Customer& c, CustomerInput& in, bool creating) {
  std::vector<FieldError> errors;
  if (in.name) c.name = std::string(domain::TrimAscii(*in.name));
  if (in.gender) c.gender = *in.gender;
  if (in.birthday) c.birthday = *in.birthday;
  if (in.province) c.province = std::string(domain::TrimAscii(*in.province));
  if (in.city) c.city = std::string(domain::TrimAscii(*in.city));
  if (in.phones) {
    c.phones.clear();
    for (size_t i = 0; i < in.phones->size(); ++i) {
      auto phone = domain::NormalizePhone((*in.phones)[i]);
      if (!phone.ok()) {
        errors.push_back({"phones[" + std::to_string(i) + "]", phone.error().message});
      } else if (std::find(c.phones.begin(), c.phones.end(), *phone) == c.phones.end()) {
        c.phones.push_back(*phone);
      }
    }
  }
  if (in.emails) {
    c.emails.clear();
    for (size_t i = 0; i < in.emails->size(); ++i) {
      auto email = domain::NormalizeEmail((*in.emails)[i]);
      if (!email.ok()) {
        errors.push_back({"emails[" + std::to_string(i) + "]", email.error().message});
      } else if (std::find(c.emails.begin(), c.emails.end(), *email) == c.emails.end()) {
        c.emails.push_back(*email);
      }
    }
  }
  if (in.membership_level) c.membership_level = *in.membership_level;
  if (in.interests) c.interests = domain::NormalizeTags(*in.interests);
  if (in.source_channel) c.source_channel = *in.source_channel;
  if (in.tags) c.tags = domain::NormalizeTags(*in.tags);
  if (in.notes) c.notes = *in.notes;
  if (in.custom_fields) {
    KEFU_ASSIGN_OR_RETURN(auto defs,
                          tx.org().ListCustomFields(domain::CustomFieldEntity::kCustomer));
    Status st = domain::ValidateCustomFieldValues(defs, *in.custom_fields, !creating);
    if (!st.ok()) {
      for (const auto& f : st.error().fields) errors.push_back(f);
    }
    for (const auto& [key, value] : *in.custom_fields) {
      if (value.is_null()) {
        c.custom_fields.erase(key);
      } else {
        c.custom_fields[key] = value;
      }
    }
  } else if (creating) {
    KEFU_ASSIGN_OR_RETURN(auto defs,
                          tx.org().ListCustomFields(domain::CustomFieldEntity::kCustomer));
    Status st = domain::ValidateCustomFieldValues(defs, {}, false);
    if (!st.ok()) {
      for (const auto& f : st.error().fields) errors.push_back(f);
    }
  }
  // Report every problem at once: the profile's own rules plus the contact parsing above.
  Status profile = domain::ValidateCustomer(c, ctx_.clock.NowMs());
  if (!profile.ok()) {
    for (const auto& f : profile.error().fields) errors.push_back(f);
  }
  if (!errors.empty()) return InvalidArgument("invalid customer", errors);
  return OkStatus();
}

Status CustomerService::RegisterIdentities(storage::Tx& tx, const Customer& c) {
  auto ensure = [&](domain::IdentityType type, const std::string& value,
                    const std::string& field) -> Status {
    KEFU_ASSIGN_OR_RETURN(auto owner, tx.customers().FindByIdentity(type, value));
    if (owner && *owner == c.id) return OkStatus();
    if (owner) {
      Error e(ErrorCode::kConflict, std::string(domain::ToString(type)) + " " + value +
                                        " already belongs to customer " + std::to_string(*owner) +
                                        "; merge the two customers instead");
      e.fields.push_back({field, "belongs to customer " + std::to_string(*owner)});
      return e;
    }
    domain::CustomerIdentity identity;
    identity.customer_id = c.id;
    identity.type = type;
    identity.value = value;
    identity.created_at = ctx_.clock.NowMs();
    return tx.customers().AddIdentity(identity);
  };
  for (size_t i = 0; i < c.phones.size(); ++i) {
    KEFU_RETURN_IF_ERROR(
        ensure(domain::IdentityType::kPhone, c.phones[i], "phones[" + std::to_string(i) + "]"));
  }
  for (size_t i = 0; i < c.emails.size(); ++i) {
    KEFU_RETURN_IF_ERROR(
        ensure(domain::IdentityType::kEmail, c.emails[i], "emails[" + std::to_string(i) + "]"));
  }
  return OkStatus();
}

Result<Customer> CustomerService::Create(const Principal& caller, CustomerInput input,
                                         const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersWrite));
  Customer c;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    c = Customer{};
    if (!input.name) return InvalidArgument("invalid customer", {{"name", "is required"}});
    KEFU_RETURN_IF_ERROR(Apply(tx, c, input, true));
    c.created_at = c.updated_at = ctx_.clock.NowMs();
    KEFU_RETURN_IF_ERROR(tx.customers().Insert(c));
    KEFU_RETURN_IF_ERROR(RegisterIdentities(tx, c));
    return events::Emit(
        tx, ctx_.bus,
        CustomerEvent(domain::kEventCustomerCreated, c.id, caller, meta, c.created_at));
  }));
  return c;
}

Result<domain::Id> CustomerService::FindOrCreateInTx(storage::Tx& tx, const Principal& caller,
                                                     CustomerInput contact,
                                                     const RequestMeta& meta) {
  if (contact.phones) {
    for (const auto& raw : *contact.phones) {
      auto phone = domain::NormalizePhone(raw);
      if (!phone.ok()) {
        return InvalidArgument("invalid requester", {{"requester.phone", phone.error().message}});
      }
      KEFU_ASSIGN_OR_RETURN(auto owner,
                            tx.customers().FindByIdentity(domain::IdentityType::kPhone, *phone));
      if (owner) return *owner;
    }
  }
  if (contact.emails) {
    for (const auto& raw : *contact.emails) {
      auto email = domain::NormalizeEmail(raw);
      if (!email.ok()) {
        return InvalidArgument("invalid requester", {{"requester.email", email.error().message}});
      }
      KEFU_ASSIGN_OR_RETURN(auto owner,
                            tx.customers().FindByIdentity(domain::IdentityType::kEmail, *email));
      if (owner) return *owner;
    }
  }
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersWrite));
  Customer c;
  if (!contact.name || domain::TrimAscii(*contact.name).empty()) {
    std::string fallback = contact.phones && !contact.phones->empty()   ? contact.phones->front()
                           : contact.emails && !contact.emails->empty() ? contact.emails->front()
                                                                        : "";
    if (fallback.empty()) {
      return InvalidArgument("invalid requester",
                             {{"requester", "give requester_id, or a phone or email"}});
    }
    contact.name = fallback;
  }
  Status applied = Apply(tx, c, contact, true);
  if (!applied.ok()) {
    Error e = std::move(applied).error();
    for (auto& f : e.fields) f.field = "requester." + f.field;
    return e;
  }
  c.created_at = c.updated_at = ctx_.clock.NowMs();
  KEFU_RETURN_IF_ERROR(tx.customers().Insert(c));
  KEFU_RETURN_IF_ERROR(RegisterIdentities(tx, c));
  KEFU_RETURN_IF_ERROR(
      events::Emit(tx, ctx_.bus,
                   CustomerEvent(domain::kEventCustomerCreated, c.id, caller, meta, c.created_at)));
  return c.id;
}

Result<Customer> CustomerService::Get(const Principal& caller, domain::Id id) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersRead));
  Customer c;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(c, tx.customers().Get(id));
    return OkStatus();
  }));
  return c;
}

Result<Customer> CustomerService::Update(const Principal& caller, domain::Id id,
                                         CustomerInput patch, std::optional<std::int64_t> if_match,
                                         const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersWrite));
  Customer c;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(c, tx.customers().Get(id));
    if (c.merged_into_id) {
      return Conflict("customer " + std::to_string(id) + " was merged into customer " +
                      std::to_string(*c.merged_into_id));
    }
    std::int64_t expected = if_match.value_or(c.version);
    if (expected != c.version) {
      return Error(ErrorCode::kPreconditionFailed,
                   "customer " + std::to_string(id) + " was changed by someone else (version " +
                       std::to_string(c.version) + "); reload and retry");
    }
    Customer before = c;
    KEFU_RETURN_IF_ERROR(Apply(tx, c, patch, false));
    c.updated_at = ctx_.clock.NowMs();
    KEFU_RETURN_IF_ERROR(tx.customers().Update(c, expected));
    KEFU_RETURN_IF_ERROR(RegisterIdentities(tx, c));
    boost::json::array changed;
    if (before.name != c.name) changed.emplace_back("name");
    if (before.phones != c.phones) changed.emplace_back("phones");
    if (before.emails != c.emails) changed.emplace_back("emails");
    if (before.tags != c.tags) changed.emplace_back("tags");
    if (before.membership_level != c.membership_level) changed.emplace_back("membership_level");
    if (before.custom_fields != c.custom_fields) changed.emplace_back("custom_fields");
    return events::Emit(tx, ctx_.bus,
                        CustomerEvent(domain::kEventCustomerUpdated, id, caller, meta, c.updated_at,
                                      {{"changes", std::move(changed)}}));
  }));
  return c;
}

Result<storage::Page<Customer>> CustomerService::Search(const Principal& caller,
                                                        const CustomerSearch& search) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersRead));
  storage::CustomerQuery q;
  q.tag = search.tag;
  q.min_membership_level = search.min_membership_level;
  q.limit = search.limit;
  q.cursor = search.cursor;
  if (search.q) {
    std::string text(domain::TrimAscii(*search.q));
    if (text.find('@') != std::string::npos) {
      auto email = domain::NormalizeEmail(text);
      q.email = email.ok() ? *email : text;
    } else if (!text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char ch) {
                 return std::isdigit(ch) || ch == '+' || ch == '-' || ch == ' ' || ch == '(' ||
                        ch == ')';
               })) {
      // Any phone format: a full number normalizes to E.164; a fragment matches digits.
      auto phone = domain::NormalizePhone(text);
      if (phone.ok()) {
        q.phone = *phone;
      } else {
        std::string digits;
        for (char ch : text) {
          if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
        }
        q.phone = digits;
      }
    } else {
      q.name_contains = text;
    }
  }
  storage::Page<Customer> page;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(page, tx.customers().Search(q));
    return OkStatus();
  }));
  return page;
}

Result<CustomerMergeResult> CustomerService::Merge(const Principal& caller, domain::Id target_id,
                                                   domain::Id source_id, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersMerge));
  if (target_id == source_id) {
    return InvalidArgument("cannot merge a customer into itself",
                           {{"source_id", "must differ from the target"}});
  }
  CustomerMergeResult result;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(Customer target, tx.customers().Get(target_id));
    KEFU_ASSIGN_OR_RETURN(Customer source, tx.customers().Get(source_id));
    if (target.merged_into_id || source.merged_into_id) {
      return Conflict("one of these customers was already merged into another");
    }
    TimeMs now = ctx_.clock.NowMs();
    KEFU_ASSIGN_OR_RETURN(result.moved_tickets,
                          tx.tickets().ReassignRequester(source_id, target_id));
    KEFU_ASSIGN_OR_RETURN(result.moved_identities,
                          tx.customers().MoveIdentities(source_id, target_id));
    AppendUnique(target.phones, source.phones);
    AppendUnique(target.emails, source.emails);
    AppendUnique(target.tags, source.tags);
    AppendUnique(target.interests, source.interests);
    target.membership_level = std::max(target.membership_level, source.membership_level);
    for (const auto& [key, value] : source.custom_fields) {
      if (!target.custom_fields.contains(key)) target.custom_fields[key] = value;
    }
    if (!source.notes.empty()) {
      target.notes += (target.notes.empty() ? "" : "\n") + source.notes;
    }
    if (target.province.empty()) target.province = source.province;
    if (target.city.empty()) target.city = source.city;
    if (!target.birthday) target.birthday = source.birthday;
    target.updated_at = now;
    KEFU_RETURN_IF_ERROR(tx.customers().Update(target, target.version));
    source.merged_into_id = target_id;
    source.tags.clear();
    source.updated_at = now;
    KEFU_RETURN_IF_ERROR(tx.customers().Update(source, source.version));
    result.customer = target;
    return events::Emit(tx, ctx_.bus,
                        CustomerEvent(domain::kEventCustomerMerged, target_id, caller, meta, now,
                                      {{"source_id", source_id},
                                       {"source_name", source.name},
                                       {"moved_tickets", result.moved_tickets},
                                       {"moved_identities", result.moved_identities}}));
  }));
  return result;
}

Result<std::vector<TimelineEntry>> CustomerService::Timeline(const Principal& caller,
                                                             domain::Id id) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersRead));
  std::vector<TimelineEntry> entries;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(tx.customers().Get(id));  // 404 for an unknown customer
    KEFU_ASSIGN_OR_RETURN(auto tickets, tx.tickets().ListByRequester(id, kTimelineTickets));
    for (auto& t : tickets) {
      if (!domain::CanViewTicket(caller, t)) continue;
      TimelineEntry entry;
      entry.at = t.created_at;
      entry.kind = "ticket";
      entry.ticket = std::move(t);
      entries.push_back(std::move(entry));
    }
    KEFU_ASSIGN_OR_RETURN(auto events, tx.events().ListForEntity("customer", id));
    for (auto& e : events) {
      if (e.type == domain::kEventCustomerContactRevealed) continue;
      TimelineEntry entry;
      entry.at = e.created_at;
      entry.kind = e.type;
      e.payload.erase("ip");
      entry.event = std::move(e);
      entries.push_back(std::move(entry));
    }
    return OkStatus();
  }));
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.at > b.at; });
  return entries;
}

Result<std::vector<domain::CustomerIdentity>> CustomerService::Identities(const Principal& caller,
                                                                          domain::Id id) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersRead));
  std::vector<domain::CustomerIdentity> out;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(tx.customers().Get(id));
    KEFU_ASSIGN_OR_RETURN(out, tx.customers().ListIdentities(id));
    return OkStatus();
  }));
  return out;
}

Result<Customer> CustomerService::RevealContact(const Principal& caller, domain::Id id,
                                                const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersViewContact));
  Customer c;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(c, tx.customers().Get(id));
    return events::Emit(tx, ctx_.bus,
                        CustomerEvent(domain::kEventCustomerContactRevealed, id, caller, meta,
                                      ctx_.clock.NowMs(), {{"fields", {"phones", "emails"}}}));
  }));
  return c;
}

Status CustomerService::RecordExport(const Principal& caller, std::int64_t count, bool unmasked,
                                     const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kCustomersExport));
  return ctx_.store.Write([&](storage::Tx& tx) -> Status {
    auto e = CustomerEvent(domain::kEventCustomersExported, 0, caller, meta, ctx_.clock.NowMs(),
                           {{"count", count}, {"unmasked", unmasked}});
    return events::Emit(tx, ctx_.bus, std::move(e));
  });
}

}  // namespace kefu::service
