#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/domain/ids.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::domain {

enum class Gender { kUnknown, kMale, kFemale };
std::string_view ToString(Gender gender);
std::optional<Gender> ParseGender(std::string_view name);

// Membership levels 0..5: 0 普通 (regular), 1 银卡, 2 金卡, 3 白金, 4 钻石, 5 至尊 (VIP).
inline constexpr int kMaxMembershipLevel = 5;

struct Customer {
  Id id = 0;
  std::string name;
  Gender gender = Gender::kUnknown;
  std::optional<std::string> birthday;  // "YYYY-MM-DD"
  std::string province;
  std::string city;
  std::vector<std::string> phones;  // E.164, normalized
  std::vector<std::string> emails;  // lower-cased
  int membership_level = 0;
  std::vector<std::string> interests;
  Channel source_channel = Channel::kWeb;
  boost::json::object custom_fields;
  std::vector<std::string> tags;
  std::string notes;
  std::optional<Id> merged_into_id;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;
};

// How a contact on one channel is recognised. (type, value) is unique across customers.
enum class IdentityType { kEmail, kPhone, kVisitor, kWechatOpenid, kWecomUserid, kApi };
std::string_view ToString(IdentityType type);
std::optional<IdentityType> ParseIdentityType(std::string_view name);

struct CustomerIdentity {
  Id id = 0;
  Id customer_id = 0;
  IdentityType type = IdentityType::kEmail;
  std::string value;  // normalized: E.164 for phones, lower-case for emails
  TimeMs created_at = 0;
};

}  // namespace kefu::domain
