// The input of bench/projection_numpy.py, the plain baseline of bench/projection_bench.sh:
// every unit's spells (indicators::HomelessSpells) as CSV, for the benchmark only (person
// ids are dense numbers within a unit, never pseudonyms).
//   projection_spells DB_URL OUT_DIR   -> OUT_DIR/units.csv, OUT_DIR/spells.csv
#include <cstdio>
#include <fstream>
#include <iostream>

#include "onderdak/indicators/engine.h"
#include "onderdak/indicators/spells.h"
#include "onderdak/store/store.h"

int main(int argc, char** argv) {
  using namespace onderdak;
  if (argc != 3) {
    std::cerr << "usage: projection_spells DB_URL OUT_DIR\n";
    return 2;
  }
  auto store = store::OpenStore(argv[1], store::OpenMode::kExisting);
  if (!store.ok()) return std::cerr << store.status().message() << "\n", 1;
  store::DeliveryFilter filter;
  filter.current_only = true;
  auto data = (*store)->LoadDataset(filter);
  if (!data.ok()) return std::cerr << data.status().message() << "\n", 1;
  auto prepared = indicators::Prepare(*data);
  if (!prepared.ok()) return std::cerr << prepared.status().message() << "\n", 1;
  auto units = indicators::HomelessSpells(*prepared, {});
  if (!units.ok()) return std::cerr << units.status().message() << "\n", 1;
  const std::string dir = argv[2];
  std::ofstream u(dir + "/units.csv"), s(dir + "/spells.csv");
  u << "unit,first,last,persons,delivered\n";
  s << "unit,person,start,end,ongoing,housed,first_time\n";
  for (const auto& unit : *units) {
    u << unit.code << "," << unit.first.days() << "," << unit.last.days() << "," << unit.persons << ",";
    for (std::size_t i = 0; i < unit.delivered.size(); ++i) {
      u << (i ? " " : "") << unit.delivered[i].first().days() << ":" << unit.delivered[i].last().days();
    }
    u << "\n";
    for (const auto& sp : unit.spells) {
      s << unit.code << "," << sp.person << "," << sp.start.days() << "," << sp.end.days() << "," << sp.ongoing << ","
        << sp.housed << "," << sp.first_time << "\n";
    }
  }
  return u && s ? 0 : 1;
}
