// onderdak import PATH... [--check], and onderdak check PATH... (no database or key)
//
// Imports deliveries (ingest/delivery_import.h). PATH is a delivery (a folder holding
// manifest.json, or a .zip), or a folder of deliveries (e.g. the output of `generate`),
// which is searched for them. Each delivery is its own transaction: a refused one
// changes nothing and the others still land. Exit code 1 when any was refused.
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>

#include "onderdak/api/import_findings.h"
#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/regions_import.h"

namespace onderdak::cli {
namespace {

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// The deliveries under `path`: itself when it is one, else every folder with a
// manifest.json and every .zip below it, in name order.
core::Result<std::vector<std::filesystem::path>> FindDeliveries(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return core::Status::InvalidInput(path.string() + ": no such file or folder");
  if (!std::filesystem::is_directory(path, ec) || std::filesystem::exists(path / "manifest.json", ec)) {
    return std::vector<std::filesystem::path>{path};
  }
  std::vector<std::filesystem::path> found;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec); !ec && it != decltype(it)();
       it.increment(ec)) {
    if (it->is_directory() && std::filesystem::exists(it->path() / "manifest.json")) {
      found.push_back(it->path());
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && it->path().extension() == ".zip") {
      found.push_back(it->path());
    }
  }
  if (ec) return core::Status::Io(path.string() + ": cannot search for deliveries: " + ec.message());
  if (found.empty()) {
    return core::Status::InvalidInput(path.string() +
                                      ": no delivery found (a folder with manifest.json, or a .zip file)");
  }
  std::sort(found.begin(), found.end());
  return found;
}

