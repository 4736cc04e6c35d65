#include "kefu/net/http_server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "kefu/logging/request_context.h"
#include "kefu/net/error_response.h"
#include "kefu/net/gzip.h"
#include "kefu/net/http_wire.h"
#include "kefu/net/rate_limiter.h"
#include "kefu/net/request_decoder.h"
#include "kefu/net/websocket_connection.h"

namespace kefu::net {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;
using Timer = asio::basic_waitable_timer<SteadyClock, asio::wait_traits<SteadyClock>, Executor>;
template <class T>
using Task = asio::awaitable<T, Executor>;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable_t<Executor>{});

constexpr auto kSweepInterval = std::chrono::milliseconds(250);
constexpr auto kAcceptBackoff = std::chrono::milliseconds(50);
constexpr auto kUnwindWait = std::chrono::seconds(1);
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 256 * 1024;
constexpr std::size_t kInitialReadBuffer = 4096;
constexpr std::size_t kMaxReadBuffer = 2 * internal::kHeaderLimit;
constexpr std::size_t kMinReadSpace = 1024;
constexpr std::size_t kHeadReserve = 512;
constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view kUnmatchedRoute = "unmatched";
constexpr std::string_view kOtherMethod = "OTHER";
constexpr const char* kRequestsTotal = "kefu_http_requests_total";
constexpr const char* kRequestsHelp = "HTTP requests by route pattern, method and status.";
constexpr const char* kDurationName = "kefu_http_request_duration_seconds";
constexpr const char* kDurationHelp =
    "Time from a request's first byte to its response written, by route pattern.";
constexpr const char* kOpenConnections = "kefu_http_open_connections";
constexpr const char* kOpenConnectionsHelp = "Open HTTP connections.";
// Statuses whose counters are cached per route; others go through the registry (a lock).
constexpr std::array<int, 24> kCachedStatuses = {200, 201, 202, 204, 206, 301, 302, 304,
                                                 400, 401, 403, 404, 405, 409, 412, 413,
                                                 415, 422, 429, 500, 501, 502, 503, 504};

int CachedStatusSlot(int status) {
  for (std::size_t i = 0; i < kCachedStatuses.size(); ++i) {
    if (kCachedStatuses[i] == status) return static_cast<int>(i);
  }
  return -1;
}

// Metric series of one endpoint (or of unmatched requests with one method).
struct RouteMetrics {
  std::string route;
  std::string method;
  metrics::Histogram* duration = nullptr;
  std::array<std::atomic<metrics::Counter*>, kCachedStatuses.size()> counters{};

  metrics::Counter& CounterFor(int status, metrics::Registry& registry) {
    int slot = CachedStatusSlot(status);
    if (slot >= 0) {
      metrics::Counter* cached =
          counters[static_cast<std::size_t>(slot)].load(std::memory_order_acquire);
      if (cached != nullptr) return *cached;
    }
    metrics::Counter& counter = registry.Counter(
        kRequestsTotal, kRequestsHelp,
        {{"route", route}, {"method", method}, {"status", std::to_string(status)}});
    if (slot >= 0)
      counters[static_cast<std::size_t>(slot)].store(&counter, std::memory_order_release);
    return counter;
  }
};

