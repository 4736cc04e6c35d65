#include "kefu/service/ticket_service.h"

#include <algorithm>
#include <set>

#include "kefu/domain/assignment/assignment.h"
#include "kefu/domain/custom_field/validation.h"
#include "kefu/domain/tags.h"
#include "kefu/domain/text.h"
#include "kefu/domain/ticket/validation.h"
#include "kefu/domain/ticket/workflow.h"
#include "kefu/events/emit.h"
#include "kefu/service/attachment_service.h"
#include "kefu/service/event_factory.h"

namespace kefu::service {
namespace {

using domain::Principal;
using domain::Ticket;
using domain::TicketStatus;

constexpr std::size_t kMaxMessageBytes = 200'000;
constexpr std::size_t kMaxReasonLength = 500;

domain::DomainEvent TicketEvent(std::string_view type, domain::Id id, const Principal& caller,
                                const RequestMeta& meta, TimeMs now, boost::json::object payload) {
  return MakeEvent(type, "ticket", id, caller.user_id, meta, now, std::move(payload));
}

boost::json::value OptId(const std::optional<domain::Id>& id) {
  return id ? boost::json::value(*id) : boost::json::value(nullptr);
}

boost::json::value OptTime(const std::optional<TimeMs>& t) {
  return t ? boost::json::value(*t) : boost::json::value(nullptr);
}

boost::json::array StringArray(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

boost::json::array IdArray(const std::vector<domain::Id>& values) {
  boost::json::array out;
  for (auto v : values) out.emplace_back(v);
  return out;
}

// Every field that differs, as {"field","from","to"}: the ticket's history.
boost::json::array DiffTickets(const Ticket& a, const Ticket& b) {
  boost::json::array changes;
  auto add = [&](const char* field, boost::json::value from, boost::json::value to) {
    changes.push_back(
        boost::json::object{{"field", field}, {"from", std::move(from)}, {"to", std::move(to)}});
  };
  if (a.subject != b.subject)
    add("subject", boost::json::value(a.subject), boost::json::value(b.subject));
  if (a.description != b.description) add("description", nullptr, nullptr);
  if (a.status != b.status) {
    add("status", boost::json::value(domain::ToString(a.status)),
        boost::json::value(domain::ToString(b.status)));
  }
  if (a.priority != b.priority) {
    add("priority", boost::json::value(domain::ToString(a.priority)),
        boost::json::value(domain::ToString(b.priority)));
  }
  if (a.assignee_id != b.assignee_id)
    add("assignee_id", OptId(a.assignee_id), OptId(b.assignee_id));
  if (a.department_id != b.department_id) {
    add("department_id", OptId(a.department_id), OptId(b.department_id));
  }
  if (a.category_id != b.category_id)
    add("category_id", OptId(a.category_id), OptId(b.category_id));
  if (a.tags != b.tags) add("tags", StringArray(a.tags), StringArray(b.tags));
  if (a.custom_fields != b.custom_fields) add("custom_fields", a.custom_fields, b.custom_fields);
  if (a.due_at != b.due_at) add("due_at", OptTime(a.due_at), OptTime(b.due_at));
  if (a.follower_ids != b.follower_ids)
    add("follower_ids", IdArray(a.follower_ids), IdArray(b.follower_ids));
  if (a.requester_id != b.requester_id) add("requester_id", a.requester_id, b.requester_id);
  if (a.merged_into_id != b.merged_into_id) {
    add("merged_into_id", OptId(a.merged_into_id), OptId(b.merged_into_id));
  }
  return changes;
}

Status CheckReferences(storage::Tx& tx, const Ticket& t) {
  std::vector<FieldError> errors;
  if (t.department_id && !tx.org().GetDepartment(*t.department_id).ok()) {
    errors.push_back({"department_id", "department does not exist"});
  }
  if (t.category_id && !tx.org().GetCategory(*t.category_id).ok()) {
    errors.push_back({"category_id", "category does not exist"});
  }
  if (t.assignee_id) {
    auto user = tx.users().Get(*t.assignee_id);
    if (!user.ok()) {
      errors.push_back({"assignee_id", "user does not exist"});
    } else if (!user->active) {
      errors.push_back({"assignee_id", "user is deactivated"});
    }
  }
  for (auto follower : t.follower_ids) {
    if (!tx.users().Get(follower).ok()) {
      errors.push_back({"follower_ids", "user " + std::to_string(follower) + " does not exist"});
    }
  }
  if (!errors.empty()) return InvalidArgument("invalid ticket", errors);
  return OkStatus();
}

}  // namespace

// tickets.read_all includes tickets.read.
Status RequireTicketRead(const Principal& caller) {
  if (caller.Has(domain::kTicketsReadAll)) return OkStatus();
  return domain::Require(caller, domain::kTicketsRead);
}

bool TicketPatch::IsEmpty() const {
  return !subject && !description && !status && !priority && !assignee_id && !department_id &&
         !category_id && !tags && add_tags.empty() && remove_tags.empty() && !custom_fields &&
         !due_at && !follower_ids;
}

Result<Ticket> TicketService::LoadVisible(storage::Tx& tx, const Principal& caller, domain::Id id) {
  KEFU_ASSIGN_OR_RETURN(Ticket ticket, tx.tickets().Get(id));
  if (!domain::CanViewTicket(caller, ticket)) {
    return PermissionDenied("you cannot view ticket " + ticket.number +
                            " (it belongs to another department)");
  }
  return ticket;
}

Status TicketService::AutoAssign(storage::Tx& tx, Ticket& ticket, TimeMs now) {
  if (ticket.assignee_id || !ticket.department_id) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(domain::Department department,
                        tx.org().GetDepartment(*ticket.department_id));
  if (department.assignment_policy == domain::AssignmentPolicy::kManual) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(auto candidates, tx.users().AssignmentCandidates(department.id));
  domain::AssignmentRequest request;
  request.policy = department.assignment_policy;
  request.priority = ticket.priority;
  if (ticket.category_id) {
    if (auto category = tx.org().GetCategory(*ticket.category_id); category.ok()) {
      request.required_skills = category->required_skills;
    }
  }
  auto picked = domain::PickAssignee(request, candidates);
  if (!picked) return OkStatus();
  ticket.assignee_id = *picked;
  return tx.users().SetLastAssignedAt(*picked, now);
}

Result<Ticket> TicketService::Create(const Principal& caller, NewTicket input,
                                     const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsCreate));
  Ticket ticket;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    TimeMs now = ctx_.clock.NowMs();
    ticket = Ticket{};
    ticket.subject = std::string(domain::TrimAscii(input.subject));
    ticket.description = input.description;
    ticket.channel = input.channel;
    ticket.category_id = input.category_id;
    ticket.department_id = input.department_id;
    ticket.assignee_id = input.assignee_id;
    ticket.tags = domain::NormalizeTags(input.tags);
    ticket.custom_fields = input.custom_fields;
    ticket.due_at = input.due_at;
    ticket.created_at = ticket.updated_at = now;
    if (input.requester_id) {
      auto customer = tx.customers().Get(*input.requester_id);
      if (!customer.ok()) {
        return InvalidArgument("invalid ticket", {{"requester_id", "customer does not exist"}});
      }
      ticket.requester_id = customer->merged_into_id.value_or(customer->id);
    } else if (input.requester) {
      KEFU_ASSIGN_OR_RETURN(ticket.requester_id,
                            customers_.FindOrCreateInTx(tx, caller, *input.requester, meta));
    } else {
      return InvalidArgument(
          "invalid ticket",
          {{"requester_id", "give requester_id or requester {name, phone, email}"}});
    }
    domain::Priority priority = domain::Priority::kNormal;
    if (ticket.category_id) {
      auto category = tx.org().GetCategory(*ticket.category_id);
      if (!category.ok()) {
        return InvalidArgument("invalid ticket", {{"category_id", "category does not exist"}});
      }
      if (!ticket.department_id) ticket.department_id = category->default_department_id;
      priority = category->default_priority;
    }
    ticket.priority = input.priority.value_or(priority);
    KEFU_RETURN_IF_ERROR(domain::ValidateTicketInput(ticket));
    KEFU_ASSIGN_OR_RETURN(auto defs, tx.org().ListCustomFields(domain::CustomFieldEntity::kTicket));
    KEFU_RETURN_IF_ERROR(domain::ValidateCustomFieldValues(defs, ticket.custom_fields, false));
    KEFU_RETURN_IF_ERROR(CheckReferences(tx, ticket));
    if (ticket.assignee_id && !domain::CanAssignTicket(caller, ticket, ticket.assignee_id)) {
      return PermissionDenied("permission 'tickets.assign' is required to assign on creation");
    }
    KEFU_RETURN_IF_ERROR(AutoAssign(tx, ticket, now));
    ticket.status = ticket.assignee_id ? TicketStatus::kOpen : TicketStatus::kNew;
    KEFU_RETURN_IF_ERROR(tx.tickets().Insert(ticket));
    boost::json::object payload{{"number", ticket.number},
                                {"subject", ticket.subject},
                                {"status", domain::ToString(ticket.status)},
                                {"priority", domain::ToString(ticket.priority)},
                                {"channel", domain::ToString(ticket.channel)},
                                {"requester_id", ticket.requester_id},
                                {"department_id", OptId(ticket.department_id)},
                                {"assignee_id", OptId(ticket.assignee_id)}};
    return events::Emit(
        tx, ctx_.bus,
        TicketEvent(domain::kEventTicketCreated, ticket.id, caller, meta, now, std::move(payload)));
  }));
  return ticket;
}

