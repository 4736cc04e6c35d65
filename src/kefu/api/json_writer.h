#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/common/clock.h"

namespace kefu::api {

// Appends compact JSON straight to a string, without building a document first. Used
// for the responses that dominate traffic (ticket reads and lists), where building a
// boost::json DOM and then serializing it cost more than the database query.
//
// Commas are inserted automatically; the caller keeps objects and arrays balanced and
// puts a Key before each member value. Strings are escaped like boost::json does
// (quote, backslash and control characters; UTF-8 passes through).
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // REQUIRES: `key` needs no escaping (an ASCII identifier).
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(std::int64_t value);
  void Bool(bool value);
  void Null();
  void OptionalInt(const std::optional<std::int64_t>& value);
  // RFC 3339 UTC with milliseconds, or null.
  void Time(const std::optional<TimeMs>& value);
  // An embedded document (custom fields and the like).
  void Value(const boost::json::object& value);

  // Key and value in one call, for flat records.
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, std::int64_t value) {
    Key(key);
    Int(value);
  }
  void Field(std::string_view key, const std::optional<std::int64_t>& value) {
    Key(key);
    OptionalInt(value);
  }
  void TimeField(std::string_view key, const std::optional<TimeMs>& value) {
    Key(key);
    Time(value);
  }

 private:
  void Separate() {
    if (need_comma_) out_.push_back(',');
    need_comma_ = true;
  }
  void Open(char c) {
    Separate();
    out_.push_back(c);
    need_comma_ = false;
  }
  void Close(char c) {
    out_.push_back(c);
    need_comma_ = true;
  }

  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace kefu::api