// A growable contiguous input buffer: bytes [begin_, end_) are unparsed.
class ReadBuffer {
 public:
  std::string_view Data() const { return {data_.data() + begin_, end_ - begin_}; }
  bool Empty() const { return begin_ == end_; }
  void Consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }
  void Commit(std::size_t n) { end_ += n; }
  // Free space after the data (at least kMinReadSpace unless the buffer is at its
  // maximum): compacts, then grows up to kMaxReadBuffer. Empty when full.
  std::span<char> Writable() {
    if (data_.empty()) data_.resize(kInitialReadBuffer);
    if (data_.size() - end_ < kMinReadSpace && begin_ > 0) {
      std::memmove(data_.data(), data_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (data_.size() - end_ < kMinReadSpace && data_.size() < kMaxReadBuffer) {
      data_.resize(std::min(kMaxReadBuffer, data_.size() * 2));
    }
    return {data_.data() + end_, data_.size() - end_};
  }

 private:
  std::vector<char> data_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// One connection, owned by its coroutine frame and linked into its worker's list so the
// sweep and Stop can reach it. Touched only on the worker's thread.
struct Session {
  explicit Session(Socket s) : socket(std::move(s)) {}

  void Close() {
    boost::system::error_code ignored;
    socket.close(ignored);
  }

  Socket socket;
  TimePoint deadline = TimePoint::max();
  bool idle = true;       // waiting for the first byte of a request
  bool draining = false;  // finish the current request, then close
  Session* prev = nullptr;
  Session* next = nullptr;
};

class SessionList {
 public:
  void Insert(Session* session) {
    session->next = head_;
    if (head_ != nullptr) head_->prev = session;
    head_ = session;
  }
  void Remove(Session* session) {
    if (session->prev != nullptr) {
      session->prev->next = session->next;
    } else {
      head_ = session->next;
    }
    if (session->next != nullptr) session->next->prev = session->prev;
    session->prev = session->next = nullptr;
  }
  // `fn` may close sessions (they unlink later, when their coroutine resumes).
  template <class Fn>
  void ForEach(Fn fn) {
    for (Session* session = head_; session != nullptr;) {
      Session* next = session->next;
      fn(*session);
      session = next;
    }
  }

 private:
  Session* head_ = nullptr;
};

// One I/O thread with its own io_context; its connections never leave it, so they need
// no strand. Member order matters: the context is destroyed before the session list.
struct Worker {
  SessionList sessions;
  internal::WebSocketList websockets;
  asio::io_context context{1};
  Timer* sweep_timer = nullptr;  // owned by the sweep coroutine
  bool stopping = false;
  std::thread thread;
};

// Runs a blocking handler on `pool`; the awaiting coroutine resumes on its own executor.
struct BlockingCall {
  asio::thread_pool* pool;

  template <class CompletionHandler>
  void operator()(CompletionHandler&& handler, const Router::Endpoint* endpoint,
                  HttpRequest* request) const {
    auto work = asio::make_work_guard(asio::get_associated_executor(handler));
    asio::post(*pool, [handler = std::forward<CompletionHandler>(handler), work = std::move(work),
                       endpoint, request]() mutable {
      HttpResponse response = RunHandler(*endpoint, *request);
      auto executor = work.get_executor();
      asio::post(executor,
                 [handler = std::move(handler), response = std::move(response)]() mutable {
                   std::move(handler)(std::move(response));
                 });
      work.reset();
    });
  }
};

Task<HttpResponse> RunBlocking(asio::thread_pool& pool, const Router::Endpoint& endpoint,
                               HttpRequest& request) {
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<Executor>&,
                                          void(HttpResponse)>(
      BlockingCall{&pool}, asio::use_awaitable_t<Executor>{}, &endpoint, &request);
}

void LogCoroutineFailure(std::string_view what, std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", what, e.what());
  } catch (...) {
    spdlog::error("{} failed with a non-standard exception", what);
  }
}

// Per-connection cache of rate-limit keys (hashing is done once per token or address).
struct ClientKeys {
  std::uint64_t ip_key = 0;
  std::string last_token;
  std::uint64_t last_token_key = 0;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, const Router& router, metrics::Registry& registry);
  ~Impl();

  Result<std::uint16_t> Start();
  void Stop(std::chrono::milliseconds grace);

 private:
  Task<void> Accept();
  Task<void> Sweep(Worker& worker);
  Task<void> RunSession(Worker& worker, Socket socket);
  // Produces the response for a decoded request (routing result, rate limit, handler).
  Task<HttpResponse> Respond(internal::RequestDecoder& decoder, ClientKeys& keys);
  // For an upgrade request on a WebSocket route: the route's answer. A session means the
  // connection now belongs to ServeWebSocket; otherwise `response` is to be sent.
  std::shared_ptr<WebSocketSession> AcceptWebSocket(const Router::Endpoint& endpoint,
                                                    HttpRequest& request, bool input_left,
                                                    HttpResponse& response);
  void CompressIfWanted(const HttpRequest& request, HttpResponse& response,
                        std::string& scratch) const;
  void Record(const Router::Endpoint* endpoint, std::optional<Method> method, int status,
              SteadyClock::duration elapsed);
  void SessionStarted();
  void SessionEnded();
  void ShutdownThreads();

  ServerOptions options_;
  Router router_;
  metrics::Registry& registry_;
  metrics::Gauge& open_connections_;
  internal::WebSocketMetrics websocket_metrics_;
  std::vector<std::unique_ptr<RouteMetrics>> route_metrics_;      // by Endpoint::index
  std::vector<std::unique_ptr<RouteMetrics>> unmatched_metrics_;  // by Method, then OTHER
  std::unique_ptr<RateLimiter> limiter_;

  std::mutex state_mutex_;
  std::condition_variable sessions_done_;
  int active_sessions_ = 0;  // guarded by state_mutex_
  std::atomic<bool> draining_{false};
  bool started_ = false;
  bool stopped_ = false;
  std::size_t next_worker_ = 0;  // used by the accept coroutine only

  // Destroyed in reverse: pool, acceptor, then the workers (their contexts own the
  // remaining coroutine frames).
  std::vector<std::unique_ptr<Worker>> workers_;
  std::optional<Acceptor> acceptor_;
  std::optional<asio::thread_pool> pool_;
};

