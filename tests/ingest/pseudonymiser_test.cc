#include "onderdak/ingest/pseudonymiser.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_support.h"

namespace onderdak::ingest {
namespace {

using onderdak::testing::TempDir;

std::array<unsigned char, kPseudonymKeyBytes> Key(unsigned char fill) {
  std::array<unsigned char, kPseudonymKeyBytes> k{};
  k.fill(fill);
  return k;
}

TEST(PseudonymiserTest, SameInputSameKeySamePseudonym) {
  auto p = Pseudonymiser::FromKey(Key(1));
  auto a = p.FromBsn("111222333");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, *p.FromBsn("111222333"));
  EXPECT_EQ(a->size(), 2u + 64u);
  EXPECT_TRUE(a->starts_with("b:"));
  EXPECT_EQ(a->find("111222333"), std::string::npos);
  EXPECT_NE(*a, *p.FromBsn("123456782"));
  // Another deployment key gives unlinkable pseudonyms.
  EXPECT_NE(*a, *Pseudonymiser::FromKey(Key(2)).FromBsn("111222333"));
}

TEST(PseudonymiserTest, InvalidBsnIsRejectedWithoutEchoingIt) {
  auto r = Pseudonymiser::FromKey(Key(1)).FromBsn("123456789");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_EQ(r.status().message().find("123456789"), std::string::npos);
}

TEST(PseudonymiserTest, LinkageKeysAreNormalised) {
  auto p = Pseudonymiser::FromKey(Key(1));
  auto d = *core::Date::Parse("1990-04-01");
  auto a = p.FromLinkageKey("J.P.", d, "M");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->starts_with("l:"));
  EXPECT_EQ(*a, *p.FromLinkageKey("jp", d, "M"));
  EXPECT_EQ(*a, *p.FromLinkageKey("J. P.", d, "M"));
  EXPECT_NE(*a, *p.FromLinkageKey("JP", d, "V"));
  EXPECT_NE(*a, *p.FromLinkageKey("JP", d.AddDays(1), "M"));
  EXPECT_FALSE(p.FromLinkageKey("J3", d, "M").ok());
  EXPECT_FALSE(p.FromLinkageKey("", d, "M").ok());
  EXPECT_FALSE(p.FromLinkageKey("JP", d, "male").ok());
}

TEST(PseudonymiserTest, KeyFileIsCreatedOnceWithMode0600) {
  TempDir dir;
  const auto path = dir.path() / "sub" / "o.key";
  ASSERT_TRUE(Pseudonymiser::CreateKeyFile(path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, static_cast<off_t>(kPseudonymKeyBytes));
  const std::string before = onderdak::testing::ReadFile(path);
  EXPECT_EQ(Pseudonymiser::CreateKeyFile(path).code(), core::Code::kAlreadyExists);
  EXPECT_EQ(onderdak::testing::ReadFile(path), before);  // never overwritten
  auto p1 = Pseudonymiser::FromKeyFile(path);
  ASSERT_TRUE(p1.ok()) << p1.status().message();
  auto p2 = Pseudonymiser::FromKeyFile(path);
  EXPECT_EQ(*p1->FromBsn("111222333"), *p2->FromBsn("111222333"));
}

TEST(PseudonymiserTest, MissingOrUnsafeKeyFilesAreClearErrors) {
  TempDir dir;
  auto missing = Pseudonymiser::FromKeyFile(dir.path() / "none.key");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), core::Code::kFailedPrecondition);
  EXPECT_NE(missing.status().message().find("run 'onderdak init'"), std::string::npos);

  const auto open = dir.Write("open.key", std::string(kPseudonymKeyBytes, 'k'));
  ::chmod(open.c_str(), 0644);
  auto readable = Pseudonymiser::FromKeyFile(open);
  ASSERT_FALSE(readable.ok());
  EXPECT_NE(readable.status().message().find("readable by other users"), std::string::npos);

  const auto short_key = dir.Write("short.key", "abc");
  ::chmod(short_key.c_str(), 0600);
  auto wrong = Pseudonymiser::FromKeyFile(short_key);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("must be exactly 32 bytes"), std::string::npos);
}

// ADR 0017: the fingerprint identifies the key without being it or a person's pseudonym.
TEST(PseudonymiserTest, TheFingerprintIdentifiesTheKey) {
  auto p = Pseudonymiser::FromKey(Key(1));
  const std::string f = p.Fingerprint();
  EXPECT_EQ(f.size(), 2u + 32u);
  EXPECT_TRUE(f.starts_with("k:"));
  EXPECT_EQ(f, Pseudonymiser::FromKey(Key(1)).Fingerprint());
  EXPECT_NE(f, Pseudonymiser::FromKey(Key(2)).Fingerprint());
  EXPECT_EQ(f.find("0101010101"), std::string::npos);  // not the key's bytes
}

}  // namespace
}  // namespace onderdak::ingest
