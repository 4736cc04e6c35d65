// The kefu command line: serve, migrate, user create, seed-demo, backup, restore,
// version, config show.
#include <malloc.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <optional>
#include <string>

#include "kefu/app/data_lock.h"
#include "kefu/app/demo_seed.h"
#include "kefu/app/kefu_app.h"
#include "kefu/app/restore.h"
#include "kefu/config/config.h"
#include "kefu/logging/logging.h"
#include "kefu/version.h"

namespace kefu::app {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct CommonFlags {
  std::string config_file;
  std::string data_dir;
  std::string listen;
  std::string web_root;
};

void AddCommonFlags(CLI::App* cmd, CommonFlags& flags, bool with_listen) {
  cmd->add_option("--config", flags.config_file, "TOML configuration file");
  cmd->add_option("--data", flags.data_dir, "data directory (default ./data)");
  if (with_listen) cmd->add_option("--listen", flags.listen, "address:port to listen on");
}

std::optional<config::Config> LoadConfigOrExplain(const CommonFlags& flags) {
  std::map<std::string, std::string> overrides;
  if (!flags.data_dir.empty()) overrides["storage.data_dir"] = flags.data_dir;
  if (!flags.listen.empty()) overrides["server.listen"] = flags.listen;
  if (!flags.web_root.empty()) overrides["server.web_root"] = flags.web_root;
  std::optional<std::filesystem::path> file;
  if (!flags.config_file.empty()) file = flags.config_file;
  auto config = config::LoadConfig(file, config::EnvironmentFromProcess(), overrides);
  if (!config.ok()) {
    std::cerr << config.error().message << "\n";
    return std::nullopt;
  }
  logging::InitLogging(config::LogLevelName(config->log.level), config->log.json);
  return *config;
}

int Fail(const Error& error) {
  std::cerr << "kefu: " << error.message << "\n";
  for (const auto& f : error.fields) std::cerr << "  " << f.field << ": " << f.issue << "\n";
  return kExitFailure;
}

// glibc returns freed memory at the top of a heap to the OS as soon as more than 128 KB
// is free, so every request that builds a large response faulted its pages in afresh
// (a fifth of the CPU of a ticket list). Keep up to 16 MB per heap while busy, and give
// memory back once things are quiet instead (TrimWhileIdle).
void TuneAllocator() {
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
}

// Waits for SIGINT/SIGTERM; every 10 s in between, hands what an idle server does not
// need back to the OS (read connections unused for 30 s, free heap memory), so that a
// server which was busy and is now quiet shrinks again.
int WaitForStopSignal(const sigset_t& signals, KefuApp& app) {
  const timespec period{10, 0};
  for (;;) {
    int signal = sigtimedwait(&signals, nullptr, &period);
    if (signal > 0) return signal;
    app.store().ReleaseIdleMemory(std::chrono::seconds(30));
    malloc_trim(0);
  }
}

int RunServe(const config::Config& config) {
  TuneAllocator();
  auto lock = DataLock::Acquire(config.storage.data_dir);
  if (!lock.ok()) return Fail(lock.error());
  auto app = KefuApp::Open(config, {});
  if (!app.ok()) return Fail(app.error());
  // Block the stop signals in every thread; this one waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto port = (*app)->Serve();
  if (!port.ok()) return Fail(port.error());
  auto address = config::ParseListenAddress(config.server.listen);
  std::string host = address ? address->host : "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  spdlog::info("kefu {} listening on http://{}:{} (data: {})", kVersion, host, *port,
               (*app)->data_dir().root.string());
  int signal = WaitForStopSignal(signals, **app);
  spdlog::info("received signal {}, shutting down", signal);
  (*app)->Shutdown();
  spdlog::info("bye");
  return kExitOk;
}

int RunMigrate(const config::Config& config) {
  auto lock = DataLock::Acquire(config.storage.data_dir);
  if (!lock.ok()) return Fail(lock.error());
  auto app = KefuApp::Open(config, {});  // opening applies every pending migration
  if (!app.ok()) return Fail(app.error());
  std::cout << "database is up to date: " << (*app)->data_dir().Database().string() << "\n";
  return kExitOk;
}

