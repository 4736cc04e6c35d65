#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/result.h"

namespace kefu::search {

// Suggested field weights: a word in a title or FAQ question counts three times as much
// as one in a body or answer.
inline constexpr int kTitleWeight = 3;
inline constexpr int kBodyWeight = 1;
inline constexpr int kMaxFieldWeight = 10;

inline constexpr std::size_t kMaxIdBytes = 128;
inline constexpr std::size_t kMaxFilterNameBytes = 32;
inline constexpr std::size_t kMaxFilterValueBytes = 128;
// Longer query text is cut (at a UTF-8 character boundary), not refused: a chat user's
// long message still finds answers from its first sentences.
inline constexpr std::size_t kMaxQueryBytes = 512;
inline constexpr std::size_t kMaxLimit = 100;
inline constexpr std::size_t kMaxOffset = 10'000;

// Text to index. Each word counts `weight` times toward the document's score.
struct TextField {
  std::string text;
  int weight = kBodyWeight;  // 1..kMaxFieldWeight
};

// An exact-match tag such as {"category", "12"} or {"lang", "zh"}. `name` is 1..32 bytes
// of [a-z0-9_]; `value` is 1..128 bytes, compared byte for byte.
struct Filter {
  std::string name;
  std::string value;
};

// One searchable document. `id` is the caller's stable key (1..128 bytes; numeric ids as
// decimal text, e.g. std::to_string(faq_id)); upserting the same id replaces the document.
struct Document {
  std::string id;
  std::vector<TextField> fields;
  std::vector<Filter> filters;
};

// Filters with the same name are alternatives (category 1 OR 2); different names must all
// match (category AND lang). No filters: every document is a candidate.
struct SearchOptions {
  std::size_t limit = 10;  // 1..kMaxLimit
  std::size_t offset = 0;  // 0..kMaxOffset
  std::vector<Filter> filters;
};

struct Hit {
  std::string id;
  double score = 0;  // BM25 weight; comparable only within one search
  // 0..1, for thresholds: Xapian's percentage / 100. The best hit's share of the query's
  // terms scales every hit, so a one-word overlap with a long question scores low.
  double relevance = 0;
};

// A full-text index over Chinese and English text (Xapian, BM25 ranking).
//
// Words are lower-cased and English-stemmed ("refunds" finds "refund"); runs of Chinese,
// Japanese or Korean characters are indexed as single characters and overlapping pairs,
// so a two-character word such as 退款 is found without a dictionary. A query is the OR
// of its words and pairs: documents matching more of them, and rarer ones, rank higher.
// Query text is plain words, never syntax (AND, quotes and "-" mean nothing).
//
// Durability: changes are written to disk by Commit() (and by Xapian on its own after
// many changes, and on close). Visibility: a writable index's own Search sees its
// Upserts and Removes at once; read-only indexes and other processes see them after the
// writer's Commit().
//
// Thread-safety: every method may be called from any thread; calls are serialized by one
// internal mutex, because Xapian's handles are not safe for concurrent use even to read.
//
// Failures are values; no exception escapes: invalid input is kInvalidArgument, a
// directory another writer holds is kUnavailable, anything else from Xapian is kInternal
// (details are logged, not returned).
class SearchIndex {
 public:
  // Opens the index stored in directory `dir` for writing, creating it if absent (its
  // parent must exist). One writer per directory across all processes: Open of a
  // directory another writer holds fails with kUnavailable.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& dir);

  // Opens an existing index in `dir` for searching only. Each Search sees the latest
  // commit of the directory's writer. Upsert, Remove and Commit fail with kInternal.
  // Fails with kNotFound when there is no index in `dir`.
  static Result<std::unique_ptr<SearchIndex>> OpenReadOnly(const std::string& dir);

  // A writable index held in memory only, for tests and small indexes; Commit is a no-op.
  static Result<std::unique_ptr<SearchIndex>> OpenInMemory();

  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Adds `doc`, or replaces the document with the same id. kInvalidArgument (naming the
  // field) for a bad id, weight or filter; nothing is written then.
  Status Upsert(const Document& doc);

  // Removes the document with `id`; removing an absent id is OK.
  Status Remove(std::string_view id);

  // Makes the changes so far durable and visible to read-only openers.
  Status Commit();

  // The best matches for `query_text`, best first, after skipping `options.offset`.
  // Empty text, or text with no words, gives no hits. kInvalidArgument for bad options.
  Result<std::vector<Hit>> Search(std::string_view query_text,
                                  const SearchOptions& options = {}) const;

  // Number of documents in the index, for tests and metrics.
  Result<std::uint64_t> DocumentCount() const;

 private:
  struct Impl;
  explicit SearchIndex(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::search
