#include "onderdak/ingest/csv_reader.h"

#include <cstring>
#include <sstream>

namespace onderdak::ingest {
namespace {
constexpr std::size_t kBlock = 1 << 16;
}

std::string_view TrimBlanks(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

std::size_t FindInvalidUtf8(std::string_view data) {
  const auto* s = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t n = data.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path: eight bytes at a time while none has the high bit set.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

CsvReader::CsvReader(std::string name, std::unique_ptr<std::istream> in, CsvLimits limits)
    : name_(std::move(name)), in_(std::move(in)), limits_(limits) {}

core::Result<CsvReader> CsvReader::Open(const std::filesystem::path& path, CsvLimits limits) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return core::Status::Io(path.string() + ": cannot read: " + ec.message());
  if (size > limits.max_file_bytes) {
    return core::Status::InvalidInput(path.string() + ": file is " + std::to_string(size) +
                                      " bytes, over the limit of " + std::to_string(limits.max_file_bytes));
  }
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return core::Status::Io(path.string() + ": cannot open for reading");
  CsvReader r(path.filename().string(), std::move(in), limits);
  ONDERDAK_RETURN_IF_ERROR(r.ReadHeader());
  return r;
}

core::Result<CsvReader> CsvReader::FromString(std::string name, std::string data, CsvLimits limits) {
  if (data.size() > limits.max_file_bytes) {
    return core::Status::InvalidInput(name + ": file is " + std::to_string(data.size()) + " bytes, over the limit of " +
                                      std::to_string(limits.max_file_bytes));
  }
  CsvReader r(std::move(name), std::make_unique<std::istringstream>(std::move(data)), limits);
  ONDERDAK_RETURN_IF_ERROR(r.ReadHeader());
  return r;
}

core::Result<CsvReader> CsvReader::FromStream(std::string name, std::unique_ptr<std::istream> in, CsvLimits limits) {
  CsvReader r(std::move(name), std::move(in), limits);
  ONDERDAK_RETURN_IF_ERROR(r.ReadHeader());
  return r;
}

int CsvReader::ColumnIndex(std::string_view column) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return static_cast<int>(i);
  }
  return -1;
}

std::string CsvReader::Where() const { return name_ + ":" + std::to_string(record_line_); }

void CsvReader::Fail(std::string msg) { status_ = core::Status::InvalidInput(std::move(msg)); }

bool CsvReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    buf_offset_ += pos_;
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.resize(old + kBlock);
  in_->read(buf_.data() + old, static_cast<std::streamsize>(kBlock));
  const auto got = static_cast<std::size_t>(in_->gcount());
  buf_.resize(old + got);
  if (got < kBlock) eof_ = true;
  if (in_->bad()) {
    status_ = core::Status::Io(name_ + ": read error");
    eof_ = true;
    return false;
  }
  return got > 0;
}

