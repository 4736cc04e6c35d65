#include "kefu/app/demo_seed.h"

namespace kefu::app {

Result<std::int64_t> SeedBenchTickets(KefuApp&, std::int64_t) {
  return Error(ErrorCode::kInternal, "not yet");
}

}  // namespace kefu::app
