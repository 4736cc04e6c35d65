#include "kefu/domain/custom_field/validation.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <limits>
#include <string>
#include <vector>

namespace kefu::domain {
namespace {

CustomFieldDef Def(std::string key, CustomFieldType type, bool required = false,
                   std::vector<std::string> options = {}) {
  CustomFieldDef def;
  def.key = std::move(key);
  def.label = "Label";
  def.type = type;
  def.required = required;
  def.options = std::move(options);
  return def;
}

std::vector<CustomFieldDef> Defs() {
  CustomFieldDef old = Def("legacy_code", CustomFieldType::kText);
  old.active = false;
  return {Def("order_no", CustomFieldType::kText),
          Def("amount", CustomFieldType::kNumber),
          Def("product", CustomFieldType::kSelect, false, {"手机", "laptop"}),
          Def("purchase_date", CustomFieldType::kDate),
          Def("vip_case", CustomFieldType::kCheckbox),
          old};
}

boost::json::object Obj(std::string_view json) { return boost::json::parse(json).as_object(); }

// Validates {"<key>": value} as a partial update and returns the issue ("" when ok).
std::string IssueFor(std::string_view key, boost::json::value value,
                     const std::vector<CustomFieldDef>& defs = Defs()) {
  boost::json::object values;
  values[key] = std::move(value);
  Status status = ValidateCustomFieldValues(defs, values, /*partial_update=*/true);
  if (status.ok()) return "";
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().fields.size(), 1u);
  EXPECT_EQ(status.error().fields[0].field, "custom_fields." + std::string(key));
  return status.error().fields[0].issue;
}

TEST(CustomFieldValuesTest, Text) {
  EXPECT_EQ(IssueFor("order_no", "SO-2026-001"), "");
  EXPECT_EQ(IssueFor("order_no", ""), "");  // optional text may be empty
  EXPECT_EQ(IssueFor("order_no", std::string(kMaxCustomTextLength, 'x').c_str()), "");
  std::string cjk;
  for (std::size_t i = 0; i < kMaxCustomTextLength; ++i) cjk += "字";
  EXPECT_EQ(IssueFor("order_no", cjk.c_str()), "");  // 6000 bytes, 2000 code points
  EXPECT_EQ(IssueFor("order_no", (cjk + "字").c_str()), "must be at most 2000 characters");
  EXPECT_EQ(IssueFor("order_no", 12), "must be a string");
  EXPECT_EQ(IssueFor("order_no", true), "must be a string");
  EXPECT_EQ(IssueFor("order_no", boost::json::array{"a"}), "must be a string");
  EXPECT_EQ(IssueFor("order_no", boost::json::object{{"a", 1}}), "must be a string");
  EXPECT_EQ(IssueFor("order_no", boost::json::string("\xFF")), "must be valid UTF-8");
}

TEST(CustomFieldValuesTest, Number) {
  EXPECT_EQ(IssueFor("amount", 0), "");
  EXPECT_EQ(IssueFor("amount", -17), "");
  EXPECT_EQ(IssueFor("amount", std::numeric_limits<std::uint64_t>::max()), "");
  EXPECT_EQ(IssueFor("amount", 99.5), "");
  EXPECT_EQ(IssueFor("amount", 1e308), "");
  EXPECT_EQ(IssueFor("amount", std::numeric_limits<double>::infinity()), "must be a finite number");
  EXPECT_EQ(IssueFor("amount", -std::numeric_limits<double>::infinity()),
            "must be a finite number");
  EXPECT_EQ(IssueFor("amount", std::numeric_limits<double>::quiet_NaN()),
            "must be a finite number");
  EXPECT_EQ(IssueFor("amount", "12"), "must be a finite number");
  EXPECT_EQ(IssueFor("amount", false), "must be a finite number");
}

TEST(CustomFieldValuesTest, Select) {
  EXPECT_EQ(IssueFor("product", "手机"), "");
  EXPECT_EQ(IssueFor("product", "laptop"), "");
  EXPECT_EQ(IssueFor("product", "Laptop"), "must be one of the field's options");
  EXPECT_EQ(IssueFor("product", "laptop "), "must be one of the field's options");
  EXPECT_EQ(IssueFor("product", ""), "must be one of the field's options");
  EXPECT_EQ(IssueFor("product", 1), "must be a string");
  EXPECT_EQ(IssueFor("product", boost::json::array{"laptop"}), "must be a string");
}

TEST(CustomFieldValuesTest, Date) {
  EXPECT_EQ(IssueFor("purchase_date", "2026-11-23"), "");
  EXPECT_EQ(IssueFor("purchase_date", "2024-02-29"), "");
  const std::string bad = "must be a valid date in the form YYYY-MM-DD";
  EXPECT_EQ(IssueFor("purchase_date", "2023-02-29"), bad);
  EXPECT_EQ(IssueFor("purchase_date", "2026-13-01"), bad);
  EXPECT_EQ(IssueFor("purchase_date", "2026-11-31"), bad);
  EXPECT_EQ(IssueFor("purchase_date", "2026-1-5"), bad);
  EXPECT_EQ(IssueFor("purchase_date", "2026-11-23T08:00:00Z"), bad);
  EXPECT_EQ(IssueFor("purchase_date", "2026/11/23"), bad);
  EXPECT_EQ(IssueFor("purchase_date", ""), bad);
  EXPECT_EQ(IssueFor("purchase_date", 20261123), "must be a date string");
}

TEST(CustomFieldValuesTest, Checkbox) {
  EXPECT_EQ(IssueFor("vip_case", true), "");
  EXPECT_EQ(IssueFor("vip_case", false), "");
  EXPECT_EQ(IssueFor("vip_case", 1), "must be true or false");
  EXPECT_EQ(IssueFor("vip_case", "true"), "must be true or false");
}

TEST(CustomFieldValuesTest, NullClearsOptionalFieldsOfEveryType) {
  for (const char* key : {"order_no", "amount", "product", "purchase_date", "vip_case"}) {
    EXPECT_EQ(IssueFor(key, nullptr), "") << key;
  }
}

TEST(CustomFieldValuesTest, UnknownAndInactiveKeysAreRejected) {
  EXPECT_EQ(IssueFor("nope", "x"), "unknown custom field");
  EXPECT_EQ(IssueFor("Order_No", "x"), "unknown custom field");
  EXPECT_EQ(IssueFor("legacy_code", "x"), "field is inactive");
  EXPECT_EQ(IssueFor("legacy_code", nullptr), "field is inactive");
  EXPECT_EQ(IssueFor("order_no", "x", {}), "unknown custom field");
}

TEST(CustomFieldValuesTest, RequiredFieldsOnCreate) {
  std::vector<CustomFieldDef> defs = Defs();
  defs.push_back(Def("channel_ref", CustomFieldType::kText, /*required=*/true));
  defs.push_back(Def("agreed", CustomFieldType::kCheckbox, /*required=*/true));
  CustomFieldDef inactive_required = Def("old_required", CustomFieldType::kNumber, true);
  inactive_required.active = false;
  defs.push_back(inactive_required);

  EXPECT_TRUE(
      ValidateCustomFieldValues(defs, Obj(R"({"channel_ref":"x","agreed":false})"), false).ok());

  Status missing = ValidateCustomFieldValues(defs, Obj(R"({"amount":3})"), false);
  ASSERT_FALSE(missing.ok());
  ASSERT_EQ(missing.error().fields.size(), 2u);
  EXPECT_EQ(missing.error().fields[0].field, "custom_fields.channel_ref");
  EXPECT_EQ(missing.error().fields[0].issue, "is required");
  EXPECT_EQ(missing.error().fields[1].field, "custom_fields.agreed");

  // A partial update leaves absent required fields alone...
  EXPECT_TRUE(ValidateCustomFieldValues(defs, Obj(R"({"amount":3})"), true).ok());
  EXPECT_TRUE(ValidateCustomFieldValues(defs, boost::json::object{}, true).ok());
  // ...but never lets a client clear or blank one.
  for (bool partial : {false, true}) {
    Status cleared =
        ValidateCustomFieldValues(defs, Obj(R"({"channel_ref":null,"agreed":true})"), partial);
    ASSERT_FALSE(cleared.ok());
    ASSERT_EQ(cleared.error().fields.size(), 1u);
    EXPECT_EQ(cleared.error().fields[0].field, "custom_fields.channel_ref");
    EXPECT_EQ(cleared.error().fields[0].issue, "is required");
    Status blank =
        ValidateCustomFieldValues(defs, Obj(R"({"channel_ref":"  ","agreed":true})"), partial);
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error().fields[0].issue, "is required");
  }
}

