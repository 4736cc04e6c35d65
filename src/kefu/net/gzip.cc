#include "kefu/net/gzip.h"

#include <zlib.h>

#include "kefu/net/http_types.h"

namespace kefu::net {
namespace {

constexpr int kGzipLevel = 5;             // a little below zlib's default, for latency
constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip wrapper
constexpr int kMemLevel = 8;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// True if the parameters of a coding ("q=0.5") leave it acceptable.
bool QualityAllows(std::string_view params) {
  while (!params.empty()) {
    std::size_t semicolon = params.find(';');
    std::string_view param = Trim(params.substr(0, semicolon));
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string_view value = Trim(param.substr(2));
      // q=0, q=0.0, q=0.000 refuse; anything else accepts.
      bool zero = !value.empty() && value[0] == '0';
      for (std::size_t i = 1; zero && i < value.size(); ++i) {
        zero = (i == 1 && value[i] == '.') || (i > 1 && value[i] == '0');
      }
      return !zero;
    }
    if (semicolon == std::string_view::npos) break;
    params.remove_prefix(semicolon + 1);
  }
  return true;
}

class Deflater {
 public:
  Deflater() {
    ok_ = deflateInit2(&stream_, kGzipLevel, Z_DEFLATED, kGzipWindowBits, kMemLevel,
                       Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok_) deflateEnd(&stream_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  bool Compress(std::string_view input, std::string& out) {
    if (!ok_ || deflateReset(&stream_) != Z_OK) return false;
    out.resize(deflateBound(&stream_, static_cast<uLong>(input.size())));
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream_.avail_in = static_cast<uInt>(input.size());
    stream_.next_out = reinterpret_cast<Bytef*>(out.data());
    stream_.avail_out = static_cast<uInt>(out.size());
    if (deflate(&stream_, Z_FINISH) != Z_STREAM_END) return false;
    out.resize(stream_.total_out);
    return true;
  }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    std::size_t semicolon = item.find(';');
    std::string_view coding = Trim(item.substr(0, semicolon));
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
      return semicolon == std::string_view::npos || QualityAllows(item.substr(semicolon + 1));
    }
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return false;
}

bool GzipCompress(std::string_view input, std::string& out) {
  if (input.size() > UINT32_MAX / 2) return false;  // zlib's uInt counters
  thread_local Deflater deflater;
  return deflater.Compress(input, out);
}

}  // namespace kefu::net
