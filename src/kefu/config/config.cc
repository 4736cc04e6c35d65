#include "kefu/config/config.h"

#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <type_traits>
#include <variant>
#include <vector>

namespace kefu::config {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// Values and key definitions

// A value as one source delivers it, before the key's rule is applied.
using RawValue = std::variant<std::int64_t, bool, std::string>;
enum class ValueType { kInteger, kBoolean, kString };

// One configuration key: how it is typed, checked, stored and shown.
struct KeyDef {
  std::string_view name;    // "server.io_threads"
  ValueType type;           // the TOML type the file must use
  std::string requirement;  // "must be an integer from 1 to 64"
  bool secret = false;      // never echoed back, redacted by DescribeConfig
  // Stores `value` into the config; false (config untouched) if it breaks the rule.
  std::function<bool(Config&, const RawValue&)> store;
  // The current value as a TOML literal.
  std::function<std::string(const Config&)> show;
};

template <class T>
inline constexpr bool kIsDuration = false;
template <class Rep, class Period>
inline constexpr bool kIsDuration<std::chrono::duration<Rep, Period>> = true;

template <class E>
struct EnumName {
  std::string_view name;
  E value;
};

constexpr std::array<EnumName<SqliteSynchronous>, 2> kSqliteSynchronousNames = {{
    {"full", SqliteSynchronous::kFull},
    {"normal", SqliteSynchronous::kNormal},
}};
constexpr std::array<EnumName<LogLevel>, 5> kLogLevelNames = {{
    {"trace", LogLevel::kTrace},
    {"debug", LogLevel::kDebug},
    {"info", LogLevel::kInfo},
    {"warn", LogLevel::kWarn},
    {"error", LogLevel::kError},
}};

template <class E, std::size_t N>
std::string_view NameOf(const std::array<EnumName<E>, N>& names, E value) {
  for (const auto& entry : names) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// A TOML basic string literal.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      std::array<char, 8> escaped{};
      std::snprintf(escaped.data(), escaped.size(), "\\u%04X", byte);
      out += escaped.data();
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

// Integer keys; the field may be any integer type or a std::chrono::duration whose unit
// matches the key's suffix (_s, _days).
template <class Section, class Field>
KeyDef IntKey(std::string_view name, Section Config::*section, Field Section::*field,
              std::int64_t min, std::int64_t max) {
  return {.name = name,
          .type = ValueType::kInteger,
          .requirement =
              "must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
          .store =
              [=](Config& config, const RawValue& value) {
                const std::int64_t number = std::get<std::int64_t>(value);
                if (number < min || number > max) return false;
                (config.*section).*field = Field(number);
                return true;
              },
          .show =
              [=](const Config& config) {
                const Field& current = (config.*section).*field;
                if constexpr (kIsDuration<Field>) {
                  return std::to_string(current.count());
                } else {
                  return std::to_string(current);
                }
              }};
}

template <class Section>
KeyDef BoolKey(std::string_view name, Section Config::*section, bool Section::*field) {
  return {.name = name,
          .type = ValueType::kBoolean,
          .requirement = "must be true or false",
          .store =
              [=](Config& config, const RawValue& value) {
                (config.*section).*field = std::get<bool>(value);
                return true;
              },
          .show =
              [=](const Config& config) {
                return std::string((config.*section).*field ? "true" : "false");
              }};
}

struct StringRules {
  bool (*valid)(std::string_view) = nullptr;             // nullptr: any string
  std::string (*normalize)(std::string_view) = nullptr;  // applied before storing
  bool secret = false;
};

// String keys; the field may be std::string or std::filesystem::path.
template <class Section, class Field>
KeyDef StringKey(std::string_view name, Section Config::*section, Field Section::*field,
                 std::string_view requirement, StringRules rules = {}) {
  return {.name = name,
          .type = ValueType::kString,
          .requirement = std::string(requirement),
          .secret = rules.secret,
          .store =
              [=](Config& config, const RawValue& value) {
                const std::string& text = std::get<std::string>(value);
                if (rules.valid != nullptr && !rules.valid(text)) return false;
                (config.*section).*field =
                    Field(rules.normalize != nullptr ? rules.normalize(text) : text);
                return true;
              },
          .show =
              [=](const Config& config) {
                const Field& current = (config.*section).*field;
                if constexpr (std::is_same_v<Field, fs::path>) {
                  return Quote(current.string());
                } else {
                  if (rules.secret && !current.empty()) return Quote("<redacted>");
                  return Quote(current);
                }
              }};
}

template <class Section, class E, std::size_t N>
KeyDef EnumKey(std::string_view name, Section Config::*section, E Section::*field,
               const std::array<EnumName<E>, N>& names) {
  std::string requirement = "must be one of";
  for (std::size_t i = 0; i < N; ++i) {
    requirement += (i == 0 ? " " : ", ") + Quote(names[i].name);
  }
  const auto* table = &names;
  return {
      .name = name,
      .type = ValueType::kString,
      .requirement = std::move(requirement),
      .store =
          [=](Config& config, const RawValue& value) {
            for (const auto& entry : *table) {
              if (entry.name == std::get<std::string>(value)) {
                (config.*section).*field = entry.value;
                return true;
              }
            }
            return false;
          },
      .show =
          [=](const Config& config) { return Quote(NameOf(*table, (config.*section).*field)); }};
}

// ---------------------------------------------------------------------------------------
// Value rules

bool IsValidListen(std::string_view text) { return ParseListenAddress(text).has_value(); }

bool IsHttpUrlOrEmpty(std::string_view text) {
  if (text.empty()) return true;
  std::string_view rest;
  if (text.starts_with("https://")) {
    rest = text.substr(8);
  } else if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/') return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) ||
           std::iscntrl(static_cast<unsigned char>(c));
  });
}

