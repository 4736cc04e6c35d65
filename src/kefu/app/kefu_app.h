#pragma once

#include <memory>

#include "kefu/api/api_deps.h"
#include "kefu/app/data_dir.h"
#include "kefu/config/config.h"
#include "kefu/events/dispatcher.h"
#include "kefu/events/event_bus.h"
#include "kefu/metrics/metrics.h"
#include "kefu/net/http_server.h"
#include "kefu/net/router.h"
#include "kefu/realtime/agent_hub.h"
#include "kefu/service/attachment_service.h"
#include "kefu/service/auth_service.h"
#include "kefu/service/customer_service.h"
#include "kefu/service/faq_service.h"
#include "kefu/service/org_service.h"
#include "kefu/service/stats_service.h"
#include "kefu/service/ticket_service.h"
#include "kefu/storage/sqlite/sqlite_store.h"

namespace kefu::app {

// The composition root: builds storage, the event machinery, the services and (for
// serve) the HTTP server from a validated Config. The only place that names a concrete
// storage driver. Not copyable; destroy to shut down in reverse order.
class KefuApp {
 public:
  struct Options {
    bool fast_sync = false;              // synchronous=NORMAL: for seeding, never for serving
    bool fast_password_hashing = false;  // tests and demo seeding
  };
  static Result<std::unique_ptr<KefuApp>> Open(const config::Config& config, Options options);
  ~KefuApp();

  // Starts the dispatcher and the HTTP server; returns the bound port.
  Result<std::uint16_t> Serve();
  // Two-phase shutdown: stop accepting, finish in-flight requests up to the grace period,
  // then drain the event dispatcher.
  void Shutdown();

  storage::sqlite::SqliteStore& store() { return *store_; }
  events::EventBus& bus() { return bus_; }
  events::Dispatcher& dispatcher() { return *dispatcher_; }
  service::ServiceContext& context() { return *ctx_; }
  service::OrgService& org() { return *org_; }
  service::CustomerService& customers() { return *customers_; }
  service::TicketService& tickets() { return *tickets_; }
  service::AuthService& auth() { return *auth_; }
  service::StatsService& stats() { return *stats_; }
  service::FaqService& faqs() { return *faqs_; }
  const DataDir& data_dir() const { return data_dir_; }
  const config::Config& config() const { return config_; }

 private:
  KefuApp() = default;
  void AddSystemRoutes();

  config::Config config_;
  DataDir data_dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  events::EventBus bus_;
  std::unique_ptr<events::Dispatcher> dispatcher_;
  std::unique_ptr<service::ServiceContext> ctx_;
  std::unique_ptr<service::AuthService> auth_;
  std::unique_ptr<service::OrgService> org_;
  std::unique_ptr<service::CustomerService> customers_;
  std::unique_ptr<service::TicketService> tickets_;
  std::unique_ptr<service::AttachmentService> attachments_;
  std::unique_ptr<service::StatsService> stats_;
  std::unique_ptr<service::FaqService> faqs_;
  std::unique_ptr<api::ApiDeps> deps_;
  std::unique_ptr<realtime::AgentHub> agent_hub_;  // serve only
  net::Router router_;
  std::unique_ptr<net::HttpServer> server_;
};

}  // namespace kefu::app
