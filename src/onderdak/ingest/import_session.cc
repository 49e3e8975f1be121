// ImportSession: one delivery after another into one store (delivery_import.h). The
// validation of the rows is delivery_import.cc's (detail::ReadDelivery); this file opens
// the delivery, finds the reference data in force, runs the hashing and the archive
// beside the validation, and stores the delivery through the store's writer.
#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "onderdak/core/log.h"
#include "onderdak/core/temp_dir.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/import_parts.h"
#include "onderdak/ingest/manifest.h"
#include "onderdak/ingest/suggest.h"

namespace onderdak::ingest {

using core::Status;
using detail::PersonsArchive;

ImportSession::ImportSession(store::Store& store, const Pseudonymiser& pseudonymiser)
    : store_(store), pseudonymiser_(pseudonymiser) {}

ImportSession::~ImportSession() = default;

core::Result<const domain::ReferenceSet*> ImportSession::ReferenceOn(core::Date date) {
  const std::string key = date.ToString();
  auto version = versions_.find(key);
  if (version == versions_.end()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto v, store_.ReferenceVersionOn(date));
    version = versions_.emplace(key, v.id).first;
  }
  auto set = sets_.find(version->second);
  if (set == sets_.end()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto loaded, store_.LoadReferenceSet(version->second));
    set = sets_.emplace(version->second, std::make_unique<domain::ReferenceSet>(std::move(loaded))).first;
  }
  return set->second.get();
}

// The persons in the version in force of `manifest`'s organisation and region for the
// previous period; nullopt when there is none. Asked before the delivery's writer takes
// the store.
core::Result<std::optional<std::int64_t>> ImportSession::PreviousPersons(const Manifest& manifest) {
  const core::Period previous = manifest.period.Previous();
  store::DeliveryFilter filter;
  filter.organisation = manifest.organisation;
  filter.region = manifest.region;
  filter.period = previous.ToString();
  filter.current_only = true;
  ONDERDAK_ASSIGN_OR_RETURN(auto found, store_.ListDeliveries(filter));
  std::optional<std::int64_t> before;
  if (!found.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto counts, store_.CountDeliveryRows(found.back().id));
    for (const auto& [file, n] : counts) {
      if (file == "persons") before = n;
    }
  }
  return before;
}

