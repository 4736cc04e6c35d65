#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kefu/common/clock.h"

namespace kefu {

// Formats as RFC 3339 UTC with milliseconds: "2026-11-23T08:30:00.000Z".
std::string FormatTimestamp(TimeMs ms);
// The same 24 characters, appended to `out` (no allocation of its own).
void AppendTimestamp(std::string& out, TimeMs ms);

// Parses RFC 3339 ("2026-11-23T08:30:00Z", optional fraction, "Z" or "+08:00") or a
// plain date "2026-11-23" (midnight UTC). Returns nullopt for anything else.
std::optional<TimeMs> ParseTimestamp(std::string_view text);

// Parses a plain calendar date "YYYY-MM-DD" and checks that the day exists.
bool IsValidDate(std::string_view text);

}  // namespace kefu