HttpServer::Impl::Impl(ServerOptions options, const Router& router, metrics::Registry& registry)
    : options_(std::move(options)),
      router_(router),
      registry_(registry),
      open_connections_(registry.Gauge(kOpenConnections, kOpenConnectionsHelp)),
      websocket_metrics_(registry) {
  for (std::size_t i = 0; i < router_.size(); ++i) {
    const Router::Endpoint& endpoint = router_.endpoint(i);
    auto metrics = std::make_unique<RouteMetrics>();
    metrics->route = endpoint.pattern;
    metrics->method = std::string(MethodName(endpoint.method));
    metrics->duration =
        &registry_.Histogram(kDurationName, kDurationHelp, {{"route", endpoint.pattern}});
    route_metrics_.push_back(std::move(metrics));
  }
  metrics::Histogram& unmatched_duration =
      registry_.Histogram(kDurationName, kDurationHelp, {{"route", std::string(kUnmatchedRoute)}});
  for (std::size_t m = 0; m <= kMethodCount; ++m) {
    auto metrics = std::make_unique<RouteMetrics>();
    metrics->route = std::string(kUnmatchedRoute);
    metrics->method =
        std::string(m < kMethodCount ? MethodName(static_cast<Method>(m)) : kOtherMethod);
    metrics->duration = &unmatched_duration;
    unmatched_metrics_.push_back(std::move(metrics));
  }
  if (options_.rate_limit_per_minute > 0) {
    limiter_ = std::make_unique<RateLimiter>(options_.rate_limit_per_minute);
  }
}

HttpServer::Impl::~Impl() { Stop(std::chrono::milliseconds(0)); }

