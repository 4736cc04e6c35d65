#include "kefu/service/faq_service.h"

#include <spdlog/spdlog.h>

#include <functional>
#include <unordered_map>

#include "kefu/events/emit.h"
#include "kefu/service/event_factory.h"

namespace kefu::service {
namespace {

using domain::Faq;
using domain::Principal;

constexpr int kMaxListLimit = 100;

search::Document ToDocument(const Faq& faq) {
  search::Document doc;
  doc.id = std::to_string(faq.id);
  doc.fields.push_back({faq.question, search::kTitleWeight});
  for (const auto& alternative : faq.alternatives) {
    doc.fields.push_back({alternative, search::kTitleWeight});
  }
  doc.fields.push_back({faq.answer, search::kBodyWeight});
  doc.filters.push_back({"lang", faq.language});
  doc.filters.push_back({"active", faq.active ? "1" : "0"});
  if (faq.category_id) doc.filters.push_back({"category", std::to_string(*faq.category_id)});
  return doc;
}

domain::DomainEvent FaqEvent(std::string_view type, const Faq& faq, const Principal& caller,
                             const RequestMeta& meta, TimeMs now) {
  return MakeEvent(type, "faq", faq.id, caller.user_id, meta, now,
                   {{"question", faq.question}, {"version", faq.version}});
}

}  // namespace

FaqService::FaqService(ServiceContext& ctx, std::unique_ptr<search::SearchIndex> index)
    : ctx_(ctx), index_(std::move(index)) {}

Status FaqService::RebuildIndex() {
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    return tx.faqs().ForEach([&](const Faq& faq) { return index_->Upsert(ToDocument(faq)); });
  }));
  return index_->Commit();
}

Status FaqService::ValidateCategory(storage::Tx& tx, const Faq& faq) {
  if (!faq.category_id || tx.org().GetCategory(*faq.category_id).ok()) return OkStatus();
  return InvalidArgument("invalid FAQ entry", {{"category_id", "no such category"}});
}

void FaqService::IndexAfterCommit(storage::Tx& tx, const Faq& faq) {
  UpdateIndexAfterCommit(tx, [this, doc = ToDocument(faq)] { return index_->Upsert(doc); });
}

void FaqService::UpdateIndexAfterCommit(storage::Tx& tx, std::function<Status()> change) {
  tx.AfterCommit([this, change = std::move(change)] {
    Status st = change();
    if (st.ok()) st = index_->Commit();
    if (!st.ok()) {
      spdlog::warn("FAQ index not updated ({}): rebuilt at the next start", st.error().message);
    }
  });
}

Result<Faq> FaqService::Get(const Principal& caller, domain::Id id) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsRead));
  Faq faq;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(faq, tx.faqs().Get(id));
    return OkStatus();
  }));
  return faq;
}

Result<std::vector<FaqMatch>> FaqService::Ranked(std::string_view text,
                                                 std::vector<search::Filter> filters,
                                                 std::size_t limit) {
  search::SearchOptions options;
  options.limit = limit;
  options.filters = std::move(filters);
  KEFU_ASSIGN_OR_RETURN(auto hits, index_->Search(text, options));
  std::vector<domain::Id> ids;
  for (const auto& hit : hits) ids.push_back(std::stoll(hit.id));
  std::vector<Faq> rows;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(rows, tx.faqs().GetMany(ids));
    return OkStatus();
  }));
  std::unordered_map<domain::Id, Faq*> by_id;
  for (auto& row : rows) by_id[row.id] = &row;
  std::vector<FaqMatch> out;
  for (const auto& hit : hits) {
    auto it = by_id.find(std::stoll(hit.id));
    if (it == by_id.end()) continue;  // deleted since it was indexed
    out.push_back({std::move(*it->second), hit.relevance});
  }
  return out;
}

