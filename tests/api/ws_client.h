#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace kefu::testing {

// A blocking WebSocket client for tests, to ws://127.0.0.1:port. Not thread-safe.
class WsClient {
 public:
  // Connects and completes the handshake (throws on failure).
  explicit WsClient(int port, const std::string& target = "/api/v1/realtime");
  ~WsClient();

  void Send(const std::string& text);
  void SendBinary(const std::string& bytes);
  // The next message parsed as JSON, or nullopt if none arrives within `timeout` or the
  // connection closed (see closed() and close_code()). A read that timed out stays
  // pending and completes in the next call, so no message is lost.
  std::optional<boost::json::value> Read(std::chrono::milliseconds timeout);
  // Reads until a message of this "type" (others are skipped); throws if none arrives.
  boost::json::value ReadType(const std::string& type,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Waits for the server to close the connection; returns its close code (0 on timeout).
  int AwaitClose(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  bool closed() const { return closed_; }
  int close_code() const { return close_code_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool closed_ = false;
  int close_code_ = 0;
};

}  // namespace kefu::testing