TEST(CustomFieldValuesTest, OneErrorPerBadKeyInOrder) {
  Status status = ValidateCustomFieldValues(
      Defs(), Obj(R"({"amount":"x","order_no":"fine","zzz":1,"product":"tablet","vip_case":null})"),
      false);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "invalid custom fields");
  ASSERT_EQ(status.error().fields.size(), 3u);
  EXPECT_EQ(status.error().fields[0].field, "custom_fields.amount");
  EXPECT_EQ(status.error().fields[1].field, "custom_fields.zzz");
  EXPECT_EQ(status.error().fields[2].field, "custom_fields.product");
}

std::vector<std::string> DefFields(const CustomFieldDef& def) {
  Status status = ValidateCustomFieldDef(def);
  std::vector<std::string> fields;
  if (status.ok()) return fields;
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  for (const FieldError& e : status.error().fields) fields.push_back(e.field);
  return fields;
}

TEST(CustomFieldDefTest, Keys) {
  struct Case {
    std::string key;
    bool valid;
  };
  const Case cases[] = {
      {"a", true},
      {"order_no", true},
      {"x1_2", true},
      {"a" + std::string(39, 'b'), true},
      {"a" + std::string(40, 'b'), false},
      {"", false},
      {"1st", false},
      {"_x", false},
      {"Order", false},
      {"order-no", false},
      {"order no", false},
      {"订单", false},
  };
  for (const Case& c : cases) {
    CustomFieldDef def = Def(c.key, CustomFieldType::kText);
    EXPECT_EQ(DefFields(def).empty(), c.valid) << c.key;
  }
}

