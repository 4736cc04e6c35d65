#include "kefu/realtime/agent_protocol.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "kefu/common/json_util.h"
#include "kefu/common/time_format.h"

namespace kefu::realtime {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxTokenBytes = 4096;

json::value OptId(const std::optional<domain::Id>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

// A positive integer member, or an error naming `field`.
Result<domain::Id> PositiveId(const json::object& object, std::string_view field) {
  const json::value* value = object.if_contains(field);
  if (value == nullptr) return InvalidArgument("missing field", {{std::string(field), "required"}});
  if (!value->is_int64() || value->as_int64() <= 0) {
    if (!(value->is_uint64() && value->as_uint64() > 0 &&
          value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))) {
      return InvalidArgument("invalid field", {{std::string(field), "must be a positive integer"}});
    }
    return static_cast<domain::Id>(value->as_uint64());
  }
  return value->as_int64();
}

Result<std::string_view> StringField(const json::object& object, std::string_view field) {
  const json::value* value = object.if_contains(field);
  if (value == nullptr) return InvalidArgument("missing field", {{std::string(field), "required"}});
  if (!value->is_string()) {
    return InvalidArgument("invalid field", {{std::string(field), "must be a string"}});
  }
  return std::string_view(value->as_string());
}

}  // namespace

std::string_view ToString(PresenceState state) {
  switch (state) {
    case PresenceState::kLeft:
      return "left";
    case PresenceState::kViewing:
      return "viewing";
    case PresenceState::kReplying:
      return "replying";
  }
  return "left";
}

Result<ClientFrame> ParseClientFrame(std::string_view text) {
  KEFU_ASSIGN_OR_RETURN(json::object object, ParseJsonObject(text));
  KEFU_ASSIGN_OR_RETURN(std::string_view type, StringField(object, "type"));
  if (type == "ping") return ClientFrame(PingFrame{});
  if (type == "auth") {
    KEFU_ASSIGN_OR_RETURN(std::string_view token, StringField(object, "token"));
    if (token.empty() || token.size() > kMaxTokenBytes) {
      return InvalidArgument("invalid field", {{"token", "must be 1 to 4096 characters"}});
    }
    return ClientFrame(AuthFrame{std::string(token)});
  }
  if (type == "presence") {
    KEFU_ASSIGN_OR_RETURN(domain::Id ticket_id, PositiveId(object, "ticket_id"));
    KEFU_ASSIGN_OR_RETURN(std::string_view state, StringField(object, "state"));
    PresenceFrame frame{ticket_id, PresenceState::kViewing};
    if (state == "replying") {
      frame.state = PresenceState::kReplying;
    } else if (state == "left") {
      frame.state = PresenceState::kLeft;
    } else if (state != "viewing") {
      return InvalidArgument("invalid field",
                             {{"state", "must be one of viewing, replying, left"}});
    }
    return ClientFrame(frame);
  }
  return InvalidArgument("unknown frame type", {{"type", "must be one of auth, presence, ping"}});
}

std::string ReadyFrame(domain::Id user_id, TimeMs expires_at) {
  json::object frame{{"type", "ready"}, {"user_id", user_id}};
  frame["expires_at"] = expires_at > 0 ? json::value(FormatTimestamp(expires_at)) : nullptr;
  return ToJson(frame);
}

std::string PongFrame() { return R"({"type":"pong"})"; }

std::string ErrorFrame(const Error& error) {
  json::array details;
  for (const auto& field : error.fields) {
    details.push_back(json::object{{"field", field.field}, {"issue", field.issue}});
  }
  return ToJson(json::object{{"type", "error"},
                             {"error", json::object{{"code", ErrorCodeName(error.code)},
                                                    {"message", error.message},
                                                    {"details", std::move(details)}}}});
}

std::string TicketChangedFrame(const domain::DomainEvent& event, const domain::Ticket& ticket) {
  json::object frame{{"type", "ticket"},
                     {"event", event.type},
                     {"ticket_id", ticket.id},
                     {"number", ticket.number},
                     {"version", ticket.version},
                     {"status", domain::ToString(ticket.status)},
                     {"priority", domain::ToString(ticket.priority)},
                     {"assignee_id", OptId(ticket.assignee_id)},
                     {"department_id", OptId(ticket.department_id)},
                     {"merged_into_id", OptId(ticket.merged_into_id)},
                     {"actor_id", event.actor_id > 0 ? json::value(event.actor_id) : nullptr},
                     {"at", FormatTimestamp(event.created_at)}};
  if (const json::value* changes = event.payload.if_contains("changes");
      changes != nullptr && changes->is_array()) {
    json::array fields;
    for (const json::value& change : changes->as_array()) {
      if (const json::value* field = change.as_object().if_contains("field")) {
        fields.push_back(*field);
      }
    }
    frame["changed_fields"] = std::move(fields);
  }
  if (event.type == domain::kEventMessageCreated) {
    if (const json::value* kind = event.payload.if_contains("kind")) frame["message_kind"] = *kind;
  }
  return ToJson(frame);
}

std::string AssignedFrame(const domain::DomainEvent& event, const domain::Ticket& ticket) {
  return ToJson(json::object{
      {"type", "assigned"},
      {"ticket_id", ticket.id},
      {"number", ticket.number},
      {"subject", ticket.subject},
      {"priority", domain::ToString(ticket.priority)},
      {"actor_id", event.actor_id > 0 ? json::value(event.actor_id) : json::value(nullptr)}});
}

std::string CustomerChangedFrame(const domain::DomainEvent& event) {
  return ToJson(json::object{{"type", "customer"},
                             {"event", event.type},
                             {"customer_id", event.entity_id},
                             {"at", FormatTimestamp(event.created_at)}});
}

std::string TicketPresenceFrame(domain::Id ticket_id, const std::vector<PresenceEntry>& agents) {
  json::array list;
  for (const auto& agent : agents) {
    list.push_back(json::object{
        {"user_id", agent.user_id}, {"name", agent.name}, {"state", ToString(agent.state)}});
  }
  return ToJson(
      json::object{{"type", "presence"}, {"ticket_id", ticket_id}, {"agents", std::move(list)}});
}

domain::Id NewAssignee(const domain::DomainEvent& event) {
  auto id_of = [](const json::value* value) -> domain::Id {
    return value != nullptr && value->is_int64() ? value->as_int64() : 0;
  };
  if (event.type == domain::kEventTicketCreated) {
    return id_of(event.payload.if_contains("assignee_id"));
  }
  if (event.type != domain::kEventTicketUpdated) return 0;
  const json::value* changes = event.payload.if_contains("changes");
  if (changes == nullptr || !changes->is_array()) return 0;
  for (const json::value& change : changes->as_array()) {
    if (!change.is_object()) continue;
    const json::object& object = change.as_object();
    const json::value* field = object.if_contains("field");
    if (field != nullptr && field->is_string() && field->as_string() == "assignee_id") {
      return id_of(object.if_contains("to"));
    }
  }
  return 0;
}

}  // namespace kefu::realtime
