#include "kefu/storage/sqlite/wal_write_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <vector>

namespace kefu::storage::sqlite {
namespace {

// Writes that continue one another are gathered up to this size; a bigger transaction
// is written out in pieces of this size. A group commit of tickets is ~0.6 MB.
constexpr std::size_t kMaxGathered = 1 << 20;
// The unix VFS masks a write's length with 0x1ffff (writes of 128 KB or more would come
// back short, reported as SQLITE_FULL), so the gathered bytes go out in pieces below that.
constexpr std::size_t kMaxPiece = 0x1f000;

sqlite3_vfs* g_real = nullptr;  // the default VFS, wrapped
sqlite3_vfs g_vfs{};

// A write-ahead log file: our header, then the real VFS's file object.
struct GatherFile {
  sqlite3_file base;  // first: SQLite sees a GatherFile as a sqlite3_file
  std::vector<char>* pending;
  sqlite3_int64 pending_offset;

  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

GatherFile* Cast(sqlite3_file* file) { return reinterpret_cast<GatherFile*>(file); }

int Flush(GatherFile* file) {
  if (file->pending == nullptr || file->pending->empty()) return SQLITE_OK;
  sqlite3_file* real = file->real();
  const std::vector<char>& pending = *file->pending;
  int rc = SQLITE_OK;
  for (std::size_t done = 0; done < pending.size() && rc == SQLITE_OK;) {
    std::size_t piece = std::min(kMaxPiece, pending.size() - done);
    rc = real->pMethods->xWrite(real, pending.data() + done, static_cast<int>(piece),
                                file->pending_offset + static_cast<sqlite3_int64>(done));
    done += piece;
  }
  file->pending->clear();  // on failure too: SQLite abandons the transaction
  return rc;
}

int Close(sqlite3_file* f) {
  GatherFile* file = Cast(f);
  int flushed = Flush(file);
  sqlite3_file* real = file->real();
  int rc = real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
  delete file->pending;
  file->pending = nullptr;
  return flushed != SQLITE_OK ? flushed : rc;
}

int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  GatherFile* file = Cast(f);
  if (int rc = Flush(file); rc != SQLITE_OK) return rc;
  return file->real()->pMethods->xRead(file->real(), out, amount, offset);
}

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  GatherFile* file = Cast(f);
  std::vector<char>& pending = *file->pending;
  auto size = static_cast<std::size_t>(amount);
  bool continues = !pending.empty() &&
                   offset == file->pending_offset + static_cast<sqlite3_int64>(pending.size());
  if (!pending.empty() && (!continues || pending.size() + size > kMaxGathered)) {
    if (int rc = Flush(file); rc != SQLITE_OK) return rc;
  }
  if (pending.empty()) file->pending_offset = offset;
  const char* bytes = static_cast<const char*>(data);
  pending.insert(pending.end(), bytes, bytes + size);
  return SQLITE_OK;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  GatherFile* file = Cast(f);
  if (int rc = Flush(file); rc != SQLITE_OK) return rc;
  return file->real()->pMethods->xTruncate(file->real(), size);
}

int Sync(sqlite3_file* f, int flags) {
  GatherFile* file = Cast(f);
  if (int rc = Flush(file); rc != SQLITE_OK) return rc;
  return file->real()->pMethods->xSync(file->real(), flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  GatherFile* file = Cast(f);
  if (int rc = Flush(file); rc != SQLITE_OK) return rc;
  return file->real()->pMethods->xFileSize(file->real(), size);
}

int Lock(sqlite3_file* f, int level) {
  return Cast(f)->real()->pMethods->xLock(Cast(f)->real(), level);
}
int Unlock(sqlite3_file* f, int level) {
  return Cast(f)->real()->pMethods->xUnlock(Cast(f)->real(), level);
}
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Cast(f)->real()->pMethods->xCheckReservedLock(Cast(f)->real(), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  GatherFile* file = Cast(f);
  if (int rc = Flush(file); rc != SQLITE_OK) return rc;
  return file->real()->pMethods->xFileControl(file->real(), op, arg);
}
int SectorSize(sqlite3_file* f) { return Cast(f)->real()->pMethods->xSectorSize(Cast(f)->real()); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Cast(f)->real()->pMethods->xDeviceCharacteristics(Cast(f)->real());
}

// Version 1: a log file is never memory-mapped and has no shared memory of its own
// (the WAL index belongs to the database file, which is opened unwrapped).
const sqlite3_io_methods kGatherMethods = {
    1,
    Close,
    Read,
    Write,
    Truncate,
    Sync,
    FileSize,
    Lock,
    Unlock,
    CheckReservedLock,
    FileControl,
    SectorSize,
    DeviceCharacteristics,
};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    // Every other file is the real VFS's file, in place: our szOsFile is larger.
    return g_real->xOpen(g_real, name, f, flags, out_flags);
  }
  GatherFile* file = Cast(f);
  file->base.pMethods = nullptr;
  file->pending = nullptr;
  file->pending_offset = 0;
  sqlite3_file* real = file->real();
  real->pMethods = nullptr;
  int rc = g_real->xOpen(g_real, name, real, flags, out_flags);
  // SQLite calls xClose whenever pMethods is set, even after a failed open.
  if (real->pMethods == nullptr) return rc;
  file->pending = new (std::nothrow) std::vector<char>();
  if (file->pending == nullptr) {
    real->pMethods->xClose(real);
    return SQLITE_NOMEM;
  }
  file->base.pMethods = &kGatherMethods;
  return rc;
}

// The remaining VFS calls go to the real VFS with the real VFS as their first argument
// (the unix VFS reads its own pAppData).
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_real->xDelete(g_real, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real->xAccess(g_real, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return g_real->xFullPathname(g_real, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void DlError(sqlite3_vfs*, int size, char* out) { g_real->xDlError(g_real, size, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_real->xDlSym(g_real, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { g_real->xDlClose(g_real, handle); }
int Randomness(sqlite3_vfs*, int size, char* out) { return g_real->xRandomness(g_real, size, out); }
int Sleep(sqlite3_vfs*, int micros) { return g_real->xSleep(g_real, micros); }
int CurrentTime(sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); }
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return g_real->xGetLastError(g_real, size, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_real->xCurrentTimeInt64(g_real, out);
}

}  // namespace

bool RegisterWalWriteVfs() {
  static std::once_flag once;
  static bool registered = false;
  std::call_once(once, [] {
    g_real = sqlite3_vfs_find(nullptr);
    if (g_real == nullptr || g_real->iVersion < 2) return;
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(GatherFile)) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = kWalWriteVfsName;
    g_vfs.xOpen = Open;
    g_vfs.xDelete = Delete;
    g_vfs.xAccess = Access;
    g_vfs.xFullPathname = FullPathname;
    g_vfs.xDlOpen = DlOpen;
    g_vfs.xDlError = DlError;
    g_vfs.xDlSym = DlSym;
    g_vfs.xDlClose = DlClose;
    g_vfs.xRandomness = Randomness;
    g_vfs.xSleep = Sleep;
    g_vfs.xCurrentTime = CurrentTime;
    g_vfs.xGetLastError = GetLastError;
    g_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    registered = sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK;
  });
  return registered;
}

}  // namespace kefu::storage::sqlite