Result<Ticket> TicketService::Get(const Principal& caller, domain::Id id) {
  KEFU_RETURN_IF_ERROR(RequireTicketRead(caller));
  Ticket ticket;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(ticket, LoadVisible(tx, caller, id));
    return OkStatus();
  }));
  return ticket;
}

Status TicketService::ApplyPatch(storage::Tx& tx, const Principal& caller, Ticket& t,
                                 TicketPatch& patch, TimeMs now) {
  if (!domain::CanModifyTicket(caller, t)) {
    return PermissionDenied("you cannot change ticket " + t.number);
  }
  if (t.merged_into_id) {
    return Conflict("ticket " + t.number + " was merged into another ticket; change that one");
  }
  if (patch.subject) t.subject = std::string(domain::TrimAscii(*patch.subject));
  if (patch.description) t.description = *patch.description;
  if (patch.priority) t.priority = *patch.priority;
  if (patch.category_id) t.category_id = *patch.category_id;
  if (patch.department_id) t.department_id = *patch.department_id;
  if (patch.assignee_id && *patch.assignee_id != t.assignee_id) {
    if (!domain::CanAssignTicket(caller, t, *patch.assignee_id)) {
      return PermissionDenied("permission 'tickets.assign' is required to assign to someone else");
    }
    t.assignee_id = *patch.assignee_id;
  }
  if (patch.tags) t.tags = domain::NormalizeTags(*patch.tags);
  for (const auto& tag : domain::NormalizeTags(patch.add_tags)) {
    if (std::find(t.tags.begin(), t.tags.end(), tag) == t.tags.end()) t.tags.push_back(tag);
  }
  for (const auto& tag : patch.remove_tags) {
    t.tags.erase(std::remove(t.tags.begin(), t.tags.end(), tag), t.tags.end());
  }
  if (patch.custom_fields) {
    KEFU_ASSIGN_OR_RETURN(auto defs, tx.org().ListCustomFields(domain::CustomFieldEntity::kTicket));
    KEFU_RETURN_IF_ERROR(domain::ValidateCustomFieldValues(defs, *patch.custom_fields, true));
    for (const auto& [key, value] : *patch.custom_fields) {
      if (value.is_null()) {
        t.custom_fields.erase(key);
      } else {
        t.custom_fields[key] = value;
      }
    }
  }
  if (patch.due_at) t.due_at = *patch.due_at;
  if (patch.follower_ids) {
    std::vector<domain::Id> unique;
    for (auto id : *patch.follower_ids) {
      if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
    }
    t.follower_ids = std::move(unique);
  }
  if (patch.status && *patch.status != t.status) {
    KEFU_RETURN_IF_ERROR(domain::CheckTransition(t.status, *patch.status));
    domain::ApplyStatusChange(t, *patch.status, now);
  }
  KEFU_RETURN_IF_ERROR(domain::ValidateTicketInput(t));
  return CheckReferences(tx, t);
}

