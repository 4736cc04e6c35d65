#include "kefu/search/xapian_text.h"

#include <cstdint>
#include <vector>

namespace kefu::search {
namespace {

constexpr std::string_view kIdPrefix = "Q";  // Xapian's convention for unique ids
constexpr std::string_view kFilterPrefix = "XF";
constexpr std::uint8_t kUtf8ContinuationMask = 0xC0;
constexpr std::uint8_t kUtf8ContinuationBits = 0x80;

// Documents and queries share one generator set-up, so a query word always becomes the
// same term as the indexed word. STEM_ALL keeps only the stemmed form: one term per word.
Xapian::TermGenerator MakeTermGenerator() {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  return generator;
}

}  // namespace

void IndexText(std::string_view text, int weight, Xapian::Document& doc) {
  Xapian::TermGenerator generator = MakeTermGenerator();
  generator.set_document(doc);
  generator.index_text_without_positions(std::string(text), static_cast<Xapian::termcount>(weight));
}

// Not QueryParser: it joins a CJK run's n-grams with AND, so 退款多久到账 would need 多久
// in the document. Here every term is an alternative and BM25 ranks by how many match.
Xapian::Query TextQuery(std::string_view text) {
  Xapian::Document scratch;
  IndexText(text, 1, scratch);
  std::vector<Xapian::Query> terms;
  for (auto it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) {
    terms.emplace_back(*it, it.get_wdf());
  }
  if (terms.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 &&
         (static_cast<std::uint8_t>(text[end]) & kUtf8ContinuationMask) == kUtf8ContinuationBits) {
    --end;
  }
  return text.substr(0, end);
}

std::string IdTerm(std::string_view id) {
  std::string term(kIdPrefix);
  term += id;
  return term;
}

std::string FilterTerm(const Filter& filter) {
  std::string term(kFilterPrefix);
  term += filter.name;
  term += ':';  // names are [a-z0-9_], so the first ':' ends the name
  term += filter.value;
  return term;
}

}  // namespace kefu::search
