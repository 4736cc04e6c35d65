#include "kefu/config/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace kefu::config {
namespace {

namespace fs = std::filesystem;
using Map = std::map<std::string, std::string>;

// Writes TOML text to a per-test file that is removed afterwards.
class ConfigFileTest : public ::testing::Test {
 protected:
  ~ConfigFileTest() override { fs::remove(path_); }

  fs::path Write(std::string_view text) {
    std::ofstream(path_, std::ios::binary) << text;
    return path_;
  }

  fs::path path_ = fs::temp_directory_path() /
                   ("kefu_config_test_" + std::to_string(::getpid()) + "_" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml");
};

bool HasField(const Error& error, std::string_view field) {
  for (const FieldError& f : error.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(ConfigTest, Defaults) {
  auto config = LoadConfig(std::nullopt, {}, {});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(config->server.io_threads, 2);
  EXPECT_EQ(config->server.blocking_threads, 64);
  EXPECT_EQ(config->server.max_body_bytes, 1048576);
  EXPECT_EQ(config->server.max_upload_bytes, 26214400);
  EXPECT_EQ(config->server.read_timeout, std::chrono::seconds(30));
  EXPECT_EQ(config->server.idle_timeout, std::chrono::seconds(60));
  EXPECT_EQ(config->server.rate_limit_per_minute, 6000);
  EXPECT_TRUE(config->server.access_log);
  EXPECT_EQ(config->server.public_url, "");
  EXPECT_EQ(config->server.web_root, fs::path());
  EXPECT_EQ(config->storage.data_dir, fs::path("./data"));
  EXPECT_EQ(config->storage.sqlite_synchronous, SqliteSynchronous::kFull);
  EXPECT_EQ(config->storage.group_commit_max_batch, 256);
  EXPECT_EQ(config->storage.read_connections, 8);
  EXPECT_EQ(config->auth.access_token_ttl, std::chrono::seconds(900));
  EXPECT_EQ(config->auth.refresh_token_ttl, std::chrono::days(30));
  EXPECT_EQ(config->auth.login_max_failures, 5);
  EXPECT_EQ(config->auth.login_window, std::chrono::seconds(900));
  EXPECT_EQ(config->auth.jwt_secret, "");
  EXPECT_EQ(config->tickets.reopen_window, std::chrono::days(7));
  EXPECT_EQ(config->tickets.number_prefix, "T-");
  EXPECT_EQ(config->tickets.attachment_max_bytes, 26214400);
  EXPECT_EQ(config->log.level, LogLevel::kInfo);
  EXPECT_FALSE(config->log.json);
}

TEST_F(ConfigFileTest, FileValues) {
  const fs::path file = Write(R"(
# comment
[server]
listen = "[::1]:9000"
io_threads = 4
access_log = false
public_url = "https://help.example.com/"

[storage]
data_dir = "/var/lib/kefu"
sqlite_synchronous = "normal"

[auth]
jwt_secret = "0123456789abcdef0123456789abcdef"
refresh_token_ttl_days = 14

[tickets]
number_prefix = "HD-"
reopen_window_days = 0

[log]
level = "debug"
json = true
)");
  auto config = LoadConfig(file, {}, {});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->server.listen, "[::1]:9000");
  EXPECT_EQ(config->server.io_threads, 4);
  EXPECT_FALSE(config->server.access_log);
  EXPECT_EQ(config->server.public_url, "https://help.example.com");  // trailing '/' dropped
  EXPECT_EQ(config->storage.data_dir, fs::path("/var/lib/kefu"));
  EXPECT_EQ(config->storage.sqlite_synchronous, SqliteSynchronous::kNormal);
  EXPECT_EQ(config->auth.jwt_secret.size(), 32u);
  EXPECT_EQ(config->auth.refresh_token_ttl, std::chrono::days(14));
  EXPECT_EQ(config->tickets.number_prefix, "HD-");
  EXPECT_EQ(config->tickets.reopen_window, std::chrono::days(0));
  EXPECT_EQ(config->log.level, LogLevel::kDebug);
  EXPECT_TRUE(config->log.json);
  EXPECT_EQ(config->server.blocking_threads, 64);  // untouched keys keep defaults
}

TEST_F(ConfigFileTest, EnvOverridesFileAndFlagOverridesEnv) {
  const fs::path file = Write("[server]\nlisten = \"127.0.0.1:1000\"\nio_threads = 3\n");
  const Map env = {{"KEFU_SERVER_LISTEN", "127.0.0.1:2000"},
                   {"KEFU_STORAGE_DATA_DIR", "/srv/kefu"},
                   {"KEFU_LOG_LEVEL", "warn"},
                   {"KEFU_SERVER_ACCESS_LOG", "off"},
                   {"KEFU_CONFIG", "/etc/kefu.toml"},  // not a setting: ignored
                   {"PATH", "/usr/bin"}};
  auto from_env = LoadConfig(file, env, {});
  ASSERT_TRUE(from_env.ok()) << from_env.error().message;
  EXPECT_EQ(from_env->server.listen, "127.0.0.1:2000");
  EXPECT_EQ(from_env->server.io_threads, 3);
  EXPECT_EQ(from_env->storage.data_dir, fs::path("/srv/kefu"));
  EXPECT_EQ(from_env->log.level, LogLevel::kWarn);
  EXPECT_FALSE(from_env->server.access_log);

  auto from_flags = LoadConfig(file, env, {{"server.listen", "127.0.0.1:3000"}});
  ASSERT_TRUE(from_flags.ok()) << from_flags.error().message;
  EXPECT_EQ(from_flags->server.listen, "127.0.0.1:3000");
  EXPECT_EQ(from_flags->log.level, LogLevel::kWarn);
}

TEST(ConfigTest, BadEnvValueNamesKeyAndSource) {
  auto config = LoadConfig(std::nullopt, {{"KEFU_SERVER_IO_THREADS", "abc"}}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(config.error().message,
            "config: server.io_threads (from KEFU_SERVER_IO_THREADS) must be an integer from 1 "
            "to 64, got \"abc\"");
  ASSERT_EQ(config.error().fields.size(), 1u);
  EXPECT_EQ(config.error().fields[0].field, "server.io_threads");
}

TEST(ConfigTest, UnknownEnvSettingInKnownSection) {
  auto config = LoadConfig(std::nullopt, {{"KEFU_SERVER_LISTN", "127.0.0.1:1"}}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find("did you mean KEFU_SERVER_LISTEN?"), std::string::npos)
      << config.error().message;
}

TEST(ConfigTest, UnknownFlag) {
  auto config = LoadConfig(std::nullopt, {}, {{"server.lisen", "127.0.0.1:1"}});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message,
            "config: server.lisen (from command line) is not a known key; did you mean "
            "server.listen?");
}

TEST_F(ConfigFileTest, UnknownKeyAndSection) {
  const fs::path file = Write("[server]\nlisten = \"127.0.0.1:1\"\nthreads = 4\n\n[mail]\nx = 1\n");
  auto config = LoadConfig(file, {}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_TRUE(HasField(config.error(), "server.threads")) << config.error().message;
  EXPECT_TRUE(HasField(config.error(), "mail")) << config.error().message;
  EXPECT_NE(config.error().message.find("server.threads (from " + path_.string() +
                                        ":3:1) is not a known key"),
            std::string::npos)
      << config.error().message;
}

TEST_F(ConfigFileTest, WrongTomlType) {
  const fs::path file = Write("[server]\nio_threads = \"4\"\naccess_log = 1\n[log]\nlevel = 3\n");
  auto config = LoadConfig(file, {}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find("server.io_threads (from " + path_.string() +
                                        ":2:1) must be an integer from 1 to 64, got \"4\""),
            std::string::npos)
      << config.error().message;
  EXPECT_TRUE(HasField(config.error(), "server.access_log"));
  EXPECT_TRUE(HasField(config.error(), "log.level"));
}

TEST_F(ConfigFileTest, OutOfRange) {
  const fs::path file = Write(
      "[server]\nio_threads = 65\nrate_limit_per_minute = -1\n"
      "[storage]\ngroup_commit_max_batch = 0\nsqlite_synchronous = \"off\"\n"
      "[tickets]\nnumber_prefix = \"t-\"\nreopen_window_days = 366\n");
  auto config = LoadConfig(file, {}, {});
  ASSERT_FALSE(config.ok());
  const Error& error = config.error();
  EXPECT_EQ(error.fields.size(), 6u) << error.message;
  EXPECT_TRUE(HasField(error, "server.io_threads"));
  EXPECT_TRUE(HasField(error, "server.rate_limit_per_minute"));
  EXPECT_TRUE(HasField(error, "storage.group_commit_max_batch"));
  EXPECT_TRUE(HasField(error, "storage.sqlite_synchronous"));
  EXPECT_TRUE(HasField(error, "tickets.number_prefix"));
  EXPECT_TRUE(HasField(error, "tickets.reopen_window_days"));
  EXPECT_NE(error.message.find("must be one of \"full\", \"normal\", got \"off\""),
            std::string::npos)
      << error.message;
}

TEST(ConfigTest, BadListenAddresses) {
  for (const char* bad :
       {"8080", ":8080", "localhost", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:80a", "::1:8080",
        "[::1]8080", "[::1]:", "[]:80", "[zz::1]:80", "host name:80", "127.0.0.1:-1"}) {
    auto config = LoadConfig(std::nullopt, {}, {{"server.listen", bad}});
    ASSERT_FALSE(config.ok()) << bad;
    EXPECT_TRUE(HasField(config.error(), "server.listen")) << bad;
  }
  for (const char* good :
       {"0.0.0.0:80", "localhost:8080", "[::]:443", "[::1]:0", "kefu.internal:65535"}) {
    EXPECT_TRUE(LoadConfig(std::nullopt, {}, {{"server.listen", good}}).ok()) << good;
  }
  const auto parsed = ParseListenAddress("[::1]:8080");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->host, "::1");
  EXPECT_EQ(parsed->port, 8080);
}

TEST_F(ConfigFileTest, SyntaxErrorReportsLineAndColumn) {
  const fs::path file = Write("[server]\nio_threads = 4\nlisten = \"127.0.0.1:80\n");
  auto config = LoadConfig(file, {}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_TRUE(config.error().message.starts_with("config: " + path_.string() + ":3:"))
      << config.error().message;
  EXPECT_NE(config.error().message.find("TOML syntax error"), std::string::npos);
  EXPECT_TRUE(HasField(config.error(), "config_file"));
}

TEST(ConfigTest, MissingExplicitFileIsAnError) {
  auto config = LoadConfig(fs::path("/nonexistent/kefu.toml"), {}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find("does not exist"), std::string::npos);
}

TEST_F(ConfigFileTest, AllProblemsReportedTogether) {
  const fs::path file = Write("[server]\nio_threads = 0\nbogus = true\n");
  auto config = LoadConfig(file, {{"KEFU_LOG_LEVEL", "loud"}, {"KEFU_LOG_JSON", "maybe"}},
                           {{"storage.read_connections", "1000"}});
  ASSERT_FALSE(config.ok());
  const Error& error = config.error();
  EXPECT_EQ(error.fields.size(), 5u) << error.message;
  EXPECT_TRUE(error.message.starts_with("config: 5 problems:\n")) << error.message;
  EXPECT_NE(error.message.find("(from KEFU_LOG_JSON) must be true or false, got \"maybe\""),
            std::string::npos)
      << error.message;
  EXPECT_NE(error.message.find("storage.read_connections (from command line)"), std::string::npos);
}

TEST(ConfigTest, SecretsAreNeverEchoed) {
  auto config = LoadConfig(std::nullopt, {{"KEFU_AUTH_JWT_SECRET", "tooshort-secret"}}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message.find("tooshort-secret"), std::string::npos);
  EXPECT_NE(config.error().message.find("got a value of 15 characters"), std::string::npos)
      << config.error().message;

  auto ok =
      LoadConfig(std::nullopt, {{"KEFU_AUTH_JWT_SECRET", "0123456789abcdef0123456789abcdef"}}, {});
  ASSERT_TRUE(ok.ok());
  const std::string shown = DescribeConfig(*ok);
  EXPECT_EQ(shown.find("0123456789abcdef"), std::string::npos);
  EXPECT_NE(shown.find("jwt_secret = \"<redacted>\""), std::string::npos) << shown;
}

TEST(ConfigTest, CrossKeyRule) {
  auto config = LoadConfig(std::nullopt, {{"KEFU_TICKETS_ATTACHMENT_MAX_BYTES", "30000000"}}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find(
                "tickets.attachment_max_bytes (from KEFU_TICKETS_ATTACHMENT_MAX_BYTES) must not "
                "exceed server.max_upload_bytes"),
            std::string::npos)
      << config.error().message;
}

TEST_F(ConfigFileTest, DescribeConfigRoundTrips) {
  Config custom;
  custom.server.listen = "[::1]:9000";
  custom.server.web_root = "/srv/web \"ui\"";
  custom.log.level = LogLevel::kError;
  const std::string shown = DescribeConfig(custom);
  EXPECT_TRUE(shown.starts_with("[server]\nlisten = \"[::1]:9000\"\n")) << shown;
  auto reloaded = LoadConfig(Write(shown), {}, {});
  ASSERT_TRUE(reloaded.ok()) << reloaded.error().message << "\n" << shown;
  EXPECT_EQ(reloaded->server.web_root, custom.server.web_root);
  EXPECT_EQ(reloaded->log.level, LogLevel::kError);
  EXPECT_EQ(DescribeConfig(*reloaded), shown);
}

TEST(ConfigTest, EnvironmentFromProcessKeepsOnlyKefuVariables) {
  ASSERT_EQ(::setenv("KEFU_TEST_ONLY_VARIABLE", "a=b", 1), 0);
  const Map env = EnvironmentFromProcess();
  ::unsetenv("KEFU_TEST_ONLY_VARIABLE");
  EXPECT_EQ(env.at("KEFU_TEST_ONLY_VARIABLE"), "a=b");
  for (const auto& [name, value] : env) EXPECT_TRUE(name.starts_with("KEFU_")) << name;
}

TEST(ConfigTest, EnumNames) {
  EXPECT_EQ(LogLevelName(LogLevel::kWarn), "warn");
  EXPECT_EQ(SqliteSynchronousName(SqliteSynchronous::kNormal), "normal");
}

}  // namespace
}  // namespace kefu::config
