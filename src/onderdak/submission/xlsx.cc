#include "onderdak/submission/xlsx.h"

#include <expat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>

#include "onderdak/core/date.h"
#include "onderdak/core/temp_dir.h"

namespace onderdak::submission {
namespace {

constexpr std::string_view kInfoSheet = "toelichting";
constexpr std::uint64_t kMaxPartBytes = 32ull * 1024 * 1024;
constexpr std::uint64_t kMaxTotalBytes = 128ull * 1024 * 1024;

std::string ColumnName(std::size_t c) {
  std::string out;
  std::size_t n = c + 1;
  while (n > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return out;
}

// "F3" -> {column 5, row 3}; nullopt when malformed.
std::optional<std::pair<std::size_t, std::uint32_t>> ParseRef(std::string_view ref) {
  std::size_t i = 0, col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3)
    col = col * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  if (i == 0 || col == 0) return std::nullopt;
  std::uint32_t row = 0;
  auto [p, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (ec != std::errc() || p != ref.data() + ref.size() || row == 0) return std::nullopt;
  return std::make_pair(col - 1, row);
}

std::string Where(std::string_view sheet, std::string_view cell) {
  return "sheet '" + std::string(sheet) + "', cell " + std::string(cell);
}

// --- Reading parts of the zip, with limits ----------------------------------------------

class Workbook {
 public:
  static core::Result<std::unique_ptr<Workbook>> Open(std::string_view bytes) {
    if (bytes.size() > kMaxXlsxBytes) {
      return core::Status::InvalidInput("the workbook is larger than " + std::to_string(kMaxXlsxBytes >> 20) + " MiB");
    }
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) {
      zip_error_fini(&err);
      return core::Status::Internal("cannot read the upload");
    }
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
    zip_error_fini(&err);
    if (z == nullptr) {
      zip_source_free(src);
      return core::Status::InvalidInput("the upload is not an XLSX workbook (not a zip file)");
    }
    return std::unique_ptr<Workbook>(new Workbook(z));
  }
  ~Workbook() { zip_discard(z_); }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // The part's bytes; nullopt when absent. InvalidInput when it (or all parts read so far)
  // unpacks beyond the limits.
  core::Result<std::optional<std::string>> Read(const std::string& name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z_, name.c_str(), 0, &st) != 0) return std::optional<std::string>();
    zip_file_t* f = zip_fopen(z_, name.c_str(), 0);
    if (f == nullptr) return core::Status::InvalidInput(name + ": cannot be unpacked");
    std::string out;
    char buf[65536];
    while (true) {
      const zip_int64_t n = zip_fread(f, buf, sizeof buf);
      if (n < 0) {
        zip_fclose(f);
        return core::Status::InvalidInput(name + ": cannot be unpacked (damaged)");
      }
      if (n == 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      total_ += static_cast<std::uint64_t>(n);
      if (out.size() > kMaxPartBytes || total_ > kMaxTotalBytes) {
        zip_fclose(f);
        return core::Status::InvalidInput(name + ": unpacks to more than the limit (" +
                                          std::to_string(kMaxPartBytes >> 20) + " MiB a part, " +
                                          std::to_string(kMaxTotalBytes >> 20) + " MiB in all)");
      }
    }
    zip_fclose(f);
    return std::optional<std::string>(std::move(out));
  }

 private:
  explicit Workbook(zip_t* z) : z_(z) {}
  zip_t* z_;
  std::uint64_t total_ = 0;
};

// --- A small SAX wrapper over expat that refuses any DOCTYPE -----------------------------

struct Sax {
  std::function<void(std::string_view name, const char** attrs)> start;
  std::function<void(std::string_view name)> end;
  std::function<void(std::string_view text)> text;
  std::string error;
  XML_Parser parser = nullptr;

  static std::string_view Local(const char* name) {
    std::string_view n(name);
    if (auto c = n.rfind(':'); c != std::string_view::npos) n = n.substr(c + 1);
    return n;
  }

