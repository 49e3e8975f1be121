#include "onderdak/ingest/manifest.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>

#include "onderdak/ingest/csv_reader.h"
#include "onderdak/ingest/text_rules.h"

namespace onderdak::ingest {
namespace {

// `n` digits of `text` from `at` as a number; false when any is not a digit.
bool Digits(std::string_view text, std::size_t at, std::size_t n, int& out) {
  if (at + n > text.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool IsIsoTimestamp(std::string_view text) {
  if (text.size() > kManifestCreatedMax || text.size() < 17) return false;
  int hour = 0, minute = 0;
  if (text[10] != 'T' || !core::Date::Parse(text.substr(0, 10)).ok()) return false;
  if (!Digits(text, 11, 2, hour) || text[13] != ':' || !Digits(text, 14, 2, minute) || hour > 23 || minute > 59) {
    return false;
  }
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    int second = 0;
    if (!Digits(text, at + 1, 2, second) || second > 60) return false;  // 60: a leap second
    at += 3;
    if (at < text.size() && text[at] == '.') {
      std::size_t digits = 0;
      ++at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
      if (digits == 0 || digits > 9) return false;
    }
  }
  if (at == text.size()) return false;  // no time zone
  if (text[at] == 'Z') return at + 1 == text.size();
  if (text[at] != '+' && text[at] != '-') return false;
  int zh = 0, zm = 0;
  return at + 6 == text.size() && Digits(text, at + 1, 2, zh) && text[at + 3] == ':' && Digits(text, at + 4, 2, zm) &&
         zh <= 23 && zm <= 59;
}

std::optional<Manifest> ParseManifest(std::string_view text, std::vector<std::string>& errors, ManifestParts* parts) {
  const std::size_t errors_before = errors.size();
  // `field`: the field the message is about ("" for the file as a whole).
  auto error_in = [&](std::string_view field, std::string message) {
    errors.push_back("manifest.json: " + std::move(message));
    if (parts != nullptr) parts->error_fields.emplace_back(field);
  };
  auto error = [&](std::string message) { error_in("", std::move(message)); };
  if (text.size() > kManifestMaxBytes) {
    error("is " + std::to_string(text.size()) + " bytes, over the limit of " + std::to_string(kManifestMaxBytes));
    return std::nullopt;
  }
  if (auto bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    error("byte " + std::to_string(bad) + " is not UTF-8");
    return std::nullopt;
  }
  // Every field is a string or a number: anything nested is refused while parsing (the
  // parser itself is iterative, and nothing nested is kept or printed).
  bool nested = false;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, [&nested](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
      if (depth >= 1 && (event == nlohmann::json::parse_event_t::object_start ||
                         event == nlohmann::json::parse_event_t::array_start)) {
        nested = true;
        return false;
      }
      return true;
    });
  } catch (const nlohmann::json::parse_error& e) {
    error("not valid JSON at byte " + std::to_string(e.byte));
    return std::nullopt;
  } catch (const nlohmann::json::out_of_range&) {
    error("holds a number too large to read (format_version must be 1)");
    return std::nullopt;
  } catch (const nlohmann::json::exception&) {
    error("not valid JSON");
    return std::nullopt;
  }
  if (!j.is_object()) {
    error("must be a JSON object");
    return std::nullopt;
  }
  if (nested) error("field values must be strings or numbers, not objects or arrays");
  static constexpr std::string_view kFields[] = {"format_version", "region",  "organisation", "organisation_name",
                                                 "period",         "created", "synthetic"};
  for (const auto& [key, value] : j.items()) {
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields)) {
      error_in(ShownValue(key), "field '" + ShownValue(key) + "' is not part of format version 1");
    }
  }
  // A string field: its type, its length and its characters are checked.
  auto str = [&](std::string_view key, bool required, std::size_t max) -> std::string {
    auto it = j.find(std::string(key));
    if (it == j.end() || it->is_null()) {
      if (required) error_in(key, std::string(key) + ": is required");
      return {};
    }
    if (!it->is_string()) {
      error_in(key, std::string(key) + ": must be a string (in double quotes), not " + std::string(it->type_name()));
      return {};
    }
    std::string value = it->get<std::string>();
    if (required && value.empty()) {
      error_in(key, std::string(key) + ": must not be empty");
      return {};
    }
    if (value.size() > max) {
      error_in(key,
               std::string(key) + ": is " + std::to_string(value.size()) + " bytes, at most " + std::to_string(max));
      return {};
    }
    if (auto bad = FindControl(value, false); bad != std::string_view::npos) {
      error_in(key, std::string(key) + ": holds a control character at byte " + std::to_string(bad) +
                        "; only printable characters are allowed");
      return {};
    }
    return value;
  };
  Manifest m;
  auto version = j.find("format_version");
  if (version == j.end()) {
    error_in("format_version", "format_version: is required");
  } else if (!version->is_number_integer() || version->get<std::int64_t>() != 1) {
    const std::string shown = version->is_number() ? ShownValue(version->dump()) : std::string(version->type_name());
    error_in("format_version", "format_version: '" + shown + "': this onderdak reads format version 1");
  }
  m.region = str("region", true, kManifestRegionMax);
  m.organisation = str("organisation", true, kManifestOrganisationMax);
  m.organisation_name = str("organisation_name", false, kManifestOrganisationNameMax);
  m.created = str("created", true, kManifestCreatedMax);
  if (auto it = j.find("synthetic"); it != j.end() && !it->is_null()) {
    if (it->is_boolean()) {
      m.synthetic = it->get<bool>();
    } else {
      error_in("synthetic",
               "synthetic: must be true or false (without quotes), not " +
                   (it->is_string() ? "'" + ShownValue(it->get<std::string>()) + "'" : std::string(it->type_name())));
    }
  }
  const std::string period = str("period", true, kManifestPeriodMax);
  if (!m.created.empty() && !IsIsoTimestamp(m.created)) {
    error_in("created", "created: '" + ShownValue(m.created) +
                            "': must be an ISO 8601 timestamp with time zone, e.g. 2021-07-15T09:30:00Z");
  }
  if (!period.empty()) {
    auto p = core::Period::Parse(period);
    if (!p.ok()) {
      error_in("period", "period: '" + ShownValue(period) + "': must be a half-year (2021H1) or a year (2021)");
    } else {
      m.period = *p;
      if (parts != nullptr) parts->period = true;
    }
  }
  if (errors.size() > errors_before) {
    if (parts != nullptr) {
      if (!m.created.empty() && !IsIsoTimestamp(m.created)) m.created.clear();
      parts->manifest = std::move(m);
    }
    return std::nullopt;
  }
  return m;
}

