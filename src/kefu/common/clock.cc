#include "kefu/common/clock.h"

#include <chrono>

namespace kefu {

TimeMs SystemClock::NowMs() const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  return duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const SystemClock& SystemClock::Instance() {
  static const auto* clock = new SystemClock();
  return *clock;
}

}  // namespace kefu