Status TicketService::EmitChanges(storage::Tx& tx, const Principal& caller, const RequestMeta& meta,
                                  const Ticket& before, const Ticket& after, TimeMs now) {
  return EmitUpdated(tx, caller, meta, after, DiffTickets(before, after), now);
}

Status TicketService::EmitUpdated(storage::Tx& tx, const Principal& caller, const RequestMeta& meta,
                                  const Ticket& after, boost::json::array changes, TimeMs now) {
  if (changes.empty()) return OkStatus();
  return events::Emit(
      tx, ctx_.bus,
      TicketEvent(
          domain::kEventTicketUpdated, after.id, caller, meta, now,
          {{"number", after.number}, {"version", after.version}, {"changes", std::move(changes)}}));
}

Result<Ticket> TicketService::Update(const Principal& caller, domain::Id id, TicketPatch patch,
                                     std::optional<std::int64_t> if_match,
                                     const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsUpdate));
  if (patch.IsEmpty()) return InvalidArgument("nothing to update: send at least one field");
  Ticket ticket;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    TimeMs now = ctx_.clock.NowMs();
    KEFU_ASSIGN_OR_RETURN(ticket, LoadVisible(tx, caller, id));
    std::int64_t expected = if_match.value_or(ticket.version);
    if (expected != ticket.version) {
      return Error(ErrorCode::kPreconditionFailed,
                   "ticket " + ticket.number + " was changed by someone else (now version " +
                       std::to_string(ticket.version) + ", you sent " + std::to_string(expected) +
                       "); reload and retry");
    }
    Ticket before = ticket;
    KEFU_RETURN_IF_ERROR(ApplyPatch(tx, caller, ticket, patch, now));
    boost::json::array changes = DiffTickets(before, ticket);
    if (changes.empty()) return OkStatus();  // nothing really changed: no write, no event
    ticket.updated_at = now;
    KEFU_RETURN_IF_ERROR(tx.tickets().Update(ticket, expected));
    return EmitUpdated(tx, caller, meta, ticket, std::move(changes), now);
  }));
  return ticket;
}