Result<std::uint16_t> HttpServer::Impl::Start() {
  if (started_) return Error(ErrorCode::kInvalidArgument, "server already started");
  if (options_.io_threads < 1 || options_.blocking_threads < 1) {
    return Error(ErrorCode::kInvalidArgument, "io_threads and blocking_threads must be >= 1");
  }
  if (options_.read_timeout.count() <= 0 || options_.idle_timeout.count() <= 0 ||
      options_.write_timeout.count() <= 0) {
    return Error(ErrorCode::kInvalidArgument, "timeouts must be positive");
  }
  for (int i = 0; i < options_.io_threads; ++i) workers_.push_back(std::make_unique<Worker>());
  auto fail = [this](std::string message) {
    acceptor_.reset();
    workers_.clear();
    return Error(ErrorCode::kUnavailable, std::move(message));
  };

  boost::system::error_code ec;
  tcp::endpoint endpoint;
  asio::ip::address address = asio::ip::make_address(options_.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, options_.port);
  } else {
    asio::ip::basic_resolver<tcp, Executor> resolver(workers_[0]->context.get_executor());
    auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
    if (ec || results.empty()) {
      return fail("cannot resolve " + options_.host + ": " + ec.message());
    }
    endpoint = results.begin()->endpoint();
  }
  std::string where = options_.host + ":" + std::to_string(options_.port);
  acceptor_.emplace(workers_[0]->context.get_executor());
  acceptor_->open(endpoint.protocol(), ec);
  if (ec) return fail("cannot open " + where + ": " + ec.message());
  acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  acceptor_->bind(endpoint, ec);
  if (ec) return fail("cannot bind " + where + ": " + ec.message());
  acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("cannot listen on " + where + ": " + ec.message());
  std::uint16_t port = acceptor_->local_endpoint(ec).port();
  if (ec) return fail("cannot read the bound port: " + ec.message());

  pool_.emplace(static_cast<std::size_t>(options_.blocking_threads));
  asio::co_spawn(workers_[0]->context, Accept(),
                 [](std::exception_ptr e) { LogCoroutineFailure("accept loop", e); });
  for (auto& worker : workers_) {
    asio::co_spawn(worker->context, Sweep(*worker),
                   [](std::exception_ptr e) { LogCoroutineFailure("timeout sweep", e); });
    worker->thread = std::thread([context = &worker->context] {
      for (;;) {
        try {
          context->run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("I/O thread caught: {}", e.what());
        }
      }
    });
  }
  started_ = true;
  spdlog::info("HTTP server listening on {}:{} ({} I/O threads, {} blocking threads)",
               options_.host, port, options_.io_threads, options_.blocking_threads);
  return port;
}

void HttpServer::Impl::Stop(std::chrono::milliseconds grace) {
  if (!started_ || stopped_) return;
  stopped_ = true;
  draining_.store(true);
  // Phase 1: stop accepting, close idle connections, let requests in flight finish.
  asio::post(workers_[0]->context, [this] {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
  });
  for (auto& worker : workers_) {
    asio::post(worker->context, [w = worker.get()] {
      w->sessions.ForEach([](Session& session) {
        session.draining = true;
        if (session.idle) session.Close();
      });
      w->websockets.CloseAll();
    });
  }
  {
    std::unique_lock lock(state_mutex_);
    sessions_done_.wait_for(lock, grace, [this] { return active_sessions_ == 0; });
  }
  // Phase 2: close whatever is left, wait for running blocking handlers, stop the threads.
  for (auto& worker : workers_) {
    asio::post(worker->context, [w = worker.get()] {
      w->stopping = true;
      if (w->sweep_timer != nullptr) w->sweep_timer->cancel();
      w->sessions.ForEach([](Session& session) { session.Close(); });
      w->websockets.AbortAll();
    });
  }
  pool_->join();
  {
    std::unique_lock lock(state_mutex_);
    sessions_done_.wait_for(lock, kUnwindWait, [this] { return active_sessions_ == 0; });
  }
  ShutdownThreads();
  spdlog::info("HTTP server stopped");
}

