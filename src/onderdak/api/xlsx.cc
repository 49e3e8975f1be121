#include "onderdak/api/xlsx.h"

#include <xlsxwriter.h>

#include <fstream>
#include <iterator>

#include "onderdak/core/temp_dir.h"
#include "onderdak/indicators/csv.h"

namespace onderdak::api {

core::Status WriteFiguresXlsx(const std::filesystem::path& path, std::span<const indicators::Figure> figures,
                              const std::string& title) {
  // libxlsxwriter's own temporary files go beside the workbook, not to /tmp.
  std::string tmpdir = path.parent_path().empty() ? std::string(".") : path.parent_path().string();
  lxw_workbook_options options{.constant_memory = LXW_FALSE, .tmpdir = tmpdir.data(), .use_zip64 = LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return core::Status::Io("cannot create " + path.string());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "indicatoren");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  worksheet_write_string(ws, 0, 0, title.c_str(), bold);
  // The definition preset (docs/indicators.md §2.7) on its own line under the title, as
  // every export states it; each row repeats it in the column "definition".
  if (!figures.empty()) {
    const std::string line = "definitie (definition): " + figures.front().definition;
    worksheet_write_string(ws, 1, 0, line.c_str(), nullptr);
  }
  const auto header = indicators::CsvHeader();
  for (std::size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
  }
  // Numeric columns of CsvHeader(): value, numerator, denominator, delivered, expected.
  auto numeric = [&](std::size_t c) {
    const std::string& h = header[c];
    return h == "value" || h == "numerator" || h == "denominator" || h == "delivered" || h == "expected";
  };
  lxw_row_t row = 3;
  for (const auto& f : figures) {
    const auto fields = indicators::CsvFields(f);
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (fields[c].empty()) continue;
      if (numeric(c)) {
        worksheet_write_number(ws, row, col, std::stod(fields[c]), nullptr);
      } else {
        // Text is written as text, never as a formula (a leading '=' stays text).
        worksheet_write_string(ws, row, col, fields[c].c_str(), nullptr);
      }
    }
    ++row;
  }
  worksheet_freeze_panes(ws, 3, 0);
  worksheet_autofilter(ws, 2, 0, row > 3 ? row - 1 : 3, static_cast<lxw_col_t>(header.size() - 1));
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return core::Status::Io("cannot write " + path.string() + ": " + lxw_strerror(err));
  return core::Status::Ok();
}

core::Result<std::string> FiguresXlsxBytes(std::span<const indicators::Figure> figures, const std::string& title) {
  // libxlsxwriter 1.1.4 (Debian 12) writes to a file only: a private folder of ours (named
  // with our pid, so a kill -9 leftover is swept at the next start; Io with what to do
  // when $TMPDIR is unusable), removed with the workbook when done.
  ONDERDAK_ASSIGN_OR_RETURN(auto dir, core::TempDir::Create("onderdak-xlsx"));
  const auto name = dir.path() / "figures.xlsx";
  ONDERDAK_RETURN_IF_ERROR(WriteFiguresXlsx(name, figures, title));
  std::ifstream in(name, std::ios::binary);
  if (!in) return core::Status::Io("cannot read back the workbook " + name.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace onderdak::api
