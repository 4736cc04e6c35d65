#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "kefu/common/result.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/service/context.h"
#include "kefu/storage/records.h"
#include "kefu/storage/store.h"

namespace kefu::service {

struct StoredFile {
  storage::Attachment attachment;
  std::filesystem::path path;  // where the bytes are
};

// Attachments stored content-addressed under <data>/attachments/ab/cd/<sha256>: the same
// file uploaded twice is stored once. The type is sniffed from the bytes (libmagic), not
// taken from the client; executables and scripts are refused. Thread-safe.
class AttachmentService {
 public:
  explicit AttachmentService(ServiceContext& ctx) : ctx_(ctx) {}

  // kPayloadTooLarge over the configured limit, kInvalidArgument for an empty body or a bad
  // file name, kUnsupportedMediaType for a refused type. The file is fsynced before the row
  // is committed, so a stored row always has its bytes.
  Result<storage::Attachment> Store(const domain::Principal& caller, std::string_view bytes,
                                    std::string_view filename);
  // kNotFound unless the caller may see the attachment (see CheckVisible).
  Result<StoredFile> Open(const domain::Principal& caller, domain::Id id);

  // An attachment is visible to whoever uploaded it and to everyone who can view a ticket
  // it is shown on. Anything else is kNotFound, so ids reveal nothing. Also used before
  // a message may reference an attachment: otherwise posting someone else's attachment
  // on one's own ticket would leak it.
  static Status CheckVisible(storage::Tx& tx, const domain::Principal& caller,
                             const storage::Attachment& attachment);

  // The MIME type libmagic sees in `bytes` (thread-safe; one magic handle per thread).
  static std::string SniffType(std::string_view bytes);
  // True for types and file names Kefu refuses to store (executables, scripts, installers).
  static bool IsDangerous(std::string_view mime_type, std::string_view filename);

 private:
  ServiceContext& ctx_;
};

}  // namespace kefu::service
