#include "onderdak/indicators/microdata.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "onderdak/indicators/context.h"
#include "onderdak/indicators/csv.h"

namespace onderdak::indicators {
namespace {

// Completed years on `on` by the age rule of every figure (domain::CompletedYears).
int AgeOn(const domain::Person& p, core::Date on) {
  return domain::CompletedYears(domain::BirthMonthIndex(p), on.year() * 12 + on.month() - 1);
}

bool Overlaps(core::Date start, const std::optional<core::Date>& end, core::Date delivery_last,
              const core::Period& period) {
  const core::Date last = end ? *end : delivery_last;  // open: ongoing at the delivery's end
  return start <= period.last() && last >= period.first();
}

}  // namespace

core::Result<std::vector<MicrodataRow>> SelectMicrodata(const domain::Dataset& data, const MicrodataRequest& request) {
  ONDERDAK_ASSIGN_OR_RETURN(const Definition* definition, FindDefinition(request.definition));
  auto in_set = [&](int ethos) {
    return std::find(definition->ethos.begin(), definition->ethos.end(), ethos) != definition->ethos.end();
  };
  auto delivery_in_scope = [&](const domain::Delivery& d) {
    return d.current && d.region == request.region && d.period_first <= request.period.last() &&
           d.period_last >= request.period.first();
  };
  // (organisation, kind, record id) -> the row from the latest delivery holding it.
  std::map<std::tuple<std::string, std::string_view, std::string>, std::pair<core::Date, MicrodataRow>> chosen;
  auto offer = [&](const domain::Person& person, const domain::Delivery& delivery, MicrodataRow row) {
    const core::Date count_date = std::max(row.start, request.period.first());
    row.age = AgeOn(person, count_date);
    if (definition->HasAgeLimit() && (row.age < 0 || !definition->AgeCounts(row.age))) return;
    row.pseudonym = person.pseudonym;
    row.organisation = delivery.organisation;
    row.delivery_period = delivery.period;
    row.birth_year = person.birth_year;
    row.gender = person.gender;
    row.household = person.household;
    row.nationality_group = person.nationality_group;
    row.municipality_of_origin = person.municipality_of_origin;
    auto key = std::make_tuple(delivery.organisation, row.kind, row.record_id);
    auto it = chosen.find(key);
    if (it == chosen.end()) {
      chosen.emplace(std::move(key), std::make_pair(delivery.period_last, std::move(row)));
    } else if (delivery.period_last > it->second.first) {
      it->second = std::make_pair(delivery.period_last, std::move(row));
    }
  };
  auto person_of = [&](std::int32_t index) -> const domain::Person* {
    if (index < 0 || static_cast<std::size_t>(index) >= data.persons.size()) return nullptr;
    return &data.persons[static_cast<std::size_t>(index)];
  };
  auto delivery_of = [&](const domain::Person& p) -> const domain::Delivery* {
    if (p.delivery < 0 || static_cast<std::size_t>(p.delivery) >= data.deliveries.size()) return nullptr;
    const domain::Delivery& d = data.deliveries[static_cast<std::size_t>(p.delivery)];
    return delivery_in_scope(d) ? &d : nullptr;
  };
  for (const domain::LivingSituation& l : data.living_situations) {
    const domain::Person* person = person_of(l.person);
    const domain::Delivery* delivery = person == nullptr ? nullptr : delivery_of(*person);
    if (delivery == nullptr || !in_set(l.ethos) || !Overlaps(l.start, l.end, delivery->period_last, request.period)) {
      continue;
    }
    offer(*person, *delivery,
          MicrodataRow{
              .record_id = l.record_id, .kind = "living_situation", .ethos = l.ethos, .start = l.start, .end = l.end});
  }
  for (const domain::ServiceEpisode& s : data.service_episodes) {
    if (!IsShelterStay(s.service_type) || !in_set(ShelterEthos(s.service_type))) continue;
    const domain::Person* person = person_of(s.person);
    const domain::Delivery* delivery = person == nullptr ? nullptr : delivery_of(*person);
    if (delivery == nullptr || !Overlaps(s.start, s.end, delivery->period_last, request.period)) continue;
    offer(*person, *delivery,
          MicrodataRow{.record_id = s.record_id,
                       .kind = "shelter_stay",
                       .ethos = ShelterEthos(s.service_type),
                       .service_type = s.service_type,
                       .start = s.start,
                       .end = s.end,
                       .exit_destination = s.end ? s.exit_destination : std::string_view()});
  }
  std::vector<MicrodataRow> rows;
  rows.reserve(chosen.size());
  for (auto& [key, value] : chosen) rows.push_back(std::move(value.second));
  std::sort(rows.begin(), rows.end(), [](const MicrodataRow& a, const MicrodataRow& b) {
    return std::tie(a.pseudonym, a.start, a.kind, a.organisation, a.record_id) <
           std::tie(b.pseudonym, b.start, b.kind, b.organisation, b.record_id);
  });
  return rows;
}

std::vector<std::string> MicrodataHeader() {
  return {"region",
          "period",
          "definition",
          "pseudonym",
          "organisation",
          "delivery_period",
          "record_id",
          "birth_year",
          "age",
          "gender",
          "household",
          "nationality_group",
          "municipality_of_origin",
          "episode_kind",
          "ethos",
          "service_type",
          "start_date",
          "end_date",
          "exit_destination"};
}

std::string RenderMicrodataCsv(const std::vector<MicrodataRow>& rows, const MicrodataRequest& request) {
  std::string out;
  auto line = [&out](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.push_back(',');
      AppendCsvField(out, fields[i]);
    }
    out.push_back('\n');
  };
  line(MicrodataHeader());
  const std::string period = request.period.ToString();
  for (const MicrodataRow& r : rows) {
    line({request.region, period, request.definition, r.pseudonym, r.organisation, r.delivery_period, r.record_id,
          r.birth_year > 0 ? std::to_string(r.birth_year) : "", r.age >= 0 ? std::to_string(r.age) : "",
          std::string(r.gender), std::string(r.household), std::string(r.nationality_group), r.municipality_of_origin,
          std::string(r.kind), std::to_string(r.ethos), std::string(r.service_type), r.start.ToString(),
          r.end ? r.end->ToString() : "", std::string(r.exit_destination)});
  }
  return out;
}

}  // namespace onderdak::indicators
