#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/common/result.h"

namespace kefu::config {

// How SQLite flushes commits: kFull survives power loss, kNormal only process crashes.
enum class SqliteSynchronous { kFull, kNormal };

// Minimum severity that is logged.
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

// Lower-case names as written in the config file ("full", "warn", ...).
std::string_view SqliteSynchronousName(SqliteSynchronous value);
std::string_view LogLevelName(LogLevel value);

// Each member notes its key; durations and sizes carry their unit in the key name.
struct ServerConfig {
  std::string listen = "127.0.0.1:8080";       // server.listen, "host:port" or "[v6]:port"
  int io_threads = 2;                          // server.io_threads, 1..64
  int blocking_threads = 64;                   // server.blocking_threads, 1..512
  std::int64_t max_body_bytes = 1'048'576;     // server.max_body_bytes (non-upload bodies)
  std::int64_t max_upload_bytes = 26'214'400;  // server.max_upload_bytes
  std::chrono::seconds read_timeout{30};       // server.read_timeout_s
  std::chrono::seconds idle_timeout{60};       // server.idle_timeout_s
  std::chrono::seconds shutdown_grace{10};     // server.shutdown_grace_s
  int rate_limit_per_minute = 6000;            // server.rate_limit_per_minute, 0 = off
  bool access_log = true;                      // server.access_log
  bool trust_forwarded_for = false;            // server.trust_forwarded_for (behind a proxy)
  std::string public_url;                      // server.public_url, "" or http(s)://, no '/' at end
  std::filesystem::path web_root;  // server.web_root, built web console; "" = look for web/dist
};

struct StorageConfig {
  std::filesystem::path data_dir = "./data";                        // storage.data_dir
  SqliteSynchronous sqlite_synchronous = SqliteSynchronous::kFull;  // storage.sqlite_synchronous
  int group_commit_max_batch = 256;  // storage.group_commit_max_batch
  int read_connections = 8;          // storage.read_connections
};

struct AuthConfig {
  std::chrono::seconds access_token_ttl{900};  // auth.access_token_ttl_s
  std::chrono::days refresh_token_ttl{30};     // auth.refresh_token_ttl_days
  int login_max_failures = 5;                  // auth.login_max_failures
  std::chrono::seconds login_window{900};      // auth.login_window_s
  std::string jwt_secret;  // auth.jwt_secret; "" = the app keeps a generated one in data_dir
};

struct TicketsConfig {
  std::chrono::days reopen_window{7};              // tickets.reopen_window_days, 0..365
  std::string number_prefix = "T-";                // tickets.number_prefix, 1..8 of [A-Z0-9-]
  std::int64_t attachment_max_bytes = 26'214'400;  // tickets.attachment_max_bytes
};

struct LogConfig {
  LogLevel level = LogLevel::kInfo;  // log.level
  bool json = false;                 // log.json, one JSON object per line
};

// The whole typed configuration. A default-constructed Config holds the defaults; one
// returned by LoadConfig has passed every validation rule. A plain value: copy it
// freely; not synchronized.
struct Config {
  ServerConfig server;
  StorageConfig storage;
  AuthConfig auth;
  TicketsConfig tickets;
  LogConfig log;
};

// Builds the configuration from, in increasing precedence: defaults, the TOML `file`
// (if given), `env` (only KEFU_<SECTION>_<KEY> names are read, e.g. KEFU_SERVER_LISTEN;
// other KEFU_* names whose prefix is not a known section, such as KEFU_CONFIG, are
// ignored) and `overrides` ("server.listen" -> "127.0.0.1:9000", from command-line flags).
//
// Every problem is collected and reported at once as kInvalidArgument with one
// FieldError per problem (field = key such as "server.io_threads", or "config_file")
// and a message that names each bad key and its source, e.g.
//   config: server.io_threads (from KEFU_SERVER_IO_THREADS) must be an integer from 1
//   to 64, got "abc"
// Problems: an unreadable given file, TOML syntax errors (with line and column),
// unknown sections or keys, wrong TOML types, unparsable env / flag values,
// out-of-range values, and cross-key rules. Secret values are never echoed.
// Reads the file system only for `file`. Thread-safe (no shared state).
Result<Config> LoadConfig(const std::optional<std::filesystem::path>& file,
                          const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& overrides);

// The KEFU_* variables of this process's environment. Reads `environ`: call it at
// start-up, before any thread may call setenv.
std::map<std::string, std::string> EnvironmentFromProcess();

// The effective configuration as a TOML document, every key in table order, for
// `kefu config show`. Secrets (auth.jwt_secret) print as "<redacted>" when set.
std::string DescribeConfig(const Config& config);

// The parts of a listen address.
struct ListenAddress {
  std::string host;  // without brackets for IPv6, e.g. "::1"
  std::uint16_t port = 0;
};

// Parses "host:port" or "[ipv6]:port"; port 0..65535 (0 = any free port, for tests).
// Returns nullopt for anything else. A validated Config's server.listen always parses.
std::optional<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace kefu::config
