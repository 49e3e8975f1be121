// onderdak estimate --table FILE.csv [--criterion bic|aic] [--format table|json]
// onderdak estimate --region GM0363 --date 2022-01-01 [--lists a,b,c] [...]
//
// Multiple-systems estimation on a table of capture histories: prints the table, the
// chosen model, the competing models with their AIC/BIC, and N-hat with its 95 % profile
// likelihood interval. The table comes from a file, or from the imported deliveries: each
// organisation of the region is a list, linked by pseudonym (estimation/hidden_population.h).
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/cli/table.h"
#include "onderdak/core/strings.h"
#include "onderdak/estimation/hidden_population.h"
#include "onderdak/stats/capture_table.h"
#include "onderdak/stats/model_search.h"
#include "onderdak/stats/profile_interval.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {
namespace {

constexpr size_t kCompetingShown = 10;

struct EstimateOptions {
  std::string table_path;
  std::string criterion = "bic";
  std::string format = "table";
  std::string region;
  std::string date;
  std::string period;
  std::string lists;
};

std::string Number(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string HistoryString(unsigned history, int k) {
  std::string s;
  for (int j = 0; j < k; ++j) s += (history & (1u << j)) != 0 ? '1' : '0';
  return s;
}

std::string MethodName(stats::SearchMethod method) {
  return method == stats::SearchMethod::kAllHierarchical ? "all hierarchical models"
                                                         : "stepwise over two-list interactions";
}

std::string UpperText(const stats::ProfileInterval& ci) {
  return ci.upper_open ? "> " + Number(ci.upper, 1) + " (open: not reached)" : Number(ci.upper, 1);
}

void PrintText(std::ostream& out, const stats::CaptureTable& table, const stats::ModelChoice& choice,
               const stats::ProfileInterval& ci) {
  const int k = table.num_lists;
  out << "# capture histories: " << k << " lists, " << Number(table.Observed(), 0) << " persons observed\n";
  Table histories;
  for (const auto& name : table.list_names) histories.columns.push_back(name);
  histories.columns.push_back("count");
  histories.numeric.assign(histories.columns.size(), true);
  for (unsigned h = 1; h < static_cast<unsigned>(table.NumCells()); ++h) {
    std::vector<std::string> row;
    for (int j = 0; j < k; ++j) row.push_back((h & (1u << j)) != 0 ? "1" : "0");
    row.push_back(Number(table.counts[h], 0));
    histories.rows.push_back(std::move(row));
  }
  PrintTable(out, histories, OutputFormat::kTable);

  const stats::ModelFit& best = choice.best();
  out << "\n# model choice by " << stats::CriterionName(choice.criterion) << " over " << MethodName(choice.method)
      << ": " << choice.models_fitted << " fitted, " << choice.models_without_estimate
      << " without an estimate (no finite MLE or not identifiable; not ranked)\n";
  out << "chosen model: " << best.model.ToString() << "  " << best.model.Describe(table.list_names) << "\n";
  if (!best.infinite_terms.empty()) {
    out << "  terms fixed at -infinity (lists sharing no persons):";
    for (unsigned t : best.infinite_terms) {
      out << " " << stats::HierarchicalModel::FromGenerators(k, {t}).ToString();
    }
    out << "\n";
  }
  out << "\n# competing models (best " << std::min(kCompetingShown, choice.ranked.size()) << " of "
      << choice.ranked.size() << " with an estimate)\n";
  Table competing{{"rank", "model", "params", "deviance", "df", "AIC", "BIC", "N_hat"},
                  {},
                  {true, false, true, true, true, true, true, true}};
  for (size_t i = 0; i < choice.ranked.size() && i < kCompetingShown; ++i) {
    const stats::ModelFit& f = choice.ranked[i];
    competing.rows.push_back({std::to_string(i + 1), f.model.ToString(), std::to_string(f.num_parameters),
                              Number(f.deviance, 2), std::to_string(f.df), Number(f.aic, 2), Number(f.bic, 2),
                              Number(f.n_hat, 1)});
  }
  PrintTable(out, competing, OutputFormat::kTable);

  out << "\n# estimate\n";
  out << "observed (counted):       " << Number(table.Observed(), 0) << "\n";
  out << "estimated N-hat:          " << Number(best.n_hat, 1) << "  (standard error " << Number(best.stderr_n_hat, 1)
      << ")\n";
  out << "95% profile interval:     [" << Number(ci.lower, 1) << (ci.lower_at_observed ? " (= observed)" : "") << ", "
      << UpperText(ci) << "]\n";
  out << "estimated never registered: " << Number(best.n_hat - table.Observed(), 1) << "\n";
  out << "assumptions: closed population, perfect linkage, no heterogeneity beyond the "
         "model's interactions (docs/estimation.md)\n";
}

nlohmann::json FitJson(const stats::ModelFit& f, const std::vector<std::string>& names) {
  nlohmann::json infinite = nlohmann::json::array();
  for (unsigned t : f.infinite_terms) {
    infinite.push_back(stats::HierarchicalModel::FromGenerators(f.model.num_lists(), {t}).ToString());
  }
  return {{"model", f.model.ToString()},
          {"description", f.model.Describe(names)},
          {"parameters", f.num_parameters},
          {"terms_at_minus_infinity", infinite},
          {"deviance", f.deviance},
          {"df", f.df},
          {"aic", f.aic},
          {"bic", f.bic},
          {"n_hat", f.n_hat},
          {"stderr", f.stderr_n_hat}};
}

void PrintJson(std::ostream& out, const stats::CaptureTable& table, const stats::ModelChoice& choice,
               const stats::ProfileInterval& ci) {
  nlohmann::json histories = nlohmann::json::array();
  for (unsigned h = 1; h < static_cast<unsigned>(table.NumCells()); ++h) {
    histories.push_back({{"history", HistoryString(h, table.num_lists)}, {"count", table.counts[h]}});
  }
  nlohmann::json competing = nlohmann::json::array();
  for (size_t i = 0; i < choice.ranked.size() && i < kCompetingShown; ++i) {
    competing.push_back(FitJson(choice.ranked[i], table.list_names));
  }
  nlohmann::json interval = {{"level", ci.level},
                             {"lower", ci.lower},
                             {"lower_at_observed", ci.lower_at_observed},
                             {"upper", ci.upper_open ? nlohmann::json(nullptr) : nlohmann::json(ci.upper)},
                             {"upper_open", ci.upper_open},
                             {"method", "multinomial profile likelihood (Cormack 1992)"}};
  if (ci.upper_open) interval["upper_search_limit"] = ci.upper;
  nlohmann::json chosen = FitJson(choice.best(), table.list_names);
  chosen["interval"] = interval;
  chosen["n_hat_profile"] = ci.n_hat;
  nlohmann::json doc = {{"lists", table.list_names},
                        {"observed", table.Observed()},
                        {"histories", histories},
                        {"criterion", std::string(stats::CriterionName(choice.criterion))},
                        {"search", MethodName(choice.method)},
                        {"models_fitted", choice.models_fitted},
                        {"models_without_estimate", choice.models_without_estimate},
                        {"chosen", chosen},
                        {"competing", competing}};
  out << doc.dump(2) << "\n";
}

// The window, reference data check and current deliveries of `estimate --region`, then
// the region's estimate (estimation/hidden_population.h).
core::Result<estimation::RegionEstimate> EstimateFromDeliveries(const EstimateOptions& o, const GlobalOptions& global,
                                                                stats::Criterion criterion) {
  if (o.date.empty() == o.period.empty()) {
    return core::Status::InvalidInput("--region needs --date YYYY-MM-DD (a reference date) or --period 2021H1|2021");
  }
  core::Date from, to;
  if (!o.date.empty()) {
    auto d = core::Date::Parse(o.date);
    if (!d.ok()) return d.status().WithContext("--date");
    from = to = *d;
  } else {
    auto p = core::Period::Parse(o.period);
    if (!p.ok()) return p.status().WithContext("--period");
    from = p->first();
    to = p->last();
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto store, store::OpenStore(global.db_url, store::OpenMode::kExisting));
  // Estimates link persons by pseudonym: with a key file at hand, it must be this
  // database's (ADR 0017).
  ONDERDAK_RETURN_IF_ERROR(LoadBoundKey(*store, global.config, KeyUse::kIfPresent).status());
  ONDERDAK_RETURN_IF_ERROR(ReferenceSetWithRegion(*store, to, o.region).status());
  store::DeliveryFilter filter;
  filter.region = o.region;
  filter.current_only = true;
  ONDERDAK_ASSIGN_OR_RETURN(auto data, store->LoadDataset(filter));
  indicators::LinkRequest request;
  request.region = o.region;
  request.from = from;
  request.to = to;
  request.lists = core::SplitComma(o.lists);
  ONDERDAK_ASSIGN_OR_RETURN(auto estimate, estimation::EstimateRegion(data, request, criterion));
  if (!estimate.estimated()) {
    // Too few or too many lists (no table), or no model with an estimate.
    return estimate.table ? core::Status::FailedPrecondition(estimate.unavailable)
                          : core::Status::InvalidInput(estimate.unavailable);
  }
  return estimate;
}

core::Status RunEstimate(const EstimateOptions& o, const GlobalOptions& global) {
  if (o.table_path.empty() == o.region.empty()) {
    return core::Status::InvalidInput(
        "estimate needs either --table FILE.csv or --region CODE --date YYYY-MM-DD (on the imported deliveries)");
  }
  if (o.region.empty() && (!o.date.empty() || !o.period.empty() || !o.lists.empty())) {
    return core::Status::InvalidInput("--date, --period and --lists go with --region");
  }
  stats::Criterion criterion;
  if (o.criterion == "bic") {
    criterion = stats::Criterion::kBic;
  } else if (o.criterion == "aic") {
    criterion = stats::Criterion::kAic;
  } else {
    return core::Status::InvalidInput("--criterion: '" + o.criterion + "' must be bic or aic");
  }
  if (o.format != "table" && o.format != "json") {
    return core::Status::InvalidInput("--format: '" + o.format + "' must be table or json");
  }
  const std::string when = o.date.empty() ? " in " + o.period : " on " + o.date;
  const std::string source = o.region.empty() ? o.table_path : o.region + when;
  stats::CaptureTable table;
  stats::ModelChoice choice;
  stats::ProfileInterval ci;
  if (o.region.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(table, stats::ReadCaptureTableCsv(o.table_path));
    auto chosen = stats::ChooseModel(table, criterion);
    if (!chosen.ok()) return chosen.status().WithContext(source);
    auto interval = stats::ProfileLikelihoodInterval(table, chosen->best());
    if (!interval.ok()) return interval.status().WithContext(source);
    choice = std::move(*chosen);
    ci = *interval;
  } else {
    auto estimate = EstimateFromDeliveries(o, global, criterion);
    if (!estimate.ok()) return estimate.status();
    table = std::move(*estimate->table);
    choice = std::move(*estimate->choice);
    ci = *estimate->interval;
  }
  if (!o.region.empty() && o.format == "table") {
    std::cout << "# " << o.region << when
              << ": persons homeless (ETHOS 1-3 or in shelter), per organisation (list), linked by pseudonym\n";
  }
  if (o.format == "json") {
    PrintJson(std::cout, table, choice, ci);
  } else {
    PrintText(std::cout, table, choice, ci);
  }
  return core::Status::Ok();
}

}  // namespace

void RegisterEstimateCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand("estimate",
                                 "Estimate the hidden population by multiple-systems estimation (capture-recapture)");
  auto o = std::make_shared<EstimateOptions>();
  cmd->add_option("--table", o->table_path, "CSV of capture histories: one 0/1 column per list, then count");
  cmd->add_option("--criterion", o->criterion, "bic or aic")->capture_default_str();
  cmd->add_option("--format", o->format, "table or json")->capture_default_str();
  cmd->add_option("--region", o->region, "centrumgemeente code (needs imported deliveries)");
  cmd->add_option("--date", o->date, "reference date YYYY-MM-DD (with --region)");
  cmd->add_option("--period", o->period, "or a period 2021H1 or 2021: homeless at any time in it (with --region)");
  cmd->add_option("--lists", o->lists, "organisations to link as lists, comma-separated (with --region; default: all)");
  cmd->callback([&global, outcome, o] { *outcome = RunEstimate(*o, global); });
}

}  // namespace onderdak::cli
