#include "kefu/service/attachment_service.h"

#include <fcntl.h>
#include <magic.h>
#include <openssl/sha.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "kefu/domain/text.h"

namespace kefu::service {
namespace {

constexpr std::size_t kMaxFilenameBytes = 255;

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Writes `bytes` to `path` durably: temp file, fsync, rename, fsync the directory.
Status WriteDurably(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return Internal("cannot create attachment directory");
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Internal("cannot write attachment");
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n <= 0) {
      ::close(fd);
      std::filesystem::remove(tmp, ec);
      return Internal("cannot write attachment");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Internal("cannot sync attachment");
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Internal("cannot store attachment");
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return OkStatus();
}

}  // namespace

std::string AttachmentService::SniffType(std::string_view bytes) {
  struct Magic {
    magic_t handle = magic_open(MAGIC_MIME_TYPE);
    Magic() {
      if (handle != nullptr && magic_load(handle, nullptr) != 0) {
        magic_close(handle);
        handle = nullptr;
      }
    }
    ~Magic() {
      if (handle != nullptr) magic_close(handle);
    }
  };
  thread_local Magic magic;
  if (magic.handle == nullptr) return "application/octet-stream";
  const char* type = magic_buffer(magic.handle, bytes.data(), bytes.size());
  return type != nullptr ? type : "application/octet-stream";
}

bool AttachmentService::IsDangerous(std::string_view mime_type, std::string_view filename) {
  static constexpr std::array<std::string_view, 12> kTypes = {
      "application/x-executable",  "application/x-dosexec",
      "application/x-sharedlib",   "application/x-pie-executable",
      "application/x-mach-binary", "application/x-msdownload",
      "application/x-msi",         "application/java-archive",
      "text/x-shellscript",        "application/x-sh",
      "application/x-bat",         "text/x-msdos-batch"};
  static constexpr std::array<std::string_view, 17> kExtensions = {
      ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".vbs", ".vbe",
      ".js",  ".jse", ".wsf", ".ps1", ".jar", ".sh",  ".dll", ".lnk"};
  for (auto t : kTypes) {
    if (mime_type == t) return true;
  }
  std::string name = Lower(filename);
  for (auto ext : kExtensions) {
    if (name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

Result<storage::Attachment> AttachmentService::Store(const domain::Principal& caller,
                                                     std::string_view bytes,
                                                     std::string_view filename) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsUpdate));
  if (bytes.empty())
    return InvalidArgument("the file is empty", {{"body", "send the file's bytes"}});
  if (static_cast<std::int64_t>(bytes.size()) > ctx_.settings.attachment_max_bytes) {
    return Error(ErrorCode::kPayloadTooLarge,
                 "attachments are limited to " +
                     std::to_string(ctx_.settings.attachment_max_bytes / (1024 * 1024)) + " MB");
  }
  std::string name(domain::TrimAscii(filename));
  if (name.empty() || name.size() > kMaxFilenameBytes || domain::HasControlChars(name) ||
      name.find('/') != std::string::npos || name.find('\\') != std::string::npos ||
      !domain::Utf8Length(name)) {
    return InvalidArgument("invalid file name",
                           {{"filename", "give a plain file name (no slashes), up to 255 bytes"}});
  }
  std::string type = SniffType(bytes);
  if (IsDangerous(type, name)) {
    return Error(ErrorCode::kUnsupportedMediaType,
                 "files of this type (" + type + ") are not accepted for security reasons");
  }
  storage::Attachment a;
  a.sha256 = Sha256Hex(bytes);
  a.size = static_cast<std::int64_t>(bytes.size());
  a.content_type = type;
  a.filename = name;
  a.uploaded_by = caller.user_id;
  a.created_at = ctx_.clock.NowMs();
  std::filesystem::path path =
      ctx_.settings.attachments_dir / a.sha256.substr(0, 2) / a.sha256.substr(2, 2) / a.sha256;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) KEFU_RETURN_IF_ERROR(WriteDurably(path, bytes));
  KEFU_RETURN_IF_ERROR(
      ctx_.store.Write([&](storage::Tx& tx) { return tx.attachments().Insert(a); }));
  return a;
}

Status AttachmentService::CheckVisible(storage::Tx& tx, const domain::Principal& caller,
                                       const storage::Attachment& attachment) {
  if (attachment.uploaded_by == caller.user_id) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(auto tickets, tx.attachments().TicketsOf(attachment.id));
  for (domain::Id ticket_id : tickets) {
    auto ticket = tx.tickets().Get(ticket_id);
    if (ticket.ok() && domain::CanViewTicket(caller, *ticket)) return OkStatus();
  }
  return NotFound("attachment " + std::to_string(attachment.id) + " not found");
}

Result<StoredFile> AttachmentService::Open(const domain::Principal& caller, domain::Id id) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kTicketsRead));
  StoredFile file;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(file.attachment, tx.attachments().Get(id));
    return CheckVisible(tx, caller, file.attachment);
  }));
  const auto& sha = file.attachment.sha256;
  file.path = ctx_.settings.attachments_dir / sha.substr(0, 2) / sha.substr(2, 2) / sha;
  return file;
}

}  // namespace kefu::service
