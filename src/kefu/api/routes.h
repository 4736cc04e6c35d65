#pragma once

#include "kefu/api/api_deps.h"
#include "kefu/net/router.h"

namespace kefu::api {

// Registers every /api/v1 route. One function per resource, each in its own file.
void AddAuthRoutes(net::Router& router, ApiDeps& deps);
void AddUserRoutes(net::Router& router, ApiDeps& deps);  // users, roles, permissions
void AddOrgRoutes(net::Router& router, ApiDeps& deps);   // departments, categories, custom fields
void AddCustomerRoutes(net::Router& router, ApiDeps& deps);
void AddTicketRoutes(net::Router& router, ApiDeps& deps);
void AddAttachmentRoutes(net::Router& router, ApiDeps& deps, std::size_t max_upload_bytes);
void AddAdminRoutes(net::Router& router, ApiDeps& deps);  // audit log, API tokens
void AddStatsRoutes(net::Router& router, ApiDeps& deps);  // dashboard figures
void AddFaqRoutes(net::Router& router, ApiDeps& deps);    // the FAQ and its search

inline void AddAllRoutes(net::Router& router, ApiDeps& deps, std::size_t max_upload_bytes) {
  AddAuthRoutes(router, deps);
  AddUserRoutes(router, deps);
  AddOrgRoutes(router, deps);
  AddCustomerRoutes(router, deps);
  AddTicketRoutes(router, deps);
  AddAttachmentRoutes(router, deps, max_upload_bytes);
  AddAdminRoutes(router, deps);
  AddStatsRoutes(router, deps);
  AddFaqRoutes(router, deps);
}

}  // namespace kefu::api
