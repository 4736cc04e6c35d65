#include "server_process.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http_client.h"

namespace kefu::testing {
namespace {

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace

ServerProcess::ServerProcess() {
  std::random_device rd;
  data_dir_ = std::filesystem::temp_directory_path() / ("kefu-api-" + std::to_string(rd()));
  std::filesystem::create_directories(data_dir_);
  if (RunCli("user create --email " + std::string(kAdminEmail) + " --name Admin --role admin",
             std::string(kAdminPassword) + "\n") != 0) {
    throw std::runtime_error("kefu user create failed");
  }
}

ServerProcess::~ServerProcess() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

int ServerProcess::RunCli(const std::string& args, const std::string& stdin_text) const {
  std::string cmd =
      std::string(KEFU_BINARY) + " " + args + " --data " + data_dir_.string() + " >/dev/null 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "w");
  if (pipe == nullptr) return -1;
  if (!stdin_text.empty()) std::fwrite(stdin_text.data(), 1, stdin_text.size(), pipe);
  int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::Start(const std::vector<std::string>& env,
                          const std::vector<std::string>& args) {
  port_ = FreePort();
  std::string listen = "127.0.0.1:" + std::to_string(port_);
  std::string data = data_dir_.string();
  std::vector<std::string> argv_strings = {KEFU_BINARY, "serve",  "--listen",
                                           listen,      "--data", data};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
    ::setenv("KEFU_SERVER_ACCESS_LOG", "false", 0);
    ::setenv("KEFU_LOG_LEVEL", "warn", 0);
    ::execv(KEFU_BINARY, argv.data());
    ::_exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    try {
      HttpClient client(port_);
      if (client.Get("/healthz").status == 200) return;
    } catch (const std::exception&) {
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("kefu serve exited during start-up");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("kefu serve did not become healthy");
}

void ServerProcess::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace kefu::testing
