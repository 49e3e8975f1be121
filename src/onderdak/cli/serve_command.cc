// onderdak serve and onderdak demo.
#include <pthread.h>
#include <signal.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "onderdak/api/server.h"
#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"

namespace onderdak::cli {
namespace {

struct ServeOpts {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  std::string tls_cert;
  std::string tls_key;
  std::vector<std::string> trusted_proxies;
  int session_hours = 8;
  int session_idle_minutes = 30;
  std::string key_file;  // from the global configuration: uploads pseudonymise with it
};

void AddServeOptions(CLI::App* cmd, ServeOpts& o) {
  cmd->add_option("--port", o.port, "TCP port; 0 picks a free one (printed at start)")->capture_default_str();
  cmd->add_option("--bind", o.bind, "Address to listen on")->capture_default_str();
  cmd->add_option("--threads", o.threads, "Worker threads (default: 2 x cores, at least 4)");
  cmd->add_option("--tls-cert", o.tls_cert, "Serve HTTPS with this certificate (PEM; needs --tls-key)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--tls-key", o.tls_key, "The certificate's private key (PEM)")->check(CLI::ExistingFile);
  cmd->add_option("--trusted-proxy", o.trusted_proxies,
                  "Address of a reverse proxy whose X-Forwarded-For/-Proto is believed (repeatable)");
  cmd->add_option("--session-hours", o.session_hours, "A login ends this many hours after it started")
      ->check(CLI::Range(1, 24 * 7))
      ->capture_default_str();
  cmd->add_option("--session-idle-minutes", o.session_idle_minutes, "A login ends after this many idle minutes")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
}

// Serves until SIGINT or SIGTERM. The signals are blocked in every thread and taken by
// a dedicated thread with sigtimedwait, so no work happens in a signal handler.
core::Status ServeUntilSignalled(store::Store& store, const ServeOpts& o) {
  api::ServerOptions so;
  so.bind = o.bind;
  so.port = o.port;
  so.threads = o.threads;
  so.tls_cert = o.tls_cert;
  so.tls_key = o.tls_key;
  so.trusted_proxies = o.trusted_proxies;
  so.key_file = o.key_file;
  so.session_hours = o.session_hours;
  so.session_idle_minutes = o.session_idle_minutes;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  api::Server server(store, so);
  ONDERDAK_RETURN_IF_ERROR(server.Bind());
  std::cout << "onderdak serves " << (o.tls_cert.empty() ? "http" : "https") << "://" << o.bind << ":" << server.port()
            << "/  (Ctrl+C stops)" << std::endl;

  std::atomic<bool> done{false};
  std::thread waiter([&] {
    const timespec tick{0, 200 * 1000 * 1000};
    while (!done) {
      if (sigtimedwait(&set, nullptr, &tick) > 0) {
        server.Stop();
        return;
      }
    }
  });
  core::Status s = server.Run();
  done = true;
  waiter.join();
  std::cout << "onderdak stopped" << std::endl;
  return s;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto o = std::make_shared<ServeOpts>();
  auto* cmd = app.add_subcommand("serve", "Serve the dashboard and the JSON API over HTTP");
  AddServeOptions(cmd, *o);
  cmd->footer("Endpoints: / (dashboard, Dutch; ?lang=en), /api/v1/regions, /healthz");
  cmd->callback([&global, outcome, o] {
    RemoveStaleTempFolders();  // of imports or uploads killed with kill -9
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    // Uploads need the pseudonymisation key; without one `serve` still runs and refuses
    // them. With one, it must be this database's (ADR 0017).
    auto key = LoadBoundKey(**store, global.config, KeyUse::kIfPresent);
    if (!key.ok()) return void(*outcome = key.status());
    if (key->has_value()) o->key_file = global.config.key_file.string();
    *outcome = ServeUntilSignalled(**store, *o);
  });
}

void RegisterDemoCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto o = std::make_shared<ServeOpts>();
  auto persons = std::make_shared<std::int64_t>(0);
  auto no_data = std::make_shared<bool>(false);
  auto* cmd =
      app.add_subcommand("demo", "Create a database with the reference and demo data, then serve the dashboard");
  AddServeOptions(cmd, *o);
  cmd->footer(
      "Runs 'init' on the database named by --db (default sqlite:var/onderdak.db), imports a\n"
      "generated national dataset when the database holds no deliveries yet (as 'generate'\n"
      "then 'import' would), and then 'serve'.");
  cmd->add_option("--demo-persons", *persons,
                  "Distinct persons of the generated dataset (default: the generator's national size)");
  cmd->add_flag("--no-demo-data", *no_data, "Import no generated deliveries (reference data only)");
  cmd->callback([&global, outcome, o, persons, no_data] {
    RemoveStaleTempFolders();
    auto store = store::OpenStore(global.db_url, store::OpenMode::kCreate);
    if (!store.ok()) return void(*outcome = store.status());
    auto summary = EnsureInitialised(**store, global.config);
    if (!summary.ok()) return void(*outcome = summary.status());
    if (summary->created_key) {
      std::cout << "created pseudonymisation key " << global.config.key_file.string() << " (mode 0600)" << std::endl;
    }
    std::cout << "demo database " << global.db_url << ": " << summary->version.region_count << " regions, "
              << summary->version.municipality_count << " municipalities" << std::endl;
    const bool terminal = ::isatty(2) == 1;
    auto imported = *no_data ? core::Result<int>(0)
                             : EnsureDemoDeliveries(**store, global.config, *persons, [terminal](int done, int total) {
                                 if (!terminal) return;
                                 std::fprintf(stderr, "\rdemo: importing generated deliveries %d/%d", done, total);
                                 if (done == total) std::fputc('\n', stderr);
                                 std::fflush(stderr);
                               });
    if (!imported.ok()) return void(*outcome = imported.status());
    if (*imported > 0) std::cout << "demo data: imported " << *imported << " generated deliveries" << std::endl;
    // Uploads need the pseudonymisation key; without one `serve` still runs and refuses them.
    if (std::error_code ec; std::filesystem::exists(global.config.key_file, ec)) {
      o->key_file = global.config.key_file.string();
    }
    *outcome = ServeUntilSignalled(**store, *o);
  });
}

}  // namespace onderdak::cli
