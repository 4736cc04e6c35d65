// Black-box tests of the web console: `kefu serve --web DIR` over a fake Vite dist/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "http_client.h"
#include "server_process.h"

namespace kefu::testing {
namespace {

namespace fs = std::filesystem;

const std::string kIndex = "<!doctype html><html><body><div id=app></div></body></html>";
const std::string kApp = "import{createApp}from'./vue-1.js';createApp({}).mount('#app')";
const std::string kVendor(4096, 'v');  // large, no encoded sibling

class WebConsoleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device rd;
    dist_ = new fs::path(fs::temp_directory_path() / ("kefu-dist-" + std::to_string(rd())));
    fs::create_directories(*dist_ / "assets");
    Write("index.html", kIndex);
    Write("favicon.ico", "ico");
    Write("assets/app-abc.js", kApp);
    Write("assets/app-abc.js.br", "brotli-bytes");
    Write("assets/app-abc.js.gz", "gzip-bytes-longer");
    Write("assets/vendor-def.js", kVendor);
    server_ = new ServerProcess();
    server_->Start({}, {"--web", dist_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(*dist_);
    delete dist_;
  }
  static void Write(const std::string& name, const std::string& content) {
    std::ofstream(*dist_ / name, std::ios::binary) << content;
  }

  static HttpResult Get(const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    HttpClient client(server_->port());
    return client.Request("GET", target, "", headers);
  }

  static ServerProcess* server_;
  static fs::path* dist_;
};

ServerProcess* WebConsoleTest::server_ = nullptr;
fs::path* WebConsoleTest::dist_ = nullptr;

TEST_F(WebConsoleTest, IndexAndAppRoutesServeTheSpa) {
  for (const char* path : {"/", "/tickets/5", "/settings/users", "/index.html"}) {
    HttpResult r = Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
    EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(r.Header("cache-control"), "no-cache");
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.Header("x-frame-options"), "DENY");
    EXPECT_EQ(r.Header("referrer-policy"), "same-origin");
    EXPECT_NE(r.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
    EXPECT_FALSE(r.Header("etag").empty());
  }
  EXPECT_EQ(Get("/favicon.ico").Header("content-type"), "image/x-icon");
}

TEST_F(WebConsoleTest, HashedAssetsAreImmutableAndPreCompressed) {
  HttpResult br = Get("/assets/app-abc.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.status, 200);
  EXPECT_EQ(br.body, "brotli-bytes");
  EXPECT_EQ(br.Header("content-encoding"), "br");
  EXPECT_EQ(br.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(br.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
  HttpResult gzip = Get("/assets/app-abc.js", {{"Accept-Encoding", "gzip, br;q=0"}});
  EXPECT_EQ(gzip.body, "gzip-bytes-longer");
  EXPECT_EQ(gzip.Header("content-encoding"), "gzip");
  HttpResult plain = Get("/assets/app-abc.js");
  EXPECT_EQ(plain.body, kApp);
  EXPECT_EQ(plain.Header("content-encoding"), "");
  // The server does not gzip a static file on the fly either.
  HttpResult vendor = Get("/assets/vendor-def.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(vendor.body, kVendor);
  EXPECT_EQ(vendor.Header("content-encoding"), "");
}

TEST_F(WebConsoleTest, HeadAndConditionalRequests) {
  HttpClient client(server_->port());
  auto head = client.Request("HEAD", "/assets/app-abc.js", "", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-length"), std::to_string(std::string("brotli-bytes").size()));
  EXPECT_EQ(head.Header("content-encoding"), "br");
  std::string etag = head.Header("etag");
  ASSERT_FALSE(etag.empty());
  auto cached = client.Request("GET", "/assets/app-abc.js", "",
                               {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(cached.Header("etag"), etag);
  auto other = client.Request("GET", "/assets/app-abc.js", "",
                              {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  EXPECT_EQ(other.status, 200);
  auto index = client.Request("HEAD", "/tickets/5");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-length"), std::to_string(kIndex.size()));
}

TEST_F(WebConsoleTest, ApiAndErrorsStayJson) {
  HttpResult api = Get("/api/v1/nothing-here");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.ErrorCode(), "not_found");
  EXPECT_EQ(Get("/api").status, 404);
  EXPECT_EQ(Get("/api/v1/tickets").status, 401);
  EXPECT_EQ(Get("/healthz").Json().at("status").as_string(), "ok");
  HttpClient client(server_->port());
  auto post = client.Request("POST", "/tickets/5", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("allow"), "GET, HEAD");
  HttpResult missing = Get("/assets/missing-123.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.ErrorCode(), "not_found");
  for (const char* bad :
       {"/%2e%2e/etc/passwd", "/assets/%2E%2E/%2E%2E/etc/passwd", "/assets/..%2F..%2Fetc%2Fpasswd",
        "/a%00b", "/assets%5C..%5Cindex.html", "/../../etc/passwd"}) {
    HttpResult r = Get(bad);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << bad << " " << r.status;
    EXPECT_NE(r.ErrorCode(), "") << bad;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << bad;
  }
  EXPECT_EQ(Get("/" + std::string(4000, 'a')).status, 400);
  EXPECT_EQ(Get("/healthz").status, 200);  // still up
}

TEST(WebConsoleStartupTest, ConfiguredRootWithoutIndexStopsStartUp) {
  ServerProcess server;
  EXPECT_THROW(server.Start({}, {"--web", "/nonexistent/kefu-dist"}), std::runtime_error);
}

}  // namespace
}  // namespace kefu::testing
