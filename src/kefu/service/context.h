#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "kefu/common/clock.h"
#include "kefu/events/event_bus.h"
#include "kefu/storage/store.h"

namespace kefu::service {

// Settings the services need, filled by app/ from the configuration.
struct ServiceSettings {
  int reopen_window_days = 7;
  std::int64_t attachment_max_bytes = 25LL * 1024 * 1024;
  std::filesystem::path attachments_dir;  // <data>/attachments
  TimeMs access_token_ttl_ms = 15LL * 60 * 1000;
  TimeMs refresh_token_ttl_ms = 30LL * 24 * 3600 * 1000;
  int login_max_failures = 5;
  int login_window_s = 900;
  bool fast_password_hashing = false;  // tests and demo seeding only
};

// What every service shares. Owned by app/; outlives the services.
struct ServiceContext {
  storage::Store& store;
  events::EventBus& bus;
  const Clock& clock;
  ServiceSettings settings;
  // Bumped whenever users, roles or memberships change, so cached principals reload.
  std::atomic<std::uint64_t> access_generation{1};
};

// Who is calling and from where; passed to every service call that acts on data.
struct RequestMeta {
  std::string ip;
  std::string user_agent;
};

}  // namespace kefu::service