  core::Status Parse(const std::string& part, const std::string& xml) {
    parser = XML_ParserCreate("UTF-8");
    if (parser == nullptr) return core::Status::Internal("cannot create an XML parser");
    XML_SetUserData(parser, this);
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(parser, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      auto* s = static_cast<Sax*>(self);
      s->error = "a DOCTYPE is not allowed in a workbook";
      XML_StopParser(s->parser, XML_FALSE);
    });
    XML_SetElementHandler(
        parser,
        [](void* self, const XML_Char* name, const XML_Char** attrs) {
          auto* s = static_cast<Sax*>(self);
          if (s->start) s->start(Local(name), attrs);
        },
        [](void* self, const XML_Char* name) {
          auto* s = static_cast<Sax*>(self);
          if (s->end) s->end(Local(name));
        });
    XML_SetCharacterDataHandler(parser, [](void* self, const XML_Char* s, int len) {
      auto* x = static_cast<Sax*>(self);
      if (x->text) x->text(std::string_view(s, static_cast<std::size_t>(len)));
    });
    const auto ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
    std::string message;
    if (!error.empty()) {
      message = error;
    } else if (ok != XML_STATUS_OK) {
      message = std::string("not well-formed XML at line ") + std::to_string(XML_GetCurrentLineNumber(parser)) + ": " +
                XML_ErrorString(XML_GetErrorCode(parser));
    }
    XML_ParserFree(parser);
    parser = nullptr;
    if (!message.empty()) return core::Status::InvalidInput(part + ": " + message);
    return core::Status::Ok();
  }
};

std::string Attr(const char** attrs, std::string_view local) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (Sax::Local(attrs[i]) == local) return attrs[i + 1];
  }
  return {};
}

struct RawCell {
  std::string ref, type, value;
  bool formula = false, inline_text = false;
};

// Parses one worksheet into cells (at most `max_rows` rows; stops with an error beyond).
core::Status ReadSheet(const std::string& part, const std::string& xml, std::uint32_t max_rows,
                       const std::function<core::Status(RawCell&)>& on_cell) {
  Sax sax;
  RawCell cell;
  bool in_cell = false, in_value = false, in_inline = false;
  core::Status failure;
  sax.start = [&](std::string_view name, const char** attrs) {
    if (!failure.ok()) return;
    if (name == "row") {
      std::uint32_t r = 0;
      const std::string text = Attr(attrs, "r");
      std::from_chars(text.data(), text.data() + text.size(), r);
      if (r > max_rows) {
        failure = core::Status::InvalidInput("has more than " + std::to_string(max_rows - 1) + " rows of records");
        XML_StopParser(sax.parser, XML_FALSE);
      }
    } else if (name == "c") {
      cell = RawCell{Attr(attrs, "r"), Attr(attrs, "t"), "", false, false};
      in_cell = true;
    } else if (in_cell && name == "v") {
      in_value = true;
    } else if (in_cell && name == "f") {
      cell.formula = true;
    } else if (in_cell && name == "t") {
      in_inline = cell.type == "inlineStr";
    }
  };
  sax.end = [&](std::string_view name) {
    if (!failure.ok()) return;
    if (name == "v") in_value = false;
    if (name == "t") in_inline = false;
    if (name == "c") {
      in_cell = false;
      if (auto s = on_cell(cell); !s.ok()) {
        failure = s;
        XML_StopParser(sax.parser, XML_FALSE);
      }
    }
  };
  sax.text = [&](std::string_view t) {
    if (in_value || in_inline) cell.value.append(t);
    if (cell.value.size() > kMaxValueBytes * 4) cell.value.resize(kMaxValueBytes * 4);  // refused later, with its cell
  };
  auto parsed = sax.Parse(part, xml);
  if (!failure.ok()) return failure;
  return parsed;
}

// "10", "10.0", "1E3" -> "10", "10", "1000"; other numbers as written.
std::string NumberText(const std::string& v) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size()) return v;
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
    return std::to_string(static_cast<std::int64_t>(d));
  return v;
}

}  // namespace

