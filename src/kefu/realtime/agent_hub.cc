#include "kefu/realtime/agent_hub.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace kefu::realtime {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Application close codes (docs/realtime.md).
constexpr int kCloseUnauthenticated = 4401;
constexpr int kCloseDeactivated = 4403;

bool IsForAgents(const domain::DomainEvent& event) {
  return event.entity_type == "ticket" || event.type == domain::kEventCustomerUpdated ||
         event.type == domain::kEventCustomerMerged || event.type == domain::kEventUserUpdated;
}

}  // namespace

AgentHub::AgentHub(service::ServiceContext& ctx, service::AuthService& auth, Options options)
    : ctx_(ctx), auth_(auth), options_(options) {
  // The bus may publish after the hub is gone (shutdown order): hold the inbox weakly.
  std::weak_ptr<Inbox> weak = inbox_;
  ctx_.bus.Subscribe([weak](const domain::DomainEvent& event) {
    if (!IsForAgents(event)) return;
    if (auto inbox = weak.lock()) {
      {
        std::lock_guard lock(inbox->mu);
        if (inbox->stopping) return;
        inbox->commands.emplace_back(EventCmd{event});
      }
      inbox->cv.notify_one();
    }
  });
}

AgentHub::~AgentHub() { Stop(); }

void AgentHub::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void AgentHub::Stop() {
  {
    std::lock_guard lock(inbox_->mu);
    inbox_->stopping = true;
  }
  inbox_->cv.notify_one();
  if (thread_.joinable()) thread_.join();
  for (auto& [id, connection] : connections_) {
    connection.peer->Close(net::kCloseGoingAway, "server shutting down");
  }
  connections_.clear();
  watchers_.clear();
}

std::uint64_t AgentHub::Opened(std::shared_ptr<net::WebSocketPeer> peer) {
  std::uint64_t id = next_id_.fetch_add(1, std::memory_order_relaxed);
  Post(OpenedCmd{id, std::move(peer)});
  return id;
}

void AgentHub::Received(std::uint64_t connection_id, std::string text) {
  Post(ReceivedCmd{connection_id, std::move(text)});
}

void AgentHub::Closed(std::uint64_t connection_id) { Post(ClosedCmd{connection_id}); }

void AgentHub::Post(Command command) {
  {
    std::lock_guard lock(inbox_->mu);
    if (inbox_->stopping) return;
    inbox_->commands.push_back(std::move(command));
  }
  inbox_->cv.notify_one();
}

void AgentHub::Loop() {
  auto next_tick = SteadyClock::now() + options_.tick;
  std::deque<Command> batch;
  for (;;) {
    {
      std::unique_lock lock(inbox_->mu);
      inbox_->cv.wait_until(lock, next_tick,
                            [&] { return inbox_->stopping || !inbox_->commands.empty(); });
      if (inbox_->stopping) return;
      batch.swap(inbox_->commands);
    }
    for (Command& command : batch) {
      try {
        Handle(command);
      } catch (const std::exception& e) {
        spdlog::error("realtime hub: {}", e.what());
      }
    }
    batch.clear();
    if (SteadyClock::now() >= next_tick) {
      Tick();
      next_tick = SteadyClock::now() + options_.tick;
    }
  }
}

void AgentHub::Handle(Command& command) {
  if (auto* opened = std::get_if<OpenedCmd>(&command)) {
    Connection connection;
    connection.peer = std::move(opened->peer);
    connection.opened = SteadyClock::now();
    connection.refilled = connection.opened;
    connection.tokens = 2.0 * options_.messages_per_second;
    connections_.emplace(opened->id, std::move(connection));
  } else if (auto* received = std::get_if<ReceivedCmd>(&command)) {
    auto it = connections_.find(received->id);
    if (it != connections_.end()) HandleMessage(received->id, it->second, received->text);
  } else if (auto* closed = std::get_if<ClosedCmd>(&command)) {
    RemoveConnection(closed->id);
  } else if (auto* event = std::get_if<EventCmd>(&command)) {
    HandleEvent(event->event);
  }
}

bool AgentHub::TakeRateToken(Connection& connection) {
  auto now = SteadyClock::now();
  double elapsed = std::chrono::duration<double>(now - connection.refilled).count();
  connection.refilled = now;
  double burst = 2.0 * options_.messages_per_second;
  connection.tokens = std::min(burst, connection.tokens + elapsed * options_.messages_per_second);
  if (connection.tokens < 1.0) return false;
  connection.tokens -= 1.0;
  return true;
}

void AgentHub::SendError(Connection& connection, const Error& error) {
  (void)connection.peer->Send(ErrorFrame(error));
  if (++connection.errors >= options_.max_errors) {
    connection.peer->Close(net::kClosePolicy, "too many invalid messages");
  }
}

