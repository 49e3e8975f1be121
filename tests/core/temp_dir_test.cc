#include "onderdak/core/temp_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>  // setenv

#include <filesystem>
#include <fstream>
#include <utility>

namespace onderdak::core {
namespace {

namespace fs = std::filesystem;

TEST(TempDirTest, PrivateFolderRemovedWithEverythingInIt) {
  fs::path kept;
  {
    auto dir = TempDir::Create("onderdak-tempdir-test");
    ASSERT_TRUE(dir.ok()) << dir.status().message();
    kept = dir->path();
    EXPECT_TRUE(fs::is_directory(kept));
    EXPECT_TRUE(kept.filename().string().starts_with("onderdak-tempdir-test-"));
    EXPECT_EQ(fs::status(kept).permissions() & fs::perms::all, fs::perms::owner_all) << "mode 0700";
    fs::create_directories(kept / "a" / "b");
    std::ofstream(kept / "a" / "b" / "f.txt") << "x";
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST(TempDirTest, AMovedFolderIsRemovedOnceByItsNewOwner) {
  auto dir = TempDir::Create("onderdak-tempdir-test");
  ASSERT_TRUE(dir.ok());
  const fs::path p = dir->path();
  {
    TempDir moved(std::move(*dir));
    EXPECT_EQ(moved.path(), p);
    EXPECT_TRUE(dir->path().empty());
    EXPECT_TRUE(fs::exists(p));
  }
  EXPECT_FALSE(fs::exists(p));
}

TEST(TempDirTest, AnUnusableTemporaryFolderIsAClearError) {
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  ::setenv("TMPDIR", "/nonexistent/onderdak", 1);
  auto dir = TempDir::Create("onderdak-tempdir-test");
  if (old)
    ::setenv("TMPDIR", saved.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), Code::kIo);
  EXPECT_NE(dir.status().message().find("temporary folder"), std::string::npos) << dir.status().message();
}

}  // namespace
}  // namespace onderdak::core
