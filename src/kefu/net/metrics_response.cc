#include "kefu/net/metrics_response.h"

namespace kefu::net {

HttpResponse MetricsResponse(const metrics::Registry& registry) {
  return HttpResponse::Text(200, registry.RenderPrometheus(),
                            "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace kefu::net