Result<storage::Page<Ticket>> TicketService::List(const Principal& caller,
                                                  storage::TicketQuery query) {
  KEFU_RETURN_IF_ERROR(RequireTicketRead(caller));
  if (!caller.Has(domain::kTicketsReadAll)) {
    query.visible_departments = caller.department_ids;
    query.visible_user = caller.user_id;
  }
  storage::Page<Ticket> page;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(page, tx.tickets().List(query));
    return OkStatus();
  }));
  return page;
}

Result<SidebarCounts> TicketService::Counts(const Principal& caller) {
  KEFU_RETURN_IF_ERROR(RequireTicketRead(caller));
  SidebarCounts counts;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    // An agent's view: their departments plus the unrouted triage queue (department 0).
    std::vector<domain::Id> scope = caller.department_ids;
    scope.push_back(0);
    storage::CountScope visible;
    if (!caller.Has(domain::kTicketsReadAll)) visible.department_ids = scope;
    KEFU_ASSIGN_OR_RETURN(counts.visible, tx.tickets().CountByStatus(visible));
    storage::CountScope mine;
    mine.assignee_id = caller.user_id;
    KEFU_ASSIGN_OR_RETURN(counts.mine, tx.tickets().CountByStatus(mine));
    storage::CountScope unassigned;
    unassigned.unassigned_only = true;
    if (!caller.Has(domain::kTicketsReadAll)) unassigned.department_ids = scope;
    KEFU_ASSIGN_OR_RETURN(counts.unassigned, tx.tickets().CountByStatus(unassigned));
    return OkStatus();
  }));
  return counts;
}

