// onderdak import PATH... [--check]
//
// Imports deliveries (ingest/delivery_import.h). PATH is a delivery (a folder holding
// manifest.json, or a .zip), or a folder of deliveries (e.g. the output of `generate`),
// which is searched for them. Each delivery is its own transaction: a refused one
// changes nothing and the others still land. Exit code 1 when any was refused.
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/ingest/delivery_import.h"

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

}  // namespace

void RegisterImportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  struct Opts {
    std::vector<std::string> paths;
    bool check = false;
    bool quiet = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("import", "Import deliveries (folders or .zip files in exchange format v1)");
  cmd->add_option("path", o->paths, "A delivery, or a folder of deliveries (e.g. the output of generate)")->required();
  cmd->add_flag("--check", o->check, "Validate only; write nothing");
  cmd->add_flag("--quiet", o->quiet, "Print only the summary and errors");
  cmd->footer(
      "Each delivery is one transaction: a refused delivery changes nothing. A re-delivery of the same\n"
      "organisation, region and period becomes a new version; see 'onderdak deliveries'.\n"
      "Format: docs/exchange-format.md.");
  cmd->callback([&global, outcome, o] {
    RemoveStaleTempFolders();  // of imports or uploads killed with kill -9
    KeepFreedMemory();
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    auto pseudonymiser = LoadBoundKey(**store, global.config, KeyUse::kRequired);
    if (!pseudonymiser.ok()) return void(*outcome = pseudonymiser.status());
    std::vector<std::filesystem::path> deliveries;
    for (const auto& p : o->paths) {
      auto found = FindDeliveries(p);
      if (!found.ok()) return void(*outcome = found.status());
      deliveries.insert(deliveries.end(), found->begin(), found->end());
    }

    const bool many = deliveries.size() > 1;
    Progress progress(::isatty(2) == 1);
    ingest::ImportOptions options;
    options.check_only = o->check;
    if (!many) options.progress = [&progress](const ingest::ImportProgress& p) { progress.File(p); };

    std::size_t accepted = 0, refused = 0, warnings = 0;
    std::int64_t rows = 0;
    const std::string actor = CliActor();
    // One session for all: the reference data and the store's prepared statements are
    // set up once, not per delivery (ADR 0020); each delivery is still its own transaction.
    ingest::ImportSession session(**store, **pseudonymiser);
    for (std::size_t i = 0; i < deliveries.size(); ++i) {
      // Stored with its audit entry, in one transaction (nothing for a refused one).
      options.audit = store::AuditEvent{actor, "delivery.import", "", "source " + deliveries[i].string(), "cli"};
      auto report = session.Import(deliveries[i], options);
      if (!many) progress.EndLine();
      if (!report.ok()) return void(*outcome = report.status().WithContext(deliveries[i].string()));
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
        for (const auto& e : report->errors) std::cerr << "  " << e << "\n";
      } else {
        ++accepted;
        if (!o->quiet && (!many || report->warning_count > 0)) {
          if (many) progress.EndLine();
          if (report->unchanged) {
            const auto& d = *report->delivery;
            std::cout << "unchanged: " << deliveries[i].string() << " is identical to delivery " << d.id << " (version "
                      << d.version << ", current); nothing imported\n";
          } else if (report->delivery) {
            const auto& d = *report->delivery;
            std::cout << "imported " << deliveries[i].string() << " as delivery " << d.id << ": " << d.organisation
                      << " " << d.region << " " << d.period << " version " << d.version
                      << (d.version > 1 ? " (replaces version " + std::to_string(d.version - 1) + ")" : "") << "\n";
          } else {
            std::cout << "checked " << deliveries[i].string() << ": valid, nothing written (--check)\n";
          }
          if (!many) {
            for (const auto& [file, n] : report->rows) std::cout << "  " << file << ": " << Thousands(n) << " rows\n";
            if (!report->sha256.empty()) std::cout << "  sha256 (as received): " << report->sha256 << "\n";
          }
          for (const auto& w : report->warnings) std::cout << "  warning: " << w << "\n";
          if (report->warning_count > report->warnings.size()) {
            std::cout << "  ... and " << report->warning_count - report->warnings.size() << " more warnings\n";
          }
        }
      }
      if (many) progress.Delivery(i + 1, deliveries.size());
    }
    if (many || refused > 0) {
      std::cout << (o->check ? "checked " : "imported ") << accepted << " of " << deliveries.size() << " deliveries ("
                << Thousands(rows) << " rows read, " << warnings << " warnings)";
      if (refused > 0) std::cout << "; " << refused << " refused";
      std::cout << "\n";
    }
    if (refused > 0) {
      *outcome = core::Status::InvalidInput(std::to_string(refused) + " of " + std::to_string(deliveries.size()) +
                                            (deliveries.size() == 1 ? " delivery" : " deliveries") +
                                            " refused; the errors above say what to fix");
    }
  });
}

}  // namespace onderdak::cli