core::Result<ImportReport> ImportSession::Import(const std::filesystem::path& path, const ImportOptions& options) {
  ImportReport report;
  report.source = options.source_label.empty() ? path.string() : options.source_label;

  auto source_or = DeliverySource::Open(path, options.source);
  if (!source_or.ok()) {
    if (source_or.status().code() != core::Code::kInvalidInput) return source_or.status();
    report.errors.push_back(source_or.status().message());
    report.findings.push_back({.rule = rule::kDelivery});
    return report;
  }
  DeliverySource& source = **source_or;
  // A refused manifest does not stop the check: the files are checked with what could be
  // read of it, so one attempt shows every problem (ADR 0028). Without a readable period
  // the codes are checked against the reference data in force today.
  ManifestParts parts;
  const std::optional<Manifest> read_manifest = ReadManifest(source, report.errors, &parts);
  for (const auto& field : parts.error_fields) {
    report.findings.push_back({.file = "manifest.json", .column = field, .rule = rule::kManifest});
  }
  const Manifest& manifest = read_manifest ? *read_manifest : parts.manifest;
  std::optional<core::Period> period;
  if (read_manifest || parts.period) period = manifest.period;
  const core::Date reference_date = period ? period->last() : core::Date::TodayUtc();
  ONDERDAK_ASSIGN_OR_RETURN(const domain::ReferenceSet* reference, ReferenceOn(reference_date));
  if (!manifest.region.empty() && reference->FindRegion(manifest.region) == nullptr) {
    report.errors.push_back("manifest.json: region: '" + detail::Shown(manifest.region) +
                            "': not a region (centrumgemeente code) in the reference data in force on " +
                            reference_date.ToString());
    report.findings.push_back({.file = "manifest.json",
                               .column = "region",
                               .rule = rule::kRegion,
                               .suggestion = SuggestRegion(*reference, manifest.region)});
  }

  std::vector<std::string> entity_files;
  for (auto e : domain::kEntityFiles) {
    if (source.Has(std::string(e) + ".csv")) entity_files.emplace_back(e);
  }
  if (entity_files.empty()) {
    report.errors.push_back(path.string() + ": holds no entity file; a delivery has at least one (e.g. persons.csv)");
    report.findings.push_back({.rule = rule::kDelivery});
    return report;
  }
  // Only a delivery whose manifest is right can be stored: otherwise its files are checked
  // as with `check_only`.
  const bool storing = !options.check_only && report.accepted();

  // The delivery as received is hashed on a second thread while the rows are read; the
  // archive (the delivery with persons.csv pseudonymised) is built on a third once
  // persons.csv has been read. Both write only inside one private temporary folder,
  // removed on every path (and, after a kill -9, by the next import or serve). A refused
  // delivery cancels the hashing: a file refused at line 1 is not read to its end.
  std::future<core::Result<std::string>> digest;
  std::atomic<bool> cancel_digest{false};
  std::future<Status> archive;
  std::optional<core::TempDir> work;
  std::filesystem::path archive_zip, persons_csv;
  std::optional<PersonsArchive> persons_archive;
  auto start_archive = [&] {
    if (archive.valid() || !work) return;
    std::map<std::string, std::filesystem::path> replace;
    if (persons_archive) {
      persons_archive->Close();
      replace["persons.csv"] = persons_csv;
    }
    archive = std::async(std::launch::async,
                         [&source, replace, out = archive_zip] { return WriteArchive(source, replace, out); });
  };
  if (storing) {
    ONDERDAK_ASSIGN_OR_RETURN(auto dir, core::TempDir::Create("onderdak-import"));
    work.emplace(std::move(dir));
    archive_zip = work->path() / "archive.zip";
    digest = std::async(std::launch::async, [&source, &path, &cancel_digest]() -> core::Result<std::string> {
      return source.is_zip() ? Sha256File(path, &cancel_digest) : Sha256Folder(path, source.files(), &cancel_digest);
    });
    if (source.Has("persons.csv")) {
      persons_csv = work->path() / "persons.csv";
      persons_archive.emplace(persons_csv);
      if (!persons_archive->ok()) {
        cancel_digest = true;
        (void)digest.get();
        return Status::Io("cannot write " + persons_csv.string() + "; free space in the temporary folder");
      }
    }
  }
  // Waits for the helper threads (they read `source`), whatever happens next.
  auto finish = [&]() -> core::Result<std::string> {
    if (!report.accepted()) cancel_digest = true;
    Status built = archive.valid() ? archive.get() : Status::Ok();
    core::Result<std::string> sha = digest.valid() ? digest.get() : core::Result<std::string>(std::string());
    if (!report.accepted()) return std::string();  // refused: neither hash nor archive is used
    ONDERDAK_RETURN_IF_ERROR(built);
    // A short write of the pseudonymised persons.csv (a full disk) must not be archived.
    if (persons_archive && !persons_archive->ok()) {
      return Status::Io("cannot write the pseudonymised persons.csv to " + persons_csv.string() +
                        "; free space in the temporary folder");
    }
    return sha;
  };

  // The quality report's comparison with the previous period, read before the writer
  // holds the store.
  std::optional<std::int64_t> previous_persons;
  const bool compare = options.quality_report && report.accepted() && source.Has("persons.csv");
  if (compare) {
    auto previous = PreviousPersons(manifest);
    if (!previous.ok()) {
      cancel_digest = true;
      (void)finish();
      return previous.status();
    }
    previous_persons = *previous;
  }
  std::unique_ptr<store::DeliveryWriter> writer;
  if (storing) {
    store::NewDelivery d;
    d.organisation = manifest.organisation;
    d.organisation_name = manifest.organisation_name;
    d.region = manifest.region;
    d.period = manifest.period;
    d.created = manifest.created;
    d.source = report.source;
    d.files = entity_files;
    d.synthetic = manifest.synthetic;
    d.audit = options.audit;
    auto w = store_.BeginDelivery(d);
    if (!w.ok()) {
      cancel_digest = true;
      (void)finish();
      return w.status();
    }
    writer = std::move(*w);
  }
  QualityTracker quality;
  Status read = detail::ReadDelivery(source, {.pseudonymiser = pseudonymiser_,
                                              .options = options,
                                              .report = report,
                                              .reference = *reference,
                                              .period = period,
                                              .reference_date = reference_date,
                                              .region = manifest.region,
                                              .writer = writer.get(),
                                              .cancel_on_error = work ? &cancel_digest : nullptr,
                                              .persons_archive = persons_archive ? &*persons_archive : nullptr,
                                              .after_persons = start_archive,
                                              .quality = options.quality_report ? &quality : nullptr});
  spdlog::debug("import: rows read and validated");
  if (!read.ok()) cancel_digest = true;
  if (report.accepted()) start_archive();  // when persons.csv was absent
  core::Result<std::string> sha = finish();
  ONDERDAK_RETURN_IF_ERROR(read);
  ONDERDAK_RETURN_IF_ERROR(sha.status());
  report.sha256 = *sha;
  if (report.accepted() && options.quality_report) {
    report.quality = quality.Finish(manifest.period, manifest.created);
    if (auto persons = report.rows.find("persons");
        compare && persons != report.rows.end() && (persons->second > 0 || previous_persons.value_or(0) > 0)) {
      report.quality.push_back(ChangeCheck(persons->second, previous_persons, manifest.period.Previous()));
    }
  }
  if (!report.accepted() || !storing) return report;  // `writer` rolls back
  // Whether these bytes are the version in force, read inside the write transaction: of
  // concurrent imports of one delivery, the first stores it and the others see it here.
  ONDERDAK_ASSIGN_OR_RETURN(const std::string in_force_sha256, writer->CurrentSha256());
  if (in_force_sha256 == *sha) {
    // The same bytes as the version in force: no new version (an accidental repeat).
    writer.reset();
    store::DeliveryFilter same;
    same.organisation = manifest.organisation;
    same.region = manifest.region;
    same.period = manifest.period.ToString();
    same.current_only = true;
    ONDERDAK_ASSIGN_OR_RETURN(auto in_force, store_.ListDeliveries(same));
    if (!in_force.empty() && in_force.back().sha256 == *sha) {
      report.unchanged = true;
      report.delivery = in_force.back();
      return report;
    }
    return Status::Unavailable("the current version changed during the import; import again");
  }

  spdlog::debug("import: archive ready");
  ONDERDAK_RETURN_IF_ERROR(writer->AttachArchive(*sha, archive_zip));
  // The quality report stays with the delivery: the provider's and steward's history.
  if (options.quality_report) {
    ONDERDAK_RETURN_IF_ERROR(writer->AttachQuality(FlaggedCount(report.quality), QualityChecksToJson(report.quality)));
  }
  spdlog::debug("import: archive stored");
  ONDERDAK_ASSIGN_OR_RETURN(auto delivery, writer->Commit());
  spdlog::debug("imported delivery {} version {} of {} for {} {} ({} entity files, sha256 {})", delivery.id,
                delivery.version, delivery.organisation, delivery.region, delivery.period, entity_files.size(),
                report.sha256);
  report.delivery = std::move(delivery);
  return report;
}

core::Result<ImportReport> ImportDelivery(store::Store& store, const Pseudonymiser& pseudonymiser,
                                          const std::filesystem::path& path, const ImportOptions& options) {
  return ImportSession(store, pseudonymiser).Import(path, options);
}

}  // namespace onderdak::ingest