void AgentHub::HandleMessage(std::uint64_t id, Connection& connection, const std::string& text) {
  if (connection.peer->closed()) return;
  if (!TakeRateToken(connection)) {
    (void)connection.peer->Send(
        ErrorFrame(Error(ErrorCode::kRateLimited, "too many messages, slow down")));
    connection.peer->Close(net::kClosePolicy, "too many messages");
    return;
  }
  Result<ClientFrame> frame = ParseClientFrame(text);
  if (!frame.ok()) {
    SendError(connection, frame.error());
    return;
  }
  if (std::holds_alternative<PingFrame>(*frame)) {
    (void)connection.peer->Send(PongFrame());
  } else if (auto* auth = std::get_if<AuthFrame>(&*frame)) {
    Authenticate(connection, *auth);
  } else if (connection.user_id == 0) {
    SendError(connection, Unauthenticated("send an auth frame first"));
  } else if (auto* presence = std::get_if<PresenceFrame>(&*frame)) {
    UpdatePresence(id, connection, *presence);
  }
}

void AgentHub::Authenticate(Connection& connection, const AuthFrame& frame) {
  Result<service::AuthContext> context = auth_.Authenticate("Bearer " + frame.token);
  if (!context.ok()) {
    (void)connection.peer->Send(ErrorFrame(context.error()));
    connection.peer->Close(kCloseUnauthenticated, context.error().message);
    return;
  }
  domain::Id user_id = context->principal.user_id;
  if (connection.user_id != 0 && connection.user_id != user_id) {
    (void)connection.peer->Send(
        ErrorFrame(Unauthenticated("a connection stays with the user who opened it")));
    connection.peer->Close(kCloseUnauthenticated, "another user's token");
    return;
  }
  if (connection.user_id == 0) {
    auto same_user =
        std::count_if(connections_.begin(), connections_.end(),
                      [&](const auto& entry) { return entry.second.user_id == user_id; });
    if (same_user >= options_.max_connections_per_user) {
      connection.peer->Close(net::kClosePolicy, "too many connections for this user");
      return;
    }
    Status loaded = ctx_.store.Read([&](storage::Tx& tx) -> Status {
      KEFU_ASSIGN_OR_RETURN(domain::User user, tx.users().Get(user_id));
      connection.name = user.name;
      return OkStatus();
    });
    if (!loaded.ok()) {
      connection.peer->Close(kCloseUnauthenticated, "unknown user");
      return;
    }
  }
  connection.user_id = user_id;
  connection.token_scopes = context->principal.token_scopes;
  connection.expires_at = context->expires_at;
  (void)connection.peer->Send(ReadyFrame(user_id, connection.expires_at));
}

std::optional<domain::Principal> AgentHub::FreshPrincipal(Connection& connection) {
  Result<domain::Principal> principal = auth_.PrincipalFor(connection.user_id);
  if (!principal.ok()) {
    connection.peer->Close(kCloseDeactivated, "this account can no longer sign in");
    return std::nullopt;
  }
  principal->token_scopes = connection.token_scopes;
  return std::move(principal).value();
}

void AgentHub::UpdatePresence(std::uint64_t id, Connection& connection,
                              const PresenceFrame& frame) {
  if (frame.state == PresenceState::kLeft) {
    if (connection.watching.erase(frame.ticket_id) > 0) {
      auto it = watchers_.find(frame.ticket_id);
      if (it != watchers_.end()) {
        it->second.erase(id);
        if (it->second.empty()) watchers_.erase(it);
      }
      BroadcastPresence(frame.ticket_id);
    }
    return;
  }
  auto principal = FreshPrincipal(connection);
  if (!principal) return;
  bool visible = false;
  Status read = ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(domain::Ticket ticket, tx.tickets().Get(frame.ticket_id));
    visible = domain::CanViewTicket(*principal, ticket);
    return OkStatus();
  });
  if (!read.ok() && read.error().code != ErrorCode::kNotFound) {
    SendError(connection, read.error());
    return;
  }
  if (!visible) {
    SendError(connection, NotFound("ticket not found"));
    return;
  }
  auto [it, inserted] = connection.watching.try_emplace(frame.ticket_id);
  bool changed = inserted || it->second.state != frame.state;
  it->second.state = frame.state;
  it->second.updated = SteadyClock::now();
  watchers_[frame.ticket_id].insert(id);
  if (changed) {
    BroadcastPresence(frame.ticket_id);
  } else {  // a refresh: the sender still gets the current picture
    (void)connection.peer->Send(PresenceFrameFor(frame.ticket_id));
  }
}

