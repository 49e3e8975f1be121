// The page to deliver in the browser (web/delivery_page.h): every text from the catalogue
// in the page's language, values escaped, the status of each version named.
#include "onderdak/web/delivery_page.h"

#include <gtest/gtest.h>

namespace onderdak::web {
namespace {

DeliveryPageView Sample() {
  DeliveryPageView v;
  v.csrf = "tok\"en";
  v.organisation = "KVK-<1>";
  v.regions = {"GM0363"};
  v.rows = {{.id = 7,
             .organisation = "KVK-1",
             .region = "GM0363",
             .period = "2021H1",
             .version = 2,
             .current = true,
             .imported_at = "2021-07-15T09:30:12Z",
             .source = "upload:pia/<script>.zip",
             .sha256 = "abcdef0123456789"},
            {.id = 3,
             .organisation = "KVK-1",
             .region = "GM0363",
             .period = "2021H1",
             .version = 1,
             .current = false,
             .imported_at = "2021-07-01T08:00:00Z",
             .source = "upload:pia/a.zip",
             .sha256 = "0011"}};
  return v;
}

TEST(DeliveryPageTest, ShowsTheVersionsWithTheirStatusAndEscapesValues) {
  const std::string nl = RenderDeliveryPage(Sample(), Lang::kNl);
  EXPECT_NE(nl.find("<h2>Gegevens aanleveren</h2>"), std::string::npos);
  EXPECT_NE(nl.find("data-current=\"true\">in gebruik"), std::string::npos);
  EXPECT_NE(nl.find("data-current=\"false\">vervangen"), std::string::npos);
  EXPECT_NE(nl.find("15 juli 2021 09:30 UTC"), std::string::npos);
  EXPECT_NE(nl.find("<code>abcdef012345</code>"), std::string::npos);  // the start of the hash
  EXPECT_EQ(nl.find("<script>.zip"), std::string::npos);
  EXPECT_NE(nl.find("upload:pia/&lt;script&gt;.zip"), std::string::npos);
  EXPECT_NE(nl.find("data-csrf=\"tok&quot;en\""), std::string::npos);
  EXPECT_NE(nl.find("KVK-&lt;1&gt;"), std::string::npos);
  // The file input has its label; the result is announced.
  EXPECT_NE(nl.find("<label for=\"delivery-file\">"), std::string::npos);
  EXPECT_NE(nl.find("id=\"upload-result\" role=\"status\" aria-live=\"polite\""), std::string::npos);
  // Every text the script shows comes from the catalogue: no key is left in the page.
  EXPECT_EQ(nl.find("dlv."), std::string::npos);
  EXPECT_NE(nl.find("data-col-fix=\"Oplossing\""), std::string::npos);
  const std::string en = RenderDeliveryPage(Sample(), Lang::kEn);
  EXPECT_NE(en.find("data-col-fix=\"Fix\""), std::string::npos);
  EXPECT_NE(en.find("15 July 2021 09:30 UTC"), std::string::npos);
  EXPECT_NE(en.find("data-lang=\"en\""), std::string::npos);
}

TEST(DeliveryPageTest, SaysWhenThereAreNoneOrMoreThanShown) {
  DeliveryPageView v = Sample();
  v.rows.clear();
  EXPECT_NE(RenderDeliveryPage(v, Lang::kNl).find("id=\"no-deliveries\""), std::string::npos);
  v = Sample();
  v.more = true;
  EXPECT_NE(RenderDeliveryPage(v, Lang::kNl).find("Alleen de nieuwste 200"), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web
