#include "onderdak/domain/reference.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace onderdak::domain {

bool IsMunicipalityCode(std::string_view code) {
  if (code.size() != 6 || code[0] != 'G' || code[1] != 'M') return false;
  return std::all_of(code.begin() + 2, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

ReferenceSet::ReferenceSet(std::vector<Municipality> municipalities) : municipalities_(std::move(municipalities)) {
  std::sort(municipalities_.begin(), municipalities_.end(),
            [](const Municipality& a, const Municipality& b) { return a.code < b.code; });
  BuildRegions();
}

void ReferenceSet::BuildRegions() {
  std::map<std::string, Region> by_code;
  for (const auto& m : municipalities_) {
    Region& r = by_code[m.region_code];
    r.code = m.region_code;
    r.members.push_back(&m);
  }
  regions_.clear();
  for (auto& [code, region] : by_code) {
    if (const Municipality* centre = FindMunicipality(code)) region.name = centre->name;
    std::sort(region.members.begin(), region.members.end(),
              [](const Municipality* a, const Municipality* b) { return a->name < b->name; });
    double lon = 0, lat = 0;
    bool all = true;
    for (const Municipality* m : region.members) {
      if (!m->lon || !m->lat) {
        all = false;
        break;
      }
      lon += *m->lon;
      lat += *m->lat;
    }
    if (all && !region.members.empty()) {
      region.lon = lon / static_cast<double>(region.members.size());
      region.lat = lat / static_cast<double>(region.members.size());
    }
    regions_.push_back(std::move(region));
  }
  std::sort(regions_.begin(), regions_.end(),
            [](const Region& a, const Region& b) { return a.name != b.name ? a.name < b.name : a.code < b.code; });
}

const Municipality* ReferenceSet::FindMunicipality(std::string_view code) const {
  auto it = std::lower_bound(municipalities_.begin(), municipalities_.end(), code,
                             [](const Municipality& m, std::string_view c) { return m.code < c; });
  return it != municipalities_.end() && it->code == code ? &*it : nullptr;
}

const Region* ReferenceSet::FindRegion(std::string_view code) const {
  for (const auto& r : regions_) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

core::Status ReferenceSet::Validate() const {
  std::vector<std::string> problems;
  std::unordered_set<std::string> seen;
  if (municipalities_.empty()) problems.push_back("the list holds no municipalities");
  for (const auto& m : municipalities_) {
    if (!IsMunicipalityCode(m.code)) {
      problems.push_back("'" + m.code + "': a municipality code is GM followed by 4 digits");
    }
    if (!seen.insert(m.code).second) problems.push_back(m.code + ": listed more than once");
    if (m.name.empty()) problems.push_back(m.code + ": has no name");
    const Municipality* centre = FindMunicipality(m.region_code);
    if (centre == nullptr) {
      problems.push_back(m.code + ": centrumgemeente '" + m.region_code + "' is not in the list");
    } else if (centre->region_code != centre->code) {
      problems.push_back(m.code + ": centrumgemeente " + m.region_code +
                         " must belong to its own region, but belongs to " + centre->region_code);
    }
    if (m.lon.has_value() != m.lat.has_value()) {
      problems.push_back(m.code + ": give both centroid_lon and centroid_lat, or neither");
    } else if (m.lon && (*m.lon < kMinLon || *m.lon > kMaxLon || *m.lat < kMinLat || *m.lat > kMaxLat)) {
      problems.push_back(m.code + ": centroid is outside the Netherlands");
    }
  }
  if (problems.empty()) return core::Status::Ok();
  std::string msg;
  for (std::size_t i = 0; i < problems.size() && i < 100; ++i) {
    if (i) msg += "\n";
    msg += problems[i];
  }
  return core::Status::InvalidInput(msg);
}

}  // namespace onderdak::domain
