#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "kefu/common/result.h"
#include "kefu/storage/sqlite/connection.h"

namespace kefu::storage::sqlite {

// Copies the write-ahead log back into the database file on its own thread and
// connection, so that the writer does not stall for it. SQLite's automatic checkpoint
// runs inside the COMMIT that crosses the threshold: thousands of page copies plus an
// fsync of the database, during which every queued write waits (the p99 of ticket
// creation). Here the bulk of that work runs beside the writer; the writer then only
// copies the few frames appended meanwhile (FinishOnWriter), which lets the next
// transaction start the log over.
class Checkpointer {
 public:
  // Installs itself as `writer`'s WAL hook (replacing automatic checkpoints there) and
  // starts the thread. `writer` must outlive the Checkpointer.
  static Result<std::unique_ptr<Checkpointer>> Start(const std::filesystem::path& file,
                                                     Connection& writer, int threshold_frames);
  ~Checkpointer();  // stops the thread and removes the hook
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // REQUIRES: called on the writer thread, outside a transaction. Cheap unless a
  // background checkpoint finished since the last call. Returns true if it checkpointed:
  // the log can then start over, provided no reader still holds an older snapshot.
  bool FinishOnWriter();

  std::uint64_t background_checkpoints() const { return background_runs_.load(); }

 private:
  Checkpointer(Connection& writer, std::unique_ptr<Connection> own, int threshold_frames);
  static int OnCommit(void* self, sqlite3* db, const char* schema, int frames);
  // The log grew far past the threshold: checkpoint on the writer (inside the commit),
  // or make a running background round hand over at once. Warns at most once a minute.
  void FallBackToWriter(sqlite3* db, const char* schema, int frames);
  void Loop();

  Connection& writer_;
  std::unique_ptr<Connection> conn_;  // used only by the checkpoint thread
  const int threshold_frames_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool running_ = false;
  bool stopping_ = false;
  bool hurry_ = false;  // the writer fell back: hand over after the current round
  // Writer thread only.
  std::chrono::steady_clock::time_point last_fallback_warning_{};
  int fallbacks_since_warning_ = 0;
  std::atomic<bool> finish_wanted_{false};
  std::atomic<std::uint64_t> background_runs_{0};
  std::thread thread_;  // last: starts after everything above is initialised
};

}  // namespace kefu::storage::sqlite
