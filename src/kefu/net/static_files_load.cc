// StaticFiles::Load: reads a built web app from disk into memory, once, at start-up.
#include <spdlog/spdlog.h>

#include <fstream>

#include "kefu/common/error.h"
#include "kefu/net/static_files.h"

namespace kefu::net {
namespace {

namespace fs = std::filesystem;

// True if `path` (absolute, canonical) lies inside `root` (absolute, canonical).
bool IsInside(const fs::path& path, const fs::path& root) {
  fs::path relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != ".." && !relative.is_absolute();
}

Result<std::string> ReadWhole(const fs::path& file, std::uintmax_t size) {
  std::ifstream in(file, std::ios::binary);
  std::string content(static_cast<std::size_t>(size), '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (!in || in.gcount() != static_cast<std::streamsize>(content.size())) {
    return Internal("cannot read " + file.string());
  }
  return content;
}

}  // namespace

Result<std::shared_ptr<const StaticFiles>> StaticFiles::Load(const fs::path& root,
                                                             const StaticFilesLimits& limits) {
  std::error_code ec;
  fs::path base = fs::canonical(root, ec);
  if (ec || !fs::is_directory(base, ec)) {
    return NotFound("the web root " + root.string() + " is not a directory");
  }
  std::map<std::string, std::string> files;
  std::size_t total = 0;
  fs::recursive_directory_iterator it(base, fs::directory_options::none, ec);
  if (ec) return Internal("cannot list " + base.string() + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Internal("cannot list " + base.string() + ": " + ec.message());
    const fs::directory_entry& entry = *it;
    std::string name = entry.path().filename().string();
    if (name.starts_with('.')) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    fs::path source = entry.path();
    if (entry.is_symlink(ec)) {
      fs::path target = fs::canonical(entry.path(), ec);
      if (ec || !IsInside(target, base) || !fs::is_regular_file(target, ec)) {
        spdlog::warn("web root: skipping {}: a link to a directory or outside {}",
                     entry.path().string(), base.string());
        continue;
      }
      source = target;
    } else if (!entry.is_regular_file(ec)) {
      continue;  // directories are walked; sockets, FIFOs and devices are not content
    }
    if (files.size() >= limits.max_files) {
      return InvalidArgument("the web root " + base.string() + " holds more than " +
                             std::to_string(limits.max_files) + " files");
    }
    std::uintmax_t size = fs::file_size(source, ec);
    if (ec) return Internal("cannot stat " + source.string() + ": " + ec.message());
    total += static_cast<std::size_t>(size);
    if (total > limits.max_total_bytes) {
      return InvalidArgument("the web root " + base.string() + " holds more than " +
                             std::to_string(limits.max_total_bytes) + " bytes");
    }
    KEFU_ASSIGN_OR_RETURN(std::string content, ReadWhole(source, size));
    files.emplace(entry.path().lexically_relative(base).generic_string(), std::move(content));
  }
  auto table = FromMemory(std::move(files), limits);
  if (!table.ok() && table.error().code == ErrorCode::kNotFound) {
    return NotFound("the web root " + base.string() + " has no index.html");
  }
  return table;
}

}  // namespace kefu::net
