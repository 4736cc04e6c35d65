#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/domain/faq/faq.h"
#include "kefu/search/search_index.h"
#include "kefu/service/context.h"
#include "kefu/storage/records.h"

namespace kefu::service {

// Fields a PATCH may change; unset fields stay as they are.
struct FaqPatch {
  std::optional<std::string> question;
  std::optional<std::vector<std::string>> alternatives;
  std::optional<std::string> answer;
  std::optional<std::optional<domain::Id>> category_id;  // set to nullopt: no category
  std::optional<std::string> language;
  std::optional<bool> active;
};

// An entry with how well it matched a search (0..1; 0 when listed without a search).
struct FaqMatch {
  domain::Faq faq;
  double relevance = 0;
};

struct FaqListQuery {
  storage::FaqQuery filters;
  // With text, the entries are ranked by full-text relevance (BM25 over question and
  // phrasings, then answer; Chinese and English), best first, at most filters.limit and
  // without paging.
  std::string text;
};

// The FAQ that agents search and the bot answers from. Keeps its full-text index in step
// with the table: every change is indexed right after it commits. The index is derived
// data: the app starts each run from an empty one and calls RebuildIndex, so a crash
// between a commit and its indexing leaves nothing wrong behind.
// Reading needs tickets.read; changing needs settings.manage. Thread-safe.
class FaqService {
 public:
  FaqService(ServiceContext& ctx, std::unique_ptr<search::SearchIndex> index);

  // Indexes every entry of the table. REQUIRES: the index holds no entry the table lost
  // (start from an empty index).
  Status RebuildIndex();

  Result<domain::Faq> Get(const domain::Principal& caller, domain::Id id);
  Result<storage::Page<FaqMatch>> List(const domain::Principal& caller, const FaqListQuery& query);
  // kInvalidArgument with every field at fault; an unknown category is one of them.
  Result<domain::Faq> Create(const domain::Principal& caller, domain::Faq input,
                             const RequestMeta& meta);
  // kPreconditionFailed when `expected_version` (the If-Match) is set and not the
  // stored one.
  Result<domain::Faq> Update(const domain::Principal& caller, domain::Id id, FaqPatch patch,
                             std::optional<std::int64_t> expected_version, const RequestMeta& meta);
  Status Delete(const domain::Principal& caller, domain::Id id, const RequestMeta& meta);

  // For the bot: the active entries in `language` that best match `text`, best first.
  // No permission check: the caller is the system.
  Result<std::vector<FaqMatch>> Match(std::string_view text, std::string_view language,
                                      std::size_t limit);

 private:
  Result<std::vector<FaqMatch>> Ranked(std::string_view text, std::vector<search::Filter> filters,
                                       std::size_t limit);
  Status ValidateCategory(storage::Tx& tx, const domain::Faq& faq);
  void IndexAfterCommit(storage::Tx& tx, const domain::Faq& faq);
  // Runs `change` on the index, then commits it, once `tx` has committed; a failure is
  // logged (the next start rebuilds the index).
  void UpdateIndexAfterCommit(storage::Tx& tx, std::function<Status()> change);

  ServiceContext& ctx_;
  std::unique_ptr<search::SearchIndex> index_;  // thread-safe itself
};

}  // namespace kefu::service