TEST(CustomFieldDefTest, Labels) {
  CustomFieldDef def = Def("k", CustomFieldType::kText);
  def.label = "订单号";
  EXPECT_TRUE(DefFields(def).empty());
  for (const std::string& label :
       {std::string(""), std::string("  "), std::string(101, 'x'), std::string("a\nb")}) {
    def.label = label;
    EXPECT_EQ(DefFields(def), std::vector<std::string>{"label"}) << label;
  }
}

TEST(CustomFieldDefTest, Options) {
  EXPECT_TRUE(DefFields(Def("k", CustomFieldType::kSelect, false, {"a"})).empty());
  EXPECT_EQ(DefFields(Def("k", CustomFieldType::kSelect)), std::vector<std::string>{"options"});
  EXPECT_EQ(DefFields(Def("k", CustomFieldType::kSelect, false, {"a", "", "a", "b", " "})),
            (std::vector<std::string>{"options[1]", "options[2]", "options[4]"}));
  std::vector<std::string> many;
  for (std::size_t i = 0; i <= kMaxCustomFieldOptions; ++i) many.push_back(std::to_string(i));
  EXPECT_EQ(DefFields(Def("k", CustomFieldType::kSelect, false, many)),
            std::vector<std::string>{"options"});
  many.pop_back();
  EXPECT_TRUE(DefFields(Def("k", CustomFieldType::kSelect, false, many)).empty());
  for (CustomFieldType type : {CustomFieldType::kText, CustomFieldType::kNumber,
                               CustomFieldType::kDate, CustomFieldType::kCheckbox}) {
    EXPECT_TRUE(DefFields(Def("k", type)).empty()) << ToString(type);
    EXPECT_EQ(DefFields(Def("k", type, false, {"a"})), std::vector<std::string>{"options"})
        << ToString(type);
  }
}

TEST(CustomFieldDefTest, ReportsAllProblems) {
  CustomFieldDef def = Def("Bad Key", CustomFieldType::kSelect);
  def.label = "";
  EXPECT_EQ(DefFields(def), (std::vector<std::string>{"key", "label", "options"}));
}

}  // namespace
}  // namespace kefu::domain
