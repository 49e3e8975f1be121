#include "onderdak/indicators/disclosure.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

namespace onderdak::indicators {
namespace {

bool IsCount(const Figure& f) { return !f.denominator && !f.numerator; }
bool IsShare(const Figure& f) { return f.numerator.has_value() && f.denominator.has_value(); }
bool IsStatistic(const Figure& f) { return !f.numerator && f.denominator.has_value(); }  // median, percentile

bool Small(std::int64_t n, std::int64_t k) { return n > 0 && n < k; }

bool PrimarySuppress(const Figure& f, std::int64_t k) {
  if (IsCount(f)) return Small(static_cast<std::int64_t>(std::llround(f.value)), k);
  if (IsShare(f)) return Small(*f.numerator, k) || Small(*f.denominator, k);
  return Small(*f.denominator, k);  // medians and percentiles of small groups
}

// The size of a cell when picking a complementary suppression: the smallest goes first.
std::int64_t Size(const Figure& f) {
  if (IsShare(f)) return *f.denominator;
  return static_cast<std::int64_t>(std::llround(f.value));
}

void Clear(Figure& f) {
  f.suppressed = true;
  f.value = 0;
  f.numerator.reset();
  f.denominator.reset();
  f.records.clear();
}

std::string DimOf(const std::string& breakdown) {
  const auto eq = breakdown.find('=');
  return eq == std::string::npos ? std::string() : breakdown.substr(0, eq);
}

std::int64_t RoundTo(std::int64_t n, std::int64_t base) { return (n + base / 2) / base * base; }

}  // namespace

void ApplyDisclosureControl(std::vector<Figure>& figures, const DisclosureOptions& options) {
  using Method = DisclosureOptions::Method;
  if (options.method == Method::kNone) return;
  const std::int64_t k = std::max<std::int64_t>(options.threshold, 1);
  auto controlled = [&](const Figure& f) {
    return f.disclosive && (options.own_region.empty() || f.region != options.own_region);
  };
  std::vector<char> hidden(figures.size(), 0);
  for (std::size_t i = 0; i < figures.size(); ++i) {
    if (controlled(figures[i]) && PrimarySuppress(figures[i], k)) hidden[i] = 1;
  }

  if (options.method == Method::kSuppress) {
    // Tables: (a) the cells of one breakdown dimension with their total; (b) the regions
    // of one cell with "NL". Additive figures only (medians cannot be recovered from others).
    using Base = std::tuple<std::string, std::string, std::string, std::string>;  // indicator, measure, period, ref
    auto base = [](const Figure& f) {
      return Base{f.indicator, f.measure, f.period, f.reference_date ? f.reference_date->ToString() : ""};
    };
    struct Table {
      std::vector<std::size_t> cells;
      std::optional<std::size_t> total;
    };
    std::map<std::tuple<Base, std::string, std::string>, Table> tables;  // base, region-or-"*", dim-or-breakdown
    for (std::size_t i = 0; i < figures.size(); ++i) {
      const Figure& f = figures[i];
      if (!controlled(f) || !f.additive || IsStatistic(f)) continue;
      const Base b = base(f);
      // (a) breakdown table within the region.
      if (f.breakdown == "total") {
        // Registered as the total of every dimension table of this region (filled below).
      } else {
        tables[{b, f.region, DimOf(f.breakdown)}].cells.push_back(i);
      }
      // (b) regional table of this cell.
      auto& t = tables[{b, "*", f.breakdown}];
      if (f.region == "NL") {
        t.total = i;
      } else {
        t.cells.push_back(i);
      }
    }
    for (std::size_t i = 0; i < figures.size(); ++i) {
      const Figure& f = figures[i];
      if (!controlled(f) || !f.additive || IsStatistic(f) || f.breakdown != "total") continue;
      const Base b = base(f);
      for (auto it = tables.lower_bound({b, f.region, ""}); it != tables.end(); ++it) {
        if (std::get<0>(it->first) != b || std::get<1>(it->first) != f.region) break;
        it->second.total = i;
      }
    }
    bool changed = true;
    while (changed) {
      changed = false;
      for (auto& [key, t] : tables) {
        int n = 0;
        for (auto c : t.cells) n += hidden[c];
        if (t.total) n += hidden[*t.total];
        if (n != 1) continue;
        // Exactly one hidden element: hide the smallest other cell (a non-empty one first).
        std::optional<std::size_t> pick;
        for (auto c : t.cells) {
          if (hidden[c]) continue;
          if (!pick) {
            pick = c;
            continue;
          }
          const auto sc = Size(figures[c]), sp = Size(figures[*pick]);
          const bool better = (sc > 0) != (sp > 0) ? sc > 0 : sc < sp;
          if (better) pick = c;
        }
        if (!pick && t.total && !hidden[*t.total]) pick = *t.total;
        if (pick) {
          hidden[*pick] = 1;
          changed = true;
        }
      }
    }
    for (std::size_t i = 0; i < figures.size(); ++i) {
      if (hidden[i]) Clear(figures[i]);
    }
  } else {
    const std::int64_t base = std::max<std::int64_t>(options.rounding_base, 1);
    for (std::size_t i = 0; i < figures.size(); ++i) {
      Figure& f = figures[i];
      if (!controlled(f)) continue;
      if (IsStatistic(f)) {
        if (hidden[i]) {
          Clear(f);
        } else {
          f.denominator = RoundTo(*f.denominator, base);
          f.rounded = true;
        }
        continue;
      }
      if (IsCount(f)) {
        f.value = static_cast<double>(RoundTo(static_cast<std::int64_t>(std::llround(f.value)), base));
      } else {
        f.numerator = RoundTo(*f.numerator, base);
        f.denominator = RoundTo(*f.denominator, base);
        if (*f.denominator == 0) {
          Clear(f);
          continue;
        }
        f.value = static_cast<double>(*f.numerator) / static_cast<double>(*f.denominator);
      }
      f.rounded = true;
    }
  }
  if (!options.keep_records) {
    for (auto& f : figures) {
      if (options.own_region.empty() || f.region != options.own_region) f.records.clear();
    }
  }
}

}  // namespace onderdak::indicators
