#include "ws_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <stdexcept>

namespace kefu::testing {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = boost::asio::ip::tcp;

struct WsClient::Impl {
  boost::asio::io_context io;
  websocket::stream<tcp::socket> ws{io};
  beast::flat_buffer buffer;
  bool pending = false;  // an async_read is in flight
  bool done = false;     // ... and it completed
  boost::system::error_code result;
};

WsClient::WsClient(int port, const std::string& target) : impl_(std::make_unique<Impl>()) {
  beast::get_lowest_layer(impl_->ws).connect(
      tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  impl_->ws.handshake("127.0.0.1", target);
  impl_->ws.read_message_max(64 * 1024 * 1024);
}

WsClient::~WsClient() {
  boost::system::error_code ignored;
  beast::get_lowest_layer(impl_->ws).close(ignored);
}

void WsClient::Send(const std::string& text) {
  impl_->ws.text(true);
  impl_->ws.write(boost::asio::buffer(text));
}

void WsClient::SendBinary(const std::string& bytes) {
  impl_->ws.binary(true);
  impl_->ws.write(boost::asio::buffer(bytes));
}

std::optional<boost::json::value> WsClient::Read(std::chrono::milliseconds timeout) {
  if (closed_) return std::nullopt;
  Impl& impl = *impl_;
  if (!impl.pending) {
    impl.pending = true;
    impl.done = false;
    impl.ws.async_read(impl.buffer, [&impl](boost::system::error_code ec, std::size_t) {
      impl.done = true;
      impl.result = ec;
    });
  }
  impl.io.restart();
  impl.io.run_for(timeout);
  if (!impl.done) return std::nullopt;
  impl.pending = false;
  if (impl.result) {
    closed_ = true;
    close_code_ = impl.ws.reason().code;
    return std::nullopt;
  }
  std::string text = beast::buffers_to_string(impl.buffer.data());
  impl.buffer.consume(impl.buffer.size());
  return boost::json::parse(text);
}

boost::json::value WsClient::ReadType(const std::string& type, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto message = Read(left);
    if (!message) break;
    if (message->is_object() && message->as_object().contains("type") &&
        message->at("type").as_string() == type) {
      return *message;
    }
  }
  throw std::runtime_error("no '" + type + "' message arrived" +
                           (closed_ ? " (closed " + std::to_string(close_code_) + ")" : ""));
}

int WsClient::AwaitClose(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!closed_ && std::chrono::steady_clock::now() < deadline) {
    (void)Read(std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now()));
  }
  return closed_ ? close_code_ : 0;
}

}  // namespace kefu::testing
