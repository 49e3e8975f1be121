// CaptureTable: the 2^k table of capture histories that multiple-systems estimation
// works on, and a reader for its CSV form.
//
// Promise: a CaptureTable built by MakeCaptureTable or read by ReadCaptureTableCsv has
// 2 <= k <= kMaxLists lists, one non-negative integer count for every one of the 2^k - 1
// observable histories (absent histories count zero), and no count for the all-zero
// history, which is the unknown the estimation is about.
//
// A history is a bit mask: bit j (0-based) is set when the person is on list j + 1, so
// "list 1 varies fastest" as in the reference data (row r of a file is history r).
//
// Ownership and thread safety: a plain value; distinct objects may be used from distinct
// threads, and a const object may be shared.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::stats {

inline constexpr int kMaxLists = 8;

struct CaptureTable {
  int num_lists = 0;
  std::vector<std::string> list_names;  // one per list, in column order
  // counts[h] for h = 1 .. 2^k - 1; counts[0] is always 0 (the unobserved cell).
  std::vector<double> counts;

  int NumCells() const { return 1 << num_lists; }
  // Number of distinct persons observed on at least one list.
  double Observed() const;
  // Persons on both list a and list b (0-based), whatever their other lists.
  double Overlap(int a, int b) const;
};

// Builds a table from counts indexed by history (size 2^k; element 0 must be 0). Names
// default to "1", "2", ... when `list_names` is empty.
core::Result<CaptureTable> MakeCaptureTable(int num_lists, std::vector<double> counts,
                                            std::vector<std::string> list_names = {});

// Parses the CSV form: a header of list names followed by `count`, then one row per
// history with a 0/1 value per list and a non-negative integer count. Rows may come in
// any order; a history may appear once; the all-zero history is refused. `source_name`
// (usually the file name) prefixes every error message, with the line and column.
core::Result<CaptureTable> ParseCaptureTableCsv(std::string_view text, std::string_view source_name);

// Reads and parses a file; a missing or unreadable file is an InvalidInput error naming it.
core::Result<CaptureTable> ReadCaptureTableCsv(const std::string& path);

}  // namespace onderdak::stats