std::string ReadPasswordFromStdin() {
  if (isatty(STDIN_FILENO)) return "";
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

int RunUserCreate(const config::Config& config, service::NewUser user) {
  auto app = KefuApp::Open(config, {});
  if (!app.ok()) return Fail(app.error());
  std::string password = ReadPasswordFromStdin();
  if (!password.empty()) user.password = password;
  auto created = (*app)->org().CreateUser(service::OrgService::SystemPrincipal(), std::move(user),
                                          {"cli", "kefu"});
  if (!created.ok()) return Fail(created.error());
  (void)(*app)->dispatcher().RunUntilIdle();
  std::cout << "created user " << created->user.id << " <" << created->user.email << "> role "
            << created->user.role << "\n";
  if (created->generated_password)
    std::cout << "password: " << *created->generated_password << "\n";
  return kExitOk;
}

int RunSeedDemo(const config::Config& config, const DemoSeedOptions& options, std::int64_t bench) {
  auto app = KefuApp::Open(config, {.fast_sync = true, .fast_password_hashing = false});
  if (!app.ok()) return Fail(app.error());
  if (bench > 0) {
    auto total = SeedBenchTickets(**app, bench);
    if (!total.ok()) return Fail(total.error());
    std::cout << "database holds " << *total << " tickets\n";
    return kExitOk;
  }
  auto result = SeedDemo(**app, options);
  if (!result.ok()) return Fail(result.error());
  (void)(*app)->dispatcher().RunUntilIdle();
  std::cout << "demo data: " << result->departments << " departments, " << result->agents
            << " agents, " << result->customers << " customers, " << result->tickets << " tickets\n"
            << "admin login: " << result->admin_email << " / " << result->admin_password << "\n";
  return kExitOk;
}

int RunBackup(const config::Config& config, const std::string& out) {
  auto app = KefuApp::Open(config, {});
  if (!app.ok()) return Fail(app.error());
  Status st = (*app)->store().BackupTo(out);
  if (!st.ok()) return Fail(st.error());
  std::cout << "backup written to " << out << " (attachments are under "
            << (*app)->data_dir().Attachments().string() << "; copy that folder too)\n";
  return kExitOk;
}

int RunRestore(const config::Config& config, const std::string& from) {
  auto dir = PrepareDataDir(config.storage.data_dir);
  if (!dir.ok()) return Fail(dir.error());
  auto lock = DataLock::Acquire(dir->root);
  if (!lock.ok()) return Fail(lock.error());
  Status st = RestoreDatabase(from, dir->Database());
  if (!st.ok()) return Fail(st.error());
  std::cout << "restored " << dir->Database().string() << " from " << from << "\n";
  return kExitOk;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App cli{"Kefu: omnichannel customer service and ticketing (客服及工单管理系统)", "kefu"};
  cli.require_subcommand(1);
  CommonFlags flags;

  auto* serve = cli.add_subcommand("serve", "run the HTTP server");
  AddCommonFlags(serve, flags, true);
  serve->add_option("--web", flags.web_root,
                    "built web console directory (default: ./web/dist, then beside the binary)");
  auto* migrate = cli.add_subcommand("migrate", "create or upgrade the database schema");
  AddCommonFlags(migrate, flags, false);

  auto* user = cli.add_subcommand("user", "manage staff accounts");
  user->require_subcommand(1);
  auto* user_create = user->add_subcommand(
      "create", "create a user; the password is read from stdin, or generated and printed");
  service::NewUser new_user;
  user_create->add_option("--email", new_user.email, "e-mail address (the login)")->required();
  user_create->add_option("--name", new_user.name, "display name")->required();
  user_create->add_option("--role", new_user.role, "admin, supervisor, agent or a custom role");
  std::vector<std::int64_t> departments;
  user_create->add_option("--department", departments, "department id (repeatable)");
  AddCommonFlags(user_create, flags, false);

  auto* seed = cli.add_subcommand("seed-demo", "fill an empty database with demo data");
  DemoSeedOptions seed_options;
  std::int64_t bench_tickets = 0;
  seed->add_option("--admin-password", seed_options.admin_password, "admin password to set");
  seed->add_option("--tickets", seed_options.tickets, "number of demo tickets")
      ->check(CLI::Range(0, 100000));
  seed->add_option("--bench-tickets", bench_tickets,
                   "instead: bulk-insert this many tickets for load benchmarks")
      ->check(CLI::Range(static_cast<std::int64_t>(0), static_cast<std::int64_t>(10'000'000)));
  AddCommonFlags(seed, flags, false);

  auto* backup = cli.add_subcommand("backup", "write a consistent copy of the database");
  std::string backup_out;
  backup->add_option("--out", backup_out, "backup file to write")->required();
  AddCommonFlags(backup, flags, false);

  auto* restore = cli.add_subcommand("restore", "replace the database with a backup");
  std::string restore_from;
  restore->add_option("--from", restore_from, "backup file to restore")->required();
  AddCommonFlags(restore, flags, false);

  auto* version = cli.add_subcommand("version", "print the version");
  auto* config_cmd = cli.add_subcommand("config", "inspect the configuration");
  auto* config_show = config_cmd->add_subcommand("show", "print the effective configuration");
  AddCommonFlags(config_show, flags, true);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (*version) {
    std::cout << "kefu " << kVersion << "\n";
    return kExitOk;
  }
  auto config = LoadConfigOrExplain(flags);
  if (!config) return kExitUsage;
  if (*serve) return RunServe(*config);
  if (*migrate) return RunMigrate(*config);
  if (*user_create) {
    for (auto d : departments) new_user.departments.push_back({d, false});
    return RunUserCreate(*config, std::move(new_user));
  }
  if (*seed) return RunSeedDemo(*config, seed_options, bench_tickets);
  if (*backup) return RunBackup(*config, backup_out);
  if (*restore) return RunRestore(*config, restore_from);
  if (*config_show) {
    std::cout << config::DescribeConfig(*config);
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace kefu::app

int main(int argc, char** argv) { return kefu::app::Main(argc, argv); }