Result<storage::Page<FaqMatch>> FaqService::List(const Principal& caller,
                                                 const FaqListQuery& query) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsRead));
  storage::FaqQuery filters = query.filters;
  if (filters.limit < 1 || filters.limit > kMaxListLimit) {
    return InvalidArgument("invalid query", {{"limit", "must be from 1 to 100"}});
  }
  storage::Page<FaqMatch> page;
  if (!query.text.empty()) {
    std::vector<search::Filter> search_filters;
    if (filters.language) search_filters.push_back({"lang", *filters.language});
    if (filters.active) search_filters.push_back({"active", *filters.active ? "1" : "0"});
    if (filters.category_id) {
      search_filters.push_back({"category", std::to_string(*filters.category_id)});
    }
    KEFU_ASSIGN_OR_RETURN(page.items, Ranked(query.text, std::move(search_filters),
                                             static_cast<std::size_t>(filters.limit)));
    return page;
  }
  storage::Page<Faq> rows;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(rows, tx.faqs().List(filters));
    return OkStatus();
  }));
  for (auto& row : rows.items) page.items.push_back({std::move(row), 0});
  page.next_cursor = std::move(rows.next_cursor);
  return page;
}

Result<Faq> FaqService::Create(const Principal& caller, Faq input, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  std::vector<FieldError> errors = domain::ValidateFaq(input);
  if (!errors.empty()) return InvalidArgument("invalid FAQ entry", std::move(errors));
  TimeMs now = ctx_.clock.NowMs();
  input.created_by = caller.user_id;
  input.created_at = input.updated_at = now;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(ValidateCategory(tx, input));
    KEFU_RETURN_IF_ERROR(tx.faqs().Insert(input));
    IndexAfterCommit(tx, input);
    return events::Emit(tx, ctx_.bus, FaqEvent(domain::kEventFaqCreated, input, caller, meta, now));
  }));
  return input;
}

Result<Faq> FaqService::Update(const Principal& caller, domain::Id id, FaqPatch patch,
                               std::optional<std::int64_t> expected_version,
                               const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  TimeMs now = ctx_.clock.NowMs();
  Faq faq;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(faq, tx.faqs().Get(id));
    if (expected_version && faq.version != *expected_version) {
      return Error(ErrorCode::kPreconditionFailed,
                   "FAQ entry " + std::to_string(id) + " was changed by someone else (version " +
                       std::to_string(faq.version) + "); reload and retry");
    }
    if (patch.question) faq.question = std::move(*patch.question);
    if (patch.alternatives) faq.alternatives = std::move(*patch.alternatives);
    if (patch.answer) faq.answer = std::move(*patch.answer);
    if (patch.category_id) faq.category_id = *patch.category_id;
    if (patch.language) faq.language = std::move(*patch.language);
    if (patch.active) faq.active = *patch.active;
    faq.updated_at = now;
    std::vector<FieldError> errors = domain::ValidateFaq(faq);
    if (!errors.empty()) return InvalidArgument("invalid FAQ entry", std::move(errors));
    KEFU_RETURN_IF_ERROR(ValidateCategory(tx, faq));
    KEFU_RETURN_IF_ERROR(tx.faqs().Update(faq, faq.version));
    IndexAfterCommit(tx, faq);
    return events::Emit(tx, ctx_.bus, FaqEvent(domain::kEventFaqUpdated, faq, caller, meta, now));
  }));
  return faq;
}

Status FaqService::Delete(const Principal& caller, domain::Id id, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kSettingsManage));
  TimeMs now = ctx_.clock.NowMs();
  return ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(Faq faq, tx.faqs().Get(id));
    KEFU_RETURN_IF_ERROR(tx.faqs().Delete(id));
    UpdateIndexAfterCommit(tx,
                           [this, doc_id = std::to_string(id)] { return index_->Remove(doc_id); });
    return events::Emit(tx, ctx_.bus, FaqEvent(domain::kEventFaqDeleted, faq, caller, meta, now));
  });
}

Result<std::vector<FaqMatch>> FaqService::Match(std::string_view text, std::string_view language,
                                                std::size_t limit) {
  return Ranked(text, {{"lang", std::string(language)}, {"active", "1"}}, limit);
}

}  // namespace kefu::service
