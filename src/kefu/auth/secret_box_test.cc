#include "kefu/auth/secret_box.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace kefu::auth {
namespace {

namespace fs = std::filesystem;

std::array<unsigned char, SecretBox::kKeyBytes> TestKey(unsigned char fill) {
  std::array<unsigned char, SecretBox::kKeyBytes> key{};
  key.fill(fill);
  return key;
}

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("kefu_secret_box_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& Path() const { return path_; }

 private:
  fs::path path_;
};

TEST(SecretBoxTest, RoundTrip) {
  const SecretBox box = SecretBox::FromKeyBytes(TestKey(7));
  const std::vector<std::string> plaintexts = {"", "hunter2", std::string(10000, 'x'),
                                               std::string("nul\0inside", 10)};
  for (const std::string& plaintext : plaintexts) {
    const std::string sealed = box.Seal(plaintext);
    EXPECT_TRUE(sealed.starts_with("v1:")) << sealed;
    EXPECT_TRUE(SecretBox::IsSealed(sealed));
    auto opened = box.Open(sealed);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(SecretBoxTest, SealingTwiceDiffers) {
  const SecretBox box = SecretBox::FromKeyBytes(TestKey(7));
  EXPECT_NE(box.Seal("same"), box.Seal("same"));
}

TEST(SecretBoxTest, TamperingIsDetected) {
  const SecretBox box = SecretBox::FromKeyBytes(TestKey(7));
  const std::string sealed = box.Seal("mailbox password");
  for (std::size_t i = 3; i < sealed.size() - 2; ++i) {  // last chars may be padding
    std::string tampered = sealed;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    auto opened = box.Open(tampered);
    EXPECT_FALSE(opened.ok()) << i;
  }
  auto wrong_key = SecretBox::FromKeyBytes(TestKey(8)).Open(sealed);
  ASSERT_FALSE(wrong_key.ok());
  EXPECT_EQ(wrong_key.error().code, ErrorCode::kInternal);
}

TEST(SecretBoxTest, MalformedInputIsRejected) {
  const SecretBox box = SecretBox::FromKeyBytes(TestKey(7));
  for (std::string_view bad : {"", "plain text", "v2:AAAA", "v1:", "v1:!!!!", "v1:AAAA",
                               "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="}) {
    auto opened = box.Open(bad);
    ASSERT_FALSE(opened.ok()) << bad;
    EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(SecretBoxTest, KeyFileIsCreatedWith0600AndReused) {
  TempDir dir;
  const fs::path key_file = dir.Path() / "keys" / "secret.key";
  auto created = SecretBox::LoadOrCreateKey(key_file);
  ASSERT_TRUE(created.ok()) << created.error().message;
  struct stat info {};
  ASSERT_EQ(::stat(key_file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(info.st_size, 32);

  const std::string sealed = created->Seal("imap password");
  auto loaded = SecretBox::LoadOrCreateKey(key_file);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  auto opened = loaded->Open(sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "imap password");
}

TEST(SecretBoxTest, BadKeyFilesAreRejected) {
  TempDir dir;
  const fs::path short_key = dir.Path() / "short.key";
  { std::ofstream(short_key) << "too short"; }
  fs::permissions(short_key, fs::perms::owner_read | fs::perms::owner_write);
  auto short_result = SecretBox::LoadOrCreateKey(short_key);
  ASSERT_FALSE(short_result.ok());
  EXPECT_NE(short_result.error().message.find("32 bytes"), std::string::npos);

  const fs::path open_key = dir.Path() / "open.key";
  { std::ofstream(open_key) << std::string(32, 'k'); }
  fs::permissions(open_key, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
  auto open_result = SecretBox::LoadOrCreateKey(open_key);
  ASSERT_FALSE(open_result.ok());
  EXPECT_NE(open_result.error().message.find("chmod 600"), std::string::npos);

  auto dir_result = SecretBox::LoadOrCreateKey(dir.Path());
  EXPECT_FALSE(dir_result.ok());
}

TEST(SecretBoxTest, MovedFromBoxIsWiped) {
  SecretBox first = SecretBox::FromKeyBytes(TestKey(7));
  const std::string sealed = first.Seal("x");
  SecretBox second = std::move(first);
  EXPECT_TRUE(second.Open(sealed).ok());
  EXPECT_FALSE(first.Open(sealed).ok());  // NOLINT(bugprone-use-after-move): key is zeros
}

}  // namespace
}  // namespace kefu::auth
