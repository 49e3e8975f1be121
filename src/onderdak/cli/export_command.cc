// onderdak export --format cbs --region GM0363 --period 2021H1 [--definition monitor] --out FILE
//
// The person-level export for statistics agencies (docs/export-cbs.md): one region's
// homelessness episodes in a period, per person (pseudonym) and per episode, in the scope
// of a definition preset (default: the national monitor's ETHOS 2 and 3). Person-level
// data: one region at a time, to a new file only, and every export is in the audit log.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/indicators/microdata.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {

void RegisterExportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  struct Opts {
    std::string format, region, period, out, definition = std::string(indicators::kDefaultDefinition);
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "export", "Write one region's person-level episodes for a statistics agency (docs/export-cbs.md)");
  cmd->add_option("--format", o->format, "Layout of the export: cbs")->required();
  cmd->add_option("--region", o->region, "The region (CBS code of the centrumgemeente)")->required();
  cmd->add_option("--period", o->period, "Half-year (2021H1) or year (2021)")->required();
  cmd->add_option("--definition", o->definition,
                  "Who counts as homeless (docs/indicators.md 2.7): " + indicators::DefinitionNames())
      ->capture_default_str();
  cmd->add_option("--out", o->out, "The CSV file to write (must not exist)")->required();
  cmd->callback([&global, outcome, o] {
    *outcome = [&]() -> core::Status {
      if (o->format != "cbs") {
        return core::Status::InvalidInput("--format '" + o->format + "' is not an export layout; use cbs");
      }
      auto period = core::Period::Parse(o->period);
      if (!period.ok()) return period.status().WithContext("--period");
      const indicators::MicrodataRequest request{.region = o->region, .period = *period, .definition = o->definition};
      if (auto d = indicators::FindDefinition(o->definition); !d.ok()) return d.status().WithContext("--definition");
      std::error_code ec;
      if (std::filesystem::exists(o->out, ec)) {
        return core::Status::InvalidInput("--out " + o->out + " exists; choose a new file");
      }
      ONDERDAK_ASSIGN_OR_RETURN(auto store, store::OpenStore(global.db_url, store::OpenMode::kExisting));
      if (request.region.empty()) return core::Status::InvalidInput("--region must name one region");
      ONDERDAK_RETURN_IF_ERROR(ReferenceSetWithRegion(*store, request.period.last(), request.region).status());
      store::DeliveryFilter filter;
      filter.region = request.region;
      filter.current_only = true;
      ONDERDAK_ASSIGN_OR_RETURN(auto data, store->LoadDataset(filter));
      ONDERDAK_ASSIGN_OR_RETURN(auto rows, indicators::SelectMicrodata(data, request));
      const std::string csv = indicators::RenderMicrodataCsv(rows, request);
      // Written under a temporary name and renamed: no half-written export is left behind.
      const std::filesystem::path target(o->out);
      const std::filesystem::path partial = target.string() + ".partial";
      {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) return core::Status::Io("cannot create " + partial.string());
        out << csv;
        out.close();
        if (!out) {
          std::filesystem::remove(partial, ec);
          return core::Status::Io("cannot write " + partial.string());
        }
      }
      auto audited =
          store->Accounts().AppendAudit({CliActor(), "export.cbs", "region:" + request.region,
                                         "period " + request.period.ToString() + ", definition " + request.definition +
                                             ", " + std::to_string(rows.size()) + " episodes to " + o->out,
                                         "cli"});
      if (!audited.ok()) {
        std::filesystem::remove(partial, ec);
        return audited.status();
      }
      std::filesystem::rename(partial, target, ec);
      if (ec) {
        std::filesystem::remove(partial, ec);
        return core::Status::Io("cannot write " + o->out + ": " + ec.message());
      }
      std::cout << "wrote " << rows.size() << " episodes of region " << request.region << ", "
                << request.period.ToString() << ", definition " << request.definition << " to " << o->out << "\n";
      return core::Status::Ok();
    }();
  });
}

}  // namespace onderdak::cli
