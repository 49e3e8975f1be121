#include "golden.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "onderdak/domain/code_lists.h"

namespace onderdak::indicators::golden {
namespace {

using core::Date;
using core::Result;
using core::Status;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

class Parser {
 public:
  explicit Parser(std::string name) : name_(std::move(name)) {}

  Status Error(const std::string& msg) const {
    return Status::InvalidInput(name_ + ":" + std::to_string(line_) + ": " + msg);
  }

  Result<std::string_view> CodeOf(std::string_view list, const std::string& v) {
    if (v == "-") return std::string_view();
    const auto* l = domain::FindCodeList(list);
    const auto* c = l == nullptr ? nullptr : domain::FindCode(*l, v);
    if (c == nullptr) return Error("'" + v + "' is not a code of " + std::string(list));
    return c->code;
  }
  Result<Date> DateOf(const std::string& v) {
    auto d = Date::Parse(v);
    if (!d.ok()) return Error(d.status().message());
    return *d;
  }
  Result<std::optional<Date>> OptDate(const std::string& v) {
    if (v == "-") return std::optional<Date>();
    ONDERDAK_ASSIGN_OR_RETURN(Date d, DateOf(v));
    return std::optional<Date>(d);
  }
  Result<std::int64_t> Int(const std::string& v) {
    std::int64_t x = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (ec != std::errc() || p != v.data() + v.size()) return Error("'" + v + "' is not an integer");
    return x;
  }
  Result<bool> Bool(const std::string& v) {
    if (v == "ja" || v == "yes") return true;
    if (v == "nee" || v == "no") return false;
    return Error("'" + v + "' is not ja/nee");
  }
  Result<std::string_view> YesNoUnknown(const std::string& v, std::string_view column) {
    static constexpr std::string_view kValues[] = {"ja", "nee", "onbekend"};
    auto it = std::find(std::begin(kValues), std::end(kValues), v);
    if (it == std::end(kValues)) return Error(std::string(column) + " must be ja, nee or onbekend");
    return *it;
  }
  Result<double> Number(const std::string& v) {
    const auto slash = v.find('/');
    if (slash != std::string::npos) {
      ONDERDAK_ASSIGN_OR_RETURN(auto a, Number(v.substr(0, slash)));
      ONDERDAK_ASSIGN_OR_RETURN(auto b, Number(v.substr(slash + 1)));
      return a / b;
    }
    try {
      std::size_t pos = 0;
      double d = std::stod(v, &pos);
      if (pos != v.size()) return Error("'" + v + "' is not a number");
      return d;
    } catch (...) {
      return Error("'" + v + "' is not a number");
    }
  }

  Result<Case> Parse(std::istream& in) {
    Case c;
    c.name = name_;
    std::string section, delivery;
    bool in_header = true;
    for (std::string raw; std::getline(in, raw);) {
      ++line_;
      if (!raw.empty() && raw.back() == '\r') raw.pop_back();
      const auto first = raw.find_first_not_of(' ');
      if (first == std::string::npos) continue;
      if (raw[first] == '#') {
        if (in_header) c.description += raw.substr(first + 1) + "\n";
        continue;
      }
      in_header = false;
      auto w = Words(raw);
      if (first == 0) {
        section = w[0];
        delivery = w.size() > 1 ? w[1] : "";
        if (section == "request") {
          ONDERDAK_RETURN_IF_ERROR(Request(c, w));
        } else if (section == "delivery") {
          ONDERDAK_RETURN_IF_ERROR(Delivery(c, w));
        } else if (section != "expect") {
          if (!deliveries_.contains(delivery)) return Error("unknown delivery '" + delivery + "'");
          auto& files = c.data.deliveries[static_cast<std::size_t>(deliveries_[delivery])].files;
          if (!explicit_files_[delivery] && std::find(files.begin(), files.end(), section) == files.end()) {
            files.push_back(section);
          }
        }
        continue;
      }
      if (section == "expect") {
        ONDERDAK_RETURN_IF_ERROR(Expect(c, w));
      } else {
        ONDERDAK_RETURN_IF_ERROR(Row(c, section, delivery, w));
      }
    }
    if (!has_request_) return Error("no request line");
    return c;
  }