void HttpServer::Impl::ShutdownThreads() {
  for (auto& worker : workers_) worker->context.stop();
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

void HttpServer::Impl::SessionStarted() {
  open_connections_.Increment();
  std::lock_guard lock(state_mutex_);
  ++active_sessions_;
}

void HttpServer::Impl::SessionEnded() {
  open_connections_.Decrement();
  std::lock_guard lock(state_mutex_);
  if (--active_sessions_ == 0) sessions_done_.notify_all();
}

Task<void> HttpServer::Impl::Accept() {
  for (;;) {
    Worker& target = *workers_[next_worker_++ % workers_.size()];
    auto [ec, socket] = co_await acceptor_->async_accept(target.context.get_executor(), kAwait);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) co_return;
      // Typically out of file descriptors: back off instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      Timer backoff(acceptor_->get_executor());
      backoff.expires_after(kAcceptBackoff);
      co_await backoff.async_wait(kAwait);
      if (!acceptor_->is_open()) co_return;
      continue;
    }
    asio::co_spawn(target.context, RunSession(target, std::move(socket)),
                   [](std::exception_ptr e) { LogCoroutineFailure("HTTP session", e); });
  }
}

Task<void> HttpServer::Impl::Sweep(Worker& worker) {
  Timer timer(worker.context.get_executor());
  worker.sweep_timer = &timer;
  while (!worker.stopping) {
    timer.expires_after(kSweepInterval);
    co_await timer.async_wait(kAwait);
    if (worker.stopping) break;
    TimePoint now = SteadyClock::now();
    worker.sessions.ForEach([now](Session& session) {
      if (session.deadline <= now) {
        session.deadline = TimePoint::max();
        session.Close();
      }
    });
  }
  worker.sweep_timer = nullptr;
}

void HttpServer::Impl::CompressIfWanted(const HttpRequest& request, HttpResponse& response,
                                        std::string& scratch) const {
  if (!response.compressible || response.body.size() < options_.gzip_min_bytes ||
      response.status == 204 || response.status == 304 ||
      !response.Header("Content-Encoding").empty()) {
    return;
  }
  response.headers.emplace_back("Vary", "Accept-Encoding");
  if (!AcceptsGzip(request.Header("accept-encoding"))) return;
  if (!GzipCompress(response.body, scratch)) return;
  response.body.swap(scratch);
  response.headers.emplace_back("Content-Encoding", "gzip");
}

Task<HttpResponse> HttpServer::Impl::Respond(internal::RequestDecoder& decoder, ClientKeys& keys) {
  const Router::Endpoint* endpoint = decoder.endpoint();
  HttpRequest& request = decoder.request();
  if (endpoint == nullptr) co_return std::move(decoder.response());
  if (limiter_) {
    std::uint64_t key = keys.ip_key;
    std::string_view token = RateLimiter::BearerToken(request.Header("authorization"));
    if (!token.empty()) {
      if (token != keys.last_token) {
        keys.last_token.assign(token);
        keys.last_token_key = RateLimiter::KeyForBearer(token);
      }
      key = keys.last_token_key;
    }
    auto decision = limiter_->Acquire(key, SteadyClock::now().time_since_epoch().count());
    if (!decision.allowed) {
      Error error(ErrorCode::kRateLimited, "too many requests, retry later");
      error.retry_after_seconds = decision.retry_after_seconds;
      co_return ErrorResponse(error);
    }
  }
  if (endpoint->options.blocking) co_return co_await RunBlocking(*pool_, *endpoint, request);
  co_return RunHandler(*endpoint, request);
}

