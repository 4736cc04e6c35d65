#include "kefu/net/gzip.h"

#include <zlib.h>

#include <algorithm>

#include "kefu/net/accept_encoding.h"

namespace kefu::net {
namespace {

constexpr int kGzipLevel = 5;             // a little below zlib's default, for latency
constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip wrapper
constexpr int kMemLevel = 8;

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
  int quality = std::max(CodingQuality(accept_encoding, "gzip").value_or(0),
                         CodingQuality(accept_encoding, "x-gzip").value_or(0));
  return quality > 0;
}

bool GzipCompress(std::string_view input, std::string& out) {
  if (input.size() > UINT32_MAX / 2) return false;  // zlib's uInt counters
  thread_local Deflater deflater;
  return deflater.Compress(input, out);
}

}  // namespace kefu::net
