#include "kefu/app/kefu_app.h"

#include <spdlog/spdlog.h>

#include "kefu/api/routes.h"
#include "kefu/app/openapi_document.h"
#include "kefu/app/web_console.h"
#include "kefu/config/config.h"
#include "kefu/events/audit_listener.h"
#include "kefu/net/metrics_response.h"

namespace kefu::app {

Result<std::unique_ptr<KefuApp>> KefuApp::Open(const config::Config& config, Options options) {
  std::unique_ptr<KefuApp> app(new KefuApp());
  app->config_ = config;
  KEFU_ASSIGN_OR_RETURN(app->data_dir_, PrepareDataDir(config.storage.data_dir));
  storage::sqlite::StoreOptions store_options;
  store_options.file = app->data_dir_.Database();
  store_options.full_sync =
      !options.fast_sync && config.storage.sqlite_synchronous == config::SqliteSynchronous::kFull;
  store_options.group_commit_max_batch = config.storage.group_commit_max_batch;
  store_options.ticket_number_prefix = config.tickets.number_prefix;
  KEFU_ASSIGN_OR_RETURN(app->store_, storage::sqlite::SqliteStore::Open(store_options));

  service::ServiceSettings settings;
  settings.reopen_window_days = static_cast<int>(config.tickets.reopen_window.count());
  settings.attachment_max_bytes = config.tickets.attachment_max_bytes;
  settings.attachments_dir = app->data_dir_.Attachments();
  settings.access_token_ttl_ms = config.auth.access_token_ttl.count() * 1000;
  settings.refresh_token_ttl_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(config.auth.refresh_token_ttl).count();
  settings.login_max_failures = config.auth.login_max_failures;
  settings.login_window_s = static_cast<int>(config.auth.login_window.count());
  settings.fast_password_hashing = options.fast_password_hashing;
  app->ctx_.reset(
      new service::ServiceContext{*app->store_, app->bus_, SystemClock::Instance(), settings});

  KEFU_ASSIGN_OR_RETURN(std::string secret,
                        LoadOrCreateJwtSecret(app->data_dir_, config.auth.jwt_secret));
  app->auth_ = std::make_unique<service::AuthService>(*app->ctx_, std::move(secret));
  app->org_ = std::make_unique<service::OrgService>(*app->ctx_);
  app->customers_ = std::make_unique<service::CustomerService>(*app->ctx_);
  app->tickets_ = std::make_unique<service::TicketService>(*app->ctx_, *app->customers_);
  app->attachments_ = std::make_unique<service::AttachmentService>(*app->ctx_);
  app->stats_ = std::make_unique<service::StatsService>(*app->ctx_);
  // The FAQ's full-text index lives in memory and is rebuilt from the table on every
  // start: FAQs are small, and derived data that cannot go stale needs no repair.
  KEFU_ASSIGN_OR_RETURN(auto faq_index, search::SearchIndex::OpenInMemory());
  app->faqs_ = std::make_unique<service::FaqService>(*app->ctx_, std::move(faq_index));
  KEFU_RETURN_IF_ERROR(app->faqs_->RebuildIndex());
  KEFU_RETURN_IF_ERROR(app->org_->EnsureBuiltinRoles());

  app->dispatcher_ = std::make_unique<events::Dispatcher>(*app->store_, app->bus_);
  app->dispatcher_->AddListener(std::make_unique<events::AuditListener>());
  return app;
}

KefuApp::~KefuApp() { Shutdown(); }

void KefuApp::AddSystemRoutes() {
  using net::HttpRequest;
  using net::HttpResponse;
  router_.Add(net::Method::kGet, "/healthz",
              [](HttpRequest&) { return HttpResponse::Json(200, R"({"status":"ok"})"); });
  router_.Add(net::Method::kGet, "/readyz", [this](HttpRequest&) {
    Status st = store_->Read([](storage::Tx& tx) -> Status {
      return Status(tx.events().GetConsumerPosition("audit").ok() ? OkStatus()
                                                                  : Internal("database not ready"));
    });
    if (!st.ok()) return HttpResponse::Json(503, R"({"status":"unavailable"})");
    return HttpResponse::Json(200, R"({"status":"ready"})");
  });
  router_.Add(net::Method::kGet, "/metrics",
              [](HttpRequest&) { return net::MetricsResponse(metrics::DefaultRegistry()); });
  router_.Add(net::Method::kGet, "/api/v1/openapi.json", [](HttpRequest&) {
    auto response = HttpResponse::Json(200, std::string(OpenApiDocument()));
    response.SetHeader("Cache-Control", "public, max-age=300");
    return response;
  });
}

Result<std::uint16_t> KefuApp::Serve() {
  deps_ = std::make_unique<api::ApiDeps>(
      api::ApiDeps{*auth_, *org_, *customers_, *tickets_, *attachments_, *stats_, *faqs_});
  AddSystemRoutes();
  api::AddAllRoutes(router_, *deps_, static_cast<std::size_t>(config_.server.max_upload_bytes));
  agent_hub_ = std::make_unique<realtime::AgentHub>(*ctx_, *auth_);
  router_.AddWebSocket("/api/v1/realtime", realtime::AgentSocketRoute(*agent_hub_));
  // Every other GET/HEAD outside /api/ is the web console, held in memory.
  KEFU_ASSIGN_OR_RETURN(
      auto web,
      LoadWebConsole(config_.server.web_root, std::filesystem::current_path(), ExecutablePath()));
  router_.SetFallback(net::StaticFilesHandler(std::move(web), std::string(kWebConsoleMissing)),
                      {"api"});
  auto address = config::ParseListenAddress(config_.server.listen);
  if (!address) return InvalidArgument("server.listen is not host:port");
  net::ServerOptions options;
  options.host = address->host;
  options.port = address->port;
  options.io_threads = config_.server.io_threads;
  options.blocking_threads = config_.server.blocking_threads;
  options.body_limit = static_cast<std::size_t>(config_.server.max_body_bytes);
  options.read_timeout = config_.server.read_timeout;
  options.idle_timeout = config_.server.idle_timeout;
  options.rate_limit_per_minute = config_.server.rate_limit_per_minute;
  options.access_log = config_.server.access_log;
  dispatcher_->Start();
  agent_hub_->Start();
  server_ = std::make_unique<net::HttpServer>(options, router_, metrics::DefaultRegistry());
  return server_->Start();
}

void KefuApp::Shutdown() {
  // The hub first: its thread stops sending and its sockets get close 1001 while the
  // server still runs them.
  if (agent_hub_) agent_hub_->Stop();
  if (server_) {
    server_->Stop(
        std::chrono::duration_cast<std::chrono::milliseconds>(config_.server.shutdown_grace));
    server_.reset();
  }
  if (dispatcher_) {
    dispatcher_->Stop();
    (void)dispatcher_->RunUntilIdle();  // leave nothing unprocessed that we could finish now
  }
}

}  // namespace kefu::app
