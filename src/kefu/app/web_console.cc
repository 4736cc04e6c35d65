#include "kefu/app/web_console.h"

#include <spdlog/spdlog.h>

namespace kefu::app {

namespace fs = std::filesystem;

std::vector<fs::path> WebConsoleCandidates(const fs::path& configured, const fs::path& cwd,
                                           const fs::path& executable) {
  if (!configured.empty()) return {(cwd / configured).lexically_normal()};
  std::vector<fs::path> candidates = {(cwd / "web" / "dist").lexically_normal()};
  if (!executable.empty()) {
    candidates.push_back(
        (executable.parent_path() / ".." / ".." / "web" / "dist").lexically_normal());
  }
  return candidates;
}

Result<std::shared_ptr<const net::StaticFiles>> LoadWebConsole(const fs::path& configured,
                                                               const fs::path& cwd,
                                                               const fs::path& executable) {
  std::string tried;
  for (const fs::path& dir : WebConsoleCandidates(configured, cwd, executable)) {
    auto files = net::StaticFiles::Load(dir);
    if (files.ok()) {
      spdlog::info("web console: {} files ({} KB with encodings) from {}", (*files)->file_count(),
                   (*files)->total_bytes() / 1024, dir.string());
      return files;
    }
    if (!configured.empty()) {
      return InvalidArgument("server.web_root: " + files.error().message,
                             {{"server.web_root", files.error().message}});
    }
    if (files.error().code != ErrorCode::kNotFound) return files.error();
    tried += (tried.empty() ? "" : ", ") + dir.string();
  }
  spdlog::warn("web console not found (looked in {}); serving the API only. {}", tried,
               kWebConsoleMissing);
  return std::shared_ptr<const net::StaticFiles>();
}

fs::path ExecutablePath() {
  std::error_code ec;
  fs::path path = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : path;
}

}  // namespace kefu::app