Result<AddedMessage> TicketService::AddMessage(const Principal& caller, domain::Id ticket_id,
                                               NewMessage input, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsUpdate));
  std::vector<FieldError> errors;
  if (domain::TrimAscii(input.body).empty() && input.attachment_ids.empty()) {
    errors.push_back({"body", "write something or attach a file"});
  }
  if (input.body.size() > kMaxMessageBytes) errors.push_back({"body", "is longer than 200 KB"});
  if (!domain::Utf8Length(input.body)) errors.push_back({"body", "is not valid UTF-8"});
  if (input.from_customer && input.kind == domain::MessageKind::kInternalNote) {
    errors.push_back({"kind", "a customer cannot write internal notes"});
  }
  if (!errors.empty()) return InvalidArgument("invalid message", errors);
  AddedMessage added;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    TimeMs now = ctx_.clock.NowMs();
    KEFU_ASSIGN_OR_RETURN(Ticket ticket, LoadVisible(tx, caller, ticket_id));
    if (!domain::CanModifyTicket(caller, ticket)) {
      return PermissionDenied("you cannot write on ticket " + ticket.number);
    }
    if (ticket.merged_into_id) {
      return Conflict("ticket " + ticket.number + " was merged into another ticket; write there");
    }
    for (auto id : input.attachment_ids) {
      auto attachment = tx.attachments().Get(id);
      if (!attachment.ok() || !AttachmentService::CheckVisible(tx, caller, *attachment).ok()) {
        return InvalidArgument(
            "invalid message",
            {{"attachment_ids", "attachment " + std::to_string(id) + " does not exist"}});
      }
    }
    Ticket before = ticket;
    if (input.from_customer) {
      auto decision = domain::OnCustomerReply(ticket, now, ctx_.settings.reopen_window_days);
      if (decision.kind == domain::ReopenDecision::kNewLinkedTicket) {
        Ticket follow_up;
        follow_up.subject = ticket.subject;
        follow_up.requester_id = ticket.requester_id;
        follow_up.channel = ticket.channel;
        follow_up.category_id = ticket.category_id;
        follow_up.priority = ticket.priority;
        follow_up.department_id = ticket.department_id;
        follow_up.created_at = follow_up.updated_at = now;
        KEFU_RETURN_IF_ERROR(AutoAssign(tx, follow_up, now));
        follow_up.status = follow_up.assignee_id ? TicketStatus::kOpen : TicketStatus::kNew;
        KEFU_RETURN_IF_ERROR(tx.tickets().Insert(follow_up));
        KEFU_RETURN_IF_ERROR(
            tx.tickets().InsertLink({follow_up.id, ticket.id, domain::LinkType::kRelated, now}));
        KEFU_RETURN_IF_ERROR(
            tx.tickets().InsertLink({ticket.id, follow_up.id, domain::LinkType::kRelated, now}));
        KEFU_RETURN_IF_ERROR(
            events::Emit(tx, ctx_.bus,
                         TicketEvent(domain::kEventTicketCreated, follow_up.id, caller, meta, now,
                                     {{"number", follow_up.number}, {"follow_up_of", ticket.id}})));
        added.created_follow_up = true;
        before = follow_up;
        ticket = follow_up;
      } else if (decision.kind == domain::ReopenDecision::kReopen) {
        domain::ApplyStatusChange(ticket, decision.new_status, now);
      }
    } else if (input.kind == domain::MessageKind::kPublicReply) {
      if (!ticket.first_response_at) ticket.first_response_at = now;
      if (ticket.status == TicketStatus::kNew)
        domain::ApplyStatusChange(ticket, TicketStatus::kOpen, now);
    }
    domain::TicketMessage& m = added.message;
    m.ticket_id = ticket.id;
    m.kind = input.kind;
    m.author_type =
        input.from_customer ? domain::AuthorType::kCustomer : domain::AuthorType::kAgent;
    m.author_id = input.from_customer ? ticket.requester_id : caller.user_id;
    m.body = std::move(input.body);
    m.attachment_ids = std::move(input.attachment_ids);
    m.created_at = now;
    KEFU_RETURN_IF_ERROR(tx.tickets().InsertMessage(m));
    for (auto id : m.attachment_ids)
      KEFU_RETURN_IF_ERROR(tx.attachments().LinkToTicket(id, m.ticket_id));
    ticket.updated_at = now;
    KEFU_RETURN_IF_ERROR(tx.tickets().Update(ticket, ticket.version));
    KEFU_RETURN_IF_ERROR(
        events::Emit(tx, ctx_.bus,
                     TicketEvent(domain::kEventMessageCreated, ticket.id, caller, meta, now,
                                 {{"message_id", m.id},
                                  {"kind", domain::ToString(m.kind)},
                                  {"author_type", domain::ToString(m.author_type)},
                                  {"author_id", m.author_id}})));
    KEFU_RETURN_IF_ERROR(EmitChanges(tx, caller, meta, before, ticket, now));
    added.ticket = ticket;
    return OkStatus();
  }));
  return added;
}

