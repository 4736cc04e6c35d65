#pragma once

#include "kefu/service/attachment_service.h"
#include "kefu/service/auth_service.h"
#include "kefu/service/customer_service.h"
#include "kefu/service/faq_service.h"
#include "kefu/service/org_service.h"
#include "kefu/service/stats_service.h"
#include "kefu/service/ticket_service.h"

namespace kefu::api {

// The services the REST handlers call. Owned by app/; outlive the router.
struct ApiDeps {
  service::AuthService& auth;
  service::OrgService& org;
  service::CustomerService& customers;
  service::TicketService& tickets;
  service::AttachmentService& attachments;
  service::StatsService& stats;
  service::FaqService& faqs;
};

}  // namespace kefu::api
