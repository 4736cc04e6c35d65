#include "kefu/logging/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <string>
#include <utility>

#include "kefu/logging/request_context.h"

namespace kefu::logging {
namespace {

constexpr char kRequestIdFlag = '*';
constexpr char kJsonMessageFlag = 'J';
constexpr std::string_view kNoRequestId = "-";
constexpr const char* kTextPattern = "%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%t] [%*] %v";
constexpr const char* kJsonPattern =
    R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","thread":%t,"request_id":"%*","msg":"%J"})";

struct LevelName {
  std::string_view name;
  spdlog::level::level_enum level;
};
constexpr std::array<LevelName, 5> kLevels = {{
    {"trace", spdlog::level::trace},
    {"debug", spdlog::level::debug},
    {"info", spdlog::level::info},
    {"warn", spdlog::level::warn},
    {"error", spdlog::level::err},
}};

// Appends `text` to `dest` as the inside of a JSON string literal.
void AppendJsonEscaped(std::string_view text, spdlog::memory_buf_t& dest) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        dest.append(std::string_view("\\\""));
        break;
      case '\\':
        dest.append(std::string_view("\\\\"));
        break;
      case '\n':
        dest.append(std::string_view("\\n"));
        break;
      case '\r':
        dest.append(std::string_view("\\r"));
        break;
      case '\t':
        dest.append(std::string_view("\\t"));
        break;
      default:
        if (u < 0x20) {
          const char escaped[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xf]};
          dest.append(escaped, escaped + sizeof escaped);
        } else {
          dest.push_back(c);
        }
    }
  }
}

// %* : the thread's current request id, "-" when none.
class RequestIdFlag final : public spdlog::custom_flag_formatter {
 public:
  explicit RequestIdFlag(bool json) : json_(json) {}

  void format(const spdlog::details::log_msg& /*msg*/, const std::tm& /*tm*/,
              spdlog::memory_buf_t& dest) override {
    std::string_view id = CurrentRequestId();
    if (id.empty()) id = kNoRequestId;
    if (json_) {
      AppendJsonEscaped(id, dest);
    } else {
      dest.append(id);
    }
  }

  std::unique_ptr<custom_flag_formatter> clone() const override {
    return spdlog::details::make_unique<RequestIdFlag>(json_);
  }

 private:
  bool json_;
};

// %J : the message payload escaped for a JSON string.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*tm*/,
              spdlog::memory_buf_t& dest) override {
    AppendJsonEscaped(std::string_view(msg.payload.data(), msg.payload.size()), dest);
  }

  std::unique_ptr<custom_flag_formatter> clone() const override {
    return spdlog::details::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

bool IsValidLogLevel(std::string_view level) {
  for (const auto& entry : kLevels) {
    if (entry.name == level) return true;
  }
  return false;
}

std::unique_ptr<spdlog::formatter> MakeLogFormatter(bool json) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<RequestIdFlag>(kRequestIdFlag, json);
  if (json) formatter->add_flag<JsonMessageFlag>(kJsonMessageFlag);
  formatter->set_pattern(json ? kJsonPattern : kTextPattern);
  return formatter;
}

void InitLogging(std::string_view level, bool json) {
  spdlog::sink_ptr sink;
  if (json) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  }
  auto logger = std::make_shared<spdlog::logger>("kefu", std::move(sink));
  logger->set_formatter(MakeLogFormatter(json));
  spdlog::level::level_enum parsed = spdlog::level::info;
  for (const auto& entry : kLevels) {
    if (entry.name == level) parsed = entry.level;
  }
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  if (!IsValidLogLevel(level)) {
    spdlog::warn("unknown log level '{}', using info", level);
  }
}

}  // namespace kefu::logging