 private:
  Status Request(Case& c, const std::vector<std::string>& w) {
    has_request_ = true;
    for (std::size_t i = 1; i < w.size(); ++i) {
      const auto eq = w[i].find('=');
      if (eq == std::string::npos) return Error("expected key=value, got '" + w[i] + "'");
      const std::string k = w[i].substr(0, eq), v = w[i].substr(eq + 1);
      if (k == "period") {
        auto p = core::Period::Parse(v);
        if (!p.ok()) return Error(p.status().message());
        c.request.period = *p;
      } else if (k == "reference_date") {
        ONDERDAK_ASSIGN_OR_RETURN(Date d, DateOf(v));
        c.request.reference_date = d;
      } else if (k == "indicators") {
        c.request.indicators = Split(v, ',');
      } else if (k == "breakdowns") {
        c.request.breakdowns = Split(v, ',');
      } else if (k == "ethos") {
        c.request.ethos.clear();
        for (const auto& e : Split(v, ',')) {
          ONDERDAK_ASSIGN_OR_RETURN(auto x, Int(e));
          c.request.ethos.push_back(static_cast<int>(x));
        }
      } else if (k == "definition") {
        c.request.definition = v;
      } else if (k == "region") {
        c.request.region = v;
      } else if (k == "only_regions") {
        c.request.only_regions = Split(v, ',');
      } else if (k == "expected_regions") {
        c.request.expected_regions = Split(v, ',');
      } else if (k == "municipalities") {
        for (const auto& pair : Split(v, ',')) {
          const auto colon = pair.find(':');
          if (colon == std::string::npos) return Error("municipalities: MUNICIPALITY:REGION, got '" + pair + "'");
          c.request.municipality_regions[pair.substr(0, colon)] = pair.substr(colon + 1);
        }
      } else if (k == "disclosure") {
        if (v != "suppress") return Error("disclosure: only 'suppress'");
        c.disclosure = true;
      } else if (k == "target") {
        ONDERDAK_ASSIGN_OR_RETURN(auto target, Int(v));
        c.request.national_target_extra_places = target;
      } else {
        return Error("unknown request key '" + k + "'");
      }
    }
    return Status::Ok();
  }

  Status Delivery(Case& c, const std::vector<std::string>& w) {
    if (w.size() < 2) return Error("delivery needs a name");
    domain::Delivery d;
    d.id = static_cast<std::int64_t>(c.data.deliveries.size()) + 1;
    for (std::size_t i = 2; i < w.size(); ++i) {
      const auto eq = w[i].find('=');
      if (eq == std::string::npos) return Error("expected key=value, got '" + w[i] + "'");
      const std::string k = w[i].substr(0, eq), v = w[i].substr(eq + 1);
      if (k == "region") {
        d.region = v;
      } else if (k == "organisation") {
        d.organisation = v;
      } else if (k == "period") {
        auto p = core::Period::Parse(v);
        if (!p.ok()) return Error(p.status().message());
        d.period = p->ToString();
        d.period_first = p->first();
        d.period_last = p->last();
      } else if (k == "current") {
        ONDERDAK_ASSIGN_OR_RETURN(d.current, Bool(v));
      } else if (k == "version") {
        ONDERDAK_ASSIGN_OR_RETURN(auto x, Int(v));
        d.version = static_cast<int>(x);
      } else if (k == "files") {
        d.files = Split(v, ',');
        explicit_files_[w[1]] = true;
      } else if (k == "quality") {
        ONDERDAK_ASSIGN_OR_RETURN(auto x, Int(v));
        d.quality_flagged = static_cast<int>(x);
      } else {
        return Error("unknown delivery key '" + k + "'");
      }
    }
    if (d.region.empty() || d.organisation.empty() || d.period.empty()) {
      return Error("delivery needs region, organisation and period");
    }
    if (!explicit_files_[w[1]]) d.files = {"persons"};
    deliveries_[w[1]] = static_cast<std::int32_t>(c.data.deliveries.size());
    c.data.deliveries.push_back(std::move(d));
    return Status::Ok();
  }

  Result<std::int32_t> Ref(std::map<std::pair<std::string, std::string>, std::int32_t>& m, const std::string& del,
                           const std::string& id, const char* what) {
    auto it = m.find({del, id});
    if (it == m.end()) return Error(std::string("unknown ") + what + " '" + id + "' in delivery " + del);
    return it->second;
  }

