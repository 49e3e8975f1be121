#include "onderdak/stats/loglinear.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <sstream>

#include "onderdak/stats/internal/model_fitter.h"

namespace onderdak::stats {
namespace {

bool TermLess(unsigned a, unsigned b) {
  const int pa = std::popcount(a);
  const int pb = std::popcount(b);
  return pa != pb ? pa < pb : a < b;
}

// Every non-empty mask of up to kMaxLists lists, in TermLess order.
constexpr auto kMasksInTermOrder = [] {
  std::array<unsigned, (1u << kMaxLists) - 1> masks{};
  size_t next = 0;
  for (int order = 1; order <= kMaxLists; ++order) {
    for (unsigned s = 1; s < (1u << kMaxLists); ++s) {
      if (std::popcount(s) == order) masks[next++] = s;
    }
  }
  return masks;
}();

// The maximal terms: those not contained in another term of the model.
std::vector<unsigned> Generators(const std::vector<unsigned>& terms) {
  std::vector<unsigned> generators;
  for (unsigned t : terms) {
    bool maximal = true;
    for (unsigned u : terms) {
      if (u != t && (u & t) == t) {
        maximal = false;
        break;
      }
    }
    if (maximal) generators.push_back(t);
  }
  // Higher orders first, then by the lists in order: "[135,12,24,34]".
  std::sort(generators.begin(), generators.end(), [](unsigned a, unsigned b) {
    const int pa = std::popcount(a);
    const int pb = std::popcount(b);
    if (pa != pb) return pa > pb;
    // Compare as sorted digit strings: reverse bit order so list 1 weighs most.
    for (unsigned bit = 1; bit != 0 && bit <= (a | b); bit <<= 1) {
      if ((a & bit) != (b & bit)) return (a & bit) != 0;
    }
    return false;
  });
  return generators;
}

}  // namespace

HierarchicalModel HierarchicalModel::Independence(int num_lists) { return FromGenerators(num_lists, {}); }

HierarchicalModel HierarchicalModel::FromGenerators(int num_lists, const std::vector<unsigned>& generators) {
  HierarchicalModel model;
  model.num_lists_ = num_lists;
  const unsigned all = (1u << num_lists) - 1;
  std::array<bool, size_t{1} << kMaxLists> present{};
  for (int j = 0; j < num_lists; ++j) present[1u << j] = true;
  for (unsigned g : generators) {
    g &= all;
    // Every non-empty subset of g.
    for (unsigned s = g; s != 0; s = (s - 1) & g) present[s] = true;
  }
  // Already in TermLess order; model searches build thousands of models, and sorting
  // each was a visible part of their time.
  model.terms_.reserve(all);
  for (unsigned s : kMasksInTermOrder) {
    if (s <= all && present[s]) model.terms_.push_back(s);
  }
  return model;
}

core::Result<HierarchicalModel> HierarchicalModel::Parse(std::string_view text, int num_lists) {
  auto fail = [&](std::string_view why) {
    return core::Status::InvalidInput("model '" + std::string(text) + "': " + std::string(why));
  };
  if (num_lists < 2 || num_lists > kMaxLists) return fail("number of lists out of range");
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') {
    return fail("expected generator notation such as [12,3]");
  }
  s = s.substr(1, s.size() - 2);
  std::vector<unsigned> generators;
  unsigned current = 0;
  bool empty_part = true;
  for (char c : s) {
    if (c == ',') {
      if (empty_part) return fail("empty generator");
      generators.push_back(current);
      current = 0;
      empty_part = true;
    } else if (c >= '1' && c <= '9') {
      const int list = c - '1';
      if (list >= num_lists) return fail("list number " + std::string(1, c) + " > " + std::to_string(num_lists));
      if ((current & (1u << list)) != 0) return fail("a list repeats within a generator");
      current |= 1u << list;
      empty_part = false;
    } else if (c != ' ') {
      return fail(std::string("unexpected character '") + c + "'");
    }
  }
  if (empty_part) return fail("empty generator");
  generators.push_back(current);
  return FromGenerators(num_lists, generators);
}

bool HierarchicalModel::Contains(unsigned term) const {
  return std::binary_search(terms_.begin(), terms_.end(), term, TermLess);
}

int HierarchicalModel::MaxOrder() const {
  int order = 0;
  for (unsigned t : terms_) order = std::max(order, std::popcount(t));
  return order;
}

HierarchicalModel HierarchicalModel::WithTerm(unsigned term) const {
  std::vector<unsigned> generators = terms_;
  generators.push_back(term);
  return FromGenerators(num_lists_, generators);
}

std::string HierarchicalModel::ToString() const {
  std::string out = "[";
  bool first = true;
  for (unsigned g : Generators(terms_)) {
    if (!first) out += ',';
    first = false;
    for (int j = 0; j < num_lists_; ++j) {
      if ((g & (1u << j)) != 0) out += static_cast<char>('1' + j);
    }
  }
  return out + "]";
}

std::string HierarchicalModel::Describe(const std::vector<std::string>& list_names) const {
  std::string out = "[";
  bool first = true;
  for (unsigned g : Generators(terms_)) {
    if (!first) out += ", ";
    first = false;
    bool first_list = true;
    for (int j = 0; j < num_lists_; ++j) {
      if ((g & (1u << j)) == 0) continue;
      if (!first_list) out += '*';
      first_list = false;
      out += j < static_cast<int>(list_names.size()) ? list_names[j] : std::to_string(j + 1);
    }
  }
  return out + "]";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk: return "ok";
    case Verdict::kNoMle: return "no finite maximum-likelihood estimate";
    case Verdict::kNotIdentifiable: return "not identifiable";
    case Verdict::kNoMleNotIdentifiable: return "no finite maximum-likelihood estimate and not identifiable";
  }
  return "unknown";
}

std::string_view CriterionName(Criterion criterion) { return criterion == Criterion::kAic ? "AIC" : "BIC"; }

double ModelFit::TermPValue(unsigned term) const {
  for (size_t i = 1; i < coefficient_terms.size(); ++i) {
    if (coefficient_terms[i] == term && coefficient_stderr[i] > 0) {
      const double z = std::abs(coefficients[i] / coefficient_stderr[i]);
      return std::erfc(z / std::sqrt(2.0));
    }
  }
  return 1.0;
}

core::Result<ModelFit> FitModel(const CaptureTable& table, const HierarchicalModel& model, const FitOptions& options) {
  return internal::ModelFitter(table).Fit(model, options);
}

}  // namespace onderdak::stats