core::Result<std::string> TemplateXlsx(const Content& content, std::string_view region, std::string_view region_name,
                                       std::string_view period, std::int64_t version) {
  ONDERDAK_ASSIGN_OR_RETURN(const std::filesystem::path base, core::TempBase());  // Io when TMPDIR is unusable
  std::string pattern = (base / "onderdak-template-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return core::Status::Io("cannot create a temporary file in " + base.string());
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove{pattern};
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(pattern.c_str(), &options);
  if (wb == nullptr) return core::Status::Io("cannot create the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_worksheet* info = workbook_add_worksheet(wb, std::string(kInfoSheet).c_str());
  worksheet_write_string(info, 0, 0, "onderdak: aanlevering regiocijfers (docs/exchange-format.md)", bold);
  const std::string name = std::string(region_name) + " (" + std::string(region) + ")";
  const std::string period_text(period);
  worksheet_write_string(info, 1, 0, "regio", bold);
  worksheet_write_string(info, 1, 1, name.c_str(), nullptr);
  worksheet_write_string(info, 2, 0, "halfjaar", bold);
  worksheet_write_string(info, 2, 1, period_text.c_str(), nullptr);
  worksheet_write_string(info, 3, 0, "versie", bold);
  worksheet_write_number(info, 3, 1, static_cast<double>(version), nullptr);
  worksheet_write_string(info, 5, 0,
                         "Vul per tabblad een rij per record in; kolomnamen en tabbladnamen niet wijzigen. "
                         "Fill in one row per record on each sheet; do not rename columns or sheets.",
                         nullptr);
  worksheet_set_column(info, 0, 0, 12, nullptr);
  worksheet_set_column(info, 1, 1, 40, nullptr);
  for (std::size_t t = 0; t < Tables().size(); ++t) {
    const TableSpec& spec = Tables()[t];
    lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(spec.name).c_str());
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      worksheet_write_string(ws, 0, col, std::string(spec.columns[c]).c_str(), bold);
      worksheet_set_column(ws, col, col, 18, text);
    }
    lxw_row_t r = 1;
    for (const Row& row : content.tables[t]) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (!row[c].empty()) worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), row[c].c_str(), text);
      }
      ++r;
    }
    worksheet_freeze_panes(ws, 1, 0);
  }
  if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR) {
    return core::Status::Io(std::string("cannot write the workbook: ") + lxw_strerror(err));
  }
  std::ifstream in(pattern, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return core::Status::Io("cannot read the workbook back");
  return bytes.str();
}