std::shared_ptr<WebSocketSession> HttpServer::Impl::AcceptWebSocket(
    const Router::Endpoint& endpoint, HttpRequest& request, bool input_left,
    HttpResponse& response) {
  if (draining_.load(std::memory_order_relaxed)) {
    response = ErrorResponse(Error(ErrorCode::kUnavailable, "server is shutting down"));
    return nullptr;
  }
  if (input_left) {  // a client must wait for 101 before sending frames
    response = ErrorResponse(
        Error(ErrorCode::kInvalidArgument, "data sent before the WebSocket handshake finished"));
    return nullptr;
  }
  try {
    logging::ScopedRequestId scoped_id(request.request_id);
    auto decision = endpoint.options.websocket->accept(request);
    if (auto* session = std::get_if<std::shared_ptr<WebSocketSession>>(&decision)) {
      if (*session) return std::move(*session);
      response = ErrorResponse(Error(ErrorCode::kInternal, "internal error"));
    } else {
      response = std::move(std::get<HttpResponse>(decision));
    }
  } catch (const std::exception& e) {
    spdlog::error("WebSocket accept for {} threw: {}", request.path, e.what());
    response = ErrorResponse(Error(ErrorCode::kInternal, "internal error"));
  }
  return nullptr;
}

void HttpServer::Impl::Record(const Router::Endpoint* endpoint, std::optional<Method> method,
                              int status, SteadyClock::duration elapsed) {
  RouteMetrics* metrics = nullptr;
  if (endpoint != nullptr) {
    metrics = route_metrics_[endpoint->index].get();
  } else {
    metrics = unmatched_metrics_[method ? static_cast<std::size_t>(*method) : kMethodCount].get();
  }
  metrics->duration->ObserveDuration(elapsed);
  metrics->CounterFor(status, registry_).Increment();
}