Result<std::vector<domain::TicketMessage>> TicketService::Messages(const Principal& caller,
                                                                   domain::Id ticket_id) {
  KEFU_RETURN_IF_ERROR(RequireTicketRead(caller));
  std::vector<domain::TicketMessage> messages;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(LoadVisible(tx, caller, ticket_id));
    KEFU_ASSIGN_OR_RETURN(messages,
                          tx.tickets().ListMessages(ticket_id, /*include_internal=*/true));
    return OkStatus();
  }));
  return messages;
}

Result<std::vector<domain::DomainEvent>> TicketService::History(const Principal& caller,
                                                                domain::Id ticket_id) {
  KEFU_RETURN_IF_ERROR(RequireTicketRead(caller));
  std::vector<domain::DomainEvent> events;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(LoadVisible(tx, caller, ticket_id));
    KEFU_ASSIGN_OR_RETURN(events, tx.events().ListForEntity("ticket", ticket_id));
    return OkStatus();
  }));
  for (auto& e : events) e.payload.erase("ip");
  return events;
}

Result<Ticket> TicketService::Transfer(const Principal& caller, domain::Id id,
                                       domain::Id department_id, const std::string& reason,
                                       const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsUpdate));
  std::string issue = domain::CheckLineText(reason, 1, kMaxReasonLength);
  if (!issue.empty()) return InvalidArgument("a transfer needs a reason", {{"reason", issue}});
  Ticket ticket;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    TimeMs now = ctx_.clock.NowMs();
    KEFU_ASSIGN_OR_RETURN(ticket, LoadVisible(tx, caller, id));
    if (!domain::CanModifyTicket(caller, ticket)) {
      return PermissionDenied("you cannot transfer ticket " + ticket.number);
    }
    if (ticket.department_id == department_id) {
      return Conflict("ticket " + ticket.number + " is already in that department");
    }
    if (ticket.status == TicketStatus::kClosed || ticket.merged_into_id) {
      return Conflict("a closed ticket cannot be transferred");
    }
    auto department = tx.org().GetDepartment(department_id);
    if (!department.ok()) {
      return InvalidArgument("invalid transfer", {{"department_id", "department does not exist"}});
    }
    Ticket before = ticket;
    ticket.department_id = department_id;
    ticket.assignee_id.reset();
    KEFU_RETURN_IF_ERROR(AutoAssign(tx, ticket, now));
    ticket.updated_at = now;
    domain::TicketMessage note;
    note.ticket_id = ticket.id;
    note.kind = domain::MessageKind::kInternalNote;
    note.author_type = domain::AuthorType::kSystem;
    note.author_id = caller.user_id;
    note.body =
        "转交至 " + department->name + " / Transferred to " + department->name + ": " + reason;
    note.created_at = now;
    KEFU_RETURN_IF_ERROR(tx.tickets().InsertMessage(note));
    KEFU_RETURN_IF_ERROR(tx.tickets().Update(ticket, ticket.version));
    KEFU_RETURN_IF_ERROR(
        events::Emit(tx, ctx_.bus,
                     TicketEvent(domain::kEventTicketTransferred, ticket.id, caller, meta, now,
                                 {{"from_department_id", OptId(before.department_id)},
                                  {"to_department_id", department_id},
                                  {"reason", reason}})));
    return EmitChanges(tx, caller, meta, before, ticket, now);
  }));
  return ticket;
}