std::string AgentHub::PresenceFrameFor(domain::Id ticket_id) const {
  std::vector<PresenceEntry> agents;
  auto it = watchers_.find(ticket_id);
  if (it == watchers_.end()) return TicketPresenceFrame(ticket_id, agents);
  std::map<domain::Id, PresenceEntry> by_user;  // one entry per agent: the strongest state
  for (std::uint64_t id : it->second) {
    const Connection& connection = connections_.at(id);
    const Watch& watch = connection.watching.at(ticket_id);
    auto [entry, inserted] = by_user.try_emplace(connection.user_id);
    if (inserted || watch.state > entry->second.state) {
      entry->second = PresenceEntry{connection.user_id, connection.name, watch.state};
    }
  }
  agents.reserve(by_user.size());
  for (auto& [user_id, entry] : by_user) agents.push_back(std::move(entry));
  return TicketPresenceFrame(ticket_id, agents);
}

void AgentHub::BroadcastPresence(domain::Id ticket_id) {
  auto it = watchers_.find(ticket_id);
  if (it == watchers_.end()) return;
  std::string frame = PresenceFrameFor(ticket_id);
  for (std::uint64_t id : it->second) (void)connections_.at(id).peer->Send(frame);
}

void AgentHub::RemoveConnection(std::uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  std::vector<domain::Id> tickets;
  for (const auto& [ticket_id, watch] : it->second.watching) tickets.push_back(ticket_id);
  connections_.erase(it);
  for (domain::Id ticket_id : tickets) {
    auto watchers = watchers_.find(ticket_id);
    if (watchers == watchers_.end()) continue;
    watchers->second.erase(id);
    if (watchers->second.empty()) {
      watchers_.erase(watchers);
    } else {
      BroadcastPresence(ticket_id);
    }
  }
}

void AgentHub::HandleEvent(const domain::DomainEvent& event) {
  if (event.type == domain::kEventUserUpdated) {
    // Deactivation closes the user's sockets; a new name shows in presence from now on.
    for (auto& [id, connection] : connections_) {
      if (connection.user_id == event.entity_id) (void)FreshPrincipal(connection);
    }
    return;
  }
  if (event.entity_type == "customer") {
    std::string frame = CustomerChangedFrame(event);
    for (auto& [id, connection] : connections_) {
      if (connection.user_id == 0 || connection.peer->closed()) continue;
      auto principal = FreshPrincipal(connection);
      if (principal && principal->Has(domain::kCustomersRead)) (void)connection.peer->Send(frame);
    }
    return;
  }
  domain::Ticket ticket;
  Status read = ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(ticket, tx.tickets().Get(event.entity_id));
    return OkStatus();
  });
  if (!read.ok()) {
    if (read.error().code != ErrorCode::kNotFound) {
      spdlog::warn("realtime: cannot read ticket {}: {}", event.entity_id, read.error().message);
    }
    return;
  }
  std::string changed = TicketChangedFrame(event, ticket);
  domain::Id assignee = NewAssignee(event);
  std::string assigned;
  if (assignee != 0 && assignee != event.actor_id) assigned = AssignedFrame(event, ticket);
  auto watchers = watchers_.find(ticket.id);
  for (auto& [id, connection] : connections_) {
    if (connection.user_id == 0 || connection.peer->closed()) continue;
    auto principal = FreshPrincipal(connection);
    if (!principal) continue;
    // Agents who had the ticket open hear about it even when it has just moved out of
    // their sight (their page then shows that it is gone).
    bool watching = watchers != watchers_.end() && watchers->second.contains(id);
    if (!watching && !domain::CanViewTicket(*principal, ticket)) continue;
    (void)connection.peer->Send(changed);
    if (!assigned.empty() && connection.user_id == assignee) {
      (void)connection.peer->Send(assigned);
    }
  }
}

void AgentHub::Tick() {
  auto now = SteadyClock::now();
  TimeMs now_ms = ctx_.clock.NowMs();
  std::set<domain::Id> presence_changed;
  for (auto& [id, connection] : connections_) {
    if (connection.peer->closed()) continue;
    if (connection.user_id == 0) {
      if (now - connection.opened >= options_.auth_timeout) {
        (void)connection.peer->Send(ErrorFrame(Unauthenticated("authenticate first")));
        connection.peer->Close(kCloseUnauthenticated, "no auth frame in time");
      }
      continue;
    }
    if (connection.expires_at > 0 && now_ms >= connection.expires_at) {
      (void)connection.peer->Send(ErrorFrame(Unauthenticated("access token expired")));
      connection.peer->Close(kCloseUnauthenticated, "access token expired");
      continue;
    }
    for (auto& [ticket_id, watch] : connection.watching) {
      if (watch.state == PresenceState::kReplying && now - watch.updated >= options_.replying_ttl) {
        watch.state = PresenceState::kViewing;
        presence_changed.insert(ticket_id);
      }
    }
  }
  for (domain::Id ticket_id : presence_changed) BroadcastPresence(ticket_id);
}

}  // namespace kefu::realtime
