#pragma once
// A run's stored rows as CSV files, one per kind of data, for spreadsheets and scripts
// (docs/architecture.md#run-store). Every stored row is written, none sampled; fields are
// quoted per RFC 4180 and doubles written in their shortest exact form, so they read back
// bit for bit. `archi report --csv` and the console share this.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace archi {

class RunStore;

struct CsvFileRows {
  std::string file;  // name inside the export folder, e.g. "steps.csv"
  std::int64_t rows = 0;  // data rows, header excluded
};

// Writes steps.csv, rounds.csv, validation.csv, events.csv, workers.csv, links.csv and
// samples.csv for run `runId`
// into `dir` (created if missing, files replaced). Throws std::runtime_error naming the file
// when one cannot be written, StoreError when the store cannot be read.
std::vector<CsvFileRows> exportRunCsv(RunStore& store, std::int64_t runId, const std::filesystem::path& dir);

// One field as RFC 4180 wants it: quoted when it holds a comma, quote, CR or LF; quotes doubled.
std::string csvField(std::string_view text);

}  // namespace archi
