#include "kefu/search/search_index.h"

#include <spdlog/spdlog.h>
#include <xapian.h>

#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "kefu/search/xapian_text.h"

namespace kefu::search {

struct SearchIndex::Impl {
  mutable std::mutex mu;
  // What Search reads: the writer itself, or a read-only handle reopened before each search.
  mutable Xapian::Database db;
  std::optional<Xapian::WritableDatabase> writer;  // absent when read-only
};

namespace {

constexpr double kPercent = 100.0;
constexpr int kSearchAttempts = 2;  // a read-only handle may see the writer move on once

// Runs `fn`, turning anything Xapian (or the allocator) throws into an Error. Details go
// to the log; the message is safe to show a client.
template <class Fn>
auto Guarded(std::string_view what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Xapian::DatabaseLockError& e) {
    spdlog::warn("search index {}: {}", what, e.get_description());
    return Error(ErrorCode::kUnavailable, "search index is in use by another writer");
  } catch (const Xapian::DatabaseNotFoundError& e) {
    spdlog::warn("search index {}: {}", what, e.get_description());
    return NotFound("no search index there");
  } catch (const Xapian::Error& e) {
    spdlog::error("search index {}: {}", what, e.get_description());
    return Internal("search index failed");
  } catch (const std::exception& e) {
    spdlog::error("search index {}: {}", what, e.what());
    return Internal("search index failed");
  }
}

bool IsFilterNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

void CheckFilter(const Filter& filter, const std::string& path, std::vector<FieldError>& errors) {
  if (filter.name.empty() || filter.name.size() > kMaxFilterNameBytes) {
    errors.push_back({path + ".name", "must be 1 to 32 bytes"});
  }
  for (char c : filter.name) {
    if (!IsFilterNameChar(c)) {
      errors.push_back({path + ".name", "may hold only a-z, 0-9 and _"});
      break;
    }
  }
  if (filter.value.empty() || filter.value.size() > kMaxFilterValueBytes) {
    errors.push_back({path + ".value", "must be 1 to 128 bytes"});
  }
}

void CheckFilters(const std::vector<Filter>& filters, std::vector<FieldError>& errors) {
  for (std::size_t i = 0; i < filters.size(); ++i) {
    CheckFilter(filters[i], "filters[" + std::to_string(i) + "]", errors);
  }
}

Status CheckId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) {
    return InvalidArgument("invalid document", {{"id", "must be 1 to 128 bytes"}});
  }
  return OkStatus();
}

Status CheckDocument(const Document& doc) {
  KEFU_RETURN_IF_ERROR(CheckId(doc.id));
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < doc.fields.size(); ++i) {
    int weight = doc.fields[i].weight;
    if (weight < 1 || weight > kMaxFieldWeight) {
      errors.push_back({"fields[" + std::to_string(i) + "].weight", "must be 1 to 10"});
    }
  }
  CheckFilters(doc.filters, errors);
  if (!errors.empty()) return InvalidArgument("invalid document", std::move(errors));
  return OkStatus();
}

Status CheckOptions(const SearchOptions& options) {
  std::vector<FieldError> errors;
  if (options.limit < 1 || options.limit > kMaxLimit) {
    errors.push_back({"limit", "must be 1 to 100"});
  }
  if (options.offset > kMaxOffset) errors.push_back({"offset", "must be at most 10000"});
  CheckFilters(options.filters, errors);
  if (!errors.empty()) return InvalidArgument("invalid search options", std::move(errors));
  return OkStatus();
}

// Same name: any of the values; different names: all of them.
Xapian::Query FilterQuery(const std::vector<Filter>& filters) {
  std::map<std::string, std::vector<Xapian::Query>> by_name;
  for (const Filter& filter : filters) by_name[filter.name].emplace_back(FilterTerm(filter));
  std::vector<Xapian::Query> groups;
  groups.reserve(by_name.size());
  for (auto& [name, values] : by_name) {
    groups.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
  }
  return {Xapian::Query::OP_AND, groups.begin(), groups.end()};
}

