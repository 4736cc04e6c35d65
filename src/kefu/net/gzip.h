#pragma once

#include <string>
#include <string_view>

namespace kefu::net {

// True when an Accept-Encoding value admits gzip: a "gzip" or "x-gzip" coding without
// q=0 (case-insensitive). "*" is not taken as consent.
bool AcceptsGzip(std::string_view accept_encoding);

// Replaces `out` with `input` in gzip format. Reuses one zlib stream per thread (no
// per-call zlib allocation). Returns false if zlib fails (then `out` is unspecified).
// Thread-safe.
bool GzipCompress(std::string_view input, std::string& out);

}  // namespace kefu::net
