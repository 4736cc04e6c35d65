#pragma once

namespace kefu::storage::sqlite {

// The name of an SQLite VFS that behaves like the default one except that writes to a
// write-ahead log are gathered in memory and reach the file in one system call.
//
// Why: SQLite writes every WAL frame as two pwrite calls (header, page). A group commit
// of a few dozen tickets appends ~150 frames, so the writer thread made ~300 system
// calls per commit, each costly in this VM. Gathered, a commit costs one pwrite and the
// fsync.
//
// Safety: SQLite treats a write as durable only after the file's xSync, and nothing can
// see WAL frames before the commit that syncs them updates the shared WAL index. The
// buffer is written out before every xSync, xRead, xTruncate, xFileSize, file control
// and xClose, so everything SQLite (or another connection, via the WAL index) may
// observe is on the file. This holds only when every commit syncs the log, i.e.
// PRAGMA synchronous=FULL in WAL mode: with NORMAL, commits do not sync, so Connection
// uses this VFS only for full-sync writers.
inline constexpr const char* kWalWriteVfsName = "kefu-wal-gather";

// Registers the VFS (not as the default). Idempotent and thread-safe. Returns false if
// SQLite has no default VFS to wrap or registration failed; then open with the default.
bool RegisterWalWriteVfs();

}  // namespace kefu::storage::sqlite
