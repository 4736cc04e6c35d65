#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>

#include "kefu/domain/access/permissions.h"
#include "kefu/domain/event.h"
#include "kefu/net/websocket.h"
#include "kefu/realtime/agent_protocol.h"
#include "kefu/service/auth_service.h"
#include "kefu/service/context.h"

namespace kefu::realtime {

// The agents' side of realtime: every console's WebSocket, who may see what, and who is
// looking at which ticket. Committed domain events from the bus become frames for the
// connections allowed to see them (ticket visibility is checked per agent, with a fresh
// principal, so a transfer or a role change takes effect on the next event); presence
// frames tell agents who else has a ticket open or is replying (collision detection).
//
// An actor: sessions and the bus only post commands; one thread owns all connection
// state and does the reads, so no request thread or I/O thread waits on it.
// Thread-safe.
class AgentHub {
 public:
  struct Options {
    std::chrono::milliseconds auth_timeout{10'000};  // an unauthenticated socket closes
    std::chrono::milliseconds replying_ttl{45'000};  // "replying" without refresh → viewing
    std::chrono::milliseconds tick{1'000};
    int messages_per_second = 20;  // per connection, burst twice that; more closes it
    int max_errors = 20;           // invalid frames before the connection is closed
    int max_connections_per_user = 32;
  };

  AgentHub(service::ServiceContext& ctx, service::AuthService& auth, Options options);
  AgentHub(service::ServiceContext& ctx, service::AuthService& auth)
      : AgentHub(ctx, auth, Options{}) {}
  ~AgentHub();  // Stop()
  AgentHub(const AgentHub&) = delete;
  AgentHub& operator=(const AgentHub&) = delete;

  void Start();
  // Closes every connection (1001) and joins the thread. Idempotent.
  void Stop();

  // For net::WebSocketSession implementations (see AgentSocketRoute): a connection
  // opened, sent a message, closed. Any thread; never blocks on the hub's work.
  std::uint64_t Opened(std::shared_ptr<net::WebSocketPeer> peer);
  void Received(std::uint64_t connection_id, std::string text);
  void Closed(std::uint64_t connection_id);

 private:
  struct OpenedCmd {
    std::uint64_t id;
    std::shared_ptr<net::WebSocketPeer> peer;
  };
  struct ReceivedCmd {
    std::uint64_t id;
    std::string text;
  };
  struct ClosedCmd {
    std::uint64_t id;
  };
  struct EventCmd {
    domain::DomainEvent event;
  };
  using Command = std::variant<OpenedCmd, ReceivedCmd, ClosedCmd, EventCmd>;

  // Shared with the bus subscriber, which may outlive the hub.
  struct Inbox {
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Command> commands;
    bool stopping = false;
  };

  struct Watch {
    PresenceState state = PresenceState::kViewing;
    std::chrono::steady_clock::time_point updated;
  };
  struct Connection {
    std::shared_ptr<net::WebSocketPeer> peer;
    std::chrono::steady_clock::time_point opened;
    domain::Id user_id = 0;  // 0 until authenticated
    std::string name;
    std::optional<std::set<std::string>> token_scopes;  // API-token connections
    TimeMs expires_at = 0;
    int errors = 0;
    double tokens = 0;  // rate limit bucket
    std::chrono::steady_clock::time_point refilled;
    std::map<domain::Id, Watch> watching;  // ticket id → what this agent does there
  };

  void Post(Command command);
  void Loop();
  void Handle(Command& command);
  void HandleMessage(std::uint64_t id, Connection& connection, const std::string& text);
  void Authenticate(Connection& connection, const AuthFrame& frame);
  void UpdatePresence(std::uint64_t id, Connection& connection, const PresenceFrame& frame);
  void RemoveConnection(std::uint64_t id);
  void HandleEvent(const domain::DomainEvent& event);
  void Tick();
  // The connection's principal as of now; nullopt (and the connection closed) when the
  // account was deactivated or removed.
  std::optional<domain::Principal> FreshPrincipal(Connection& connection);
  std::string PresenceFrameFor(domain::Id ticket_id) const;
  void BroadcastPresence(domain::Id ticket_id);
  void SendError(Connection& connection, const Error& error);
  bool TakeRateToken(Connection& connection);

  service::ServiceContext& ctx_;
  service::AuthService& auth_;
  const Options options_;
  std::shared_ptr<Inbox> inbox_ = std::make_shared<Inbox>();
  std::atomic<std::uint64_t> next_id_{1};
  // Hub thread only.
  std::unordered_map<std::uint64_t, Connection> connections_;
  std::map<domain::Id, std::set<std::uint64_t>> watchers_;  // ticket id → connections
  std::thread thread_;
};

// The route for GET /api/v1/realtime: every upgrade becomes a session of `hub`.
net::WebSocketRoute AgentSocketRoute(AgentHub& hub);

}  // namespace kefu::realtime
