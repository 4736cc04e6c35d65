#include "kefu/storage/sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "kefu/metrics/metrics.h"
#include "kefu/storage/sqlite/migrations.h"
#include "kefu/storage/sqlite/sqlite_tx.h"

namespace kefu::storage::sqlite {
namespace {

// Database timings for /metrics; families are created once, recording is lock-free.
struct DbMetrics {
  metrics::Histogram& read = metrics::DefaultRegistry().Histogram(
      "kefu_db_transaction_seconds", "time spent in database transactions", {{"kind", "read"}});
  metrics::Histogram& write = metrics::DefaultRegistry().Histogram(
      "kefu_db_transaction_seconds", "time spent in database transactions",
      {{"kind", "write_batch"}});
  metrics::Histogram& commit = metrics::DefaultRegistry().Histogram(
      "kefu_db_commit_seconds", "time to COMMIT (and fsync) one group of writes");
  metrics::Histogram& wait = metrics::DefaultRegistry().Histogram(
      "kefu_db_write_wait_seconds", "time a write waits from queueing to durable commit");
  metrics::Counter& writes =
      metrics::DefaultRegistry().Counter("kefu_db_writes_total", "write transactions committed");
  metrics::Counter& commits =
      metrics::DefaultRegistry().Counter("kefu_db_commits_total", "group commits performed");
};

DbMetrics& Metrics() {
  static auto* m = new DbMetrics();
  return *m;
}

using SteadyClock = std::chrono::steady_clock;

// SQLite's allocation statistics take a process-wide mutex on every malloc, which the
// I/O threads then contend for. Nothing reads those statistics, so they are turned off
// (this only works before SQLite initialises, hence the first Open).
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

// A write waiting for its batch. Completion is a mutex and condition variable rather
// than std::binary_semaphore: libstdc++'s semaphore spins with sched_yield before it
// sleeps, and with dozens of writers waiting those yields were ~8% of the server's CPU.
struct SqliteStore::WriteJob {
  const std::function<Status(Tx&)>* fn = nullptr;
  Status result;
  std::vector<std::function<void()>> after_commit;

  // Called by the writer thread; the waiter may destroy the job as soon as it returns.
  void Finish() {
    std::lock_guard lock(mu);
    finished = true;
    cv.notify_one();  // under the lock: the waiter cannot destroy `cv` before this returns
  }
  void AwaitFinish() {
    std::unique_lock lock(mu);
    cv.wait(lock, [this] { return finished; });
  }

