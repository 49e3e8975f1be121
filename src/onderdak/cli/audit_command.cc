// onderdak audit list|verify: the append-only audit log and its hash chain (ADR 0012).
#include <iostream>
#include <memory>

#include "onderdak/auth/audit.h"
#include "onderdak/cli/commands.h"
#include "onderdak/cli/table.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {

void RegisterAuditCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* audit = app.add_subcommand("audit", "Show and verify the audit log (who did what, when, from where)");
  audit->require_subcommand(1);
  struct Opts {
    std::int64_t limit = 0;
    std::string format = "table";
  };
  auto o = std::make_shared<Opts>();

  auto* list = audit->add_subcommand("list", "List the audit log, oldest first");
  list->add_option("--limit", o->limit, "Only the last N entries")->check(CLI::PositiveNumber);
  list->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  list->callback([&global, outcome, o] {
    *outcome = [&]() -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
      ONDERDAK_ASSIGN_OR_RETURN(auto store, store::OpenStore(global.db_url, store::OpenMode::kExisting));
      ONDERDAK_ASSIGN_OR_RETURN(auto entries, store->Accounts().ListAudit(
                                                  o->limit > 0 ? std::optional<std::int64_t>(o->limit) : std::nullopt));
      Table t{{"seq", "at", "actor", "action", "object", "detail", "from", "hash"}, {}, {true}};
      for (const auto& e : entries) {
        t.rows.push_back({std::to_string(e.seq), e.at, e.actor, e.action, e.object, e.detail, e.from,
                          fmt == OutputFormat::kTable ? e.hash.substr(0, 12) : e.hash});
      }
      PrintTable(std::cout, t, fmt);
      return core::Status::Ok();
    }();
  });

  auto* verify = audit->add_subcommand("verify", "Check the hash chain; exits 1 naming the first broken entry");
  verify->callback([&global, outcome] {
    *outcome = [&]() -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto store, store::OpenStore(global.db_url, store::OpenMode::kExisting));
      ONDERDAK_ASSIGN_OR_RETURN(auto check, auth::VerifyAuditChain(store->Accounts()));
      if (!check.ok()) {
        return core::Status::FailedPrecondition("audit log is not intact: " + check.reason + " (entries before " +
                                                std::to_string(*check.first_broken) + " are intact)");
      }
      std::cout << "audit log intact: " << check.entries << " entries"
                << (check.entries > 0 ? ", last hash " + check.last_hash : "") << "\n";
      return core::Status::Ok();
    }();
  });
}

}  // namespace onderdak::cli
