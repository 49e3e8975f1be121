#include "onderdak/core/temp_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>  // setenv
#include <sys/wait.h>
#include <unistd.h>

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

// A pid that belonged to a process which has exited (and been reaped).
pid_t DeadPid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

TEST(TempDirTest, TheNameCarriesTheProcessId) {
  auto dir = TempDir::Create("onderdak-tempdir-test");
  ASSERT_TRUE(dir.ok());
  EXPECT_TRUE(dir->path().filename().string().starts_with("onderdak-tempdir-test-" + std::to_string(::getpid()) + "-"))
      << dir->path();
}

// After a kill -9 the folders stay; the next start removes those whose process is gone,
// and nothing else.
TEST(TempDirTest, StaleFoldersOfGoneProcessesAreRemoved) {
  auto base = TempDir::Create("onderdak-tempdir-test");
  ASSERT_TRUE(base.ok());
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  ::setenv("TMPDIR", base->path().c_str(), 1);
  const fs::path stale = base->path() / ("onderdak-upload-" + std::to_string(DeadPid()) + "-Ab12Cd");
  const fs::path live = base->path() / ("onderdak-upload-" + std::to_string(::getppid()) + "-Ef34Gh");
  const fs::path mine = base->path() / ("onderdak-import-" + std::to_string(::getpid()) + "-Ij56Kl");
  const fs::path other = base->path() / "onderdak-notes";
  const fs::path foreign = base->path() / "something-else-1-Mn78Op";
  for (const auto& p : {stale, live, mine, other, foreign}) {
    fs::create_directories(p);
    std::ofstream(p / "upload.zip") << "PK";
  }
  // An upload body the HTTP server streamed to a file (api/http_transport.cc) before a kill.
  const fs::path stale_body = base->path() / ("onderdak-body-" + std::to_string(DeadPid()) + "-Qr90St");
  const fs::path live_body = base->path() / ("onderdak-body-" + std::to_string(::getppid()) + "-Uv12Wx");
  std::ofstream(stale_body) << "PK";
  std::ofstream(live_body) << "PK";
  const int removed = RemoveStaleTempDirs();
  if (old)
    ::setenv("TMPDIR", saved.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  EXPECT_EQ(removed, 2);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(stale_body));
  EXPECT_TRUE(fs::exists(live_body));
  EXPECT_TRUE(fs::exists(live / "upload.zip"));
  EXPECT_TRUE(fs::exists(mine / "upload.zip"));
  EXPECT_TRUE(fs::exists(other / "upload.zip"));
  EXPECT_TRUE(fs::exists(foreign / "upload.zip"));
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
  EXPECT_NE(dir.status().message().find("set TMPDIR to a writable folder"), std::string::npos)
      << dir.status().message();
}

}  // namespace
}  // namespace onderdak::core
