// The router's path patterns: matched segment by segment, never with std::regex on the
// client's path (issue 16).
#include "onderdak/api/route_pattern.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace onderdak::api {
namespace {

TEST(RoutePatternTest, LiteralsAndCapturesMatchWholeSegments) {
  const RoutePattern users("/api/v1/users/([^/]+)/password");
  auto m = users.Match("/api/v1/users/jan/password");
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, std::vector<std::string>{"jan"});
  EXPECT_FALSE(users.Match("/api/v1/users//password")) << "a capture is never empty";
  EXPECT_FALSE(users.Match("/api/v1/users/a/b/password"));
  EXPECT_FALSE(users.Match("/api/v1/users/jan/password/"));
  EXPECT_FALSE(users.Match("/api/v1/users/jan"));

  const RoutePattern token("/api/v1/tokens/([0-9]+)/revoke");
  EXPECT_TRUE(token.Match("/api/v1/tokens/42/revoke"));
  EXPECT_FALSE(token.Match("/api/v1/tokens/4x/revoke"));

  const RoutePattern two("/api/v1/submissions/([^/]+)/([^/]+)/template.xlsx");
  auto t = two.Match("/api/v1/submissions/GM0363/2024H1/template.xlsx");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, (std::vector<std::string>{"GM0363", "2024H1"}));
  EXPECT_FALSE(two.Match("/api/v1/submissions/GM0363/2024H1/templateXxlsx")) << "'.' is literal here";

  const RoutePattern assets("/assets/(.+)");
  auto a = assets.Match("/assets/vendor/chart.umd.js");
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, std::vector<std::string>{"vendor/chart.umd.js"});
  EXPECT_FALSE(assets.Match("/assets/"));

  const RoutePattern root("/");
  EXPECT_TRUE(root.Match("/"));
  EXPECT_FALSE(root.Match("/x"));
  EXPECT_FALSE(root.Match(""));
}

TEST(RoutePatternTest, AHugePathIsMatchedInLinearTimeWithoutRecursion) {
  const RoutePattern region("/regio/([^/]+)");
  const std::string path = "/regio/" + std::string(4 * 1024 * 1024, 'a');
  auto m = region.Match(path);  // std::regex's recursive executor overflows the stack here
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)[0].size(), 4u * 1024 * 1024);
}

TEST(RoutePatternTest, PatternsOutsideTheGrammarAreRefusedAtStartUp) {
  EXPECT_THROW(RoutePattern("/a/(x|y)"), std::logic_error);
  EXPECT_THROW(RoutePattern("/a/(.+)/b"), std::logic_error);
  EXPECT_THROW(RoutePattern("no-slash"), std::logic_error);
}

}  // namespace
}  // namespace onderdak::api