std::vector<Hit> ToHits(const Xapian::MSet& matches) {
  std::vector<Hit> hits;
  hits.reserve(matches.size());
  for (auto it = matches.begin(); it != matches.end(); ++it) {
    hits.push_back({it.get_document().get_data(), it.get_weight(), it.get_percent() / kPercent});
  }
  return hits;
}

Status ReadOnlyError() { return Internal("search index is open read-only"); }

}  // namespace

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& dir) {
  if (dir.empty()) return InvalidArgument("search index directory is empty");
  return Guarded("open", [&]() -> Result<std::unique_ptr<SearchIndex>> {
    auto impl = std::make_unique<Impl>();
    impl->writer.emplace(dir, Xapian::DB_CREATE_OR_OPEN);
    impl->db = *impl->writer;
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
  });
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::OpenReadOnly(const std::string& dir) {
  if (dir.empty()) return InvalidArgument("search index directory is empty");
  return Guarded("open read-only", [&]() -> Result<std::unique_ptr<SearchIndex>> {
    auto impl = std::make_unique<Impl>();
    impl->db = Xapian::Database(dir);
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
  });
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::OpenInMemory() {
  return Guarded("open in memory", [&]() -> Result<std::unique_ptr<SearchIndex>> {
    auto impl = std::make_unique<Impl>();
    impl->writer.emplace(std::string(), Xapian::DB_BACKEND_INMEMORY);
    impl->db = *impl->writer;
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
  });
}

Status SearchIndex::Upsert(const Document& doc) {
  KEFU_RETURN_IF_ERROR(CheckDocument(doc));
  return Guarded("upsert", [&]() -> Status {
    std::lock_guard lock(impl_->mu);
    if (!impl_->writer) return ReadOnlyError();
    Xapian::Document xdoc;
    for (const TextField& field : doc.fields) IndexText(field.text, field.weight, xdoc);
    for (const Filter& filter : doc.filters) xdoc.add_boolean_term(FilterTerm(filter));
    std::string id_term = IdTerm(doc.id);
    xdoc.add_boolean_term(id_term);
    xdoc.set_data(doc.id);
    impl_->writer->replace_document(id_term, xdoc);
    return OkStatus();
  });
}

Status SearchIndex::Remove(std::string_view id) {
  KEFU_RETURN_IF_ERROR(CheckId(id));
  return Guarded("remove", [&]() -> Status {
    std::lock_guard lock(impl_->mu);
    if (!impl_->writer) return ReadOnlyError();
    impl_->writer->delete_document(IdTerm(id));
    return OkStatus();
  });
}

Status SearchIndex::Commit() {
  return Guarded("commit", [&]() -> Status {
    std::lock_guard lock(impl_->mu);
    if (!impl_->writer) return ReadOnlyError();
    impl_->writer->commit();
    return OkStatus();
  });
}

Result<std::vector<Hit>> SearchIndex::Search(std::string_view query_text,
                                             const SearchOptions& options) const {
  KEFU_RETURN_IF_ERROR(CheckOptions(options));
  std::string_view text = TruncateUtf8(query_text, kMaxQueryBytes);
  return Guarded("search", [&]() -> Result<std::vector<Hit>> {
    Xapian::Query query = TextQuery(text);
    if (query.empty()) return std::vector<Hit>{};
    if (!options.filters.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, FilterQuery(options.filters));
    }
    std::lock_guard lock(impl_->mu);
    for (int attempt = 1;; ++attempt) {
      try {
        if (!impl_->writer) impl_->db.reopen();  // cheap when nothing was committed
        Xapian::Enquire enquire(impl_->db);      // ranks with BM25Weight by default
        enquire.set_query(query);
        return ToHits(enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                       static_cast<Xapian::doccount>(options.limit)));
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kSearchAttempts) throw;
      }
    }
  });
}

Result<std::uint64_t> SearchIndex::DocumentCount() const {
  return Guarded("count", [&]() -> Result<std::uint64_t> {
    std::lock_guard lock(impl_->mu);
    if (!impl_->writer) impl_->db.reopen();
    return std::uint64_t{impl_->db.get_doccount()};
  });
}

}  // namespace kefu::search
