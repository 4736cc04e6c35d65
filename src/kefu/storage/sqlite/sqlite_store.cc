#include "kefu/storage/sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <semaphore>

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

}  // namespace

struct SqliteStore::WriteJob {
  const std::function<Status(Tx&)>* fn = nullptr;
  Status result;
  std::vector<std::function<void()>> after_commit;
  std::binary_semaphore done{0};
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const StoreOptions& options) {
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
  return std::unique_ptr<SqliteStore>(new SqliteStore(options, std::move(writer)));
}

SqliteStore::SqliteStore(StoreOptions options, std::unique_ptr<Connection> writer)
    : options_(std::move(options)), writer_conn_(std::move(writer)) {
  writer_thread_ = std::thread([this] { WriterLoop(); });
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  writer_cv_.notify_one();
  if (writer_thread_.joinable()) writer_thread_.join();
  if (writer_conn_) (void)writer_conn_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

Status SqliteStore::Read(const std::function<Status(Tx&)>& fn) {
  auto started = SteadyClock::now();
  KEFU_ASSIGN_OR_RETURN(auto conn, AcquireReader());
  Status result;
  {
    KEFU_ASSIGN_OR_RETURN(auto begin, conn->Prepare("BEGIN"));
    KEFU_RETURN_IF_ERROR(begin.Run());
  }
  {
    SqliteTx tx(*conn, options_.ticket_number_prefix, nullptr);
    try {
      result = fn(tx);
    } catch (const std::exception& e) {
      spdlog::error("read transaction threw: {}", e.what());
      result = Internal("internal error");
    }
  }
  {
    auto commit = conn->Prepare("COMMIT");
    if (!commit.ok() || !commit->Run().ok()) {
      (void)conn->Exec("ROLLBACK");
    }
  }
  ReleaseReader(std::move(conn));
  Metrics().read.ObserveDuration(SteadyClock::now() - started);
  return result;
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
  job.done.acquire();
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
      job->done.release();
    }
  };
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
  {
    std::lock_guard lock(mu_);
    ++commits_;
    committed_writes_ += batch.size();
  }
  Metrics().commits.Increment();
  Metrics().writes.Increment(batch.size());
  Metrics().write.ObserveDuration(SteadyClock::now() - started);
  for (WriteJob* job : batch) job->done.release();
}

Result<std::unique_ptr<Connection>> SqliteStore::AcquireReader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
  }
  Connection::Options options;
  options.mode = Connection::Mode::kReadOnly;
  return Connection::Open(options_.file, options);
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(readers_mu_);
  idle_readers_.push_back(std::move(conn));
}

Status SqliteStore::BackupTo(const std::filesystem::path& out) {
  KEFU_ASSIGN_OR_RETURN(auto source, AcquireReader());
  std::filesystem::path tmp = out;
  tmp += ".partial";
  std::filesystem::remove(tmp);
  sqlite3* dest = nullptr;
  if (sqlite3_open(tmp.c_str(), &dest) != SQLITE_OK) {
    sqlite3_close(dest);
    ReleaseReader(std::move(source));
    return Error(ErrorCode::kUnavailable, "cannot create backup file " + tmp.string());
  }
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source->handle(), "main");
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

std::uint64_t SqliteStore::commits() const {
  std::lock_guard lock(mu_);
  return commits_;
}

std::uint64_t SqliteStore::committed_writes() const {
  std::lock_guard lock(mu_);
  return committed_writes_;
}

}  // namespace kefu::storage::sqlite
