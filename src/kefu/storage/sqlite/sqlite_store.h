#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/storage/sqlite/checkpointer.h"
#include "kefu/storage/sqlite/connection.h"
#include "kefu/storage/store.h"

namespace kefu::storage::sqlite {

struct StoreOptions {
  std::filesystem::path file;               // e.g. <data>/kefu.db
  bool full_sync = true;                    // synchronous=FULL: a commit survives power loss
  int group_commit_max_batch = 256;         // most write callbacks sharing one commit
  std::string ticket_number_prefix = "T-";  // new tickets are numbered T-000123
  int checkpoint_frames = 1000;  // WAL size (4 KB frames, so 4 MB) that starts a checkpoint
};

// The SQLite implementation of Store: one writer thread that group-commits queued
// write callbacks, and a pool of read-only connections (WAL lets reads run beside the
// writer). Thread-safe. The destructor drains queued writes, then stops the writer.
//
// Read snapshots are reused: a reader keeps its read transaction open after a Read and
// the next Read on it continues in that snapshot for as long as no commit happened in
// between (this process is the database's only writer, see app/data_lock). The snapshot
// is then identical to a fresh one, so consistency is unchanged, but a read-mostly load
// skips the WAL lock calls of BEGIN/COMMIT. Every commit ends the snapshots of idle
// readers, so none holds back checkpoints.
class SqliteStore final : public Store {
 public:
  // Opens or creates the database and applies migrations.
  static Result<std::unique_ptr<SqliteStore>> Open(const StoreOptions& options);
  ~SqliteStore() override;

  Status Read(const std::function<Status(Tx&)>& fn) override;
  // REQUIRES: not called from inside another Write callback (it would deadlock).
  Status Write(const std::function<Status(Tx&)>& fn) override;

  // Writes a consistent copy of the database to `out` while the store stays usable.
  Status BackupTo(const std::filesystem::path& out);

  // Closes read connections nobody used for `idle_for` (they reopen on demand) and
  // with them their page caches, and empties the writer's cache if nothing was written
  // since the previous call: a server that was busy and is now idle shrinks.
  // REQUIRES: one caller at a time (the periodic trim).
  void ReleaseIdleMemory(std::chrono::steady_clock::duration idle_for);

  // Commits performed and write callbacks they carried, for metrics and benchmarks.
  std::uint64_t commits() const;
  std::uint64_t committed_writes() const;
  // Checkpoints completed by the background checkpointer.
  std::uint64_t background_checkpoints() const { return checkpointer_->background_checkpoints(); }

 private:
  struct WriteJob;
  SqliteStore(StoreOptions options, std::unique_ptr<Connection> writer,
              std::unique_ptr<Checkpointer> checkpointer);
  void WriterLoop();
  void RunBatch(std::vector<WriteJob*>& batch);
  struct Reader {
    std::unique_ptr<Connection> conn;
    bool in_snapshot = false;        // a read transaction is open
    std::uint64_t snapshot_seq = 0;  // commit_seq_ when it began
    std::chrono::steady_clock::time_point last_used;
  };
  Result<std::unique_ptr<Reader>> AcquireReader();
  void ReleaseReader(std::unique_ptr<Reader> reader);
  static void EndSnapshot(Reader& reader);
  // After a commit: ends the now stale snapshots of idle readers.
  void EndIdleSnapshots();

  StoreOptions options_;
  std::unique_ptr<Connection> writer_conn_;
  std::unique_ptr<Checkpointer> checkpointer_;  // hooked into writer_conn_

  mutable std::mutex mu_;
  std::condition_variable writer_cv_;
  std::deque<WriteJob*> queue_;
  bool stopping_ = false;
  std::uint64_t committed_writes_ = 0;

  // Incremented after every commit, before the committed writes are released.
  std::atomic<std::uint64_t> commit_seq_{0};
  std::uint64_t commits_at_last_trim_ = 0;  // used only by ReleaseIdleMemory
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Reader>> idle_readers_;

  std::thread writer_thread_;  // last: starts after everything above is initialised
};

}  // namespace kefu::storage::sqlite