// Keeps freed memory in the process instead of handing it back to the kernel at every
// free. An import of many deliveries allocates and frees the same buffers per delivery
// (zlib's deflate state for every archived file, ~256 KiB; the CSV and record-id buffers):
// with glibc's defaults each was trimmed (madvise) on free and faulted in again, page by
// page, on the next use; on this VM those faults were ~30% of a national import's CPU
// time. Measured on 300 of the national deliveries: CPU 5.5 s -> 3.1 s, peak RSS 22 -> 23
// MB (ADR 0020). Freed memory up to the trim threshold stays mapped until exit.
void KeepFreedMemory() {
#ifdef __GLIBC__
  (void)::mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
  (void)::mallopt(M_MMAP_THRESHOLD, 8 * 1024 * 1024);
#endif
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void File(const ingest::ImportProgress& p) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!p.file_done && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const int pct =
        p.file_size == 0
            ? 100
            : static_cast<int>(100.0 * static_cast<double>(p.file_bytes) / static_cast<double>(p.file_size));
    std::fprintf(stderr, "\rimport: %-24.*s %3d%%  %s rows  %s rows/s   ", static_cast<int>(p.file.size()),
                 p.file.data(), pct, Thousands(p.rows).c_str(),
                 Thousands(seconds > 0 ? static_cast<std::int64_t>(static_cast<double>(p.rows) / seconds) : 0).c_str());
    std::fflush(stderr);
    if (p.file_done) start_ = now;
  }
  void Delivery(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    std::fprintf(stderr, "\rimport: deliveries %zu/%zu   ", done, total);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  }
  void EndLine() {
    if (enabled_) std::fputs("\r\033[K", stderr);
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

struct ImportOpts {
  std::vector<std::string> paths;
  bool check = false;
  bool quiet = false;
  bool no_quality = false;                  // skip the data-quality report
  std::string errors_csv;                   // write every refused delivery's errors here (CSV)
  std::string lang = "nl";                  // language of the rule titles and fixes
  std::string checked_note = " (--check)";  // after "valid, nothing written"
};

// The data-quality report (docs/data-quality.md): the checks to look at first.
void PrintQuality(const std::vector<ingest::QualityCheck>& checks) {
  if (checks.empty()) return;
  std::cout << "  data quality (docs/data-quality.md):\n";
  for (const bool flagged : {true, false}) {
    for (const auto& c : checks) {
      if (c.flagged != flagged) continue;
      std::cout << (flagged ? "    look at " : "    ok      ") << c.id << ": " << (c.file.empty() ? "" : c.file + ": ")
                << c.detail;
      for (std::size_t k = 0; k < c.lines.size(); ++k) {
        std::cout << (k == 0 ? " (lines " : ", ") << c.lines[k] << (k + 1 == c.lines.size() ? ")" : "");
      }
      std::cout << "\n";
    }
  }
}

void AddErrorOptions(CLI::App& cmd, ImportOpts& o) {
  cmd.add_flag("--no-quality", o.no_quality,
               "Skip the data-quality report of a single delivery (docs/data-quality.md); a folder of many "
               "deliveries never has one");
  cmd.add_option("--errors-csv", o.errors_csv,
                 "Write the errors of every refused delivery to this CSV file (file, line, column, rule, message, "
                 "suggestion, fix)");
  cmd.add_option("--lang", o.lang, "Language of the fixes: nl (default) or en")->check(CLI::IsMember({"nl", "en"}));
}

// Imports (or with `check`, validates) every delivery under o.paths into `store`,
// reporting each on stdout/stderr; InvalidInput when any was refused.
core::Status ImportAll(store::Store& store, const ingest::Pseudonymiser& pseudonymiser, const ImportOpts& o) {
  std::vector<std::filesystem::path> deliveries;
  for (const auto& p : o.paths) {
    ONDERDAK_ASSIGN_OR_RETURN(auto found, FindDeliveries(p));
    deliveries.insert(deliveries.end(), found.begin(), found.end());
  }

  const bool many = deliveries.size() > 1;
  Progress progress(::isatty(2) == 1);
  ingest::ImportOptions options;
  options.check_only = o.check;
  options.quality_report = !many && !o.no_quality;  // printed for a single delivery only
  if (!many) options.progress = [&progress](const ingest::ImportProgress& p) { progress.File(p); };

  const web::Lang lang = web::ParseLang(o.lang);
  std::string errors_csv;  // the CSV of every refused delivery's errors, when asked for
  std::size_t accepted = 0, refused = 0, warnings = 0;
  std::int64_t rows = 0;
  const std::string actor = CliActor();
  // One session for all: the reference data and the store's prepared statements are
  // set up once, not per delivery (ADR 0020); each delivery is still its own transaction.
  ingest::ImportSession session(store, pseudonymiser);
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    // Stored with its audit entry, in one transaction (nothing for a refused one).
    options.audit = store::AuditEvent{actor, "delivery.import", "", "source " + deliveries[i].string(), "cli"};
    auto report = session.Import(deliveries[i], options);
    if (!many) progress.EndLine();
    if (!report.ok()) return report.status().WithContext(deliveries[i].string());
    for (const auto& [file, n] : report->rows) rows += n;
    warnings += report->warning_count;
    if (!report->accepted()) {
      ++refused;
      if (many) progress.EndLine();
      const std::size_t n = report->errors.size();
      std::cerr << deliveries[i].string() << ": refused, nothing imported ("
                << (report->errors_truncated ? "stopped after the first " + std::to_string(n) + " errors"
                                             : std::to_string(n) + (n == 1 ? " error" : " errors"))
                << "):\n";
      for (std::size_t k = 0; k < n; ++k) {
        std::cerr << "  " << report->errors[k];
        if (k < report->findings.size() && !report->findings[k].suggestion.empty()) {
          std::cerr << " [" << web::T(lang, "import.suggestion") << ": " << report->findings[k].suggestion << "]";
        }
        std::cerr << "\n";
      }
      // The same errors per file and rule, each rule with its fix.
      std::cerr << "  per file and rule:\n";
      for (const auto& g : api::GroupFindings(report->findings)) {
        std::cerr << "    " << (g.file.empty() ? deliveries[i].filename().string() : g.file) << ": " << g.count << " x "
                  << g.rule << ": " << web::T(lang, "import.fix." + std::string(g.rule)) << "\n";
      }
      if (!o.errors_csv.empty()) {
        std::string csv = api::FindingsCsv(*report, lang);
        errors_csv += errors_csv.empty() ? csv : csv.substr(csv.find('\n') + 1);  // one header
      }
    } else {
      ++accepted;
      if (!o.quiet && (!many || report->warning_count > 0)) {
        if (many) progress.EndLine();
        if (report->unchanged) {
          const auto& d = *report->delivery;
          std::cout << "unchanged: " << deliveries[i].string() << " is identical to delivery " << d.id << " (version "
                    << d.version << ", current); nothing imported\n";
        } else if (report->delivery) {
          const auto& d = *report->delivery;
          std::cout << "imported " << deliveries[i].string() << " as delivery " << d.id << ": " << d.organisation << " "
                    << d.region << " " << d.period << " version " << d.version
                    << (d.version > 1 ? " (replaces version " + std::to_string(d.version - 1) + ")" : "") << "\n";
        } else {
          std::cout << "checked " << deliveries[i].string() << ": valid, nothing written" << o.checked_note << "\n";
        }
        if (!many) {
          for (const auto& [file, n] : report->rows) std::cout << "  " << file << ": " << Thousands(n) << " rows\n";
          if (!report->sha256.empty()) std::cout << "  sha256 (as received): " << report->sha256 << "\n";
        }
        for (const auto& w : report->warnings) std::cout << "  warning: " << w << "\n";
        PrintQuality(report->quality);
        if (report->warning_count > report->warnings.size()) {
          std::cout << "  ... and " << report->warning_count - report->warnings.size() << " more warnings\n";
        }
      }
    }
    if (many) progress.Delivery(i + 1, deliveries.size());
  }
  if (!o.errors_csv.empty()) {
    if (errors_csv.empty()) errors_csv = api::FindingsCsv({}, lang);  // nothing refused: the header only
    ONDERDAK_RETURN_IF_ERROR(WriteFileWhole(o.errors_csv, errors_csv));
    std::cout << "errors written to " << o.errors_csv << " ("
              << std::count(errors_csv.begin(), errors_csv.end(), '\n') - 1 << " rows)\n";
  }
  if (many || refused > 0) {
    std::cout << (o.check ? "checked " : "imported ") << accepted << " of " << deliveries.size() << " deliveries ("
              << Thousands(rows) << " rows read, " << warnings << " warnings)";
    if (refused > 0) std::cout << "; " << refused << " refused";
    std::cout << "\n";
  }
  if (refused > 0) {
    return core::Status::InvalidInput(std::to_string(refused) + " of " + std::to_string(deliveries.size()) +
                                      (deliveries.size() == 1 ? " delivery" : " deliveries") +
                                      " refused; the errors above say what to fix");
  }
  return core::Status::Ok();
}

}  // namespace

void RegisterImportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto o = std::make_shared<ImportOpts>();
  auto* cmd = app.add_subcommand("import", "Import deliveries (folders or .zip files in exchange format v1)");
  cmd->add_option("path", o->paths, "A delivery, or a folder of deliveries (e.g. the output of generate)")->required();
  cmd->add_flag("--check", o->check, "Validate only; write nothing");
  cmd->add_flag("--quiet", o->quiet, "Print only the summary and errors");
  AddErrorOptions(*cmd, *o);
  cmd->footer(
      "Each delivery is one transaction: a refused delivery changes nothing. A re-delivery of the same\n"
      "organisation, region and period becomes a new version; see 'onderdak deliveries'.\n"
      "Format: docs/exchange-format.md.");
  cmd->callback([&global, outcome, o] {
    RemoveStaleTempFolders();  // of imports or uploads killed with kill -9
    KeepFreedMemory();
    *outcome = [&]() -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto store, store::OpenStore(global.db_url, store::OpenMode::kExisting));
      ONDERDAK_ASSIGN_OR_RETURN(auto pseudonymiser, LoadBoundKey(*store, global.config, KeyUse::kRequired));
      return ImportAll(*store, *pseudonymiser, *o);
    }();
  });
}

// onderdak check PATH...: the pre-flight of a provider's export (issue 19). Validates as
// `import --check` does, against the shipped reference data, in a database in memory with
// a key made for this run and then forgotten: no database, no key file, nothing written.
void RegisterCheckCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto o = std::make_shared<ImportOpts>();
  o->check = true;
  o->checked_note = "";
  auto* cmd = app.add_subcommand(
      "check", "Validate deliveries without a database or key (a provider's pre-flight; docs/exchange-format.md)");
  cmd->add_option("path", o->paths, "A delivery (folder or .zip), or a folder of deliveries")->required();
  cmd->add_flag("--quiet", o->quiet, "Print only the summary and errors");
  AddErrorOptions(*cmd, *o);
  cmd->footer(
      "Checks every rule of the import against the shipped municipalities and regions; writes nothing.\n"
      "Rules that need earlier deliveries (versions) are checked only by 'onderdak import --check'.");
  cmd->callback([&global, outcome, o] {
    RemoveStaleTempFolders();
    *outcome = [&]() -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto store, store::OpenStore("sqlite::memory:"));
      ONDERDAK_RETURN_IF_ERROR(ingest::ImportShippedRegions(*store, global.config.ReferenceDir()).status());
      std::array<unsigned char, ingest::kPseudonymKeyBytes> key{};
      std::random_device random;
      for (auto& b : key) b = static_cast<unsigned char>(random());
      return ImportAll(*store, ingest::Pseudonymiser::FromKey(key), *o);
    }();
  });
}

}  // namespace onderdak::cli
