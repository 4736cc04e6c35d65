#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kefu/storage/sqlite/repos.h"
#include "kefu/storage/store.h"

namespace kefu::storage::sqlite {

// A transaction on one connection; built on the stack for the span of one callback.
class SqliteTx final : public Tx {
 public:
  // `after_commit` collects hooks for write transactions; null for reads.
  SqliteTx(Connection& conn, const std::string& number_prefix,
           std::vector<std::function<void()>>* after_commit)
      : tickets_(conn, number_prefix),
        customers_(conn),
        users_(conn),
        org_(conn),
        auth_(conn),
        events_(conn),
        audit_(conn),
        attachments_(conn),
        stats_(conn),
        faqs_(conn),
        after_commit_(after_commit) {}

  TicketRepo& tickets() override { return tickets_; }
  CustomerRepo& customers() override { return customers_; }
  UserRepo& users() override { return users_; }
  OrgRepo& org() override { return org_; }
  AuthRepo& auth() override { return auth_; }
  EventRepo& events() override { return events_; }
  AuditRepo& audit() override { return audit_; }
  AttachmentRepo& attachments() override { return attachments_; }
  StatsRepo& stats() override { return stats_; }
  FaqRepo& faqs() override { return faqs_; }
  void AfterCommit(std::function<void()> fn) override {
    if (after_commit_ != nullptr) after_commit_->push_back(std::move(fn));
  }

 private:
  SqliteTicketRepo tickets_;
  SqliteCustomerRepo customers_;
  SqliteUserRepo users_;
  SqliteOrgRepo org_;
  SqliteAuthRepo auth_;
  SqliteEventRepo events_;
  SqliteAuditRepo audit_;
  SqliteAttachmentRepo attachments_;
  SqliteStatsRepo stats_;
  SqliteFaqRepo faqs_;
  std::vector<std::function<void()>>* after_commit_;
};

}  // namespace kefu::storage::sqlite
