#include "kefu/logging/logging.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "kefu/logging/request_context.h"

namespace kefu::logging {
namespace {

// A logger writing through MakeLogFormatter into a string stream.
struct CapturingLogger {
  explicit CapturingLogger(bool json) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
    sink->set_formatter(MakeLogFormatter(json));
    logger = std::make_shared<spdlog::logger>("test", sink);
  }
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> logger;
};

TEST(RequestContextTest, ScopesNestAndRestore) {
  EXPECT_EQ(CurrentRequestId(), "");
  {
    ScopedRequestId outer("outer-1");
    EXPECT_EQ(CurrentRequestId(), "outer-1");
    {
      std::string temporary = "inner-2";
      ScopedRequestId inner(temporary);
      temporary = "changed";  // the scope keeps its own copy
      EXPECT_EQ(CurrentRequestId(), "inner-2");
    }
    EXPECT_EQ(CurrentRequestId(), "outer-1");
  }
  EXPECT_EQ(CurrentRequestId(), "");
}

TEST(RequestContextTest, IsPerThreadAndTruncated) {
  ScopedRequestId main_id("main");
  std::string seen = "unset";
  std::thread([&] { seen = std::string(CurrentRequestId()); }).join();
  EXPECT_EQ(seen, "");
  ScopedRequestId long_id(std::string(100, 'x'));
  EXPECT_EQ(CurrentRequestId().size(), kMaxRequestIdLength);
}

TEST(LoggingTest, LevelNames) {
  for (const char* level : {"trace", "debug", "info", "warn", "error"}) {
    EXPECT_TRUE(IsValidLogLevel(level)) << level;
  }
  EXPECT_FALSE(IsValidLogLevel("verbose"));
  EXPECT_FALSE(IsValidLogLevel("INFO"));
  EXPECT_FALSE(IsValidLogLevel(""));
}

TEST(LoggingTest, TextLinesCarryTheRequestId) {
  CapturingLogger capture(false);
  capture.logger->info("no request");
  {
    ScopedRequestId id("req-42");
    capture.logger->info("handling {}", 7);
  }
  std::string text = capture.out.str();
  EXPECT_NE(text.find("[-] no request"), std::string::npos) << text;
  EXPECT_NE(text.find("[req-42] handling 7"), std::string::npos) << text;
  EXPECT_NE(text.find("info"), std::string::npos) << text;
}

TEST(LoggingTest, JsonLinesAreValidJson) {
  CapturingLogger capture(true);
  {
    ScopedRequestId id("r\"1");
    capture.logger->warn("quote \" backslash \\ newline \n tab \t ctrl \x01 done");
  }
  std::string line = capture.out.str();
  ASSERT_FALSE(line.empty());
  line.pop_back();  // the end-of-line
  boost::json::value parsed = boost::json::parse(line);
  const auto& object = parsed.as_object();
  EXPECT_EQ(object.at("level").as_string(), "warning");
  EXPECT_EQ(object.at("request_id").as_string(), "r\"1");
  EXPECT_EQ(object.at("msg").as_string(), "quote \" backslash \\ newline \n tab \t ctrl \x01 done");
  EXPECT_TRUE(object.at("thread").is_number());
}

TEST(LoggingTest, InitLoggingSetsLevel) {
  InitLogging("error");
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::err);
  InitLogging("nonsense");
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::info);
  InitLogging("debug", /*json=*/true);
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::debug);
}

}  // namespace
}  // namespace kefu::logging