core::Status CsvReader::ReadHeader() {
  Fill();
  if (!status_.ok()) return status_;
  if (buf_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  // Detect the separator from the first line, outside quotes.
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (std::size_t i = pos_; i < buf_.size() && (quoted || (buf_[i] != '\n' && buf_[i] != '\r')); ++i) {
    if (buf_[i] == '"')
      quoted = !quoted;
    else if (!quoted && buf_[i] == ',')
      ++commas;
    else if (!quoted && buf_[i] == ';')
      ++semicolons;
  }
  separator_ = semicolons > commas ? ';' : ',';
  std::vector<std::string_view> fields;
  if (!Next(fields)) {
    if (!status_.ok()) return status_;
    return (Fail(name_ + ":1: the file is empty; it needs a header row"), status_);
  }
  for (auto f : fields) {
    std::string h(TrimBlanks(f));
    if (limits_.check_header_names) {
      if (h.empty()) return (Fail(Where() + ": header: a column has no name"), status_);
      for (const auto& prev : header_) {
        if (prev == h) return (Fail(Where() + ": header: column '" + h + "' appears twice"), status_);
      }
    }
    header_.push_back(std::move(h));
  }
  return core::Status::Ok();
}

bool CsvReader::Next(std::vector<std::string_view>& fields) {
  if (!status_.ok()) return false;
  for (;;) {
    // Skip blank lines between records.
    for (;;) {
      if (pos_ >= buf_.size() && !Fill()) return false;
      char c = buf_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (c == '\r') {
        ++pos_;
      } else {
        break;
      }
    }
    if (ParseRecord(fields)) return true;
    if (!status_.ok()) return false;
  }
}

void CsvReader::PeekFields(std::size_t n, std::vector<std::string_view>& fields) const {
  fields.clear();
  std::size_t i = pos_;
  while (i < buf_.size() && (buf_[i] == '\n' || buf_[i] == '\r')) ++i;
  std::size_t start = i;
  while (fields.size() < n && i < buf_.size()) {
    const char c = buf_[i];
    if (c == '"') return;
    if (c == separator_ || c == '\n' || c == '\r') {
      fields.emplace_back(buf_.data() + start, i - start);
      if (c != separator_) return;
      start = i + 1;
    }
    ++i;
  }
}

bool CsvReader::ParseRecord(std::vector<std::string_view>& fields) {
  record_line_ = line_;
  field_storage_.clear();
  field_ends_.clear();
  const std::uint64_t start_offset = buf_offset_ + pos_;
  std::size_t i = pos_;
  bool in_quotes = false;
  bool field_was_quoted = false;
  std::size_t lines_in_record = 0;
  auto end_field = [&] {
    field_ends_.push_back(field_storage_.size());
    field_was_quoted = false;
  };
  for (;;) {
    if (i >= buf_.size()) {
      const std::size_t consumed = i - pos_;  // pos_ stays at the record's start
      if (!Fill()) {
        // End of input: close the final record.
        if (in_quotes) {
          Fail(name_ + ":" + std::to_string(record_line_) +
               ": the file ends inside a quoted field (truncated file or a missing closing quote)");
          return false;
        }
        if (!status_.ok()) return false;
        i = pos_ + consumed;
        break;
      }
      i = pos_ + consumed;
      continue;
    }
    if (i - pos_ > limits_.max_record_bytes) {
      Fail(name_ + ":" + std::to_string(record_line_) + ": the record is longer than " +
           std::to_string(limits_.max_record_bytes) + " bytes (limit for one row)");
      return false;
    }
    char c = buf_[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 >= buf_.size() && !eof_) {
          // Need the next byte to tell "" from a closing quote.
          const std::size_t consumed = i - pos_;
          Fill();
          i = pos_ + consumed;
          if (i + 1 >= buf_.size() && !eof_) continue;
        }
        if (i + 1 < buf_.size() && buf_[i + 1] == '"') {
          field_storage_ += '"';
          i += 2;
        } else {
          in_quotes = false;
          ++i;
        }
      } else {
        // Copy the run up to the next quote at once (the common case: no quotes at all).
        std::size_t j = i;
        while (j < buf_.size() && buf_[j] != '"') {
          if (buf_[j] == '\n') ++lines_in_record;
          ++j;
        }
        field_storage_.append(buf_, i, j - i);
        i = j;
      }
      continue;
    }
    if (c == separator_) {
      end_field();
      ++i;
    } else if (c == '\n') {
      break;
    } else if (c == '\r') {
      if (i + 1 >= buf_.size() && !eof_) {
        const std::size_t consumed = i - pos_;
        Fill();
        i = pos_ + consumed;
      }
      if (i + 1 < buf_.size() && buf_[i + 1] != '\n') {
        Fail(name_ + ":" + std::to_string(record_line_) +
             ": a carriage return (CR) that does not end the line; use LF or CRLF line ends");
        return false;
      }
      break;
    } else if (c == '"') {
      if (field_was_quoted ||
          (!field_ends_.empty() ? field_storage_.size() != field_ends_.back() : !field_storage_.empty())) {
        Fail(name_ + ":" + std::to_string(record_line_) +
             ": a quote inside an unquoted field (RFC 4180: quote the whole field and double the quote)");
        return false;
      }
      in_quotes = true;
      field_was_quoted = true;
      ++i;
    } else {
      if (field_was_quoted) {
        Fail(name_ + ":" + std::to_string(record_line_) + ": text after the closing quote of a field");
        return false;
      }
      // Copy the run of ordinary bytes up to the next separator, quote or line end.
      std::size_t j = i + 1;
      while (j < buf_.size()) {
        const char d = buf_[j];
        if (d == separator_ || d == '\n' || d == '\r' || d == '"') break;
        ++j;
      }
      field_storage_.append(buf_, i, j - i);
      i = j;
    }
  }
  end_field();
  const std::string_view raw(buf_.data() + pos_, i - pos_);
  if (auto bad = FindInvalidUtf8(raw); bad != std::string_view::npos) {
    Fail(name_ + ":" + std::to_string(record_line_) + ": byte offset " + std::to_string(start_offset + bad) +
         ": the text is not valid UTF-8 (save the file as UTF-8)");
    return false;
  }
  pos_ = i;
  line_ += lines_in_record;
  fields.clear();
  std::size_t begin = 0;
  for (std::size_t end : field_ends_) {
    fields.emplace_back(field_storage_.data() + begin, end - begin);
    begin = end;
  }
  return true;
}

}  // namespace onderdak::ingest