std::optional<Manifest> ReadManifest(DeliverySource& source, std::vector<std::string>& errors, ManifestParts* parts) {
  auto whole_file = [&](std::string message) {
    errors.push_back(std::move(message));
    if (parts != nullptr) parts->error_fields.emplace_back();
  };
  if (!source.Has("manifest.json")) {
    whole_file("manifest.json is missing; every delivery starts with one (docs/exchange-format.md §1)");
    return std::nullopt;
  }
  if (source.Size("manifest.json") > kManifestMaxBytes) {
    whole_file("manifest.json: is " + std::to_string(source.Size("manifest.json")) + " bytes, over the limit of " +
               std::to_string(kManifestMaxBytes));
    return std::nullopt;
  }
  auto stream = source.OpenFile("manifest.json");
  if (!stream.ok()) {
    whole_file("manifest.json: " + stream.status().message());
    return std::nullopt;
  }
  std::string text;
  char buf[4096];
  while ((*stream)->read(buf, sizeof buf) || (*stream)->gcount() > 0) {
    text.append(buf, static_cast<std::size_t>((*stream)->gcount()));
    if (text.size() > kManifestMaxBytes) break;  // ParseManifest says so
  }
  if (!source.StreamError().empty()) {
    whole_file(source.StreamError());
    return std::nullopt;
  }
  return ParseManifest(text, errors, parts);
}

core::Result<Manifest> ReadManifest(DeliverySource& source) {
  std::vector<std::string> errors;
  auto m = ReadManifest(source, errors);
  if (m) return *std::move(m);
  std::string message;
  for (const auto& e : errors) message += (message.empty() ? "" : "; ") + e;
  return core::Status::InvalidInput(message);
}

}  // namespace onderdak::ingest
