#pragma once

#include <string_view>

namespace kefu::app {

// docs/api/openapi.json, embedded at build time (see app/CMakeLists.txt).
std::string_view OpenApiDocument();

}  // namespace kefu::app