Task<void> HttpServer::Impl::RunSession(Worker& worker, Socket socket) {
  Session session(std::move(socket));
  worker.sessions.Insert(&session);
  SessionStarted();
  struct Unregister {
    Impl* impl;
    Worker* worker;
    Session* session;
    ~Unregister() {
      worker->sessions.Remove(session);
      impl->SessionEnded();
    }
  } unregister{this, &worker, &session};

  boost::system::error_code ec;
  session.socket.set_option(tcp::no_delay(true), ec);
  tcp::endpoint peer = session.socket.remote_endpoint(ec);
  std::string remote_ip = ec ? std::string() : peer.address().to_string();
  if (draining_.load(std::memory_order_relaxed)) co_return;  // accepted while stopping

  internal::RequestDecoder decoder(router_, options_.body_limit);
  decoder.set_remote_ip(remote_ip);
  ClientKeys keys;
  if (limiter_) keys.ip_key = RateLimiter::KeyForIp(remote_ip);
  ReadBuffer buffer;
  std::string head;
  head.reserve(kHeadReserve);
  std::string gzip_scratch;
  TimePoint request_start{};
  bool reading = false;  // bytes of the current request were seen
  bool linger = false;   // an error response was sent mid-request: drain before closing

  for (;;) {
    auto event = internal::RequestDecoder::Event::kNeedMore;
    if (!buffer.Empty()) {
      if (!reading) {
        reading = true;
        request_start = SteadyClock::now();
      }
      std::size_t consumed = 0;
      event = decoder.Feed(buffer.Data(), consumed);
      buffer.Consume(consumed);
    }

    if (event == internal::RequestDecoder::Event::kNeedMore) {
      if (decoder.TakeContinue()) {
        session.deadline = SteadyClock::now() + options_.write_timeout;
        auto [write_ec, written] =
            co_await asio::async_write(session.socket, asio::buffer(kContinueResponse), kAwait);
        if (write_ec) break;
      }
      if (reading) {
        session.idle = false;
        session.deadline = request_start + options_.read_timeout;
      } else {
        if (session.draining) break;
        session.idle = true;
        session.deadline = SteadyClock::now() + options_.idle_timeout;
      }
      std::span<char> space = buffer.Writable();
      if (space.empty()) break;  // unreachable: the parser's header limit is smaller
      auto [read_ec, n] =
          co_await session.socket.async_read_some(asio::buffer(space.data(), space.size()), kAwait);
      session.idle = false;
      if (read_ec) break;  // EOF, reset, or closed by the sweep or Stop
      buffer.Commit(n);
      continue;
    }

    // A complete request, or a parse error that ends the connection.
    session.deadline = TimePoint::max();  // handlers are not timed out
    bool is_error = event == internal::RequestDecoder::Event::kError;
    HttpRequest& request = decoder.request();
    // (No co_await inside a conditional expression: GCC 12 miscompiles temporaries there.)
    HttpResponse response;
    const Router::Endpoint* endpoint = decoder.endpoint();
    if (is_error) {
      response = std::move(decoder.response());
    } else if (endpoint != nullptr && endpoint->options.websocket && IsWebSocketUpgrade(request)) {
      auto websocket = AcceptWebSocket(*endpoint, request, !buffer.Empty(), response);
      if (websocket) {
        Record(endpoint, decoder.method(), 101, SteadyClock::now() - request_start);
        if (options_.access_log) {
          logging::ScopedRequestId scoped_id(request.request_id);
          spdlog::info("GET {} 101 {}", request.path, remote_ip);
        }
        // The connection leaves the HTTP loop (and this coroutine's frame) for good.
        SessionStarted();
        asio::co_spawn(worker.context,
                       internal::ServeWebSocket(std::move(session.socket), std::move(request),
                                                endpoint->options.websocket, std::move(websocket),
                                                worker.websockets, websocket_metrics_),
                       [this](std::exception_ptr e) {
                         LogCoroutineFailure("WebSocket session", e);
                         SessionEnded();
                       });
        co_return;
      }
    } else {
      response = co_await Respond(decoder, keys);
    }
    bool keep_alive = !is_error && decoder.keep_alive() && !session.draining &&
                      !draining_.load(std::memory_order_relaxed);
    if (!is_error) CompressIfWanted(request, response, gzip_scratch);

    internal::ResponseHeadOptions head_options{.request_id = request.request_id,
                                               .keep_alive = keep_alive,
                                               .http10 = decoder.http10(),
                                               .head_request = decoder.method() == Method::kHead};
    std::size_t body_bytes = internal::SerializeResponseHead(response, head_options, head);
    std::array<asio::const_buffer, 2> buffers = {asio::buffer(head),
                                                 asio::buffer(response.body.data(), body_bytes)};
    session.deadline = SteadyClock::now() + options_.write_timeout;
    auto [write_ec, written] = co_await asio::async_write(session.socket, buffers, kAwait);
    session.deadline = TimePoint::max();

    int status = internal::WireStatus(response.status);
    SteadyClock::duration elapsed = SteadyClock::now() - request_start;
    Record(decoder.endpoint(), decoder.method(), status, elapsed);
    if (options_.access_log) {
      logging::ScopedRequestId scoped_id(request.request_id);
      spdlog::info("{} {} {} {}us {}B {}", decoder.method_token(), request.path, status,
                   std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count(),
                   body_bytes, remote_ip);
    }
    reading = false;
    if (write_ec) break;
    if (!keep_alive) {
      linger = is_error;
      break;
    }
    decoder.Next();
  }

  // Half-close so the client reads the last response; after an error mid-request, drain
  // briefly so that unread input does not turn the close into a reset.
  session.socket.shutdown(tcp::socket::shutdown_send, ec);
  if (linger && session.socket.is_open()) {
    session.deadline = SteadyClock::now() + kLingerTime;
    std::array<char, 4096> sink;
    std::size_t drained = 0;
    while (drained < kLingerBytes) {
      auto [read_ec, n] = co_await session.socket.async_read_some(asio::buffer(sink), kAwait);
      if (read_ec) break;
      drained += n;
    }
  }
  session.Close();
}

HttpServer::HttpServer(ServerOptions options, const Router& router, metrics::Registry& registry)
    : impl_(std::make_unique<Impl>(std::move(options), router, registry)) {}

HttpServer::~HttpServer() = default;

Result<std::uint16_t> HttpServer::Start() { return impl_->Start(); }

void HttpServer::Stop(std::chrono::milliseconds grace) { impl_->Stop(grace); }

}  // namespace kefu::net
