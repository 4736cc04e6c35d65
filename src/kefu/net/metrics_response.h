#pragma once

#include "kefu/metrics/metrics.h"
#include "kefu/net/http_types.h"

namespace kefu::net {

// 200 with registry.RenderPrometheus() as "text/plain; version=0.0.4". The server does not
// route /metrics itself: the app registers a handler returning this (usually behind auth
// or on an internal listener). Thread-safe.
HttpResponse MetricsResponse(const metrics::Registry& registry);

}  // namespace kefu::net
