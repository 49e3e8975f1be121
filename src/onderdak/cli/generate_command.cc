// onderdak generate --out DIR [--persons N] [--from 2019 --to 2023] [--seed S]
// onderdak generate --out DIR --single-delivery-episodes N [--seed S]
//
// Writes a synthetic national dataset in the exchange format (synth/generator.h), or with
// --single-delivery-episodes one large delivery folder for the import benchmark. Reads
// the regions from the shipped reference file, so it needs no database.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "onderdak/cli/commands.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"

namespace onderdak::cli {

void RegisterGenerateCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  struct Opts {
    std::string out;
    std::int64_t persons = 0;
    int from = 2019, to = 2023;
    std::uint64_t seed = 1;
    std::int64_t single_delivery_episodes = 0;
    bool trajectories = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("generate", "Write synthetic deliveries for all regions and a ground_truth.json");
  cmd->add_option("--out", o->out, "Output folder; must be new or empty")->required();
  cmd->add_option("--persons", o->persons,
                  "Distinct persons nationally over the whole range (default: " +
                      std::to_string(synth::kDefaultPersonsPerYear) + " per year, about 35,000 homeless a year)");
  cmd->add_option("--from", o->from, "First year")->capture_default_str();
  cmd->add_option("--to", o->to, "Last year")->capture_default_str();
  cmd->add_option("--seed", o->seed, "Random seed; the same seed gives the same bytes")->capture_default_str();
  cmd->add_flag("--trajectories", o->trajectories,
                "Regions on different trajectories: new homelessness falling, flat or growing (for the projection's "
                "back-test)");
  cmd->add_option("--single-delivery-episodes", o->single_delivery_episodes,
                  "Instead of the national dataset, write ONE delivery (opvang, " +
                      std::string(synth::kLargeDeliveryRegion) + ", " + std::to_string(synth::kLargeDeliveryYear) +
                      "H" + std::to_string(synth::kLargeDeliveryHalf) +
                      ") with exactly N service episodes and their persons into --out (for the import benchmark; "
                      "--persons, --from and --to do not apply)");
  cmd->callback([&global, outcome, o, cmd] {
    const bool single = cmd->count("--single-delivery-episodes") > 0;
    if (single && o->single_delivery_episodes <= 0) {
      *outcome = core::Status::InvalidInput("--single-delivery-episodes must be a positive number, not " +
                                            std::to_string(o->single_delivery_episodes));
      return;
    }
    if (single && (cmd->count("--persons") > 0 || cmd->count("--from") > 0 || cmd->count("--to") > 0)) {
      *outcome = core::Status::InvalidInput(
          "--single-delivery-episodes writes one fixed delivery; it cannot be combined with --persons, --from or --to");
      return;
    }
    if (cmd->count("--persons") > 0 && o->persons <= 0) {
      *outcome = core::Status::InvalidInput("--persons must be a positive number, not " + std::to_string(o->persons));
      return;
    }
    if (o->from > o->to) {
      *outcome =
          core::Status::InvalidInput("--from " + std::to_string(o->from) + " is after --to " + std::to_string(o->to));
      return;
    }
    auto reference = ingest::ReadRegionsCsv(global.config.ReferenceDir() / ingest::kShippedRegionsFile, nullptr);
    if (!reference.ok()) return void(*outcome = reference.status());

    if (single) {
      synth::GenerateOptions options;
      options.seed = o->seed;
      auto summary = synth::GenerateLargeDelivery(options, *reference, o->out, o->single_delivery_episodes);
      if (!summary.ok()) return void(*outcome = summary.status());
      std::cout << "generated one delivery in " << o->out << ": " << summary->rows.at("service_episodes.csv")
                << " service episodes of " << summary->persons << " persons\n";
      return;
    }

    synth::GenerateOptions options;
    options.persons = o->persons;
    options.from_year = o->from;
    options.to_year = o->to;
    options.seed = o->seed;
    options.trajectories = o->trajectories;
    const bool terminal = ::isatty(2) == 1;
    if (terminal) {
      options.progress = [](int done, int total) {
        std::fprintf(stderr, "\rgenerate: regions %d/%d", done, total);
        if (done == total) std::fputc('\n', stderr);
        std::fflush(stderr);
      };
    }
    auto summary = synth::Generate(options, *reference, o->out);
    if (!summary.ok()) return void(*outcome = summary.status());
    std::cout << "generated " << summary->persons << " persons, " << summary->deliveries << " deliveries ("
              << summary->region_periods_delivered << " of " << summary->regions * summary->half_years
              << " region half-years delivered) in " << o->out << "\n";
    for (const auto& [file, rows] : summary->rows) std::cout << "  " << file << ": " << rows << " rows\n";
    std::cout << "  ground truth: " << o->out << "/ground_truth.json\n";
  });
}

}  // namespace onderdak::cli
