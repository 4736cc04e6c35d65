#include "kefu/app/demo_seed.h"

namespace kefu::app {

Result<DemoSeedResult> SeedDemo(KefuApp&, const DemoSeedOptions&) {
  return Error(ErrorCode::kInternal, "not yet");
}

}  // namespace kefu::app
