#include "onderdak/ingest/regions_import.h"

#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <vector>

#include "onderdak/ingest/csv_reader.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/error_list.h"

namespace onderdak::ingest {
namespace {

enum Col { kCode, kRegion, kName, kVr, kLon, kLat, kMethod, kColCount };
constexpr std::array<std::string_view, kColCount> kColumnNames = {
    "gemeentecode", "centrumgemeente_code", "gemeentenaam",     "veiligheidsregio_code",
    "centroid_lon", "centroid_lat",         "membership_method"};

bool ParseDouble(std::string_view s, double* out) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && p == end;
}

}  // namespace

core::Result<domain::ReferenceSet> ReadRegionsCsv(const std::filesystem::path& path,
                                                  const domain::ReferenceSet* current) {
  ONDERDAK_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path));
  const std::string file = reader.name();
  ErrorList errors;

  std::array<int, kColCount> idx{};
  for (int c = 0; c < kColCount; ++c) idx[c] = reader.ColumnIndex(kColumnNames[c]);
  for (const auto& h : reader.header()) {
    bool known = false;
    for (auto n : kColumnNames) known = known || h == n;
    if (!known) {
      errors.Add(file + ":1: column '" + h +
                 "': unknown column (expected: gemeentecode, "
                 "centrumgemeente_code, gemeentenaam, veiligheidsregio_code, centroid_lon, "
                 "centroid_lat, membership_method)");
    }
  }
  for (int c : {kCode, kRegion}) {
    if (idx[c] < 0) errors.Add(file + ":1: column '" + std::string(kColumnNames[c]) + "': required column is missing");
  }
  if ((idx[kLon] < 0) != (idx[kLat] < 0)) {
    errors.Add(file + ":1: columns centroid_lon and centroid_lat: give both or neither");
  }
  if (!errors.empty()) return errors.ToStatus();

  std::vector<domain::Municipality> rows;
  std::map<std::string, std::size_t> line_of;  // gemeentecode -> line
  std::vector<std::size_t> row_line;
  std::vector<std::string_view> f;
  while (reader.Next(f)) {
    const std::string where = reader.Where();
    auto get = [&](Col c) {
      return idx[c] >= 0 && static_cast<std::size_t>(idx[c]) < f.size()
                 ? std::string(TrimBlanks(f[static_cast<std::size_t>(idx[c])]))
                 : std::string();
    };
    if (f.size() != reader.header().size()) {
      errors.Add(where + ": row has " + std::to_string(f.size()) + " fields, the header has " +
                 std::to_string(reader.header().size()));
      continue;
    }
    domain::Municipality m;
    m.code = get(kCode);
    m.region_code = get(kRegion);
    m.name = get(kName);
    m.veiligheidsregio = get(kVr);
    m.membership_method = get(kMethod);
    bool ok = true;
    if (!domain::IsMunicipalityCode(m.code)) {
      errors.Add(where + ": gemeentecode: '" + m.code + "' must be GM followed by 4 digits");
      ok = false;
    } else if (auto [it, inserted] = line_of.emplace(m.code, reader.line()); !inserted) {
      errors.Add(where + ": gemeentecode: " + m.code + " is already listed on line " + std::to_string(it->second));
      ok = false;
    }
    if (!domain::IsMunicipalityCode(m.region_code)) {
      errors.Add(where + ": centrumgemeente_code: '" + m.region_code + "' must be GM followed by 4 digits");
      ok = false;
    }
    if (!m.veiligheidsregio.empty() && (m.veiligheidsregio.size() != 4 || !m.veiligheidsregio.starts_with("VR") ||
                                        !std::isdigit(static_cast<unsigned char>(m.veiligheidsregio[2])) ||
                                        !std::isdigit(static_cast<unsigned char>(m.veiligheidsregio[3])))) {
      errors.Add(where + ": veiligheidsregio_code: '" + m.veiligheidsregio + "' must be VR followed by 2 digits");
      ok = false;
    }
    const std::string lon = get(kLon), lat = get(kLat);
    if (!lon.empty() || !lat.empty()) {
      double x = 0, y = 0;
      if (!ParseDouble(lon, &x) || !ParseDouble(lat, &y)) {
        errors.Add(where + ": centroid_lon/centroid_lat: '" + lon + "', '" + lat +
                   "' must both be decimal numbers with a point (4.9089, 52.3651)");
        ok = false;
      } else if (x < domain::kMinLon || x > domain::kMaxLon || y < domain::kMinLat || y > domain::kMaxLat) {
        errors.Add(where + ": centroid_lon/centroid_lat: (" + lon + ", " + lat +
                   ") is outside the Netherlands (lon 3.2-7.3, lat 50.7-53.7; lon and lat swapped?)");
        ok = false;
      } else {
        m.lon = x;
        m.lat = y;
      }
    }
    if (m.name.empty() && ok) {
      const domain::Municipality* known = current ? current->FindMunicipality(m.code) : nullptr;
      if (known == nullptr) {
        errors.Add(where + ": gemeentenaam: required for " + m.code + ", which is not in the current list");
        ok = false;
      } else {
        m.name = known->name;
        if (m.veiligheidsregio.empty()) m.veiligheidsregio = known->veiligheidsregio;
        if (!m.lon) {
          m.lon = known->lon;
          m.lat = known->lat;
        }
      }
    }
    if (ok) {
      rows.push_back(std::move(m));
      row_line.push_back(reader.line());
    }
  }
  if (!reader.status().ok()) {
    errors.Add(reader.status().message());
    return errors.ToStatus();
  }
  if (rows.empty() && errors.empty()) errors.Add(file + ": the file has a header but no rows");

  // Cross-row rules, reported on the line that breaks them.
  std::map<std::string, std::string> region_of;
  for (const auto& m : rows) region_of[m.code] = m.region_code;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& m = rows[i];
    const std::string where = file + ":" + std::to_string(row_line[i]);
    auto it = region_of.find(m.region_code);
    if (it == region_of.end()) {
      if (!line_of.contains(m.region_code)) {
        errors.Add(where + ": centrumgemeente_code: " + m.region_code + " is not a gemeentecode in this file");
      }
    } else if (it->second != it->first) {
      errors.Add(where + ": centrumgemeente_code: " + m.region_code + " is not a centrumgemeente (its own row, line " +
                 std::to_string(line_of[m.region_code]) + ", assigns it to " + it->second + ")");
    }
  }
  if (!errors.empty()) return errors.ToStatus();

  domain::ReferenceSet set(std::move(rows));
  ONDERDAK_RETURN_IF_ERROR(set.Validate().WithContext(file));
  return set;
}

