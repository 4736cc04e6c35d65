#include "kefu/net/static_files.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <utility>

#include "kefu/common/error.h"
#include "kefu/net/accept_encoding.h"
#include "kefu/net/error_response.h"

namespace kefu::net {
namespace {

constexpr std::string_view kIndexPath = "/index.html";
constexpr std::string_view kAssetsPrefix = "/assets/";
constexpr std::string_view kCacheImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kCacheRevalidate = "no-cache";
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
    "media-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
constexpr std::size_t kEtagHashBytes = 12;

struct MediaType {
  std::string_view extension;
  std::string_view type;
};
constexpr std::array<MediaType, 24> kMediaTypes = {{
    {"html", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"map", "application/json; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"webmanifest", "application/manifest+json; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"ico", "image/x-icon"},
    {"webp", "image/webp"},
    {"avif", "image/avif"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"ttf", "font/ttf"},
    {"otf", "font/otf"},
    {"mp3", "audio/mpeg"},
    {"ogg", "audio/ogg"},
    {"wav", "audio/wav"},
    {"wasm", "application/wasm"},
}};
constexpr std::string_view kDefaultMediaType = "application/octet-stream";

// Encoded siblings, in order of preference on equal quality.
struct Encoding {
  std::string_view suffix;
  std::string_view name;
};
constexpr std::array<Encoding, 2> kEncodings = {{{".br", "br"}, {".gz", "gzip"}}};

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A strong ETag from a SHA-256 prefix of the bytes sent.
std::string EtagOf(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest.data(), &length, EVP_sha256(), nullptr);
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string etag = "\"";
  for (std::size_t i = 0; i < kEtagHashBytes && i < length; ++i) {
    etag += kHex[digest[i] >> 4];
    etag += kHex[digest[i] & 0xf];
  }
  etag += '"';
  return etag;
}

// True if an If-None-Match value names `etag` (weak comparison, as RFC 9110 13.1.2 asks)
// or is "*".
bool IfNoneMatchHits(std::string_view header, std::string_view etag) {
  if (Trim(header) == "*") return true;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view tag = Trim(header.substr(0, comma));
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

// "" for a valid request path, else why it is refused.
std::string_view PathProblem(std::string_view path, std::size_t max_bytes) {
  if (path.size() > max_bytes) return "path is too long";
  if (path.empty() || path.front() != '/') return "path must start with '/'";
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return "path contains a control character";
    if (c == '\\') return "path contains a backslash";
  }
  std::string_view rest = path.substr(1);
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.empty()) return "";
  for (;;) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment.empty()) return "path contains an empty segment";
    if (segment == "." || segment == "..") return "path contains a dot segment";
    if (slash == std::string_view::npos) return "";
    rest.remove_prefix(slash + 1);
  }
}

// True if the last segment of a path names a file ("app.js", ".env"), not an app route.
bool HasExtension(std::string_view path) {
  if (path.ends_with('/')) path.remove_suffix(1);
  return path.substr(path.rfind('/') + 1).find('.') != std::string_view::npos;
}

}  // namespace

std::string_view MediaTypeFor(std::string_view file_name) {
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || file_name.find('/', dot) != std::string_view::npos) {
    return kDefaultMediaType;
  }
  std::string_view extension = file_name.substr(dot + 1);
  for (const MediaType& entry : kMediaTypes) {
    if (entry.extension.size() == extension.size() &&
        std::equal(extension.begin(), extension.end(), entry.extension.begin(),
                   [](char a, char b) { return LowerAscii(a) == b; })) {
      return entry.type;
    }
  }
  return kDefaultMediaType;
}

