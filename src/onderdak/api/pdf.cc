#include "onderdak/api/pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "onderdak/core/temp_dir.h"

extern char** environ;

namespace onderdak::api {
namespace {

core::Result<std::string> ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return core::Status::Io("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

core::Status WriteAll(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return core::Status::Io("cannot write " + p.string());
  return core::Status::Ok();
}

// A PDF text string: ASCII printable as a literal string, else UTF-16BE with a byte-order
// mark, in hex.
std::string PdfString(const std::string& utf8) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7f;
  if (ascii) {
    std::string out = "(";
    for (char c : utf8) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      out += c;
    }
    return out + ")";
  }
  std::u16string u16;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = 0xFFFD;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < utf8.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu), n = 2;
    } else if ((c >> 4) == 0xE && i + 2 < utf8.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu),
      n = 3;
    } else if ((c >> 3) == 0x1E && i + 3 < utf8.size()) {
      cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(utf8[i + 3]) & 0x3Fu),
      n = 4;
    }
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      u16 += static_cast<char16_t>(0xD800 + (cp >> 10));
      u16 += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      u16 += static_cast<char16_t>(cp);
    }
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "<FEFF";
  for (char16_t u : u16) {
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(u >> shift) & 0xF];
  }
  return out + ">";
}

// The integer after `key` (e.g. "/Size") in `dict`, or -1.
long long IntAfter(std::string_view dict, std::string_view key) {
  const auto at = dict.find(key);
  if (at == std::string_view::npos) return -1;
  std::size_t i = at + key.size();
  while (i < dict.size() && (dict[i] == ' ' || dict[i] == '\n' || dict[i] == '\r')) ++i;
  long long v = -1;
  std::from_chars(dict.data() + i, dict.data() + dict.size(), v);
  return v;
}

}  // namespace

std::filesystem::path DefaultChromium() {
  if (const char* env = std::getenv("ONDERDAK_CHROMIUM"); env != nullptr && *env != '\0') return env;
  return "/usr/lib/chromium/chromium-headless-shell";
}

core::Status AddPdfInfo(const std::filesystem::path& pdf,
                        const std::vector<std::pair<std::string, std::string>>& info) {
  ONDERDAK_ASSIGN_OR_RETURN(auto bytes, ReadAll(pdf));
  const auto trailer = bytes.rfind("trailer");
  const auto startxref = bytes.rfind("startxref");
  if (trailer == std::string::npos || startxref == std::string::npos || startxref < trailer) {
    return core::Status::InvalidInput(pdf.string() + ": no classic cross-reference trailer to update");
  }
  const std::string_view dict(bytes.data() + trailer, startxref - trailer);
  const long long size = IntAfter(dict, "/Size"), root = IntAfter(dict, "/Root"),
                  prev = IntAfter(std::string_view(bytes).substr(startxref), "startxref");
  if (size <= 0 || root <= 0 || prev <= 0) {
    return core::Status::InvalidInput(pdf.string() + ": the trailer lacks /Size, /Root or startxref");
  }
  // A new Info object replaces the old one (Chromium's, with the title only).
  std::string update = bytes.back() == '\n' ? "" : "\n";
  const std::size_t object_at = bytes.size() + update.size();
  update += std::to_string(size) + " 0 obj\n<<";
  for (const auto& [key, value] : info) update += "/" + key + " " + PdfString(value) + "\n";
  update += ">>\nendobj\n";
  const std::size_t xref_at = bytes.size() + update.size();
  char offset[32];
  std::snprintf(offset, sizeof offset, "%010zu 00000 n \n", object_at);
  update += "xref\n" + std::to_string(size) + " 1\n" + offset;
  update += "trailer\n<</Size " + std::to_string(size + 1) + " /Root " + std::to_string(root) + " 0 R /Info " +
            std::to_string(size) + " 0 R /Prev " + std::to_string(prev) + ">>\nstartxref\n" + std::to_string(xref_at) +
            "\n%%EOF\n";
  return WriteAll(pdf, bytes + update);
}

core::Status PrintPdf(const std::string& html, const std::filesystem::path& out, const PdfOptions& options) {
  const std::filesystem::path chromium = options.chromium.empty() ? DefaultChromium() : options.chromium;
  if (::access(chromium.c_str(), X_OK) != 0) {
    return core::Status::Unavailable("no browser to print the PDF at " + chromium.string() +
                                     ": install Debian's chromium-headless-shell (scripts/install-deps) or set "
                                     "ONDERDAK_CHROMIUM; or write .html");
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto dir, core::TempDir::Create("onderdak-pdf-"));
  const auto page = dir.path() / "report.html", pdf = dir.path() / "report.pdf", log = dir.path() / "chromium.log";
  ONDERDAK_RETURN_IF_ERROR(WriteAll(page, html));
  const std::string profile = "--user-data-dir=" + (dir.path() / "profile").string();
  const std::string target = "--print-to-pdf=" + pdf.string();
  const std::string url = "file://" + page.string();
  std::vector<std::string> args = {chromium.string(),
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--no-pdf-header-footer",
                                   profile,
                                   target,
                                   url};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group: a timeout ends its helpers too
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, chromium.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0)
    return core::Status::Unavailable("cannot start " + chromium.string() + ": " + std::strerror(spawned));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return core::Status::Internal(std::string("waitpid: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return core::Status::Unavailable("the browser took longer than " + std::to_string(options.timeout_seconds) +
                                       " s to print the PDF");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::error_code ec;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !std::filesystem::exists(pdf, ec)) {
    auto text = ReadAll(log);
    std::string tail = text.ok() ? text->substr(text->size() > 600 ? text->size() - 600 : 0) : "";
    return core::Status::Unavailable("the browser did not print the PDF (" + chromium.string() + "): " + tail);
  }
  ONDERDAK_RETURN_IF_ERROR(AddPdfInfo(pdf, options.info));
  ONDERDAK_ASSIGN_OR_RETURN(auto bytes, ReadAll(pdf));
  return WriteWhole(out, bytes);
}

core::Status WriteWhole(const std::filesystem::path& out, const std::string& bytes) {
  const std::filesystem::path partial = out.string() + ".part";
  std::error_code ec;
  core::Status written = WriteAll(partial, bytes);
  if (written.ok()) {
    std::filesystem::rename(partial, out, ec);
    if (ec) written = core::Status::Io("cannot write " + out.string() + ": " + ec.message());
  }
  if (!written.ok()) std::filesystem::remove(partial, ec);
  return written;
}

}  // namespace onderdak::api
