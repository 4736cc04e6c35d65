#include "kefu/auth/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "kefu/auth/sodium_util.h"

namespace kefu::auth {
namespace {

static_assert(SecretBox::kKeyBytes == crypto_secretbox_KEYBYTES);

constexpr std::string_view kVersionPrefix = "v1:";
constexpr mode_t kKeyFileMode = 0600;
constexpr mode_t kGroupOtherBits = 0077;
constexpr std::size_t kOverheadBytes = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;

// Closes a file descriptor on scope exit.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

std::string Describe(const std::filesystem::path& path, std::string_view what) {
  return "secret key file \"" + path.string() + "\": " + std::string(what);
}

Error IoError(const std::filesystem::path& path, std::string_view action, int err) {
  return Internal(Describe(path, std::string(action) + ": " + std::strerror(err)));
}

// Writes all of `bytes`, retrying on EINTR and short writes.
bool WriteAll(int fd, std::span<const unsigned char> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

// Creates the key file with O_EXCL. Returns EEXIST if another process won the race.
int CreateKeyFile(const std::filesystem::path& path,
                  const std::array<unsigned char, SecretBox::kKeyBytes>& key) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kKeyFileMode);
  if (fd < 0) return errno;
  FdCloser closer(fd);
  if (!WriteAll(fd, key) || ::fsync(fd) != 0) {
    const int err = errno != 0 ? errno : EIO;
    ::unlink(path.c_str());
    return err;
  }
  return 0;
}

Result<std::array<unsigned char, SecretBox::kKeyBytes>> ReadKeyFile(
    const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(path, "cannot open", errno);
  FdCloser closer(fd);
  struct stat info {};
  if (::fstat(fd, &info) != 0) return IoError(path, "cannot stat", errno);
  if (!S_ISREG(info.st_mode)) return InvalidArgument(Describe(path, "is not a regular file"));
  if ((info.st_mode & kGroupOtherBits) != 0) {
    return InvalidArgument(Describe(path, "must not be accessible by group or others (chmod 600)"));
  }
  if (info.st_size != static_cast<off_t>(SecretBox::kKeyBytes)) {
    return InvalidArgument(Describe(path, "must hold exactly 32 bytes"));
  }
  std::array<unsigned char, SecretBox::kKeyBytes> key{};
  std::size_t filled = 0;
  while (filled < key.size()) {
    const ssize_t n = ::read(fd, key.data() + filled, key.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(path, "cannot read", errno);
    if (n == 0) return InvalidArgument(Describe(path, "must hold exactly 32 bytes"));
    filled += static_cast<std::size_t>(n);
  }
  return key;
}

}  // namespace

Result<SecretBox> SecretBox::LoadOrCreateKey(const std::filesystem::path& key_file) {
  internal::EnsureSodiumInitialized();
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec)) {
    if (key_file.has_parent_path()) {
      std::filesystem::create_directories(key_file.parent_path(), ec);
      if (ec) return IoError(key_file, "cannot create its directory", ec.value());
    }
    std::array<unsigned char, kKeyBytes> key{};
    randombytes_buf(key.data(), key.size());
    const int err = CreateKeyFile(key_file, key);
    if (err == 0) {
      SecretBox box(key);
      sodium_memzero(key.data(), key.size());
      return box;
    }
    sodium_memzero(key.data(), key.size());
    if (err != EEXIST) return IoError(key_file, "cannot create", err);
  }
  auto key = ReadKeyFile(key_file);
  if (!key.ok()) return std::move(key).error();
  SecretBox box(*key);
  sodium_memzero(key->data(), key->size());
  return box;
}

SecretBox SecretBox::FromKeyBytes(std::span<const unsigned char, kKeyBytes> key) {
  internal::EnsureSodiumInitialized();
  return SecretBox(key);
}

SecretBox::SecretBox(std::span<const unsigned char, kKeyBytes> key) {
  std::copy(key.begin(), key.end(), key_.begin());
}

SecretBox::~SecretBox() { sodium_memzero(key_.data(), key_.size()); }

SecretBox::SecretBox(SecretBox&& other) noexcept : key_(other.key_) {
  sodium_memzero(other.key_.data(), other.key_.size());
}

SecretBox& SecretBox::operator=(SecretBox&& other) noexcept {
  if (this != &other) {
    key_ = other.key_;
    sodium_memzero(other.key_.data(), other.key_.size());
  }
  return *this;
}

std::string SecretBox::Seal(std::string_view plaintext) const {
  std::vector<unsigned char> box(kOverheadBytes + plaintext.size());
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, key_.data());
  std::string sealed(kVersionPrefix);
  sealed.append(internal::Base64Encode(box, internal::Base64Variant::kStandard));
  return sealed;
}

Result<std::string> SecretBox::Open(std::string_view sealed) const {
  if (!IsSealed(sealed)) return InvalidArgument("sealed secret: unknown format or version");
  const std::string_view encoded = sealed.substr(kVersionPrefix.size());
  std::vector<unsigned char> box(encoded.size() / 4 * 3 + 3);
  const auto size = internal::Base64Decode(encoded, box, internal::Base64Variant::kStandard);
  if (!size) return InvalidArgument("sealed secret: bad base64");
  if (*size < kOverheadBytes) return InvalidArgument("sealed secret: too short");
  const unsigned char* nonce = box.data();
  const unsigned char* ciphertext = box.data() + crypto_secretbox_NONCEBYTES;
  const std::size_t ciphertext_size = *size - crypto_secretbox_NONCEBYTES;
  std::string plaintext(ciphertext_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()), ciphertext,
                                 ciphertext_size, nonce, key_.data()) != 0) {
    return Internal("sealed secret: authentication failed (wrong key or corrupted data)");
  }
  return plaintext;
}

bool SecretBox::IsSealed(std::string_view value) { return value.starts_with(kVersionPrefix); }

}  // namespace kefu::auth
