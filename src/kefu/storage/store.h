#pragma once

#include <functional>

#include "kefu/common/result.h"
#include "kefu/storage/repositories.h"

namespace kefu::storage {

// A transaction: a consistent view (reads) or a unit of change (writes) with access to
// every repository. Valid only inside the callback that received it.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual TicketRepo& tickets() = 0;
  virtual CustomerRepo& customers() = 0;
  virtual UserRepo& users() = 0;
  virtual OrgRepo& org() = 0;
  virtual AuthRepo& auth() = 0;
  virtual EventRepo& events() = 0;
  virtual AuditRepo& audit() = 0;
  virtual AttachmentRepo& attachments() = 0;
  virtual StatsRepo& stats() = 0;
  virtual FaqRepo& faqs() = 0;
  // Runs `fn` after this transaction commits (never if it rolls back).
  // REQUIRES: a write transaction.
  virtual void AfterCommit(std::function<void()> fn) = 0;
};

// The database. Thread-safe: any thread may call Read and Write concurrently.
class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in a read-only snapshot on the calling thread. Returns fn's status.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  // Runs `fn` in a write transaction and blocks until it is durably committed. Writes
  // from many threads are group-committed: several callbacks share one commit, each in
  // its own savepoint, so one callback's failure rolls back only its own changes.
  // Returns fn's status, or kUnavailable if the commit itself failed.
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;
};

}  // namespace kefu::storage
