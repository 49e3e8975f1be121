// A small valid delivery (exchange format v1) shared by the import tests of both store
// backends: two persons (one with a BSN, one with a linkage key), two service episodes
// and a living situation of GM0363 in 2021H1.
#pragma once

#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "onderdak/ingest/pseudonymiser.h"
#include "onderdak/store/store.h"

namespace onderdak::testing {

inline const std::map<std::string, std::string> kValidDelivery = {
    {"manifest.json",
     R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "organisation_name": "Test",
         "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"},
    {"persons.csv",
     "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,municipality_of_origin\n"
     "P-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\n"
     "P-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n"},
    {"service_episodes.csv",
     "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n"
     "S-1,P-1,24uursopvang,,GM0363,2021-01-10,2021-03-01,zelfstandige_woning\n"
     "S-2,P-2,nachtopvang,,GM0363,2020-12-01,,\n"},
    {"living_situations.csv",
     "record_id,person_id,ethos,start_date,end_date,source\n"
     "L-1,P-1,1,2020-12-01,2021-01-09,straatteam\n"},
};

// Writes the valid delivery into `dir` with `changes` applied ("" removes a file).
inline std::filesystem::path WriteDelivery(const std::filesystem::path& dir,
                                           const std::map<std::string, std::string>& changes = {}) {
  std::filesystem::create_directories(dir);
  auto files = kValidDelivery;
  for (const auto& [name, content] : changes) files[name] = content;
  for (const auto& [name, content] : files) {
    if (!content.empty()) std::ofstream(dir / name, std::ios::binary) << content;
  }
  return dir;
}

inline store::DeliveryFilter CurrentOnly() {
  store::DeliveryFilter f;
  f.current_only = true;
  return f;
}

// A fixed pseudonymisation key for tests.
inline ingest::Pseudonymiser TestKey() {
  std::array<unsigned char, ingest::kPseudonymKeyBytes> key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i * 7 + 1);
  return ingest::Pseudonymiser::FromKey(key);
}

}  // namespace onderdak::testing