core::Result<domain::ReferenceVersion> ImportRegions(store::Store& store, const std::filesystem::path& path,
                                                     const RegionsImportOptions& options) {
  std::optional<domain::ReferenceSet> current;
  std::optional<core::Date> current_from;
  auto in_force = store.ReferenceVersionOn(core::Date::TodayUtc());
  if (in_force.ok()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto set, store.LoadReferenceSet(in_force->id));
    current = std::move(set);
    current_from = in_force->valid_from;
  } else if (in_force.status().code() != core::Code::kNotFound) {
    return in_force.status();
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto set, ReadRegionsCsv(path, current ? &*current : nullptr));
  ONDERDAK_ASSIGN_OR_RETURN(auto sha, Sha256File(path));
  store::ReferenceVersionMeta meta;
  meta.valid_from = options.valid_from ? *options.valid_from
                    : current_from     ? *current_from
                                       : *core::Date::FromYmd(1900, 1, 1);
  meta.source = path.filename().string();
  meta.source_sha256 = sha;
  meta.approximate = options.approximate;
  meta.note = options.note;
  return store.AddReferenceVersion(set, meta);
}

core::Result<domain::ReferenceVersion> ImportShippedRegions(store::Store& store,
                                                            const std::filesystem::path& reference_dir) {
  RegionsImportOptions opts;
  opts.valid_from = *core::Date::FromYmd(1900, 1, 1);
  opts.approximate = true;
  opts.note =
      "Municipalities of 1-1-2023 (CBS). Membership is an approximation: each municipality "
      "is assigned to the nearest centrumgemeente in its veiligheidsregio. Good for demos and "
      "maps, not for official figures: import the official list with 'onderdak regions import'.";
  return ImportRegions(store, reference_dir / kShippedRegionsFile, opts);
}

}  // namespace onderdak::ingest
