#include "kefu/storage/sqlite/json_columns.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kefu::storage::sqlite {
namespace {

boost::json::value ParseOrNull(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return nullptr;
  return v;
}

}  // namespace

std::string StringsToJson(const std::vector<std::string>& values) {
  boost::json::array array;
  array.reserve(values.size());
  for (const auto& v : values) array.emplace_back(v);
  return boost::json::serialize(array);
}

std::vector<std::string> StringsFromJson(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty() || text == "[]") return out;
  auto v = ParseOrNull(text);
  if (!v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

std::string IdsToJson(const std::vector<domain::Id>& values) {
  boost::json::array array;
  for (auto id : values) array.emplace_back(id);
  return boost::json::serialize(array);
}

std::vector<domain::Id> IdsFromJson(std::string_view text) {
  std::vector<domain::Id> out;
  if (text.empty() || text == "[]") return out;
  auto v = ParseOrNull(text);
  if (!v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (item.is_int64()) out.push_back(item.get_int64());
  }
  return out;
}

std::string ObjectToJson(const boost::json::object& object) {
  return boost::json::serialize(object);
}

boost::json::object ObjectFromJson(std::string_view text) {
  if (text.empty() || text == "{}") return {};
  auto v = ParseOrNull(text);
  if (!v.is_object()) return {};
  return std::move(v.get_object());
}

}  // namespace kefu::storage::sqlite
