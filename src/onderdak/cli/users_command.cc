// onderdak users add|list|disable|token: accounts and API tokens (issue 7, ADR 0012).
// Passwords never come from arguments (they would show in `ps` and shell history): a
// prompt without echo on a terminal, else ONDERDAK_USER_PASSWORD, else one line on stdin.
// A new token is printed once, alone on stdout; only its hash is stored.
#include <pwd.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "onderdak/auth/accounts.h"
#include "onderdak/cli/commands.h"
#include "onderdak/cli/table.h"

namespace onderdak::cli {
namespace {

// One line from stdin; with echo off when `hidden` and stdin is a terminal.
std::optional<std::string> ReadLine(bool hidden) {
  termios old{};
  const bool restore = hidden && tcgetattr(STDIN_FILENO, &old) == 0;
  if (restore) {
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (restore) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

core::Result<std::optional<std::string>> ReadNewPassword(const char* env, std::string_view prompt, bool optional) {
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') {
    return std::optional<std::string>(value);
  }
  // A prompt only when someone is there to answer it: with stderr redirected nobody sees
  // it, and an optional prompt (init) also needs stdout on the terminal, because scripts
  // and tests run init with its output captured and must never wait for an answer.
  const bool interactive =
      isatty(STDIN_FILENO) != 0 && isatty(STDERR_FILENO) != 0 && (!optional || isatty(STDOUT_FILENO) != 0);
  if (interactive) {
    std::cerr << prompt << (optional ? " (empty to skip): " : ": ") << std::flush;
    auto first = ReadLine(true);
    if (!first || first->empty()) {
      if (optional) return std::optional<std::string>();
      return core::Status::InvalidInput("password: none was typed");
    }
    std::cerr << "again: " << std::flush;
    auto second = ReadLine(true);
    if (!second || *second != *first) return core::Status::InvalidInput("password: the two entries differ");
    return std::optional<std::string>(std::move(*first));
  }
  if (optional) return std::optional<std::string>();
  auto line = ReadLine(isatty(STDIN_FILENO) != 0);
  if (!line || line->empty()) {
    return core::Status::InvalidInput(std::string("password: type it at the prompt on a terminal, set ") + env +
                                      ", or give it as one line on stdin");
  }
  return line;
}

std::string CliActor() {
  const passwd* pw = getpwuid(geteuid());
  return "cli:" + std::string(pw != nullptr ? pw->pw_name : std::to_string(geteuid()));
}

void RegisterUsersCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* users = app.add_subcommand("users", "Manage user accounts and API tokens");
  users->require_subcommand(1);
  struct Opts {
    std::string username, role, organisation, label, format = "table";
    std::vector<std::string> regions;
    std::int64_t id = 0;
  };
  auto o = std::make_shared<Opts>();
  // Runs `body` with the accounts of the database; its Status becomes the outcome.
  auto with_accounts = [&global, outcome](auto body) {
    return [&global, outcome, body] {
      auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
      if (!store.ok()) return void(*outcome = store.status());
      auth::Accounts accounts(**store);
      *outcome = body(accounts);
    };
  };

  auto* add = users->add_subcommand("add", "Add a user (password: prompt, ONDERDAK_USER_PASSWORD or one stdin line)");
  add->add_option("username", o->username, "Lowercase letters, digits, '.', '_' and '-'")->required();
  add->add_option("--role", o->role, "administrator, national_analyst, region_steward or provider_uploader")
      ->required();
  add->add_option("--region", o->regions, "CBS code of a centrumgemeente region, e.g. GM0363 (repeatable)")
      ->delimiter(',');
  add->add_option("--organisation", o->organisation, "The organisation a provider_uploader uploads for");
  add->footer(
      "Region stewards and provider uploaders need at least one --region (in force today); provider uploaders an "
      "--organisation. Passwords: at least 12 characters, not the username.");
  add->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    auth::NewUserRequest req{o->username, o->role, o->regions, o->organisation};
    ONDERDAK_RETURN_IF_ERROR(accounts.CheckNewUser(req));  // before asking for a password
    auto password = ReadNewPassword("ONDERDAK_USER_PASSWORD", "password for " + o->username, false);
    if (!password.ok()) return password.status();
    auto user = accounts.AddUser(req, **password, auth::Actor{CliActor()});
    if (!user.ok()) return user.status();
    spdlog::debug("added user {} with role {}", user->username, auth::RoleId(user->role));
    std::cout << "added user " << user->username << " (" << auth::RoleId(user->role) << ", "
              << auth::RoleDutch(user->role) << ")";
    if (!user->regions.empty()) std::cout << ", regions " << Join(user->regions, ",");
    if (!user->organisation.empty()) std::cout << ", organisation " << user->organisation;
    std::cout << "\n";
    return core::Status::Ok();
  }));

  auto* list = users->add_subcommand("list", "List the users");
  list->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  list->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
    ONDERDAK_ASSIGN_OR_RETURN(auto all, accounts.ListUsers());
    Table t{{"username", "role", "regions", "organisation", "status", "created_at"}, {}, {}};
    for (const auto& u : all) {
      t.rows.push_back({u.username, std::string(auth::RoleId(u.role)), Join(u.regions, ","), u.organisation,
                        u.disabled ? "disabled" : "active", u.created_at});
    }
    PrintTable(std::cout, t, fmt);
    return core::Status::Ok();
  }));

  auto* disable = users->add_subcommand("disable", "Disable a user and revoke its API tokens");
  disable->add_option("username", o->username, "The user")->required();
  disable->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    ONDERDAK_RETURN_IF_ERROR(accounts.DisableUser(o->username, auth::Actor{CliActor()}));
    std::cout << "disabled user " << o->username << " and revoked its tokens\n";
    return core::Status::Ok();
  }));

  auto* enable = users->add_subcommand("enable", "Enable a disabled user again (its old tokens stay revoked)");
  enable->add_option("username", o->username, "The user")->required();
  enable->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    ONDERDAK_RETURN_IF_ERROR(accounts.EnableUser(o->username, auth::Actor{CliActor()}));
    std::cout << "enabled user " << o->username << "\n";
    return core::Status::Ok();
  }));

  auto* password = users->add_subcommand(
      "password",
      "Set a new password for a user (prompt, ONDERDAK_USER_PASSWORD or one stdin line); ends its sessions");
  password->add_option("username", o->username, "The user")->required();
  password->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    auto replacement = ReadNewPassword("ONDERDAK_USER_PASSWORD", "new password for " + o->username, false);
    if (!replacement.ok()) return replacement.status();
    ONDERDAK_RETURN_IF_ERROR(accounts.ResetPassword(o->username, **replacement, auth::Actor{CliActor()}));
    std::cout << "set a new password for " << o->username << "; its sessions were ended\n";
    return core::Status::Ok();
  }));

  auto* token = users->add_subcommand("token", "Create, list and revoke API tokens for machine uploads");
  token->require_subcommand(1);
  auto* create = token->add_subcommand("create", "Create a token (printed once) scoped to the user's role and regions");
  create->add_option("username", o->username, "The user the token acts for")->required();
  create->add_option("--label", o->label, "What the token is for, e.g. the uploading system")->required();
  create->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    ONDERDAK_ASSIGN_OR_RETURN(auto issued, accounts.CreateToken(o->username, o->label, auth::Actor{CliActor()}));
    spdlog::debug("created API token {} for user {}", issued.record.id, issued.record.username);
    std::cerr << "created token " << issued.record.id << " for " << issued.record.username << " (label '"
              << issued.record.label << "', scope " << issued.record.role
              << (issued.record.regions.empty() ? "" : " " + Join(issued.record.regions, ","))
              << "). It is shown only now: store it safely.\n";
    std::cout << issued.secret << "\n";
    return core::Status::Ok();
  }));

  auto* revoke = token->add_subcommand("revoke", "Revoke a token by its id (see 'users token list')");
  revoke->add_option("id", o->id, "The token's id")->required();
  revoke->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    ONDERDAK_RETURN_IF_ERROR(accounts.RevokeToken(o->id, auth::Actor{CliActor()}));
    std::cout << "revoked token " << o->id << "\n";
    return core::Status::Ok();
  }));

  auto* tokens = token->add_subcommand("list", "List the tokens (never the tokens themselves)");
  tokens->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  tokens->callback(with_accounts([o](auth::Accounts& accounts) -> core::Status {
    ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
    ONDERDAK_ASSIGN_OR_RETURN(auto all, accounts.ListTokens());
    Table t{{"id", "username", "label", "role", "regions", "created_at", "revoked_at"}, {}, {true}};
    for (const auto& k : all) {
      t.rows.push_back({std::to_string(k.id), k.username, k.label, k.role, Join(k.regions, ","), k.created_at,
                        k.revoked_at.value_or("")});
    }
    PrintTable(std::cout, t, fmt);
    return core::Status::Ok();
  }));
}

}  // namespace onderdak::cli