core::Result<ParsedXlsx> ReadSubmissionXlsx(std::string_view bytes) {
  ONDERDAK_ASSIGN_OR_RETURN(auto wb, Workbook::Open(bytes));
  ONDERDAK_ASSIGN_OR_RETURN(auto workbook_xml, wb->Read("xl/workbook.xml"));
  ONDERDAK_ASSIGN_OR_RETURN(auto rels_xml, wb->Read("xl/_rels/workbook.xml.rels"));
  if (!workbook_xml || !rels_xml) {
    return core::Status::InvalidInput("the upload is not an XLSX workbook (xl/workbook.xml is missing)");
  }
  // Sheet name -> part.
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  std::map<std::string, std::string> targets;               // relationship id -> part
  {
    Sax sax;
    sax.start = [&](std::string_view name, const char** attrs) {
      if (name == "sheet" && sheets.size() < 64) sheets.emplace_back(Attr(attrs, "name"), Attr(attrs, "id"));
    };
    ONDERDAK_RETURN_IF_ERROR(sax.Parse("xl/workbook.xml", *workbook_xml));
    Sax rels;
    rels.start = [&](std::string_view name, const char** attrs) {
      if (name != "Relationship") return;
      std::string target = Attr(attrs, "Target");
      if (target.starts_with("/")) {
        target = target.substr(1);
      } else {
        target = "xl/" + target;
      }
      targets[Attr(attrs, "Id")] = target;
    };
    ONDERDAK_RETURN_IF_ERROR(rels.Parse("xl/_rels/workbook.xml.rels", *rels_xml));
  }
  // Shared strings.
  std::vector<std::string> shared;
  ONDERDAK_ASSIGN_OR_RETURN(auto shared_xml, wb->Read("xl/sharedStrings.xml"));
  if (shared_xml) {
    Sax sax;
    bool in_t = false, in_rph = false;
    sax.start = [&](std::string_view name, const char**) {
      if (name == "si") shared.emplace_back();
      if (name == "rPh") in_rph = true;  // phonetic hints are not part of the text
      if (name == "t" && !in_rph) in_t = true;
    };
    sax.end = [&](std::string_view name) {
      if (name == "t") in_t = false;
      if (name == "rPh") in_rph = false;
    };
    sax.text = [&](std::string_view t) {
      if (in_t && !shared.empty() && shared.back().size() <= kMaxValueBytes * 4) shared.back().append(t);
    };
    ONDERDAK_RETURN_IF_ERROR(sax.Parse("xl/sharedStrings.xml", *shared_xml));
  }

  ParsedXlsx out;
  std::vector<bool> seen(Tables().size(), false);
  for (const auto& [sheet_name, rid] : sheets) {
    const std::string& sheet = sheet_name;  // a lambda below captures it (clang 14: no binding captures)
    const int t = sheet == kInfoSheet ? -2 : FindTable(sheet);
    if (t == -1) {
      out.errors.push_back({"sheet '" + sheet + "'", "unknown sheet (expected toelichting, " + TableNames() + ")",
                            std::string(fix::kLayout)});
      continue;
    }
    auto target = targets.find(rid);
    if (target == targets.end()) return core::Status::InvalidInput("sheet '" + sheet + "': its part is missing");
    ONDERDAK_ASSIGN_OR_RETURN(auto xml, wb->Read(target->second));
    if (!xml) return core::Status::InvalidInput("sheet '" + sheet + "': its part " + target->second + " is missing");
    const TableSpec* spec = t >= 0 ? &Tables()[static_cast<std::size_t>(t)] : nullptr;
    if (t >= 0) seen[static_cast<std::size_t>(t)] = true;
    std::map<std::uint32_t, Row> rows;
    std::vector<bool> header(spec ? spec->columns.size() : 0, false);
    auto on_cell = [&](RawCell& c) -> core::Status {
      auto ref = ParseRef(c.ref);
      if (!ref) return core::Status::InvalidInput(Where(sheet, c.ref.substr(0, 12)) + ": not a cell reference");
      const auto [col, row] = *ref;
      std::string value;
      if (c.formula) {
        out.errors.push_back(
            {Where(sheet, c.ref), "formulas are not accepted, enter the value", std::string(fix::kFormula)});
        return core::Status::Ok();
      }
      if (c.type == "s") {
        std::size_t i = 0;
        auto [p, ec] = std::from_chars(c.value.data(), c.value.data() + c.value.size(), i);
        if (ec != std::errc() || i >= shared.size()) {
          return core::Status::InvalidInput(Where(sheet, c.ref) + ": refers to a shared string that does not exist");
        }
        value = shared[i];
      } else if (c.type == "inlineStr" || c.type == "str") {
        value = c.value;
      } else if (c.type == "b") {
        value = c.value == "1" ? "ja" : "nee";
      } else if (c.type == "e") {
        out.errors.push_back({Where(sheet, c.ref), "holds a spreadsheet error ('" + c.value.substr(0, 20) + "')",
                              std::string(fix::kCellError)});
        return core::Status::Ok();
      } else {
        value = NumberText(c.value);
      }
      if (t == -2) {  // the explanation sheet: only the version is read
        if (col == 1 && row == 4 && !value.empty()) {
          std::int64_t v = 0;
          auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
          if (ec == std::errc() && p == value.data() + value.size()) out.version = v;
        }
        if (col == 1 && row == 3) out.period = value;
        return core::Status::Ok();
      }
      if (value.empty()) return core::Status::Ok();
      if (col >= spec->columns.size()) {
        out.errors.push_back({Where(sheet, c.ref),
                              "'" + value.substr(0, 40) + "': is outside the table's columns (A-" +
                                  ColumnName(spec->columns.size() - 1) + ")",
                              std::string(fix::kLayout)});
        return core::Status::Ok();
      }
      if (row == 1) {
        if (value != spec->columns[col]) {
          out.errors.push_back(
              {Where(sheet, c.ref),
               "'" + value.substr(0, 40) + "': must be the column name '" + std::string(spec->columns[col]) + "'",
               std::string(fix::kLayout)});
        }
        header[col] = true;
        return core::Status::Ok();
      }
      if (value.size() > kMaxValueBytes) {
        out.errors.push_back({Where(sheet, c.ref), "is longer than " + std::to_string(kMaxValueBytes) + " bytes",
                              std::string(fix::kText)});
        return core::Status::Ok();
      }
      if (value.find_first_of("\r\n") != std::string::npos) {
        out.errors.push_back({Where(sheet, c.ref), "must be one line (no line breaks)", std::string(fix::kText)});
        return core::Status::Ok();
      }
      if (IsDateColumn(spec->columns[col]) && c.type.empty() &&
          value.find_first_not_of("0123456789") == std::string::npos) {
        // A date the spreadsheet stored as a serial number (days since 1899-12-30).
        std::int32_t serial = 0;
        std::from_chars(value.data(), value.data() + value.size(), serial);
        if (serial > 0 && serial < 2958466) value = core::Date::FromDays(serial - 25569).ToString();
      }
      auto& r = rows[row];
      r.resize(spec->columns.size());
      // Text typed in Dutch notation ("1-1-2024", "1.000"); never a number cell, whose
      // 1.234 is a decimal number, not 1234.
      const bool text = c.type == "s" || c.type == "inlineStr" || c.type == "str";
      r[col] = text ? FromDutchNotation(spec->columns[col], value) : value;
      return core::Status::Ok();
    };
    auto status = ReadSheet(target->second, *xml, static_cast<std::uint32_t>(kMaxRows + 1), on_cell);
    if (!status.ok()) return core::Status::InvalidInput("sheet '" + sheet + "': " + status.message());
    if (spec == nullptr) continue;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (!header[c]) {
        out.errors.push_back({Where(sheet, ColumnName(c) + "1"),
                              "the column name '" + std::string(spec->columns[c]) + "' is missing",
                              std::string(fix::kLayout)});
      }
    }
    for (auto& [row, values] : rows) {
      out.content.tables[static_cast<std::size_t>(t)].push_back(std::move(values));
      out.rows[static_cast<std::size_t>(t)].push_back(row);
    }
  }
  for (std::size_t t = 0; t < Tables().size(); ++t) {
    if (!seen[t]) {
      out.errors.push_back(
          {"sheet '" + std::string(Tables()[t].name) + "'", "the sheet is missing", std::string(fix::kLayout)});
    }
  }
  return out;
}

std::string CellOfField(const ParsedXlsx& parsed, std::string_view field) {
  const auto open = field.find('[');
  const auto close = field.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::string(field);
  const std::string table(field.substr(0, open));
  const int t = FindTable(table);
  if (t < 0) return std::string(field);
  std::size_t index = 0;
  auto [p, ec] = std::from_chars(field.data() + open + 1, field.data() + close, index);
  if (ec != std::errc() || index >= parsed.rows[static_cast<std::size_t>(t)].size()) return std::string(field);
  const std::uint32_t row = parsed.rows[static_cast<std::size_t>(t)][index];
  if (close + 1 < field.size() && field[close + 1] == '.') {
    const auto column = field.substr(close + 2);
    const auto& cols = Tables()[static_cast<std::size_t>(t)].columns;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (cols[c] == column) return Where(table, ColumnName(c) + std::to_string(row));
    }
  }
  return "sheet '" + table + "', row " + std::to_string(row);
}

}  // namespace onderdak::submission
