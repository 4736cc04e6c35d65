#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/net/static_files.h"

// Where `kefu serve` finds the built web console (web/dist) and how it loads it.
namespace kefu::app {

// What a non-API GET answers when no console was found.
inline constexpr std::string_view kWebConsoleMissing =
    "web console not built: run scripts/build-web.sh, or set server.web_root "
    "(kefu serve --web DIR) to a built dist directory";

// The directories tried, in order: `configured` alone when it is set (server.web_root or
// --web); otherwise <cwd>/web/dist, then <executable's directory>/../../web/dist (the
// binary lives in build/bin/). Relative paths are taken against `cwd`.
std::vector<std::filesystem::path> WebConsoleCandidates(const std::filesystem::path& configured,
                                                        const std::filesystem::path& cwd,
                                                        const std::filesystem::path& executable);

// Loads the console into memory from the first candidate holding an index.html.
// A configured directory that cannot be loaded is an error (kInvalidArgument naming
// server.web_root); when nothing was configured and no candidate holds a console, logs
// one warning and returns null (the server then answers non-API GETs with
// kWebConsoleMissing). Past a size limit or on a read error, fails either way.
Result<std::shared_ptr<const net::StaticFiles>> LoadWebConsole(
    const std::filesystem::path& configured, const std::filesystem::path& cwd,
    const std::filesystem::path& executable);

// This process's executable (/proc/self/exe); empty if it cannot be read.
std::filesystem::path ExecutablePath();

}  // namespace kefu::app
