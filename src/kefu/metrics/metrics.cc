#include "kefu/metrics/metrics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace kefu::metrics {
namespace {

constexpr std::array<double, 16> kDefaultLatencyBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05,   0.1,     0.25,   0.5,   1.0,    2.5,   5.0,  10.0};

// Doubles in [kFixedMin, kFixedMax) render in plain decimal notation.
constexpr double kFixedMin = 1e-6;
constexpr double kFixedMax = 1e15;

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsValidMetricName(std::string_view name) {
  if (name.empty() || !(IsNameStart(name[0]) || name[0] == ':')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return IsNameStart(c) || IsDigit(c) || c == ':'; });
}

bool IsValidLabelName(std::string_view name) {
  if (name.empty() || !IsNameStart(name[0]) || name.starts_with("__")) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return IsNameStart(c) || IsDigit(c); });
}

void AppendDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  // Plain decimals ("0.0001", not "1e-04") where they stay short; shortest round-trip.
  double magnitude = std::fabs(value);
  bool fixed = magnitude == 0 || (magnitude >= kFixedMin && magnitude < kFixedMax);
  char buf[64];
  auto [end, ec] = fixed ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                         : std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, ec == std::errc() ? end : buf);
}

void AppendUint(std::string& out, std::uint64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, ec == std::errc() ? end : buf);
}

// HELP text escapes backslash and newline; label values also escape the double quote.
void AppendEscaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// Appends `{a="x",b="y"}` (with an optional trailing le label), or nothing when empty.
void AppendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, std::string_view le = {}) {
  if (names.empty() && le.empty()) return;
  out += '{';
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    AppendEscaped(out, values[i], true);
    out += '"';
  }
  if (!le.empty()) {
    if (!names.empty()) out += ',';
    out += "le=\"";
    out += le;
    out += '"';
  }
  out += '}';
}

std::vector<std::string> LabelValues(const Labels& labels) {
  std::vector<std::string> values;
  values.reserve(labels.size());
  for (const auto& [name, value] : labels) values.push_back(value);
  return values;
}

}  // namespace

std::span<const double> DefaultLatencyBuckets() { return kDefaultLatencyBuckets; }

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size() + 1)) {}

void Histogram::Observe(double value) noexcept {
  // le semantics: the first bound >= value; NaN and values above every bound go to +Inf.
  std::size_t index = bounds_.size();
  if (!std::isnan(value)) {
    index = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) -
                                     bounds_.begin());
  }
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Collect() const {
  Snapshot snapshot;
  snapshot.cumulative.resize(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative[i] = running;
  }
  snapshot.count = running;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

Registry::Family& Registry::FamilyFor(std::string_view name, std::string_view help, Type type,
                                      const Labels& labels) {
  if (!IsValidMetricName(name)) {
    throw std::invalid_argument("invalid metric name: " + std::string(name));
  }
  std::vector<std::string> label_names;
  label_names.reserve(labels.size());
  for (const auto& [label, value] : labels) {
    if (!IsValidLabelName(label) || (type == Type::kHistogram && label == "le")) {
      throw std::invalid_argument("invalid label name '" + label + "' on " + std::string(name));
    }
    if (std::find(label_names.begin(), label_names.end(), label) != label_names.end()) {
      throw std::invalid_argument("duplicate label '" + label + "' on " + std::string(name));
    }
    label_names.push_back(label);
  }
  auto it = families_.find(name);
  if (it == families_.end()) {
    Family family{.type = type, .help = std::string(help), .label_names = std::move(label_names)};
    return families_.emplace(std::string(name), std::move(family)).first->second;
  }
  Family& family = it->second;
  if (family.type != type) {
    throw std::invalid_argument("metric " + std::string(name) + " exists with another type");
  }
  if (family.label_names != label_names) {
    throw std::invalid_argument("metric " + std::string(name) + " exists with other labels");
  }
  return family;
}

Counter& Registry::Counter(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = FamilyFor(name, help, Type::kCounter, labels);
  auto& slot = family.counters[LabelValues(labels)];
  if (!slot) slot = std::make_unique<metrics::Counter>();
  return *slot;
}

Gauge& Registry::Gauge(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = FamilyFor(name, help, Type::kGauge, labels);
  auto& slot = family.gauges[LabelValues(labels)];
  if (!slot) slot = std::make_unique<metrics::Gauge>();
  return *slot;
}

Histogram& Registry::Histogram(std::string_view name, std::string_view help, const Labels& labels,
                               std::span<const double> buckets) {
  if (buckets.empty()) buckets = DefaultLatencyBuckets();
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (!std::isfinite(buckets[i]) || (i > 0 && buckets[i] <= buckets[i - 1])) {
      throw std::invalid_argument("histogram buckets must be finite and increasing: " +
                                  std::string(name));
    }
  }
  std::lock_guard lock(mutex_);
  bool is_new = families_.find(name) == families_.end();
  Family& family = FamilyFor(name, help, Type::kHistogram, labels);
  if (is_new) {
    family.buckets.assign(buckets.begin(), buckets.end());
  } else if (!std::equal(buckets.begin(), buckets.end(), family.buckets.begin(),
                         family.buckets.end())) {
    throw std::invalid_argument("histogram " + std::string(name) + " exists with other buckets");
  }
  auto& slot = family.histograms[LabelValues(labels)];
  if (!slot) slot = std::make_unique<metrics::Histogram>(family.buckets);
  return *slot;
}

std::string Registry::RenderPrometheus() const {
  std::string out;
  out.reserve(4096);
  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) {
    out += "# HELP ";
    out += name;
    out += ' ';
    AppendEscaped(out, family.help, false);
    out += "\n# TYPE ";
    out += name;
    switch (family.type) {
      case Type::kCounter:
        out += " counter\n";
        for (const auto& [values, counter] : family.counters) {
          out += name;
          AppendLabels(out, family.label_names, values);
          out += ' ';
          AppendUint(out, counter->Value());
          out += '\n';
        }
        break;
      case Type::kGauge:
        out += " gauge\n";
        for (const auto& [values, gauge] : family.gauges) {
          out += name;
          AppendLabels(out, family.label_names, values);
          out += ' ';
          AppendDouble(out, gauge->Value());
          out += '\n';
        }
        break;
      case Type::kHistogram:
        out += " histogram\n";
        for (const auto& [values, histogram] : family.histograms) {
          metrics::Histogram::Snapshot snapshot = histogram->Collect();
          std::string le;
          for (std::size_t i = 0; i < snapshot.cumulative.size(); ++i) {
            le.clear();
            if (i < family.buckets.size()) {
              AppendDouble(le, family.buckets[i]);
            } else {
              le = "+Inf";
            }
            out += name;
            out += "_bucket";
            AppendLabels(out, family.label_names, values, le);
            out += ' ';
            AppendUint(out, snapshot.cumulative[i]);
            out += '\n';
          }
          out += name;
          out += "_sum";
          AppendLabels(out, family.label_names, values);
          out += ' ';
          AppendDouble(out, snapshot.sum);
          out += '\n';
          out += name;
          out += "_count";
          AppendLabels(out, family.label_names, values);
          out += ' ';
          AppendUint(out, snapshot.count);
          out += '\n';
        }
        break;
    }
  }
  return out;
}

Registry& DefaultRegistry() {
  static auto* registry = new Registry();
  return *registry;
}

}  // namespace kefu::metrics
