#include "kefu/storage/sqlite/checkpointer.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <utility>

namespace kefu::storage::sqlite {
namespace {

// Past this many frames the writer checkpoints itself, in case the background thread
// cannot keep up (or is stuck behind a long-running reader).
constexpr int kWriterFallbackFactor = 8;
// The writer finishes a checkpoint only once the frames left over are this few; until
// then the background thread goes round again (each round copies only what is new).
constexpr int kWriterTailFrames = 256;
// A background checkpoint that cannot catch up (the writer outpaces it, or the niced
// thread gets little CPU on a busy machine) hands over after this many rounds anyway.
constexpr int kMaxRoundsBeforeHandOver = 4;
// The fallback warning repeats at most this often while the log stays long.
constexpr auto kFallbackWarningInterval = std::chrono::seconds(60);
constexpr int kCheckpointNice = 10;

}  // namespace

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::filesystem::path& file,
                                                          Connection& writer,
                                                          int threshold_frames) {
  Connection::Options options;  // read-write, synchronous=FULL: the copy is synced
  KEFU_ASSIGN_OR_RETURN(auto own, Connection::Open(file, options));
  return std::unique_ptr<Checkpointer>(new Checkpointer(writer, std::move(own), threshold_frames));
}

Checkpointer::Checkpointer(Connection& writer, std::unique_ptr<Connection> own,
                           int threshold_frames)
    : writer_(writer), conn_(std::move(own)), threshold_frames_(threshold_frames) {
  sqlite3_wal_hook(writer_.handle(), &Checkpointer::OnCommit, this);
  thread_ = std::thread([this] { Loop(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
}

int Checkpointer::OnCommit(void* self, sqlite3* db, const char* schema, int frames) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  if (frames < checkpointer->threshold_frames_) return SQLITE_OK;
  if (frames >= checkpointer->threshold_frames_ * kWriterFallbackFactor) {
    checkpointer->FallBackToWriter(db, schema, frames);
    return SQLITE_OK;
  }
  {
    std::lock_guard lock(checkpointer->mu_);
    // Not while the writer's share is pending either: the two would collide (SQLITE_BUSY).
    if (checkpointer->running_ || checkpointer->wanted_ ||
        checkpointer->finish_wanted_.load(std::memory_order_acquire)) {
      return SQLITE_OK;
    }
    checkpointer->wanted_ = true;
  }
  checkpointer->cv_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::FallBackToWriter(sqlite3* db, const char* schema, int frames) {
  ++fallbacks_since_warning_;
  auto now = std::chrono::steady_clock::now();
  if (now - last_fallback_warning_ >= kFallbackWarningInterval) {
    spdlog::warn(
        "write-ahead log at {} frames: the background checkpoint is behind, the writer "
        "takes over ({} times since the last warning)",
        frames, fallbacks_since_warning_);
    last_fallback_warning_ = now;
    fallbacks_since_warning_ = 0;
  }
  {
    std::lock_guard lock(mu_);
    if (running_) {
      // Its checkpoint lock would make ours fail (SQLITE_BUSY): let it hand over as soon
      // as its round ends instead of going round again.
      hurry_ = true;
      return;
    }
  }
  (void)sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  // The next transaction may restart the log once idle readers let go of it.
  finish_wanted_.store(true, std::memory_order_release);
}

bool Checkpointer::FinishOnWriter() {
  if (!finish_wanted_.exchange(false, std::memory_order_acq_rel)) return false;
  // Only the frames appended during the background run are left to copy.
  int rc = sqlite3_wal_checkpoint_v2(writer_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                     nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    spdlog::warn("checkpoint on the writer failed: {}", sqlite3_errstr(rc));
  }
  return true;
}

void Checkpointer::Loop() {
  // Copying tens of megabytes is work that can wait a little: at a lower priority it
  // fills idle time instead of taking a core away from requests in flight.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kCheckpointNice);
  int backfilled_before = 0;  // frames already copied when this round began
  int rounds = 0;             // since the last hand-over
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || wanted_; });
      if (stopping_) return;
      wanted_ = false;
      running_ = true;
    }
    int log_frames = 0;
    int backfilled = 0;
    int rc = sqlite3_wal_checkpoint_v2(conn_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                       &log_frames, &backfilled);
    bool again = false;
    if (rc == SQLITE_OK) {
      background_runs_.fetch_add(1, std::memory_order_relaxed);
      // The writer's share is what arrives while this round ran, so hand over only after
      // a short round: one that had little left to copy and left little behind. After a
      // long round another one goes first.
      bool short_round = backfilled - backfilled_before <= kWriterTailFrames;
      backfilled_before = backfilled;
      bool hurry = false;
      {
        std::lock_guard lock(mu_);
        hurry = std::exchange(hurry_, false);
      }
      if (hurry || ++rounds >= kMaxRoundsBeforeHandOver ||
          (short_round && log_frames - backfilled <= kWriterTailFrames)) {
        rounds = 0;
        // No round starts before the writer has taken its share, after which the log
        // starts over: the next round counts from its start.
        backfilled_before = 0;
        finish_wanted_.store(true, std::memory_order_release);
      } else {
        again = true;
      }
    } else if (rc != SQLITE_BUSY) {
      spdlog::warn("background checkpoint failed: {}", sqlite3_errstr(rc));
    }
    std::lock_guard lock(mu_);
    running_ = false;
    wanted_ = wanted_ || again;
  }
}

}  // namespace kefu::storage::sqlite
