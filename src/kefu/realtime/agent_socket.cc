// The WebSocket endpoint of the agent console: each connection is a thin session that
// forwards to the AgentHub, which owns all state.
#include <memory>

#include "kefu/realtime/agent_hub.h"

namespace kefu::realtime {
namespace {

class AgentSession final : public net::WebSocketSession {
 public:
  explicit AgentSession(AgentHub& hub) : hub_(hub) {}

  void OnOpen(std::shared_ptr<net::WebSocketPeer> peer) override {
    id_ = hub_.Opened(std::move(peer));
  }
  void OnMessage(std::string_view text) override { hub_.Received(id_, std::string(text)); }
  void OnClose() override { hub_.Closed(id_); }

 private:
  AgentHub& hub_;
  std::uint64_t id_ = 0;
};

}  // namespace

net::WebSocketRoute AgentSocketRoute(AgentHub& hub) {
  net::WebSocketRoute route;
  // No Origin check: the socket carries no ambient credential (no cookie); a page must
  // present an access token in its first frame, which another site cannot read.
  route.accept = [&hub](net::HttpRequest&)
      -> std::variant<net::HttpResponse, std::shared_ptr<net::WebSocketSession>> {
    return std::make_shared<AgentSession>(hub);
  };
  route.options.max_message_bytes = 16 * 1024;
  route.options.max_queued_bytes = 4 * 1024 * 1024;
  return route;
}

}  // namespace kefu::realtime
