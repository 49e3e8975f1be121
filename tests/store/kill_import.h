// An import killed with SIGKILL halfway through, for the durability tests of both store
// backends (issue 8): a large valid delivery, and a child process that imports it through
// the real ingest::ImportDelivery and is killed once it has read half of its service
// episodes (persons already written, the transaction open).
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "onderdak/ingest/delivery_import.h"
#include "onderdak/store/store.h"
#include "sample_delivery.h"

namespace onderdak::testing {

// The sample delivery's manifest with `persons` persons, each with one shelter episode.
inline std::filesystem::path WriteLargeDelivery(const std::filesystem::path& dir, int persons) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "manifest.json") << kValidDelivery.at("manifest.json");
  std::ofstream p(dir / "persons.csv");
  p << "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,"
       "municipality_of_origin\n";
  std::ofstream e(dir / "service_episodes.csv");
  e << "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n";
  for (int i = 0; i < persons; ++i) {
    const int day = 1 + i % 28;
    const std::string dd = (day < 10 ? "0" : "") + std::to_string(day);
    // Initials and birth date make the linkage key: distinct for every person here.
    const std::string initials = {char('A' + i % 26), '.', char('A' + i / 26 % 26), '.', char('A' + i / 676 % 26)};
    p << "P-" << i << ",," << initials << ",1980-02-" << dd << ",1980-02,V,NL,alleenstaand,GM0363\n";
    e << "S-" << i << ",P-" << i << ",nachtopvang,,GM0363,2021-01-" << dd << ",2021-03-01,zelfstandige_woning\n";
  }
  return dir;
}

struct KilledImport {
  bool reached_middle = false;  // the importer got halfway before it was killed
  bool killed = false;          // it died of SIGKILL (not of an error of its own)
  int wait_status = 0;
};

// Forks an importer of `delivery` into the store at `url` and kills it with SIGKILL once
// it has read half of service_episodes.csv. `at_middle` runs in this process while the
// importer waits there, just before the kill (e.g. to look at the files it has written).
inline KilledImport KillImportHalfway(const std::string& url, const std::filesystem::path& delivery,
                                      const std::function<void()>& at_middle = {}) {
  KilledImport result;
  int ready[2];
  if (::pipe(ready) != 0) return result;
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) return result;
  if (child == 0) {  // the importer: no gtest here, only exit codes
    ::close(ready[0]);
    auto store = store::OpenStore(url);
    if (!store.ok()) ::_exit(2);
    ingest::ImportOptions options;
    options.progress = [&](const ingest::ImportProgress& p) {
      if (p.file != "service_episodes.csv" || p.file_done || p.file_bytes * 2 < p.file_size) return;
      const char byte = 'x';
      if (::write(ready[1], &byte, 1) != 1) ::_exit(3);
      for (;;) ::pause();  // killed here, inside the import's transaction
    };
    auto report = ingest::ImportDelivery(**store, TestKey(), delivery, options);
    if (!report.ok()) std::fprintf(stderr, "import failed: %s\n", report.status().message().c_str());
    if (report.ok() && !report->accepted()) std::fprintf(stderr, "import refused: %s\n", report->errors[0].c_str());
    ::_exit(report.ok() && report->accepted() ? 4 : 5);  // finished: it was never halfway
  }
  ::close(ready[1]);
  char byte = 0;
  result.reached_middle = ::read(ready[0], &byte, 1) == 1;
  ::close(ready[0]);
  if (result.reached_middle && at_middle) at_middle();
  ::kill(child, SIGKILL);
  ::waitpid(child, &result.wait_status, 0);
  result.killed = WIFSIGNALED(result.wait_status) && WTERMSIG(result.wait_status) == SIGKILL;
  return result;
}

}  // namespace onderdak::testing
