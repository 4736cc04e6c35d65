#include "kefu/net/request_id.h"

#include <algorithm>
#include <cstdint>
#include <random>

namespace kefu::net {
namespace {

constexpr std::size_t kGeneratedLength = 16;

// splitmix64: fast, good enough for log correlation ids.
std::uint64_t NextRandom() {
  thread_local std::uint64_t state = [] {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }();
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxClientRequestIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

void GenerateRequestId(std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = NextRandom();
  out.resize(kGeneratedLength);
  for (std::size_t i = 0; i < kGeneratedLength; ++i) {
    out[i] = kHex[bits & 0xf];
    bits >>= 4;
  }
}

}  // namespace kefu::net
