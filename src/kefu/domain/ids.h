#pragma once

#include <cstdint>

namespace kefu::domain {

// Row ids are positive 64-bit integers assigned by storage; 0 means "none / not yet stored".
using Id = std::int64_t;

}  // namespace kefu::domain
