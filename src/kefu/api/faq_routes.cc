// /api/v1/faqs: the FAQ the bot answers from; `q` searches it (Chinese and English).
#include <boost/json.hpp>

#include "kefu/api/api_deps.h"
#include "kefu/api/dto.h"
#include "kefu/api/handler_util.h"
#include "kefu/api/json_reader.h"
#include "kefu/api/routes.h"
#include "kefu/domain/text.h"

namespace kefu::api {
namespace {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;
using service::AuthContext;

const net::RouteOptions kWrite{.blocking = true};
constexpr std::size_t kMaxQueryChars = 200;

HttpResponse FaqResponse(int status, const domain::Faq& f) {
  auto response = JsonResponse(status, FaqJson(f));
  response.SetHeader("ETag", "\"" + std::to_string(f.version) + "\"");
  return response;
}

Result<std::optional<std::string>> LanguageQuery(const HttpRequest& req) {
  auto raw = req.Query("language");
  if (!raw || raw->empty()) return std::optional<std::string>();
  if (*raw != "zh-CN" && *raw != "en") {
    return InvalidArgument("invalid query parameter", {{"language", "must be zh-CN or en"}});
  }
  return std::optional<std::string>(std::string(*raw));
}

Result<HttpResponse> List(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  service::FaqListQuery query;
  if (auto q = req.Query("q"); q && !q->empty()) {
    auto chars = domain::Utf8Length(*q);
    if (!chars || *chars > kMaxQueryChars) {
      return InvalidArgument("invalid query parameter",
                             {{"q", "must be valid UTF-8 of at most 200 characters"}});
    }
    query.text = std::string(*q);
  }
  KEFU_ASSIGN_OR_RETURN(query.filters.category_id, QueryInt(req, "category_id", 1, INT64_MAX));
  KEFU_ASSIGN_OR_RETURN(query.filters.language, LanguageQuery(req));
  if (auto active = req.Query("active"); active && !active->empty()) {
    if (*active != "true" && *active != "false") {
      return InvalidArgument("invalid query parameter", {{"active", "must be true or false"}});
    }
    query.filters.active = *active == "true";
  }
  KEFU_ASSIGN_OR_RETURN(auto limit, QueryInt(req, "limit", 1, 100));
  query.filters.limit = static_cast<int>(limit.value_or(50));
  if (auto cursor = req.Query("cursor")) query.filters.cursor = std::string(*cursor);
  KEFU_ASSIGN_OR_RETURN(auto page, deps.faqs.List(caller.principal, query));
  bool ranked = !query.text.empty();
  return JsonResponse(200, PageJson(page, [ranked](const service::FaqMatch& match) {
                        boost::json::object item = FaqJson(match.faq);
                        if (ranked) item["relevance"] = match.relevance;
                        return item;
                      }));
}

// The fields of a create (question and answer required) or a patch (those present).
service::FaqPatch ReadFaq(JsonReader& r, bool create) {
  service::FaqPatch f;
  f.question = r.String("question", create, 2000);
  f.alternatives = r.StringArray("alternatives", 20);
  f.answer = r.String("answer", create, 40'000);
  f.category_id = r.NullableId("category_id");
  f.language = r.String("language", false, 10);
  f.active = r.Bool("active");
  return f;
}

Result<HttpResponse> Create(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::FaqPatch in = ReadFaq(r, true);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid FAQ entry"));
  domain::Faq faq;
  faq.question = in.question.value_or("");
  faq.alternatives = in.alternatives.value_or(std::vector<std::string>{});
  faq.answer = in.answer.value_or("");
  faq.category_id = in.category_id.value_or(std::nullopt);
  faq.language = in.language.value_or("zh-CN");
  faq.active = in.active.value_or(true);
  KEFU_ASSIGN_OR_RETURN(auto created,
                        deps.faqs.Create(caller.principal, std::move(faq), MetaOf(req)));
  auto response = FaqResponse(201, created);
  response.SetHeader("Location", "/api/v1/faqs/" + std::to_string(created.id));
  return response;
}

Result<HttpResponse> Get(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "FAQ entry"));
  KEFU_ASSIGN_OR_RETURN(auto faq, deps.faqs.Get(caller.principal, id));
  return FaqResponse(200, faq);
}

Result<HttpResponse> Patch(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "FAQ entry"));
  KEFU_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::FaqPatch patch = ReadFaq(r, false);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid FAQ update"));
  KEFU_ASSIGN_OR_RETURN(
      auto faq, deps.faqs.Update(caller.principal, id, std::move(patch), if_match, MetaOf(req)));
  return FaqResponse(200, faq);
}

Result<HttpResponse> Delete(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "FAQ entry"));
  KEFU_RETURN_IF_ERROR(deps.faqs.Delete(caller.principal, id, MetaOf(req)));
  return HttpResponse::NoContent();
}

}  // namespace

void AddFaqRoutes(net::Router& router, ApiDeps& deps) {
  router.Add(Method::kGet, "/api/v1/faqs", Bind(deps, List));
  router.Add(Method::kPost, "/api/v1/faqs", Bind(deps, Create), kWrite);
  router.Add(Method::kGet, "/api/v1/faqs/{id}", Bind(deps, Get));
  router.Add(Method::kPatch, "/api/v1/faqs/{id}", Bind(deps, Patch), kWrite);
  router.Add(Method::kDelete, "/api/v1/faqs/{id}", Bind(deps, Delete), kWrite);
}

}  // namespace kefu::api
