#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/domain/ids.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::domain {

enum class AssignmentPolicy { kManual, kRoundRobin, kLeastLoaded, kSkillMatch };
std::string_view ToString(AssignmentPolicy policy);
std::optional<AssignmentPolicy> ParseAssignmentPolicy(std::string_view name);

struct Department {
  Id id = 0;
  std::string name;
  std::string description;
  AssignmentPolicy assignment_policy = AssignmentPolicy::kManual;
  TimeMs created_at = 0;
};

struct DepartmentMembership {
  Id department_id = 0;
  bool is_lead = false;
};

struct Skill {
  std::string name;
  int level = 1;  // 1..5
};

enum class Presence { kOnline, kAway, kOffline };
std::string_view ToString(Presence presence);
std::optional<Presence> ParsePresence(std::string_view name);

// A staff account: agent, supervisor, admin or a custom role.
struct User {
  Id id = 0;
  std::string email;  // lower-cased, unique
  std::string name;
  std::string role;  // role key, e.g. "agent"
  bool active = true;
  std::string password_hash;  // argon2id string; never leaves the server
  std::string language = "zh-CN";
  std::vector<DepartmentMembership> departments;
  std::vector<Skill> skills;
  std::vector<std::string> languages;  // spoken, e.g. "zh", "en"
  int max_concurrent_chats = 5;
  Presence presence = Presence::kOffline;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};

struct Role {
  std::string key;   // "admin", "supervisor", "agent", or a custom lower_snake key
  std::string name;  // display name
  std::set<std::string> permissions;
  bool builtin = false;
};

struct Category {
  Id id = 0;
  std::optional<Id> parent_id;
  std::string name;
  std::optional<Id> default_department_id;
  Priority default_priority = Priority::kNormal;
  std::vector<std::string> required_skills;  // for skill-match assignment
  TimeMs created_at = 0;
};

}  // namespace kefu::domain
