// Wire names of the domain enums. One table per enum keeps ToString and Parse in step.
#include <array>
#include <utility>

#include "kefu/domain/custom_field/custom_field.h"
#include "kefu/domain/customer/customer.h"
#include "kefu/domain/org/org.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::domain {
namespace {

template <class E, size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <class E, size_t N>
std::string_view NameOf(const NameTable<E, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "unknown";
}

template <class E, size_t N>
std::optional<E> ValueOf(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr NameTable<TicketStatus, 7> kStatusNames{{{TicketStatus::kNew, "new"},
                                                   {TicketStatus::kOpen, "open"},
                                                   {TicketStatus::kInProgress, "in_progress"},
                                                   {TicketStatus::kPending, "pending"},
                                                   {TicketStatus::kResolved, "resolved"},
                                                   {TicketStatus::kClosed, "closed"},
                                                   {TicketStatus::kEscalated, "escalated"}}};
constexpr NameTable<Priority, 4> kPriorityNames{{{Priority::kLow, "low"},
                                                 {Priority::kNormal, "normal"},
                                                 {Priority::kHigh, "high"},
                                                 {Priority::kUrgent, "urgent"}}};
constexpr NameTable<Channel, 6> kChannelNames{{{Channel::kWeb, "web"},
                                               {Channel::kEmail, "email"},
                                               {Channel::kPhone, "phone"},
                                               {Channel::kChat, "chat"},
                                               {Channel::kWechat, "wechat"},
                                               {Channel::kApi, "api"}}};
constexpr NameTable<MessageKind, 2> kMessageKindNames{
    {{MessageKind::kPublicReply, "public_reply"}, {MessageKind::kInternalNote, "internal_note"}}};
constexpr NameTable<AuthorType, 3> kAuthorTypeNames{{{AuthorType::kAgent, "agent"},
                                                     {AuthorType::kCustomer, "customer"},
                                                     {AuthorType::kSystem, "system"}}};
constexpr NameTable<LinkType, 3> kLinkTypeNames{
    {{LinkType::kRelated, "related"}, {LinkType::kParent, "parent"}, {LinkType::kChild, "child"}}};
constexpr NameTable<Gender, 3> kGenderNames{
    {{Gender::kUnknown, "unknown"}, {Gender::kMale, "male"}, {Gender::kFemale, "female"}}};
constexpr NameTable<IdentityType, 6> kIdentityNames{{{IdentityType::kEmail, "email"},
                                                     {IdentityType::kPhone, "phone"},
                                                     {IdentityType::kVisitor, "visitor"},
                                                     {IdentityType::kWechatOpenid, "wechat_openid"},
                                                     {IdentityType::kWecomUserid, "wecom_userid"},
                                                     {IdentityType::kApi, "api"}}};
constexpr NameTable<AssignmentPolicy, 4> kPolicyNames{
    {{AssignmentPolicy::kManual, "manual"},
     {AssignmentPolicy::kRoundRobin, "round_robin"},
     {AssignmentPolicy::kLeastLoaded, "least_loaded"},
     {AssignmentPolicy::kSkillMatch, "skill_match"}}};
constexpr NameTable<Presence, 3> kPresenceNames{
    {{Presence::kOnline, "online"}, {Presence::kAway, "away"}, {Presence::kOffline, "offline"}}};
constexpr NameTable<CustomFieldEntity, 2> kFieldEntityNames{
    {{CustomFieldEntity::kTicket, "ticket"}, {CustomFieldEntity::kCustomer, "customer"}}};
constexpr NameTable<CustomFieldType, 5> kFieldTypeNames{{{CustomFieldType::kText, "text"},
                                                         {CustomFieldType::kNumber, "number"},
                                                         {CustomFieldType::kSelect, "select"},
                                                         {CustomFieldType::kDate, "date"},
                                                         {CustomFieldType::kCheckbox, "checkbox"}}};

}  // namespace

std::string_view ToString(TicketStatus v) { return NameOf(kStatusNames, v); }
std::string_view ToString(Priority v) { return NameOf(kPriorityNames, v); }
std::string_view ToString(Channel v) { return NameOf(kChannelNames, v); }
std::string_view ToString(MessageKind v) { return NameOf(kMessageKindNames, v); }
std::string_view ToString(AuthorType v) { return NameOf(kAuthorTypeNames, v); }
std::string_view ToString(LinkType v) { return NameOf(kLinkTypeNames, v); }
std::string_view ToString(Gender v) { return NameOf(kGenderNames, v); }
std::string_view ToString(IdentityType v) { return NameOf(kIdentityNames, v); }
std::string_view ToString(AssignmentPolicy v) { return NameOf(kPolicyNames, v); }
std::string_view ToString(Presence v) { return NameOf(kPresenceNames, v); }
std::string_view ToString(CustomFieldEntity v) { return NameOf(kFieldEntityNames, v); }
std::string_view ToString(CustomFieldType v) { return NameOf(kFieldTypeNames, v); }

std::optional<TicketStatus> ParseTicketStatus(std::string_view n) {
  return ValueOf(kStatusNames, n);
}
std::optional<Priority> ParsePriority(std::string_view n) { return ValueOf(kPriorityNames, n); }
std::optional<Channel> ParseChannel(std::string_view n) { return ValueOf(kChannelNames, n); }
std::optional<MessageKind> ParseMessageKind(std::string_view n) {
  return ValueOf(kMessageKindNames, n);
}
std::optional<LinkType> ParseLinkType(std::string_view n) { return ValueOf(kLinkTypeNames, n); }
std::optional<Gender> ParseGender(std::string_view n) { return ValueOf(kGenderNames, n); }
std::optional<IdentityType> ParseIdentityType(std::string_view n) {
  return ValueOf(kIdentityNames, n);
}
std::optional<AssignmentPolicy> ParseAssignmentPolicy(std::string_view n) {
  return ValueOf(kPolicyNames, n);
}
std::optional<Presence> ParsePresence(std::string_view n) { return ValueOf(kPresenceNames, n); }
std::optional<CustomFieldEntity> ParseCustomFieldEntity(std::string_view n) {
  return ValueOf(kFieldEntityNames, n);
}
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view n) {
  return ValueOf(kFieldTypeNames, n);
}

}  // namespace kefu::domain
