#include "kefu/logging/request_context.h"

#include <algorithm>
#include <cstring>

namespace kefu::logging {
namespace {

thread_local std::string_view current_request_id;

}  // namespace

std::string_view CurrentRequestId() { return current_request_id; }

ScopedRequestId::ScopedRequestId(std::string_view id) : previous_(current_request_id) {
  length_ = std::min(id.size(), kMaxRequestIdLength);
  std::memcpy(id_, id.data(), length_);
  current_request_id = std::string_view(id_, length_);
}

ScopedRequestId::~ScopedRequestId() { current_request_id = previous_; }

}  // namespace kefu::logging
