// CsvReader: a streaming RFC 4180 reader for the files people deliver to onderdak.
//
// - Separator `,` or `;` detected from the header line (the one that occurs outside
//   quotes; Dutch spreadsheet exports use `;`) and reported by separator().
// - A UTF-8 byte-order mark is skipped; CRLF and LF line ends are both accepted.
// - Non-UTF-8 bytes are rejected with their byte offset in the file.
// - Quoted fields may hold separators, quotes ("") and line breaks.
// - A record longer than max_record_bytes, or a file larger than max_file_bytes, is
//   rejected (a guard against runaway or hostile input) instead of read into memory.
//
// Reads the file in blocks: memory use is bounded by the block and the longest record,
// not by the file size. Errors name the file and line ("persons.csv:12: ...").
// Not thread-safe; one reader per file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::ingest {

struct CsvLimits {
  std::size_t max_record_bytes = 64 * 1024;
  std::uint64_t max_file_bytes = 4ULL * 1024 * 1024 * 1024;
  // Refuse a header with an empty or repeated column name. The delivery importer turns
  // this off and reports such columns itself, beside the other header rules.
  bool check_header_names = true;
};

class CsvReader {
 public:
  // Opens `path` and reads its header. InvalidInput for an empty file or a bad header,
  // Io when the file cannot be read.
  static core::Result<CsvReader> Open(const std::filesystem::path& path, CsvLimits limits = {});
  // Reads from memory; `name` is used in messages (tests, uploaded bodies).
  static core::Result<CsvReader> FromString(std::string name, std::string data, CsvLimits limits = {});
  // Reads from any stream (a file inside a zip); `name` is used in messages. The caller
  // enforces max_file_bytes on streams whose size is not known up front.
  static core::Result<CsvReader> FromStream(std::string name, std::unique_ptr<std::istream> in, CsvLimits limits = {});

  CsvReader(CsvReader&&) noexcept = default;
  CsvReader& operator=(CsvReader&&) noexcept = default;

  const std::vector<std::string>& header() const { return header_; }
  char separator() const { return separator_; }
  const std::string& name() const { return name_; }
  // Index of `column` in the header, or -1.
  int ColumnIndex(std::string_view column) const;

  // Reads the next record into `fields` (views valid until the next call). Returns false
  // at the end of the file or on an error; tell them apart with status(). Blank lines
  // are skipped.
  bool Next(std::vector<std::string_view>& fields);
  const core::Status& status() const { return status_; }
  // A cheap look at the next record, for prefetching only: up to `n` of its leading
  // fields as far as they are already buffered, unquoted and on one line (fewer, maybe
  // none, otherwise; a blank line ends the look). Raw text, not validated; the views are
  // valid until the next call of Next().
  void PeekFields(std::size_t n, std::vector<std::string_view>& fields) const;
  // Line number (1-based) on which the current record starts.
  std::size_t line() const { return record_line_; }
  // "file:line" prefix for messages about the current record.
  std::string Where() const;
  // Bytes consumed so far (for progress reports).
  std::uint64_t offset() const { return buf_offset_ + pos_; }

 private:
  CsvReader(std::string name, std::unique_ptr<std::istream> in, CsvLimits limits);
  core::Status ReadHeader();
  bool Fill();  // reads more bytes; false at end of input
  void Fail(std::string msg);
  bool ParseRecord(std::vector<std::string_view>& fields);

  std::string name_;
  std::unique_ptr<std::istream> in_;
  CsvLimits limits_;
  std::string buf_;
  std::size_t pos_ = 0;           // parse position in buf_
  std::uint64_t buf_offset_ = 0;  // file offset of buf_[0]
  bool eof_ = false;
  std::size_t line_ = 1;  // current physical line at pos_
  std::size_t record_line_ = 0;
  std::string field_storage_;
  std::vector<std::size_t> field_ends_;
  std::vector<std::string> header_;
  char separator_ = ',';
  core::Status status_;
};

// `value` without leading and trailing spaces and tabs.
std::string_view TrimBlanks(std::string_view value);

// Returns the offset of the first byte that is not valid UTF-8 in `data`, or npos.
std::size_t FindInvalidUtf8(std::string_view data);

}  // namespace onderdak::ingest
