// ADR 0040: the Accept-Encoding and If-None-Match parsing of compression.h on good, odd
// and hostile values, and gzip bodies that inflate back to the original.
#include "onderdak/api/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace onderdak::api {
namespace {

std::string Gunzip(const std::string& zipped) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out, chunk(1 << 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zipped.data()));
  z.avail_in = static_cast<uInt>(zipped.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - z.avail_out);
  }
  inflateEnd(&z);
  EXPECT_EQ(rc, Z_STREAM_END);
  return out;
}

TEST(CompressionTest, AcceptsGzipReadsCodingsAndQValues) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZip;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip(" gzip ; q=0.001 "));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.000"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, *")) << "named with q=0 beats the wildcard";
  EXPECT_FALSE(AcceptsGzip("gzipx, xgzip"));
  EXPECT_FALSE(AcceptsGzip(",,,;;;==q"));
  EXPECT_TRUE(AcceptsGzip(std::string(20000, ',') + "gzip")) << "long values are read in one pass";
}

TEST(CompressionTest, CompressibleTypes) {
  EXPECT_TRUE(Compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(Compressible("application/json; charset=utf-8"));
  EXPECT_TRUE(Compressible("image/svg+xml"));
  EXPECT_TRUE(Compressible("text/csv"));
  EXPECT_FALSE(Compressible("application/pdf"));
  EXPECT_FALSE(Compressible("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  EXPECT_FALSE(Compressible("image/png"));
  EXPECT_FALSE(Compressible(""));
}

TEST(CompressionTest, GzipInflatesToTheSameBytes) {
  std::string json;
  for (int i = 0; i < 20000; ++i) json += "{\"region\":\"GM0363\",\"value\":" + std::to_string(i) + "},";
  const std::string zipped = Gzip(json);
  EXPECT_LT(zipped.size(), json.size() / 5);
  EXPECT_EQ(static_cast<unsigned char>(zipped[0]), 0x1f) << "a gzip header";
  EXPECT_EQ(static_cast<unsigned char>(zipped[1]), 0x8b);
  EXPECT_EQ(Gunzip(zipped), json);
  EXPECT_EQ(Gunzip(Gzip("")), "");
}

TEST(CompressionTest, WeakETagsAndTheirComparison) {
  EXPECT_EQ(WeakETag("\"123\""), "W/\"123\"");
  EXPECT_EQ(WeakETag("W/\"123\""), "W/\"123\"");
  EXPECT_EQ(WeakETag(""), "");
  EXPECT_TRUE(ETagListMatches("\"123\"", "\"123\""));
  EXPECT_TRUE(ETagListMatches("W/\"123\"", "\"123\""));
  EXPECT_TRUE(ETagListMatches("\"9\", W/\"123\"", "\"123\""));
  EXPECT_TRUE(ETagListMatches("*", "\"123\""));
  EXPECT_FALSE(ETagListMatches("\"1234\"", "\"123\""));
  EXPECT_FALSE(ETagListMatches("", "\"123\""));
  EXPECT_FALSE(ETagListMatches("W/", "\"123\""));
  EXPECT_FALSE(ETagListMatches("\"123\"", ""));
}

}  // namespace
}  // namespace onderdak::api
