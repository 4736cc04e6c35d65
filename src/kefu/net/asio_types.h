#pragma once

// Asio type aliases shared by the server's translation units (internal to net/).
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

namespace kefu::net::internal {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using SteadyClock = std::chrono::steady_clock;
template <class T>
using Task = asio::awaitable<T, Executor>;
// Completion token for coroutines: results as a tuple, errors as values (no throw).
inline constexpr auto kAwait = asio::as_tuple(asio::use_awaitable_t<Executor>{});

}  // namespace kefu::net::internal
