#include "kefu/app/web_console.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace kefu::app {
namespace {

namespace fs = std::filesystem;

class WebConsoleLookupTest : public ::testing::Test {
 protected:
  WebConsoleLookupTest() {
    std::random_device rd;
    base_ = fs::temp_directory_path() / ("kefu-web-" + std::to_string(rd()));
    fs::create_directories(base_ / "repo" / "build" / "bin");
    fs::create_directories(base_ / "elsewhere");
  }
  ~WebConsoleLookupTest() override { fs::remove_all(base_); }

  void MakeDist(const fs::path& dir, const std::string& marker) {
    fs::create_directories(dir);
    std::ofstream(dir / "index.html") << marker;
  }
  fs::path Exe() const { return base_ / "repo" / "build" / "bin" / "kefu"; }

  static std::string IndexOf(const net::StaticFiles& files) {
    net::HttpRequest request;
    request.path = "/";
    return files.Serve(request).body;
  }

  fs::path base_;
};

TEST_F(WebConsoleLookupTest, CandidatesInOrder) {
  auto defaults = WebConsoleCandidates("", "/srv/kefu", "/opt/kefu/build/bin/kefu");
  ASSERT_EQ(defaults.size(), 2u);
  EXPECT_EQ(defaults[0], fs::path("/srv/kefu/web/dist"));
  EXPECT_EQ(defaults[1], fs::path("/opt/kefu/web/dist"));
  auto configured = WebConsoleCandidates("ui/dist", "/srv/kefu", "/opt/kefu/build/bin/kefu");
  ASSERT_EQ(configured.size(), 1u);
  EXPECT_EQ(configured[0], fs::path("/srv/kefu/ui/dist"));
  EXPECT_EQ(WebConsoleCandidates("/abs/dist", "/srv", "")[0], fs::path("/abs/dist"));
  EXPECT_EQ(WebConsoleCandidates("", "/srv", "").size(), 1u);
}

TEST_F(WebConsoleLookupTest, PrefersTheWorkingDirectoryThenTheBinary) {
  auto none = LoadWebConsole("", base_ / "elsewhere", Exe());
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(*none, nullptr);

  MakeDist(base_ / "repo" / "web" / "dist", "beside the binary");
  auto by_exe = LoadWebConsole("", base_ / "elsewhere", Exe());
  ASSERT_TRUE(by_exe.ok() && *by_exe);
  EXPECT_EQ(IndexOf(**by_exe), "beside the binary");

  MakeDist(base_ / "elsewhere" / "web" / "dist", "in the working directory");
  auto by_cwd = LoadWebConsole("", base_ / "elsewhere", Exe());
  ASSERT_TRUE(by_cwd.ok() && *by_cwd);
  EXPECT_EQ(IndexOf(**by_cwd), "in the working directory");
}

TEST_F(WebConsoleLookupTest, ConfiguredRootMustHoldAConsole) {
  auto missing = LoadWebConsole("nowhere", base_, Exe());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.error().message.find("server.web_root"), std::string::npos);
  MakeDist(base_ / "custom", "custom");
  auto custom = LoadWebConsole("custom", base_, Exe());
  ASSERT_TRUE(custom.ok() && *custom);
  EXPECT_EQ(IndexOf(**custom), "custom");
}

}  // namespace
}  // namespace kefu::app
