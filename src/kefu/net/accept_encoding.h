#pragma once

#include <optional>
#include <string_view>

// Accept-Encoding (RFC 9110 12.5.3): how much a client wants each content coding.
// No Asio or Beast here.
namespace kefu::net {

// Quality values are kept in thousandths: q=1 is 1000, q=0.5 is 500, q=0 (refused) is 0.
inline constexpr int kMaxQuality = 1000;

// The quality `accept_encoding` gives `coding` (compared case-insensitively), nullopt when
// the coding is not listed. "*" is matched only by asking for "*". A coding listed twice
// gets its highest quality. A missing or malformed q parameter counts as q=1 (lenient, as
// browsers never send one that is malformed). Never fails.
std::optional<int> CodingQuality(std::string_view accept_encoding, std::string_view coding);

}  // namespace kefu::net