Result<Ticket> TicketService::Merge(const Principal& caller, domain::Id source_id,
                                    domain::Id target_id, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsMerge));
  if (source_id == target_id) {
    return InvalidArgument("cannot merge a ticket into itself", {{"target_id", "must differ"}});
  }
  Ticket target;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    TimeMs now = ctx_.clock.NowMs();
    KEFU_ASSIGN_OR_RETURN(Ticket source, LoadVisible(tx, caller, source_id));
    KEFU_ASSIGN_OR_RETURN(target, LoadVisible(tx, caller, target_id));
    if (source.merged_into_id || target.merged_into_id) {
      return Conflict("one of these tickets was already merged into another");
    }
    if (target.status == TicketStatus::kClosed) {
      return Conflict("cannot merge into closed ticket " + target.number);
    }
    KEFU_ASSIGN_OR_RETURN(std::int64_t moved, tx.tickets().MoveMessages(source_id, target_id));
    domain::TicketMessage note;
    note.ticket_id = target_id;
    note.kind = domain::MessageKind::kInternalNote;
    note.author_type = domain::AuthorType::kSystem;
    note.author_id = caller.user_id;
    note.body = "工单 " + source.number + " 已合并到此工单 / Ticket " + source.number +
                " was merged into this ticket";
    note.created_at = now;
    KEFU_RETURN_IF_ERROR(tx.tickets().InsertMessage(note));
    Ticket source_before = source;
    source.merged_into_id = target_id;
    if (source.status != TicketStatus::kClosed) source.status = TicketStatus::kClosed;
    source.closed_at = now;
    source.updated_at = now;
    KEFU_RETURN_IF_ERROR(tx.tickets().Update(source, source.version));
    Ticket target_before = target;
    for (const auto& tag : source.tags) {
      if (std::find(target.tags.begin(), target.tags.end(), tag) == target.tags.end()) {
        target.tags.push_back(tag);
      }
    }
    target.updated_at = now;
    KEFU_RETURN_IF_ERROR(tx.tickets().Update(target, target.version));
    KEFU_RETURN_IF_ERROR(
        events::Emit(tx, ctx_.bus,
                     TicketEvent(domain::kEventTicketMerged, source_id, caller, meta, now,
                                 {{"source_id", source_id},
                                  {"source_number", source.number},
                                  {"target_id", target_id},
                                  {"target_number", target.number},
                                  {"moved_messages", moved}})));
    KEFU_RETURN_IF_ERROR(EmitChanges(tx, caller, meta, source_before, source, now));
    return EmitChanges(tx, caller, meta, target_before, target, now);
  }));
  return target;
}

Status TicketService::Link(const Principal& caller, domain::Id id, domain::Id other_id,
                           domain::LinkType type, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsUpdate));
  if (id == other_id) {
    return InvalidArgument("a ticket cannot be linked to itself", {{"other_id", "must differ"}});
  }
  return ctx_.store.Write([&](storage::Tx& tx) -> Status {
    TimeMs now = ctx_.clock.NowMs();
    KEFU_ASSIGN_OR_RETURN(Ticket a, LoadVisible(tx, caller, id));
    auto b = tx.tickets().Get(other_id);
    if (!b.ok() || !domain::CanViewTicket(caller, *b)) {
      return InvalidArgument("invalid link", {{"other_id", "no such ticket you can see"}});
    }
    domain::LinkType inverse = type == domain::LinkType::kParent  ? domain::LinkType::kChild
                               : type == domain::LinkType::kChild ? domain::LinkType::kParent
                                                                  : domain::LinkType::kRelated;
    KEFU_RETURN_IF_ERROR(tx.tickets().InsertLink({id, other_id, type, now}));
    KEFU_RETURN_IF_ERROR(tx.tickets().InsertLink({other_id, id, inverse, now}));
    return events::Emit(tx, ctx_.bus,
                        TicketEvent(domain::kEventTicketLinked, id, caller, meta, now,
                                    {{"other_id", other_id},
                                     {"other_number", b->number},
                                     {"type", domain::ToString(type)}}));
  });
}

Result<std::vector<storage::TicketLink>> TicketService::Links(const Principal& caller,
                                                              domain::Id id) {
  KEFU_RETURN_IF_ERROR(RequireTicketRead(caller));
  std::vector<storage::TicketLink> links;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(LoadVisible(tx, caller, id));
    KEFU_ASSIGN_OR_RETURN(links, tx.tickets().ListLinks(id));
    return OkStatus();
  }));
  return links;
}

Result<std::vector<BulkItemResult>> TicketService::Bulk(const Principal& caller,
                                                        const std::vector<domain::Id>& ids,
                                                        const TicketPatch& patch,
                                                        const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsBulk));
  if (ids.size() > kMaxBulkTickets) {
    return InvalidArgument("too many tickets", {{"ids", "at most 200 per request"}});
  }
  std::vector<BulkItemResult> results;
  for (auto id : ids) {
    BulkItemResult item;
    item.id = id;
    auto updated = Update(caller, id, patch, std::nullopt, meta);
    if (updated.ok()) {
      item.ticket = std::move(updated).value();
    } else {
      item.error = std::move(updated).error();
    }
    results.push_back(std::move(item));
  }
  return results;
}

}  // namespace kefu::service
