#pragma once

// The agent console's realtime protocol: JSON text frames over the WebSocket at
// /api/v1/realtime (docs/realtime.md). Parsing and building only; no I/O.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kefu/common/error.h"
#include "kefu/common/result.h"
#include "kefu/domain/event.h"
#include "kefu/domain/ids.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::realtime {

// What an agent is doing on a ticket page, strongest last.
enum class PresenceState { kLeft, kViewing, kReplying };
std::string_view ToString(PresenceState state);

// {"type":"auth","token":"<access token>"}: first frame, and again after a refresh.
struct AuthFrame {
  std::string token;
};
// {"type":"presence","ticket_id":7,"state":"viewing"|"replying"|"left"}
struct PresenceFrame {
  domain::Id ticket_id = 0;
  PresenceState state = PresenceState::kViewing;
};
// {"type":"ping"}: an application-level heartbeat, answered with {"type":"pong"}.
struct PingFrame {};

using ClientFrame = std::variant<AuthFrame, PresenceFrame, PingFrame>;

// Parses one client frame. kInvalidArgument (with field details) for anything else:
// bad JSON, a non-object, an unknown type, a missing or ill-typed field.
Result<ClientFrame> ParseClientFrame(std::string_view text);

// Server frames.
std::string ReadyFrame(domain::Id user_id, TimeMs expires_at);
std::string PongFrame();
std::string ErrorFrame(const Error& error);

// A change on a ticket the recipient may view: enough to update a list row in place
// (status, priority, assignee, department, version); pages refetch for the rest.
std::string TicketChangedFrame(const domain::DomainEvent& event, const domain::Ticket& ticket);
// A ticket was just assigned to the recipient by someone else (or by the system).
std::string AssignedFrame(const domain::DomainEvent& event, const domain::Ticket& ticket);
// A customer's profile changed or was merged.
std::string CustomerChangedFrame(const domain::DomainEvent& event);

struct PresenceEntry {
  domain::Id user_id = 0;
  std::string name;
  PresenceState state = PresenceState::kViewing;
};
// Who has `ticket_id` open, one entry per agent (their strongest state).
std::string TicketPresenceFrame(domain::Id ticket_id, const std::vector<PresenceEntry>& agents);

// The user an event assigns its ticket to, when it does: a ticket created with an
// assignee, or an update whose changes set assignee_id. 0 otherwise.
domain::Id NewAssignee(const domain::DomainEvent& event);

}  // namespace kefu::realtime
