// onderdak deliveries list|show|restore|archive
//
// The imported deliveries and their versions. A re-delivery of the same organisation,
// region and period is a new version; `restore` makes an earlier version current again
// (the later one stays stored), `archive` writes the archived delivery (persons.csv
// pseudonymised, every other file as received; ADR 0008).
#include <fstream>
#include <iostream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/cli/table.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {
namespace {

std::vector<std::string> DeliveryRow(const domain::Delivery& d) {
  return {std::to_string(d.id),      d.organisation,           d.region,      d.period,
          std::to_string(d.version), d.current ? "yes" : "no", d.imported_at, d.source,
          d.sha256.substr(0, 12)};
}

const std::vector<std::string> kDeliveryColumns = {"id",      "organisation", "region", "period", "version",
                                                   "current", "imported_at",  "source", "sha256"};

}  // namespace

void RegisterDeliveriesCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand("deliveries", "List, show and restore imported deliveries and their versions");
  cmd->require_subcommand(1);
  struct Opts {
    std::string region, organisation, period, format = "table", out;
    bool all = false;
    std::int64_t id = 0;
  };
  auto o = std::make_shared<Opts>();

  auto* list = cmd->add_subcommand("list", "List deliveries (current versions; --all for every version)");
  list->add_option("--region", o->region, "Only this region (CBS code of the centrumgemeente)");
  list->add_option("--organisation", o->organisation, "Only this organisation");
  list->add_option("--period", o->period, "Only this period, e.g. 2021H1");
  list->add_flag("--all", o->all, "Every version, not only the current ones");
  list->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  list->callback([&global, outcome, o] {
    auto fmt = ParseOutputFormat(o->format);
    if (!fmt.ok()) return void(*outcome = fmt.status());
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    store::DeliveryFilter filter;
    if (!o->region.empty()) filter.region = o->region;
    if (!o->organisation.empty()) filter.organisation = o->organisation;
    if (!o->period.empty()) {
      auto p = core::Period::Parse(o->period);
      if (!p.ok()) return void(*outcome = p.status().WithContext("--period"));
      filter.period = p->ToString();
    }
    filter.current_only = !o->all;
    auto found = (*store)->ListDeliveries(filter);
    if (!found.ok()) return void(*outcome = found.status());
    Table t{kDeliveryColumns, {}, {true, false, false, false, true, false, false, false, false}};
    for (const auto& d : *found) t.rows.push_back(DeliveryRow(d));
    PrintTable(std::cout, t, *fmt);
    if (*fmt == OutputFormat::kTable) {
      std::cout << t.rows.size() << (o->all ? " delivery versions" : " current deliveries") << "\n";
    }
  });

  auto* show = cmd->add_subcommand("show", "Show one delivery version: its manifest, files and row counts");
  show->add_option("id", o->id, "Delivery id (from 'deliveries list')")->required();
  show->callback([&global, outcome, o] {
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    auto d = (*store)->GetDelivery(o->id);
    if (!d.ok()) return void(*outcome = d.status());
    auto counts = (*store)->CountDeliveryRows(o->id);
    if (!counts.ok()) return void(*outcome = counts.status());
    auto versions = (*store)->ListDeliveries({d->region, d->organisation, d->period, false});
    if (!versions.ok()) return void(*outcome = versions.status());
    std::cout << "delivery " << d->id << "\n"
              << "  organisation: " << d->organisation
              << (d->organisation_name.empty() ? "" : " (" + d->organisation_name + ")") << "\n"
              << "  region:       " << d->region << "\n"
              << "  period:       " << d->period << " (" << d->period_first.ToString() << " to "
              << d->period_last.ToString() << ")\n"
              << "  version:      " << d->version << (d->current ? " (current)" : " (not current)") << "\n"
              << "  created:      " << d->created << "\n"
              << "  imported at:  " << d->imported_at << "\n"
              << "  source:       " << d->source << "\n"
              << "  sha256:       " << d->sha256 << "\n"
              << "  rows:\n";
    for (const auto& [file, n] : *counts) {
      const bool delivered = std::find(d->files.begin(), d->files.end(), file) != d->files.end();
      if (delivered) std::cout << "    " << file << ": " << n << "\n";
    }
    std::cout << "  versions of this organisation, region and period:\n";
    for (const auto& v : *versions) {
      std::cout << "    " << v.version << ": delivery " << v.id << ", imported " << v.imported_at
                << (v.current ? " (current)" : "") << "\n";
    }
  });

  auto* restore = cmd->add_subcommand("restore", "Make an earlier version current again");
  restore->add_option("id", o->id, "Delivery id of the version to restore")->required();
  restore->callback([&global, outcome, o] {
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    auto d = (*store)->RestoreDelivery(o->id, store::AuditEvent{CliActor(), "delivery.restore", "", "", "cli"});
    if (!d.ok()) return void(*outcome = d.status());
    std::cout << "restored delivery " << d->id << ": " << d->organisation << " " << d->region << " " << d->period
              << " version " << d->version << " is current again\n";
  });

  auto* archive = cmd->add_subcommand("archive", "Write the archived delivery (a zip; persons.csv pseudonymised)");
  archive->add_option("id", o->id, "Delivery id")->required();
  archive->add_option("--out", o->out, "Output file (.zip); must not exist")->required();
  archive->callback([&global, outcome, o] {
    std::error_code ec;
    if (std::filesystem::exists(o->out, ec)) {
      return void(*outcome = core::Status::InvalidInput("--out " + o->out + " exists; choose a new file"));
    }
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    // The archive holds pseudonyms: with a key file at hand, it must be this database's.
    if (auto key = LoadBoundKey(**store, global.config, KeyUse::kIfPresent); !key.ok()) {
      return void(*outcome = key.status());
    }
    auto delivery = (*store)->GetDelivery(o->id);
    if (!delivery.ok()) return void(*outcome = delivery.status());
    std::ofstream out(o->out, std::ios::binary);
    if (!out) return void(*outcome = core::Status::Io("cannot create " + o->out));
    // The archive holds person-level (pseudonymised) records: no audit entry, no export.
    auto audited = (*store)->Accounts().AppendAudit(
        {CliActor(), "export.archive", "delivery:" + std::to_string(o->id), "to " + o->out, "cli"});
    if (!audited.ok()) {
      out.close();
      std::filesystem::remove(o->out, ec);
      return void(*outcome = audited.status());
    }
    core::Status s = (*store)->ExportArchive(o->id, out);
    out.close();
    if (!s.ok()) {
      std::filesystem::remove(o->out, ec);
      return void(*outcome = s);
    }
    std::cout << "wrote " << o->out << "\n";
  });
}

}  // namespace onderdak::cli