Result<std::shared_ptr<const StaticFiles>> StaticFiles::FromMemory(
    std::map<std::string, std::string> files, const StaticFilesLimits& limits) {
  if (files.size() > limits.max_files) {
    return InvalidArgument("the web root holds more than " + std::to_string(limits.max_files) +
                           " files");
  }
  std::shared_ptr<StaticFiles> table(new StaticFiles());
  table->max_path_bytes_ = limits.max_path_bytes;
  for (const auto& [name, content] : files) {
    table->total_bytes_ += content.size();
    if (table->total_bytes_ > limits.max_total_bytes) {
      return InvalidArgument("the web root holds more than " +
                             std::to_string(limits.max_total_bytes) + " bytes");
    }
  }
  // Plain files first; then each x.br / x.gz whose x exists becomes one of x's encodings.
  auto sibling_of = [&files](const std::string& name) -> const Encoding* {
    for (const Encoding& encoding : kEncodings) {
      if (name.ends_with(encoding.suffix) &&
          files.contains(name.substr(0, name.size() - encoding.suffix.size()))) {
        return &encoding;
      }
    }
    return nullptr;
  };
  for (auto& [name, content] : files) {
    if (sibling_of(name) != nullptr) continue;
    std::string path = "/" + name;
    File file;
    file.content_type = MediaTypeFor(name);
    file.immutable = path.starts_with(kAssetsPrefix);
    file.html = file.content_type.starts_with("text/html");
    std::string etag = EtagOf(content);
    file.representations.push_back({"", std::move(content), std::move(etag)});
    table->files_.emplace(std::move(path), std::move(file));
  }
  for (const Encoding& encoding : kEncodings) {
    for (auto& [name, content] : files) {
      if (sibling_of(name) != &encoding) continue;
      File& file = table->files_.at("/" + name.substr(0, name.size() - encoding.suffix.size()));
      std::string etag = EtagOf(content);
      file.representations.push_back(
          {std::string(encoding.name), std::move(content), std::move(etag)});
    }
  }
  if (!table->files_.contains(kIndexPath)) return NotFound("the web root has no index.html");
  return std::shared_ptr<const StaticFiles>(std::move(table));
}

const StaticFiles::File* StaticFiles::Find(std::string_view path) const {
  auto it = files_.find(path == "/" ? kIndexPath : path);
  if (it != files_.end()) return &it->second;
  if (HasExtension(path)) return nullptr;
  return &files_.find(kIndexPath)->second;  // an app route: the app resolves it
}

const StaticFiles::Representation& StaticFiles::Choose(const File& file,
                                                       std::string_view accept_encoding) const {
  const Representation* best = &file.representations.front();
  int best_quality = 0;
  std::optional<int> any = CodingQuality(accept_encoding, "*");
  for (const Representation& candidate : file.representations) {
    if (candidate.encoding.empty()) continue;
    std::optional<int> quality = CodingQuality(accept_encoding, candidate.encoding);
    if (candidate.encoding == "gzip") {
      std::optional<int> legacy = CodingQuality(accept_encoding, "x-gzip");
      if (legacy && (!quality || *legacy > *quality)) quality = legacy;
    }
    int q = quality.value_or(any.value_or(0));
    if (q > best_quality) {
      best = &candidate;
      best_quality = q;
    }
  }
  // Identity is acceptable by default, but below any encoding the client listed, unless
  // the client ranks it higher itself.
  std::optional<int> identity = CodingQuality(accept_encoding, "identity");
  if (!identity) identity = any;
  if (best_quality > 0 && identity && *identity > best_quality) {
    return file.representations.front();
  }
  return *best;
}

HttpResponse StaticFiles::Respond(const File& file, const HttpRequest& request) const {
  const Representation& chosen = Choose(file, request.Header("accept-encoding"));
  HttpResponse response;
  response.compressible = false;
  response.headers = {
      {"Cache-Control", std::string(file.immutable ? kCacheImmutable : kCacheRevalidate)},
      {"ETag", chosen.etag},
      {"Vary", "Accept-Encoding"},
      {"X-Content-Type-Options", "nosniff"}};
  if (file.html) {
    response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Referrer-Policy", "same-origin");
  }
  std::string_view if_none_match = request.Header("if-none-match");
  if (!if_none_match.empty() && IfNoneMatchHits(if_none_match, chosen.etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  if (!chosen.encoding.empty()) response.headers.emplace_back("Content-Encoding", chosen.encoding);
  response.content_type = std::string(file.content_type);
  response.body = chosen.body;
  return response;
}

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  HttpResponse response;
  std::string_view problem = PathProblem(request.path, max_path_bytes_);
  if (!problem.empty()) {
    response = ErrorResponse(InvalidArgument(std::string(problem)));
  } else if (const File* file = Find(request.path)) {
    return Respond(*file, request);
  } else {
    response = ErrorResponse(NotFound("no file at " + request.path));
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

Handler StaticFilesHandler(std::shared_ptr<const StaticFiles> files, std::string missing_message) {
  if (files) {
    return [files = std::move(files)](HttpRequest& request) { return files->Serve(request); };
  }
  return [message = std::move(missing_message)](HttpRequest&) {
    HttpResponse response = ErrorResponse(NotFound(message));
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return response;
  };
}

}  // namespace kefu::net
