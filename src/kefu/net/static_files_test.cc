#include "kefu/net/static_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace kefu::net {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex = "<!doctype html><title>Kefu</title>";

std::shared_ptr<const StaticFiles> Dist() {
  auto files = StaticFiles::FromMemory({{"index.html", std::string(kIndex)},
                                        {"index.html.gz", "gz-index"},
                                        {"assets/app-abc.js", "console.log('app')"},
                                        {"assets/app-abc.js.br", "br-app"},
                                        {"assets/app-abc.js.gz", "gz-app"},
                                        {"assets/logo-1f.png", "\x89PNG"},
                                        {"favicon.ico", "ico"},
                                        {"backup.gz", "lonely gzip"}});
  EXPECT_TRUE(files.ok()) << files.error().message;
  return *files;
}

HttpResponse Get(const StaticFiles& files, std::string path, std::string accept_encoding = "",
                 std::string if_none_match = "") {
  HttpRequest request;
  request.path = std::move(path);
  if (!accept_encoding.empty()) request.headers.emplace_back("accept-encoding", accept_encoding);
  if (!if_none_match.empty()) request.headers.emplace_back("if-none-match", if_none_match);
  return files.Serve(request);
}

TEST(StaticFilesTest, MediaTypesByExtension) {
  EXPECT_EQ(MediaTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("app-1a2b.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("worker.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("style.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("logo.svg"), "image/svg+xml");
  EXPECT_EQ(MediaTypeFor("a.png"), "image/png");
  EXPECT_EQ(MediaTypeFor("a.jpg"), "image/jpeg");
  EXPECT_EQ(MediaTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(MediaTypeFor("a.webp"), "image/webp");
  EXPECT_EQ(MediaTypeFor("font.woff"), "font/woff");
  EXPECT_EQ(MediaTypeFor("font.woff2"), "font/woff2");
  EXPECT_EQ(MediaTypeFor("font.ttf"), "font/ttf");
  EXPECT_EQ(MediaTypeFor("app.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("zh-CN.json"), "application/json; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("site.webmanifest"), "application/manifest+json; charset=utf-8");
  EXPECT_EQ(MediaTypeFor("ding.mp3"), "audio/mpeg");
  EXPECT_EQ(MediaTypeFor("ding.ogg"), "audio/ogg");
  EXPECT_EQ(MediaTypeFor("ding.wav"), "audio/wav");
  EXPECT_EQ(MediaTypeFor("archive.tar"), "application/octet-stream");
  EXPECT_EQ(MediaTypeFor("LICENSE"), "application/octet-stream");
  EXPECT_EQ(MediaTypeFor("dir.d/LICENSE"), "application/octet-stream");
}

TEST(StaticFilesTest, IndexAndAppRoutesGetTheHtmlWithSecurityHeaders) {
  auto files = Dist();
  EXPECT_EQ(files->file_count(), 5u);  // the .gz/.br siblings are encodings, not files
  HttpResponse root = Get(*files, "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.body, kIndex);
  EXPECT_EQ(root.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(root.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(root.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(root.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(root.Header("Referrer-Policy"), "same-origin");
  EXPECT_NE(root.Header("Content-Security-Policy").find("script-src 'self';"), std::string::npos);
  EXPECT_NE(root.Header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_FALSE(root.compressible);
  for (const char* route : {"/tickets/5", "/settings/users", "/settings/users/", "/assets"}) {
    HttpResponse spa = Get(*files, route);
    EXPECT_EQ(spa.status, 200) << route;
    EXPECT_EQ(spa.body, kIndex) << route;
    EXPECT_EQ(spa.Header("ETag"), root.Header("ETag")) << route;
    EXPECT_EQ(spa.Header("Cache-Control"), "no-cache") << route;
  }
  EXPECT_EQ(Get(*files, "/index.html").body, kIndex);
  EXPECT_EQ(Get(*files, "/tickets/5", "gzip").body, "gz-index");
}

TEST(StaticFilesTest, AssetsAreImmutableAndOtherFilesRevalidate) {
  auto files = Dist();
  HttpResponse js = Get(*files, "/assets/app-abc.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log('app')");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(js.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(js.Header("Content-Security-Policy"), "");  // HTML only
  EXPECT_EQ(js.Header("Content-Encoding"), "");
  HttpResponse icon = Get(*files, "/favicon.ico");
  EXPECT_EQ(icon.content_type, "image/x-icon");
  EXPECT_EQ(icon.Header("Cache-Control"), "no-cache");
  HttpResponse lonely = Get(*files, "/backup.gz", "gzip");
  EXPECT_EQ(lonely.body, "lonely gzip");
  EXPECT_EQ(lonely.Header("Content-Encoding"), "");
}

TEST(StaticFilesTest, NegotiatesEncodingsWithQualities) {
  auto files = Dist();
  auto encoding_for = [&](std::string accept) {
    HttpResponse r = Get(*files, "/assets/app-abc.js", std::move(accept));
    std::string encoding(r.Header("Content-Encoding"));
    EXPECT_EQ(r.body, encoding == "br"     ? "br-app"
                      : encoding == "gzip" ? "gz-app"
                                           : "console.log('app')");
    return encoding;
  };
  EXPECT_EQ(encoding_for("gzip, deflate, br, zstd"), "br");
  EXPECT_EQ(encoding_for("gzip"), "gzip");
  EXPECT_EQ(encoding_for("x-gzip"), "gzip");
  EXPECT_EQ(encoding_for("br;q=0.5, gzip"), "gzip");
  EXPECT_EQ(encoding_for("br;q=0.5, gzip;q=0.5"), "br");  // a tie goes to br
  EXPECT_EQ(encoding_for("br;q=0, gzip"), "gzip");
  EXPECT_EQ(encoding_for("br;q=0, gzip;q=0"), "");
  EXPECT_EQ(encoding_for("*"), "br");
  EXPECT_EQ(encoding_for("*;q=0"), "");
  EXPECT_EQ(encoding_for("identity"), "");
  EXPECT_EQ(encoding_for("gzip;q=0.4, identity;q=0.9"), "");
  EXPECT_EQ(encoding_for("gzip;q=0.9, identity;q=0.4"), "gzip");
  EXPECT_EQ(encoding_for("deflate"), "");
  EXPECT_EQ(encoding_for(""), "");
  // No encoded sibling: identity whatever is asked.
  EXPECT_EQ(Get(*files, "/assets/logo-1f.png", "br, gzip").Header("Content-Encoding"), "");
}

TEST(StaticFilesTest, StrongEtagPerRepresentationAndNotModified) {
  auto files = Dist();
  HttpResponse br = Get(*files, "/assets/app-abc.js", "br");
  HttpResponse gzip = Get(*files, "/assets/app-abc.js", "gzip");
  HttpResponse plain = Get(*files, "/assets/app-abc.js");
  std::string etag(br.Header("ETag"));
  ASSERT_GE(etag.size(), 3u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');
  EXPECT_NE(etag, gzip.Header("ETag"));
  EXPECT_NE(etag, plain.Header("ETag"));
  EXPECT_EQ(etag, Get(*files, "/assets/app-abc.js", "br").Header("ETag"));  // stable

  for (const std::string& header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    HttpResponse cached = Get(*files, "/assets/app-abc.js", "br", header);
    EXPECT_EQ(cached.status, 304) << header;
    EXPECT_TRUE(cached.body.empty());
    EXPECT_EQ(cached.Header("ETag"), etag);
    EXPECT_EQ(cached.Header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(cached.Header("Vary"), "Accept-Encoding");
  }
  // The br tag does not validate the gzip representation.
  EXPECT_EQ(Get(*files, "/assets/app-abc.js", "gzip", etag).status, 200);
  EXPECT_EQ(Get(*files, "/assets/app-abc.js", "br", "\"other\"").status, 200);
}

TEST(StaticFilesTest, MissingFilesAndBadPathsAreJsonErrors) {
  auto files = Dist();
  HttpResponse missing = Get(*files, "/assets/gone-123.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("\"not_found\""), std::string::npos);
  EXPECT_EQ(missing.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Get(*files, "/robots.txt").status, 404);
  EXPECT_EQ(Get(*files, "/.env").status, 404);
  for (std::string bad :
       {std::string("/../etc/passwd"), std::string("/assets/../index.html"),
        std::string("/assets/./app-abc.js"), std::string("/a/.."),
        std::string("/assets\\..\\index.html"), std::string("/a\0b", 4), std::string("/tickets\n5"),
        std::string("//etc/passwd"), std::string("relative"), "/" + std::string(2000, 'a')}) {
    HttpResponse r = Get(*files, bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("\"invalid_argument\""), std::string::npos) << bad;
    EXPECT_EQ(r.content_type, kJsonContentType);
  }
}

TEST(StaticFilesTest, RefusesTablesWithoutIndexOrPastLimits) {
  auto no_index = StaticFiles::FromMemory({{"assets/app.js", "x"}});
  ASSERT_FALSE(no_index.ok());
  EXPECT_EQ(no_index.error().code, ErrorCode::kNotFound);
  StaticFilesLimits limits;
  limits.max_files = 2;
  auto too_many =
      StaticFiles::FromMemory({{"index.html", "i"}, {"a.js", "a"}, {"b.js", "b"}}, limits);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, ErrorCode::kInvalidArgument);
  limits = {};
  limits.max_total_bytes = 10;
  auto too_big = StaticFiles::FromMemory({{"index.html", std::string(11, 'x')}}, limits);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().code, ErrorCode::kInvalidArgument);
}

TEST(StaticFilesTest, HandlerWithoutFilesExplainsWhatIsMissing) {
  Handler handler = StaticFilesHandler(nullptr, "web console not built");
  HttpRequest request;
  request.path = "/";
  HttpResponse response = handler(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("web console not built"), std::string::npos);
  Handler serving = StaticFilesHandler(Dist(), "unused");
  EXPECT_EQ(serving(request).body, kIndex);
}

class StaticFilesLoadTest : public ::testing::Test {
 protected:
  StaticFilesLoadTest() {
    std::random_device rd;
    base_ = fs::temp_directory_path() / ("kefu-static-" + std::to_string(rd()));
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / ".vite");
  }
  ~StaticFilesLoadTest() override { fs::remove_all(base_); }

  void Write(const fs::path& path, std::string_view content) {
    std::ofstream(path, std::ios::binary) << content;
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesLoadTest, ReadsTheTreeOnceAndSkipsHiddenFilesAndEscapingLinks) {
  Write(root_ / "index.html", kIndex);
  Write(root_ / "assets" / "app-9z.js", "app");
  Write(root_ / "assets" / "app-9z.js.gz", "gz");
  Write(root_ / ".vite" / "manifest.json", "{}");
  Write(root_ / ".env", "SECRET=1");
  Write(base_ / "secret.txt", "outside");
  fs::create_symlink(base_ / "secret.txt", root_ / "assets" / "leak.txt");
  fs::create_symlink(root_ / "assets" / "app-9z.js", root_ / "assets" / "alias.js");
  fs::create_directory_symlink(base_, root_ / "up");

  auto files = StaticFiles::Load(root_);
  ASSERT_TRUE(files.ok()) << files.error().message;
  fs::remove_all(root_);  // served from memory from now on
  EXPECT_EQ(Get(**files, "/").body, kIndex);
  EXPECT_EQ(Get(**files, "/assets/app-9z.js", "gzip").body, "gz");
  EXPECT_EQ(Get(**files, "/assets/alias.js").body, "app");
  EXPECT_EQ(Get(**files, "/assets/leak.txt").status, 404);
  EXPECT_EQ(Get(**files, "/up/secret.txt").status, 404);
  EXPECT_EQ(Get(**files, "/.env").status, 404);
  EXPECT_EQ(Get(**files, "/.vite/manifest.json").status, 404);
  EXPECT_EQ((*files)->file_count(), 3u);
}

TEST_F(StaticFilesLoadTest, MissingRootOrIndexIsNotFound) {
  auto missing = StaticFiles::Load(base_ / "nowhere");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto empty = StaticFiles::Load(root_);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kNotFound);
  EXPECT_NE(empty.error().message.find("index.html"), std::string::npos);
}

}  // namespace
}  // namespace kefu::net