  Status Need(const std::vector<std::string>& w, std::size_t n) {
    if (w.size() != n) return Error("expected " + std::to_string(n) + " columns, got " + std::to_string(w.size()));
    return Status::Ok();
  }

  Status Row(Case& c, const std::string& s, const std::string& del, const std::vector<std::string>& w) {
    auto& data = c.data;
    const std::int32_t di = deliveries_[del];
    auto person = [&](const std::string& id) { return Ref(persons_, del, id, "person"); };
    if (s == "persons") {
      if (w.size() != 6 && w.size() != 7) return Error("persons: 6 or 7 columns");
      domain::Person p;
      p.delivery = di;
      p.record_id = w[0];
      p.pseudonym = w[1];
      if (w[2] != "-") {
        const auto ym = Split(w[2], '-');
        if (ym.size() != 2) return Error("birth year-month must be YYYY-MM");
        ONDERDAK_ASSIGN_OR_RETURN(auto y, Int(ym[0]));
        ONDERDAK_ASSIGN_OR_RETURN(auto m, Int(ym[1]));
        p.birth_year = static_cast<int>(y);
        p.birth_month = static_cast<int>(m);
      }
      ONDERDAK_ASSIGN_OR_RETURN(p.gender, CodeOf("gender", w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(p.nationality_group, CodeOf("nationality_group", w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(p.household, CodeOf("household", w[5]));
      if (w.size() == 7 && w[6] != "-") p.municipality_of_origin = w[6];
      persons_[{del, w[0]}] = static_cast<std::int32_t>(data.persons.size());
      data.persons.push_back(std::move(p));
    } else if (s == "living_situations") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 5));
      domain::LivingSituation l;
      l.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(l.person, person(w[1]));
      ONDERDAK_ASSIGN_OR_RETURN(auto e, Int(w[2]));
      l.ethos = static_cast<int>(e);
      ONDERDAK_ASSIGN_OR_RETURN(l.start, DateOf(w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(l.end, OptDate(w[4]));
      data.living_situations.push_back(std::move(l));
    } else if (s == "service_episodes") {
      if (w.size() != 7 && w.size() != 8) return Error("service_episodes: 7 or 8 columns");
      domain::ServiceEpisode e;
      e.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(e.person, person(w[1]));
      ONDERDAK_ASSIGN_OR_RETURN(e.service_type, CodeOf("service_type", w[2]));
      e.municipality = w[3];
      ONDERDAK_ASSIGN_OR_RETURN(e.start, DateOf(w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(e.end, OptDate(w[5]));
      ONDERDAK_ASSIGN_OR_RETURN(e.exit_destination, CodeOf("exit_destination", w[6]));
      if (w.size() == 8) {
        ONDERDAK_ASSIGN_OR_RETURN(e.facility, Ref(facilities_, del, w[7], "facility"));
      }
      data.service_episodes.push_back(std::move(e));
    } else if (s == "requests") {
      if (w.size() != 8 && w.size() != 9) return Error("requests: 8 or 9 columns");
      domain::Request r;
      r.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(r.person, person(w[1]));
      ONDERDAK_ASSIGN_OR_RETURN(r.request_date, DateOf(w[2]));
      r.municipality_applied_to = w[3];
      ONDERDAK_ASSIGN_OR_RETURN(r.service_type, CodeOf("service_type", w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(r.decision, CodeOf("decision", w[5]));
      ONDERDAK_ASSIGN_OR_RETURN(r.decision_date, OptDate(w[6]));
      ONDERDAK_ASSIGN_OR_RETURN(r.decision_reason, CodeOf("decision_reason", w[7]));
      if (w.size() == 9 && w[8] != "-") r.referred_to_region = w[8];
      data.requests.push_back(std::move(r));
    } else if (s == "waiting_list") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 6));
      domain::WaitingEntry e;
      e.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(e.person, person(w[1]));
      ONDERDAK_ASSIGN_OR_RETURN(e.waiting_list_type, CodeOf("waiting_list_type", w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(e.registered, DateOf(w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(e.end, OptDate(w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(e.outcome, CodeOf("waiting_outcome", w[5]));
      data.waiting_list.push_back(std::move(e));
    } else if (s == "causes") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 4));
      domain::Cause x;
      x.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(x.person, person(w[1]));
      ONDERDAK_ASSIGN_OR_RETURN(x.intake_date, DateOf(w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(x.cause, CodeOf("cause", w[3]));
      data.causes.push_back(std::move(x));
    } else if (s == "needs") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 4));
      domain::Need x;
      x.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(x.person, person(w[1]));
      ONDERDAK_ASSIGN_OR_RETURN(x.assessed, DateOf(w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(x.need_category, CodeOf("need_category", w[3]));
      data.needs.push_back(std::move(x));
    } else if (s == "facilities") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 3));
      domain::Facility f;
      f.delivery = di;
      f.record_id = w[0];
      f.municipality = w[1];
      ONDERDAK_ASSIGN_OR_RETURN(f.service_type, CodeOf("service_type", w[2]));
      facilities_[{del, w[0]}] = static_cast<std::int32_t>(data.facilities.size());
      data.facilities.push_back(std::move(f));
    } else if (s == "capacity") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 6));
      domain::Capacity x;
      x.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(x.facility, Ref(facilities_, del, w[1], "facility"));
      ONDERDAK_ASSIGN_OR_RETURN(x.valid_from, DateOf(w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(x.room_size, CodeOf("room_size", w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(x.rooms, Int(w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(x.places, Int(w[5]));
      data.capacity.push_back(std::move(x));
    } else if (s == "housing_projects") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 6));
      domain::HousingProject h;
      h.delivery = di;
      h.record_id = w[0];
      h.municipality = w[1];
      ONDERDAK_ASSIGN_OR_RETURN(h.housing_kind, CodeOf("housing_kind", w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(h.places, Int(w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(h.status, CodeOf("housing_status", w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(h.status_date, DateOf(w[5]));
      projects_[{del, w[0]}] = static_cast<std::int32_t>(data.housing_projects.size());
      data.housing_projects.push_back(std::move(h));
    } else if (s == "funding_lines") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 4));
      domain::FundingLine l;
      l.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(l.project, Ref(projects_, del, w[1], "project"));
      ONDERDAK_ASSIGN_OR_RETURN(l.funding_line, CodeOf("funding_line", w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(l.places_counted, Int(w[3]));
      data.funding_lines.push_back(std::move(l));
    } else if (s == "plans") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 10));
      domain::Plan p;
      p.delivery = di;
      p.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(p.plan_status, CodeOf("plan_status", w[1]));
      ONDERDAK_ASSIGN_OR_RETURN(p.adopted_date, OptDate(w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(p.aligned_with_action_plan, Bool(w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(p.contains_wonen_eerst, Bool(w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(p.shelter_in_municipality_of_origin, Bool(w[5]));
      ONDERDAK_ASSIGN_OR_RETURN(p.made_with_lived_experience, Bool(w[6]));
      ONDERDAK_ASSIGN_OR_RETURN(auto pol, Int(w[7]));
      ONDERDAK_ASSIGN_OR_RETURN(auto exe, Int(w[8]));
      p.lived_experience_policy = static_cast<int>(pol);
      p.lived_experience_execution = static_cast<int>(exe);
      ONDERDAK_ASSIGN_OR_RETURN(p.target_extra_places, Int(w[9]));
      data.plans.push_back(std::move(p));
    } else if (s == "agreements") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 6));
      domain::Agreement a;
      a.delivery = di;
      a.record_id = w[0];
      a.corporation = w[1];
      a.municipality = w[2];
      ONDERDAK_ASSIGN_OR_RETURN(a.covers_homeless, Bool(w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(a.places_agreed, Int(w[4]));
      ONDERDAK_ASSIGN_OR_RETURN(a.places_realised, Int(w[5]));
      data.agreements.push_back(std::move(a));
    } else if (s == "budgets") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 5));
      domain::Budget b;
      b.delivery = di;
      b.record_id = w[0];
      ONDERDAK_ASSIGN_OR_RETURN(auto y, Int(w[1]));
      b.year = static_cast<int>(y);
      ONDERDAK_ASSIGN_OR_RETURN(b.budget_theme, CodeOf("budget_theme", w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(b.budget_eur, Int(w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(b.spent_eur, Int(w[4]));
      data.budgets.push_back(std::move(b));
    } else if (s == "evictions") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 5));
      domain::Eviction e;
      e.delivery = di;
      e.record_id = w[0];
      e.municipality = w[1];
      ONDERDAK_ASSIGN_OR_RETURN(e.eviction_date, DateOf(w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(e.household, CodeOf("household", w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(e.other_housing_found, YesNoUnknown(w[4], "other_housing_found"));
      data.evictions.push_back(std::move(e));
    } else if (s == "signals") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 4));
      domain::Signal x;
      x.delivery = di;
      x.record_id = w[0];
      x.municipality = w[1];
      ONDERDAK_ASSIGN_OR_RETURN(x.signal_date, DateOf(w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(x.signal_outcome, CodeOf("signal_outcome", w[3]));
      data.signals.push_back(std::move(x));
    } else if (s == "prevention_policies") {
      ONDERDAK_RETURN_IF_ERROR(Need(w, 5));
      domain::PreventionPolicy x;
      x.delivery = di;
      x.record_id = w[0];
      x.municipality = w[1];
      ONDERDAK_ASSIGN_OR_RETURN(x.policy_status, CodeOf("plan_status", w[2]));
      ONDERDAK_ASSIGN_OR_RETURN(x.prevention_scan, Bool(w[3]));
      ONDERDAK_ASSIGN_OR_RETURN(x.respite_facility, YesNoUnknown(w[4], "respite_facility"));
      data.prevention_policies.push_back(std::move(x));
    } else {
      return Error("unknown section '" + s + "'");
    }
    return Status::Ok();
  }

  Status Expect(Case& c, std::vector<std::string> w) {
    // Trailing key=value words: carried_from=PERIOD (a region's carried value) and
    // carried=REGION:PERIOD,... (the regions a national figure carries), "-" for none.
    std::optional<std::string> carried_from, carried;
    while (w.size() > 5 && w.back().find('=') != std::string::npos) {
      const auto& kv = w.back();
      const auto eq = kv.find('=');
      const auto k = kv.substr(0, eq), v = kv.substr(eq + 1);
      if (k == "carried_from") {
        carried_from = v == "-" ? "" : v;
      } else if (k == "carried") {
        carried = v == "-" ? "" : v;
      } else {
        return Error("expect: unknown key '" + k + "'");
      }
      w.pop_back();
    }
    if (w.size() < 5 || w.size() > 7) {
      return Error("expect: indicator measure region breakdown value [num [den]] [carried_from=P] [carried=R:P,...]");
    }
    Expectation e;
    e.line = line_;
    e.indicator = w[0];
    e.measure = w[1];
    e.region = w[2];
    e.breakdown = w[3];
    if (w[4] == "absent") {
      e.absent = true;
    } else if (w[4] == "x") {
      e.suppressed = true;
    } else {
      ONDERDAK_ASSIGN_OR_RETURN(e.value, Number(w[4]));
    }
    if (w.size() > 5 && w[5] != "-") {
      ONDERDAK_ASSIGN_OR_RETURN(auto n, Int(w[5]));
      e.numerator = n;
    }
    if (w.size() > 6 && w[6] != "-") {
      ONDERDAK_ASSIGN_OR_RETURN(auto d, Int(w[6]));
      e.denominator = d;
    }
    e.carried_from = std::move(carried_from);
    e.carried = std::move(carried);
    c.expect.push_back(std::move(e));
    return Status::Ok();
  }

  std::string name_;
  int line_ = 0;
  bool has_request_ = false;
  std::map<std::string, std::int32_t> deliveries_;
  std::map<std::string, bool> explicit_files_;
  std::map<std::pair<std::string, std::string>, std::int32_t> persons_, facilities_, projects_;
};

}  // namespace

core::Result<Case> LoadCase(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Status::Io("cannot read " + file.string());
  Parser p(file.filename().string());
  return p.Parse(in);
}

std::vector<std::filesystem::path> CaseFiles() {
  std::vector<std::filesystem::path> out;
  const auto dir = std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) / "tests" / "indicators" / "golden";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace onderdak::indicators::golden
