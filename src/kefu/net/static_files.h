#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/net/http_types.h"
#include "kefu/net/router.h"

// The built web console (a single-page app, Vite's dist/) served from memory. No Asio or
// Beast here.
namespace kefu::net {

struct StaticFilesLimits {
  std::size_t max_files = 4096;                // files read, .gz/.br siblings included
  std::size_t max_total_bytes = 128ULL << 20;  // bytes of all files together
  std::size_t max_path_bytes = 1024;           // longest request path answered
};

// An immutable in-memory copy of a built single-page app: every file with its media type,
// cache policy, encodings (x.br and x.gz beside x) and a strong ETag per encoding.
//
// Serve answers GET and HEAD by path:
//  * "/" and the exact path of a file → that file; a path whose last segment has no '.'
//    (an app route such as /tickets/5) → index.html; any other path → 404.
//  * A path with a ".." or "." segment, an empty segment, a backslash, a control
//    character (NUL included) or more than max_path_bytes → 400. Nothing is ever read
//    from disk after loading, so no path can reach outside the loaded tree.
//  * Encoding: br or gzip when the request's Accept-Encoding admits it (q > 0, the
//    higher q wins, br on a tie), unless it ranks identity higher; else identity.
//    Content-Encoding and Vary: Accept-Encoding are set; the server never compresses
//    these responses again.
//  * Cache-Control: files under /assets/ (content-hashed names) "public, max-age=31536000,
//    immutable"; everything else (index.html, the app-route fallback, top-level files)
//    "no-cache". If-None-Match matching the chosen encoding's ETag → 304.
//  * X-Content-Type-Options: nosniff on every response; HTML also gets a
//    Content-Security-Policy, X-Frame-Options: DENY and Referrer-Policy: same-origin.
// Thread-safety: immutable once built; Serve may run concurrently on any thread.
class StaticFiles {
 public:
  // Reads every regular file under `root` (names starting with '.' and everything below
  // such directories are skipped). Symbolic links to files inside root are read;
  // links pointing outside root, and links to directories, are skipped with a warning.
  // Fails with kNotFound if root is not a directory or has no index.html,
  // kInvalidArgument past a limit, kInternal if a file cannot be read.
  static Result<std::shared_ptr<const StaticFiles>> Load(const std::filesystem::path& root,
                                                         const StaticFilesLimits& limits = {});
  // Builds the table from (path relative to the root with '/' separators, content)
  // pairs, e.g. {"assets/app-1a2b.js", "..."}; the same rules and failures as Load.
  static Result<std::shared_ptr<const StaticFiles>> FromMemory(
      std::map<std::string, std::string> files, const StaticFilesLimits& limits = {});

  // Answers a GET or HEAD for request.path (percent-decoded) as described above. HEAD
  // gets the GET response; the server leaves out the body. Never fails or throws.
  HttpResponse Serve(const HttpRequest& request) const;

  // Files that can be requested (encoded siblings are not counted).
  std::size_t file_count() const { return files_.size(); }
  // Bytes held, every encoding included.
  std::size_t total_bytes() const { return total_bytes_; }

 private:
  struct Representation {
    std::string encoding;  // "" for identity, else "br" or "gzip"
    std::string body;
    std::string etag;  // quoted, e.g. "\"5f1c…\""
  };
  struct File {
    std::string_view content_type;
    bool immutable = false;  // under /assets/
    bool html = false;
    std::vector<Representation> representations;  // identity first, then br, then gzip
  };

  StaticFiles() = default;
  const File* Find(std::string_view path) const;
  const Representation& Choose(const File& file, std::string_view accept_encoding) const;
  HttpResponse Respond(const File& file, const HttpRequest& request) const;

  std::map<std::string, File, std::less<>> files_;  // by request path, e.g. "/index.html"
  std::size_t total_bytes_ = 0;
  std::size_t max_path_bytes_ = 0;
};

// The media type Kefu sends for a file name, by extension (case-insensitive), e.g.
// "text/javascript; charset=utf-8" for "app.js"; "application/octet-stream" if unknown.
std::string_view MediaTypeFor(std::string_view file_name);

// A handler for Router::SetFallback that serves `files`; when `files` is null it answers
// every request with a JSON 404 carrying `missing_message` (e.g. how to build the app).
Handler StaticFilesHandler(std::shared_ptr<const StaticFiles> files, std::string missing_message);

}  // namespace kefu::net