 private:
  std::mutex mu;
  std::condition_variable cv;
  bool finished = false;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const StoreOptions& options) {
  ConfigureSqliteOnce();
  std::error_code ec;
  std::filesystem::create_directories(options.file.parent_path(), ec);
  if (ec) {
    return Error(ErrorCode::kUnavailable, "cannot create data directory " +
                                              options.file.parent_path().string() + ": " +
                                              ec.message());
  }
  Connection::Options conn_options;
  conn_options.full_sync = options.full_sync;
  KEFU_ASSIGN_OR_RETURN(auto writer, Connection::Open(options.file, conn_options));
  KEFU_RETURN_IF_ERROR(Migrate(*writer));
  KEFU_ASSIGN_OR_RETURN(auto checkpointer,
                        Checkpointer::Start(options.file, *writer, options.checkpoint_frames));
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(options, std::move(writer), std::move(checkpointer)));
}

SqliteStore::SqliteStore(StoreOptions options, std::unique_ptr<Connection> writer,
                         std::unique_ptr<Checkpointer> checkpointer)
    : options_(std::move(options)),
      writer_conn_(std::move(writer)),
      checkpointer_(std::move(checkpointer)) {
  writer_thread_ = std::thread([this] { WriterLoop(); });
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  writer_cv_.notify_one();
  if (writer_thread_.joinable()) writer_thread_.join();
  checkpointer_.reset();
  {
    std::lock_guard lock(readers_mu_);
    idle_readers_.clear();  // closing them ends their snapshots, so the checkpoint completes
  }
  if (writer_conn_) (void)writer_conn_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

Status SqliteStore::Read(const std::function<Status(Tx&)>& fn) {
  auto started = SteadyClock::now();
  KEFU_ASSIGN_OR_RETURN(auto reader, AcquireReader());
  Connection& conn = *reader->conn;
  // Loaded before BEGIN: the snapshot then holds at least every commit up to `seq`.
  std::uint64_t seq = commit_seq_.load(std::memory_order_acquire);
  if (reader->in_snapshot && reader->snapshot_seq != seq) EndSnapshot(*reader);
  if (!reader->in_snapshot) {
    Status begin = conn.Run("BEGIN");
    if (!begin.ok()) {
      ReleaseReader(std::move(reader));
      return begin;
    }
    reader->in_snapshot = true;
    reader->snapshot_seq = seq;
  }
  Status result;
  {
    SqliteTx tx(conn, options_.ticket_number_prefix, nullptr);
    try {
      result = fn(tx);
    } catch (const std::exception& e) {
      spdlog::error("read transaction threw: {}", e.what());
      result = Internal("internal error");
    }
  }
  // Keep the snapshot only while it is current and nothing went wrong inside it.
  bool keep = commit_seq_.load(std::memory_order_acquire) == reader->snapshot_seq &&
              (result.ok() || result.error().code != ErrorCode::kInternal);
  if (!keep) EndSnapshot(*reader);
  ReleaseReader(std::move(reader));
  Metrics().read.ObserveDuration(SteadyClock::now() - started);
  return result;
}

void SqliteStore::EndSnapshot(Reader& reader) {
  if (!reader.in_snapshot) return;
  reader.in_snapshot = false;
  if (!reader.conn->Run("COMMIT").ok()) (void)reader.conn->Exec("ROLLBACK");
}

void SqliteStore::EndIdleSnapshots() {
  std::lock_guard lock(readers_mu_);
  for (auto& reader : idle_readers_) EndSnapshot(*reader);
}

Status SqliteStore::Write(const std::function<Status(Tx&)>& fn) {
  auto started = SteadyClock::now();
  WriteJob job;
  job.fn = &fn;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Error(ErrorCode::kUnavailable, "server is shutting down");
    queue_.push_back(&job);
  }
  writer_cv_.notify_one();
  job.AwaitFinish();
  Metrics().wait.ObserveDuration(SteadyClock::now() - started);
  for (auto& hook : job.after_commit) hook();
  return std::move(job.result);
}

void SqliteStore::WriterLoop() {
  std::vector<WriteJob*> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      writer_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && static_cast<int>(batch.size()) < options_.group_commit_max_batch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

void SqliteStore::RunBatch(std::vector<WriteJob*>& batch) {
  Connection& conn = *writer_conn_;
  auto started = SteadyClock::now();
  auto fail_all = [&](const Error& error) {
    for (WriteJob* job : batch) {
      job->result = error;
      job->after_commit.clear();
      job->Finish();
    }
  };
  // After a finished checkpoint the next commit restarts the log, which needs every
  // reader off the old log: idle readers keep their snapshot, so they let go of it here.
  if (checkpointer_->FinishOnWriter()) EndIdleSnapshots();
  Status begin = conn.Run("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    fail_all(begin.error());
    return;
  }
  for (WriteJob* job : batch) {
    Status sp = conn.Run("SAVEPOINT job");
    if (!sp.ok()) {
      job->result = sp;
      continue;
    }
    {
      SqliteTx tx(conn, options_.ticket_number_prefix, &job->after_commit);
      try {
        job->result = (*job->fn)(tx);
      } catch (const std::exception& e) {
        spdlog::error("write transaction threw: {}", e.what());
        job->result = Internal("internal error");
      }
    }
    if (job->result.ok()) {
      job->result = conn.Run("RELEASE job");
    }
    if (!job->result.ok()) {
      (void)conn.Run("ROLLBACK TO job");
      (void)conn.Run("RELEASE job");
      job->after_commit.clear();
    }
  }
  auto commit_started = SteadyClock::now();
  Status commit = conn.Run("COMMIT");
  Metrics().commit.ObserveDuration(SteadyClock::now() - commit_started);
  if (!commit.ok()) {
    (void)conn.Exec("ROLLBACK");
    Error error(ErrorCode::kUnavailable, "could not commit to the database, try again");
    fail_all(error);
    return;
  }
  commit_seq_.fetch_add(1, std::memory_order_acq_rel);
  {
    std::lock_guard lock(mu_);
    committed_writes_ += batch.size();
  }
  EndIdleSnapshots();
  Metrics().commits.Increment();
  Metrics().writes.Increment(batch.size());
  Metrics().write.ObserveDuration(SteadyClock::now() - started);
  for (WriteJob* job : batch) job->Finish();
}

Result<std::unique_ptr<SqliteStore::Reader>> SqliteStore::AcquireReader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  Connection::Options options;
  options.mode = Connection::Mode::kReadOnly;
  KEFU_ASSIGN_OR_RETURN(auto conn, Connection::Open(options_.file, options));
  auto reader = std::make_unique<Reader>();
  reader->conn = std::move(conn);
  return reader;
}

void SqliteStore::ReleaseReader(std::unique_ptr<Reader> reader) {
  reader->last_used = SteadyClock::now();
  std::lock_guard lock(readers_mu_);
  idle_readers_.push_back(std::move(reader));
}

void SqliteStore::ReleaseIdleMemory(SteadyClock::duration idle_for) {
  std::vector<std::unique_ptr<Reader>> closing;
  {
    std::lock_guard lock(readers_mu_);
    auto cutoff = SteadyClock::now() - idle_for;
    // The pool is used last-in first-out, so the least recently used readers come first.
    auto stale = std::find_if(idle_readers_.begin(), idle_readers_.end(),
                              [&](const auto& r) { return r->last_used > cutoff; });
    closing.assign(std::make_move_iterator(idle_readers_.begin()), std::make_move_iterator(stale));
    idle_readers_.erase(idle_readers_.begin(), stale);
  }
  // Destroyed here, outside the lock: closing ends the snapshot and frees the cache.
  closing.clear();
  // The writer's page cache too, when nothing was written since the last call.
  std::uint64_t commits = commit_seq_.load(std::memory_order_acquire);
  if (commits == commits_at_last_trim_) {
    (void)Write([this](Tx&) -> Status {
      sqlite3_db_release_memory(writer_conn_->handle());
      return OkStatus();
    });
  }
  commits_at_last_trim_ = commit_seq_.load(std::memory_order_acquire);
}

Status SqliteStore::BackupTo(const std::filesystem::path& out) {
  KEFU_ASSIGN_OR_RETURN(auto source, AcquireReader());
  EndSnapshot(*source);  // the backup takes its own, current snapshot
  std::filesystem::path tmp = out;
  tmp += ".partial";
  std::filesystem::remove(tmp);
  sqlite3* dest = nullptr;
  if (sqlite3_open(tmp.c_str(), &dest) != SQLITE_OK) {
    sqlite3_close(dest);
    ReleaseReader(std::move(source));
    return Error(ErrorCode::kUnavailable, "cannot create backup file " + tmp.string());
  }
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source->conn->handle(), "main");
  int rc = SQLITE_ERROR;
  if (backup != nullptr) {
    rc = sqlite3_backup_step(backup, -1);  // all pages in one step: one consistent snapshot
    sqlite3_backup_finish(backup);
  }
  std::string message = sqlite3_errmsg(dest);
  sqlite3_close(dest);
  ReleaseReader(std::move(source));
  if (rc != SQLITE_DONE) {
    std::filesystem::remove(tmp);
    return Error(ErrorCode::kInternal, "backup failed: " + message);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, out, ec);
  if (ec) return Error(ErrorCode::kInternal, "cannot move backup into place: " + ec.message());
  return OkStatus();
}

std::uint64_t SqliteStore::commits() const { return commit_seq_.load(std::memory_order_acquire); }

std::uint64_t SqliteStore::committed_writes() const {
  std::lock_guard lock(mu_);
  return committed_writes_;
}

}  // namespace kefu::storage::sqlite
