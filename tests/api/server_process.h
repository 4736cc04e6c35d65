#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kefu::testing {

// A real `kefu serve` child process on a free 127.0.0.1 port with its own data
// directory, for black-box API tests. The binary path comes from KEFU_BINARY.
class ServerProcess {
 public:
  // Creates a fresh data directory with an admin account (admin@kefu.test / kAdminPassword).
  ServerProcess();
  // Stops the server (SIGTERM) and removes the data directory.
  ~ServerProcess();

  // Starts the server with extra environment (e.g. "KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0")
  // and extra `kefu serve` arguments (e.g. {"--web", dir}), and waits until /healthz
  // answers. Throws on failure.
  void Start(const std::vector<std::string>& env = {}, const std::vector<std::string>& args = {});
  void Stop();  // SIGTERM and wait
  void Kill();  // SIGKILL: a crash

  int port() const { return port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // Runs the kefu binary with `args` (and `stdin_text` on stdin); returns the exit code.
  int RunCli(const std::string& args, const std::string& stdin_text = "") const;

  static constexpr const char* kAdminEmail = "admin@kefu.test";
  static constexpr const char* kAdminPassword = "Admin-Passw0rd!";

 private:
  std::filesystem::path data_dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace kefu::testing
