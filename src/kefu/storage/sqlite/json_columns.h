#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/domain/ids.h"

// List and object columns are stored as JSON text. A column that fails to parse (which
// only a hand-edited database could produce) reads as empty rather than failing a page.
namespace kefu::storage::sqlite {

std::string StringsToJson(const std::vector<std::string>& values);
std::vector<std::string> StringsFromJson(std::string_view text);
std::string IdsToJson(const std::vector<domain::Id>& values);
std::vector<domain::Id> IdsFromJson(std::string_view text);
std::string ObjectToJson(const boost::json::object& object);
boost::json::object ObjectFromJson(std::string_view text);

}  // namespace kefu::storage::sqlite
