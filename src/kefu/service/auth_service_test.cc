#include "kefu/service/auth_service.h"

#include <gtest/gtest.h>

#include "kefu/service/test_fixture.h"

namespace kefu::service {
namespace {

class AuthServiceTest : public ::testing::Test, public ServiceFixture {
 protected:
  RequestMeta meta_{"192.0.2.1", "test"};
};

TEST_F(AuthServiceTest, LoginIssuesWorkingTokens) {
  auto login = auth_.Login("A@kefu.test", "Secret-Passw0rd", meta_);
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->expires_in, 900);
  auto ctx = auth_.Authenticate("Bearer " + login->access_token);
  ASSERT_TRUE(ctx.ok());
  EXPECT_EQ(ctx->principal.user_id, agent_a_id_);
  EXPECT_EQ(auth_.Authenticate("Bearer nonsense").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(auth_.Authenticate("").error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, FiveFailuresLockTheAccountForThisIp) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_.Login("a@kefu.test", "wrong", meta_).error().code, ErrorCode::kUnauthenticated);
  }
  auto locked = auth_.Login("a@kefu.test", "Secret-Passw0rd", meta_);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(locked.error().retry_after_seconds, 0);
  EXPECT_TRUE(auth_.Login("a@kefu.test", "Secret-Passw0rd", {"192.0.2.99", ""}).ok());
  clock_.Advance(16 * 60 * 1000);
  EXPECT_TRUE(auth_.Login("a@kefu.test", "Secret-Passw0rd", meta_).ok());
}

TEST_F(AuthServiceTest, RefreshRotatesAndReuseRevokesTheFamily) {
  auto login = auth_.Login("a@kefu.test", "Secret-Passw0rd", meta_);
  ASSERT_TRUE(login.ok());
  auto first = auth_.Refresh(login->refresh_token, meta_);
  ASSERT_TRUE(first.ok());
  EXPECT_NE(first->refresh_token, login->refresh_token);
  auto reuse = auth_.Refresh(login->refresh_token, meta_);
  ASSERT_FALSE(reuse.ok());
  EXPECT_EQ(reuse.error().code, ErrorCode::kUnauthenticated);
  // The thief's reuse ended the family: the legitimate newer token is dead too.
  EXPECT_FALSE(auth_.Refresh(first->refresh_token, meta_).ok());
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  auto login = auth_.Login("a@kefu.test", "Secret-Passw0rd", meta_);
  auto ctx = auth_.Authenticate("Bearer " + login->access_token);
  ASSERT_TRUE(auth_.Logout(*ctx, meta_).ok());
  EXPECT_FALSE(auth_.Authenticate("Bearer " + login->access_token).ok());
  EXPECT_FALSE(auth_.Refresh(login->refresh_token, meta_).ok());
}

TEST_F(AuthServiceTest, ApiTokensAreScopedAndRevocable) {
  auto admin = As(admin_id_);
  auto created = auth_.CreateApiToken(admin, "crm sync", {"tickets.read"}, 30, meta_);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto ctx = auth_.Authenticate("Bearer " + created->token);
  ASSERT_TRUE(ctx.ok());
  EXPECT_TRUE(ctx->principal.Has("tickets.read"));
  EXPECT_FALSE(ctx->principal.Has("tickets.update"));
  auto too_much = auth_.CreateApiToken(As(agent_a_id_), "x", {"users.manage"}, std::nullopt, meta_);
  EXPECT_FALSE(too_much.ok());
  ASSERT_TRUE(auth_.RevokeApiToken(admin, created->record.id, meta_).ok());
  EXPECT_FALSE(auth_.Authenticate("Bearer " + created->token).ok());
}

TEST_F(AuthServiceTest, DeactivatedUsersAreLockedOut) {
  auto login = auth_.Login("b@kefu.test", "Secret-Passw0rd", meta_);
  ASSERT_TRUE(login.ok());
  UserPatch off;
  off.active = false;
  ASSERT_TRUE(org_.UpdateUser(As(admin_id_), agent_b_id_, off, meta_).ok());
  EXPECT_FALSE(auth_.Authenticate("Bearer " + login->access_token).ok());
  EXPECT_FALSE(auth_.Login("b@kefu.test", "Secret-Passw0rd", meta_).ok());
}

}  // namespace
}  // namespace kefu::service
