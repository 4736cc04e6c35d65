#pragma once

#include <memory>
#include <string_view>

namespace spdlog {
class formatter;
}  // namespace spdlog

namespace kefu::logging {

// True for the level names InitLogging accepts: trace, debug, info, warn, error.
bool IsValidLogLevel(std::string_view level);

// Replaces spdlog's default logger with one writing to stderr. Every line carries the UTC
// time, the level, the thread id and CurrentRequestId() ("-" when none). With `json`,
// each line is one JSON object {"ts","level","thread","request_id","msg"} with escaped
// strings. An invalid `level` falls back to "info" and logs a warning.
// Thread-safety: call at start-up (or from tests) before other threads log; logging
// itself through spdlog is thread-safe afterwards.
void InitLogging(std::string_view level, bool json = false);

// The formatter InitLogging installs, for attaching to other sinks (e.g. in tests).
// The caller owns the result.
std::unique_ptr<spdlog::formatter> MakeLogFormatter(bool json);

}  // namespace kefu::logging
