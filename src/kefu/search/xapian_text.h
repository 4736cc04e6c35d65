#pragma once

// Internal to kefu_search: how text becomes Xapian terms. Only the module's .cc files
// include this header, so Xapian stays out of every other module.

#include <xapian.h>

#include <string>
#include <string_view>

#include "kefu/search/search_index.h"

namespace kefu::search {

// Indexes `text` into `doc`, each word counting `weight` times. Words are lower-cased
// and stemmed (English); CJK runs become single characters and overlapping pairs.
// No positions are kept: queries never ask for phrases.
// Throws Xapian::Error (callers catch at the module boundary).
void IndexText(std::string_view text, int weight, Xapian::Document& doc);

// The OR of the terms IndexText would produce for `text`, each weighted by how often it
// occurs; an empty query when `text` has no words. Throws Xapian::Error.
Xapian::Query TextQuery(std::string_view text);

// `text` cut to at most `max_bytes` without splitting a UTF-8 character.
std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes);

// Boolean terms: the unique id term and a filter term. Upper-case prefixes cannot collide
// with text terms, which are always lower-case.
std::string IdTerm(std::string_view id);
std::string FilterTerm(const Filter& filter);

}  // namespace kefu::search
