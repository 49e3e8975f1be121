#include "onderdak/indicators/csv.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace onderdak::indicators {

void AppendCsvField(std::string& out, const std::string& v, char separator) {
  // Spreadsheet formula neutralisation (exchange format §1): a leading = + - @ gets a quote.
  std::string text = v;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '@' ||
                        (text[0] == '-' && (text.size() == 1 || !std::isdigit(static_cast<unsigned char>(text[1])))))) {
    text.insert(text.begin(), '\'');
  }
  const char special[] = {separator, '"', '\r', '\n', '\0'};
  if (text.find_first_of(special) == std::string::npos) {
    out += text;
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

std::string JoinMissing(const std::vector<std::string>& missing) {
  std::string out;
  for (const auto& m : missing) out += (out.empty() ? "" : ";") + m;
  return out;
}

std::string JoinCarried(const std::vector<Completeness::Carried>& carried) {
  std::string out;
  for (const auto& c : carried) out += (out.empty() ? "" : ";") + c.region + "=" + c.period;
  return out;
}

}  // namespace

std::vector<std::string> CsvHeader() {
  return {"indicator", "region", "period", "reference_date", "breakdown", "value", "numerator", "denominator", "status",
          "measure", "unit", "delivered", "expected", "disclosure", "note",
          // Who is behind the figure: "regions" (national) or "organisations" (a region),
          // and those expected that did not deliver, separated by ";".
          "coverage_unit", "missing",
          // A value carried from an earlier period: a region's row names that period; a
          // national row lists the regions carried into it as "GM0363=2023H2;...".
          "carried_from", "carried",
          // The definition preset the figure was computed under (docs/indicators.md §2.7).
          "definition"};
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "";
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", value);
  return buf;
}

std::vector<std::string> CsvFields(const Figure& f) {
  const bool hide = f.suppressed;
  return {f.indicator,
          f.region,
          f.period,
          f.reference_date ? f.reference_date->ToString() : "",
          f.breakdown,
          hide ? "" : FormatValue(f.value),
          hide || !f.numerator ? "" : std::to_string(*f.numerator),
          hide || !f.denominator ? "" : std::to_string(*f.denominator),
          f.completeness.Status(),
          f.measure,
          std::string(UnitName(f.unit)),
          std::to_string(f.completeness.delivered),
          std::to_string(f.completeness.expected),
          f.suppressed ? "suppressed" : (f.rounded ? "rounded" : ""),
          f.note,
          f.completeness.unit,
          JoinMissing(f.completeness.missing),
          f.carried_from,
          JoinCarried(f.completeness.carried),
          f.definition};
}

std::string RenderCsv(std::span<const Figure> figures, const CsvDialect& dialect) {
  std::string out = dialect.byte_order_mark ? "\xEF\xBB\xBF" : "";
  constexpr std::size_t kValue = 5;  // the one column that can hold a fraction (CsvHeader)
  auto line = [&](std::vector<std::string> fields, bool header) {
    if (!header && dialect.decimal != '.') {
      for (char& c : fields[kValue]) c = c == '.' ? dialect.decimal : c;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.push_back(dialect.separator);
      AppendCsvField(out, fields[i], dialect.separator);
    }
    out.push_back('\n');
  };
  line(CsvHeader(), true);
  for (const auto& f : figures) line(CsvFields(f), false);
  return out;
}

}  // namespace onderdak::indicators