std::string WithoutTrailingSlashes(std::string_view text) {
  while (text.ends_with('/')) text.remove_suffix(1);
  return std::string(text);
}

bool IsNonEmpty(std::string_view text) { return !text.empty(); }

bool IsValidJwtSecret(std::string_view text) {
  constexpr std::size_t kMinSecretChars = 32;
  return text.empty() || text.size() >= kMinSecretChars;
}

bool IsValidNumberPrefix(std::string_view text) {
  constexpr std::size_t kMaxPrefixChars = 8;
  if (text.empty() || text.size() > kMaxPrefixChars) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// ---------------------------------------------------------------------------------------
// The table: one line per key. Defaults live in the structs in config.h.

constexpr std::int64_t kKiB = 1024;
constexpr std::int64_t kMiB = 1024 * kKiB;
constexpr std::int64_t kGiB = 1024 * kMiB;
constexpr std::int64_t kOneHour = 3600;
constexpr std::int64_t kOneDay = 24 * kOneHour;

const std::vector<KeyDef>& Keys() {
  using C = Config;
  using Server = ServerConfig;
  using Storage = StorageConfig;
  using Auth = AuthConfig;
  using Tickets = TicketsConfig;
  using Log = LogConfig;
  static const std::vector<KeyDef> keys = {
      StringKey("server.listen", &C::server, &Server::listen,
                R"(must be host:port such as "127.0.0.1:8080" or "[::1]:8080")",
                {.valid = IsValidListen}),
      IntKey("server.io_threads", &C::server, &Server::io_threads, 1, 64),
      IntKey("server.blocking_threads", &C::server, &Server::blocking_threads, 1, 512),
      IntKey("server.max_body_bytes", &C::server, &Server::max_body_bytes, kKiB, kGiB),
      IntKey("server.max_upload_bytes", &C::server, &Server::max_upload_bytes, kKiB, 4 * kGiB),
      IntKey("server.read_timeout_s", &C::server, &Server::read_timeout, 1, kOneHour),
      IntKey("server.idle_timeout_s", &C::server, &Server::idle_timeout, 1, kOneDay),
      IntKey("server.shutdown_grace_s", &C::server, &Server::shutdown_grace, 0, 300),
      IntKey("server.rate_limit_per_minute", &C::server, &Server::rate_limit_per_minute, 0,
             1'000'000),
      BoolKey("server.access_log", &C::server, &Server::access_log),
      BoolKey("server.trust_forwarded_for", &C::server, &Server::trust_forwarded_for),
      StringKey("server.public_url", &C::server, &Server::public_url,
                "must be empty or an http:// or https:// URL",
                {.valid = IsHttpUrlOrEmpty, .normalize = WithoutTrailingSlashes}),
      StringKey("server.web_root", &C::server, &Server::web_root, "must be a directory path"),
      StringKey("storage.data_dir", &C::storage, &Storage::data_dir, "must not be empty",
                {.valid = IsNonEmpty}),
      EnumKey("storage.sqlite_synchronous", &C::storage, &Storage::sqlite_synchronous,
              kSqliteSynchronousNames),
      IntKey("storage.group_commit_max_batch", &C::storage, &Storage::group_commit_max_batch, 1,
             10'000),
      IntKey("storage.read_connections", &C::storage, &Storage::read_connections, 1, 64),
      IntKey("auth.access_token_ttl_s", &C::auth, &Auth::access_token_ttl, 60, kOneDay),
      IntKey("auth.refresh_token_ttl_days", &C::auth, &Auth::refresh_token_ttl, 1, 365),
      IntKey("auth.login_max_failures", &C::auth, &Auth::login_max_failures, 1, 100),
      IntKey("auth.login_window_s", &C::auth, &Auth::login_window, 1, kOneDay),
      StringKey("auth.jwt_secret", &C::auth, &Auth::jwt_secret,
                "must be empty or at least 32 characters",
                {.valid = IsValidJwtSecret, .secret = true}),
      IntKey("tickets.reopen_window_days", &C::tickets, &Tickets::reopen_window, 0, 365),
      StringKey("tickets.number_prefix", &C::tickets, &Tickets::number_prefix,
                "must be 1 to 8 characters from A-Z, 0-9 and -", {.valid = IsValidNumberPrefix}),
      IntKey("tickets.attachment_max_bytes", &C::tickets, &Tickets::attachment_max_bytes, 1,
             4 * kGiB),
      EnumKey("log.level", &C::log, &Log::level, kLogLevelNames),
      BoolKey("log.json", &C::log, &Log::json),
  };
  return keys;
}

const KeyDef* FindKey(std::string_view name) {
  for (const KeyDef& key : Keys()) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

std::string_view SectionOf(std::string_view name) { return name.substr(0, name.find('.')); }

// Section names in table order.
const std::vector<std::string_view>& Sections() {
  static const std::vector<std::string_view> all_sections = [] {
    std::vector<std::string_view> found;
    for (const KeyDef& key : Keys()) {
      const std::string_view section = SectionOf(key.name);
      if (std::find(found.begin(), found.end(), section) == found.end()) {
        found.push_back(section);
      }
    }
    return found;
  }();
  return all_sections;
}

bool IsSection(std::string_view name) {
  return std::find(Sections().begin(), Sections().end(), name) != Sections().end();
}

std::string EnvName(std::string_view key_name) {
  std::string env = "KEFU_";
  for (const char c : key_name) {
    env += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return env;
}

// Levenshtein distance, for "did you mean" hints on misspelled keys.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The known key closest to a misspelled `name`, if it is close enough to be a typo.
std::optional<std::string_view> Suggest(std::string_view name) {
  constexpr std::size_t kMaxTypoDistance = 3;
  std::optional<std::string_view> best;
  std::size_t best_distance = kMaxTypoDistance + 1;
  for (const KeyDef& key : Keys()) {
    const std::size_t distance = EditDistance(name, key.name);
    if (distance < best_distance) {
      best = key.name;
      best_distance = distance;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------
// Problems

// Collects problems; each becomes one message line and one FieldError.
class Problems {
 public:
  // `issue` reads after the key: "must be ..., got ...".
  void Add(std::string_view field, std::string_view source, std::string_view issue) {
    lines_.push_back(std::string(field) + " (from " + std::string(source) + ") " +
                     std::string(issue));
    fields_.push_back(
        {std::string(field), std::string(issue) + " (from " + std::string(source) + ")"});
  }

  // A problem with the file as a whole: "kefu.toml:3:7: TOML syntax error: ...".
  void AddFileProblem(std::string_view text) {
    lines_.push_back(std::string(text));
    fields_.push_back({"config_file", std::string(text)});
  }

  bool Empty() const { return lines_.empty(); }

  Error ToError() && {
    std::string message;
    if (lines_.size() == 1) {
      message = "config: " + lines_.front();
    } else {
      message = "config: " + std::to_string(lines_.size()) + " problems:";
      for (const std::string& line : lines_) message += "\n  " + line;
    }
    return InvalidArgument(std::move(message), std::move(fields_));
  }

 private:
  std::vector<std::string> lines_;
  std::vector<FieldError> fields_;
};

// What "got ..." shows for a rejected value; secrets are described, never echoed.
std::string GotText(const KeyDef& key, std::string_view shown, std::size_t length) {
  if (key.secret && !shown.starts_with('"')) return "got a value that is not a string";
  if (key.secret) return "got a value of " + std::to_string(length) + " characters";
  return "got " + std::string(shown);
}

// The origin of the value each key currently holds, for cross-key messages.
using Origins = std::map<std::string_view, std::string>;

void Store(Config& config, Origins& origins, Problems& problems, const KeyDef& key,
           const RawValue& value, std::string_view source, std::string_view shown,
           std::size_t length) {
  if (key.store(config, value)) {
    origins[key.name] = std::string(source);
    return;
  }
  problems.Add(key.name, source, key.requirement + ", " + GotText(key, shown, length));
}

// ---------------------------------------------------------------------------------------
// Strings from the environment and the command line

std::optional<RawValue> ParseText(ValueType type, const std::string& text) {
  switch (type) {
    case ValueType::kString:
      return RawValue(text);
    case ValueType::kInteger: {
      std::int64_t number = 0;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, number);
      if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
      return RawValue(number);
    }
    case ValueType::kBoolean: {
      std::string lower = text;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return true;
      if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return false;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

void ApplyText(Config& config, Origins& origins, Problems& problems, const KeyDef& key,
               const std::string& text, std::string_view source) {
  const std::optional<RawValue> value = ParseText(key.type, text);
  if (!value) {
    problems.Add(key.name, source, key.requirement + ", " + GotText(key, Quote(text), text.size()));
    return;
  }
  Store(config, origins, problems, key, *value, source, Quote(text), text.size());
}

void ApplyEnvironment(Config& config, Origins& origins, Problems& problems,
                      const std::map<std::string, std::string>& env) {
  constexpr std::string_view kPrefix = "KEFU_";
  for (const auto& [name, text] : env) {
    if (!std::string_view(name).starts_with(kPrefix)) continue;
    const std::string_view rest = std::string_view(name).substr(kPrefix.size());
    for (const std::string_view section : Sections()) {
      const std::string section_prefix = EnvName(section).substr(kPrefix.size()) + "_";
      if (!rest.starts_with(section_prefix)) continue;
      std::string key_name = std::string(section) + ".";
      for (const char c : rest.substr(section_prefix.size())) {
        key_name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      const KeyDef* key = FindKey(key_name);
      if (key == nullptr || EnvName(key->name) != name) {
        std::string issue = "is not a known setting";
        if (const auto hint = Suggest(key_name)) issue += "; did you mean " + EnvName(*hint) + "?";
        problems.Add(name, "environment", issue);
      } else {
        ApplyText(config, origins, problems, *key, text, name);
      }
      break;
    }
  }
}

void ApplyOverrides(Config& config, Origins& origins, Problems& problems,
                    const std::map<std::string, std::string>& overrides) {
  constexpr std::string_view kSource = "command line";
  for (const auto& [name, text] : overrides) {
    const KeyDef* key = FindKey(name);
    if (key == nullptr) {
      std::string issue = "is not a known key";
      if (const auto hint = Suggest(name)) issue += "; did you mean " + std::string(*hint) + "?";
      problems.Add(name, kSource, issue);
      continue;
    }
    ApplyText(config, origins, problems, *key, text, kSource);
  }
}

// ---------------------------------------------------------------------------------------
// The TOML file

std::string FileSource(const fs::path& file, const toml::source_region& region) {
  return file.string() + ":" + std::to_string(region.begin.line) + ":" +
         std::to_string(region.begin.column);
}

// The node as the user wrote it, for "got ..." in messages.
std::string Describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return Quote(node.as_string()->get());
    case toml::node_type::integer:
      return std::to_string(node.as_integer()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::floating_point: {
      std::ostringstream out;
      out << node.as_floating_point()->get();
      return out.str();
    }
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

std::optional<RawValue> FromToml(const toml::node& node, ValueType type) {
  switch (type) {
    case ValueType::kInteger:
      if (const auto* integer = node.as_integer()) return RawValue(integer->get());
      break;
    case ValueType::kBoolean:
      if (const auto* boolean = node.as_boolean()) return RawValue(boolean->get());
      break;
    case ValueType::kString:
      if (const auto* text = node.as_string()) return RawValue(text->get());
      break;
  }
  return std::nullopt;
}

// Reads the whole file; on failure records why and returns nullopt.
std::optional<std::string> ReadFile(const fs::path& file, Problems& problems) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (!fs::exists(status)) {
    problems.AddFileProblem("config file \"" + file.string() + "\" does not exist");
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    problems.AddFileProblem("config file \"" + file.string() + "\" is not a regular file");
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) {
    problems.AddFileProblem("config file \"" + file.string() +
                            "\" cannot be read: " + std::strerror(errno));
    return std::nullopt;
  }
  return std::move(content).str();
}

void ApplyFile(Config& config, Origins& origins, Problems& problems, const fs::path& file) {
  const std::optional<std::string> content = ReadFile(file, problems);
  if (!content) return;
  toml::table root;
  try {
    root = toml::parse(*content, file.string());
  } catch (const toml::parse_error& error) {
    problems.AddFileProblem(FileSource(file, error.source()) +
                            ": TOML syntax error: " + std::string(error.description()));
    return;
  }
  for (const auto& [section_key, section_node] : root) {
    const std::string section(section_key.str());
    const std::string section_source = FileSource(file, section_key.source());
    if (!IsSection(section)) {
      problems.Add(section, section_source, "is not a known section");
      continue;
    }
    const toml::table* table = section_node.as_table();
    if (table == nullptr) {
      problems.Add(section, section_source, "must be a table such as [" + section + "]");
      continue;
    }
    for (const auto& [key_name, node] : *table) {
      const std::string name = section + "." + std::string(key_name.str());
      const std::string source = FileSource(file, key_name.source());
      const KeyDef* key = FindKey(name);
      if (key == nullptr) {
        std::string issue = "is not a known key";
        if (const auto hint = Suggest(name)) issue += "; did you mean " + std::string(*hint) + "?";
        problems.Add(name, source, issue);
        continue;
      }
      const std::optional<RawValue> value = FromToml(node, key->type);
      const std::size_t length = node.is_string() ? node.as_string()->get().size() : 0;
      if (!value) {
        problems.Add(name, source, key->requirement + ", " + GotText(*key, Describe(node), length));
        continue;
      }
      Store(config, origins, problems, *key, *value, source, Describe(node), length);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Rules across keys

std::string OriginOf(const Origins& origins, std::string_view key) {
  const auto it = origins.find(key);
  return it == origins.end() ? "default" : it->second;
}

void CheckCrossKeyRules(const Config& config, const Origins& origins, Problems& problems) {
  if (config.tickets.attachment_max_bytes > config.server.max_upload_bytes) {
    problems.Add("tickets.attachment_max_bytes", OriginOf(origins, "tickets.attachment_max_bytes"),
                 "must not exceed server.max_upload_bytes (" +
                     std::to_string(config.server.max_upload_bytes) + "), got " +
                     std::to_string(config.tickets.attachment_max_bytes));
  }
}

}  // namespace

std::string_view SqliteSynchronousName(SqliteSynchronous value) {
  return NameOf(kSqliteSynchronousNames, value);
}

std::string_view LogLevelName(LogLevel value) { return NameOf(kLogLevelNames, value); }

Result<Config> LoadConfig(const std::optional<fs::path>& file,
                          const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& overrides) {
  Config config;
  Origins origins;
  Problems problems;
  if (file) ApplyFile(config, origins, problems, *file);
  ApplyEnvironment(config, origins, problems, env);
  ApplyOverrides(config, origins, problems, overrides);
  CheckCrossKeyRules(config, origins, problems);
  if (!problems.Empty()) return std::move(problems).ToError();
  return config;
}

std::map<std::string, std::string> EnvironmentFromProcess() {
  std::map<std::string, std::string> env;
  for (char** entry = ::environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (!text.starts_with("KEFU_")) continue;
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    env.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return env;
}

std::string DescribeConfig(const Config& config) {
  std::string out;
  std::string_view current_section;
  for (const KeyDef& key : Keys()) {
    const std::string_view section = SectionOf(key.name);
    if (section != current_section) {
      if (!out.empty()) out += '\n';
      out += "[" + std::string(section) + "]\n";
      current_section = section;
    }
    out += std::string(key.name.substr(section.size() + 1)) + " = " + key.show(config) + "\n";
  }
  return out;
}

std::optional<ListenAddress> ParseListenAddress(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || text.substr(close + 1, 1) != ":") return std::nullopt;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    const bool ipv6_chars = std::all_of(host.begin(), host.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    });
    if (!ipv6_chars || host.find(':') == std::string_view::npos) return std::nullopt;
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    const bool name_chars = std::all_of(host.begin(), host.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    });
    if (!name_chars) return std::nullopt;
  }
  constexpr std::size_t kMaxPortDigits = 5;
  if (host.empty() || port.empty() || port.size() > kMaxPortDigits) return std::nullopt;
  unsigned number = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (ec != std::errc() || end != port.data() + port.size() ||
      number > std::numeric_limits<std::uint16_t>::max()) {
    return std::nullopt;
  }
  return ListenAddress{.host = std::string(host), .port = static_cast<std::uint16_t>(number)};
}

}  // namespace kefu::config
