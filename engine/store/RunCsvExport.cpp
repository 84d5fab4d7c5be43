#include "store/RunCsvExport.h"

#include <fmt/format.h>

#include <fstream>
#include <initializer_list>
#include <stdexcept>

#include "store/RunStore.h"

namespace archi {
namespace {

// A field already rendered as text; numbers never need quoting, text goes through csvField.
std::string number(double value) { return fmt::format("{}", value); }
std::string number(std::int64_t value) { return fmt::format("{}", value); }

class CsvFile {
 public:
  CsvFile(const std::filesystem::path& dir, std::string name, std::initializer_list<std::string_view> header)
      : path_(dir / name), name_(std::move(name)), out_(path_, std::ios::binary | std::ios::trunc) {
    if (!out_) throw std::runtime_error("cannot write " + path_.string() + " (is the folder writable?)");
    std::string line;
    for (std::string_view column : header) line += (line.empty() ? "" : ",") + csvField(column);
    writeLine(line);
  }

  void row(std::initializer_list<std::string> fields) {
    std::string line;
    bool first = true;
    for (const std::string& field : fields) {
      if (!first) line += ',';
      line += field;
      first = false;
    }
    writeLine(line);
    ++rows_;
  }

  CsvFileRows close() {
    out_.close();
    if (!out_) throw std::runtime_error("cannot finish writing " + path_.string() + " (disk full?)");
    return {name_, rows_};
  }

 private:
  void writeLine(const std::string& line) {
    out_ << line << "\r\n";  // RFC 4180 line ends
    if (!out_) throw std::runtime_error("cannot write " + path_.string() + " (disk full?)");
  }

  std::filesystem::path path_;
  std::string name_;
  std::ofstream out_;
  std::int64_t rows_ = 0;
};

}  // namespace

std::string csvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::vector<CsvFileRows> exportRunCsv(RunStore& store, std::int64_t runId, const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create " + dir.string() + ": " + error.message());
  std::vector<CsvFileRows> written;

  CsvFile steps(dir, "steps.csv",
                {"worker_id", "step", "wall_time_s", "tokens", "loss", "compute_ms", "intra_ms", "inter_ms", "idle_ms"});
  for (const StepMetric& m : store.stepMetrics(runId)) {
    steps.row({csvField(m.worker_id), number(m.step), number(m.wall_time_s), number(m.tokens), number(m.loss),
               number(m.compute_ms), number(m.intra_ms), number(m.inter_ms), number(m.idle_ms)});
  }
  written.push_back(steps.close());

  CsvFile rounds(dir, "rounds.csv",
                 {"round", "datacenter_id", "wall_time_s", "inner_steps", "tokens", "bytes_on_wire", "compression_ratio",
                  "duration_ms", "participants"});
  for (const OuterRound& r : store.outerRounds(runId)) {
    rounds.row({number(r.round), csvField(r.datacenter_id), number(r.wall_time_s), number(r.inner_steps), number(r.tokens),
                number(r.bytes_on_wire), number(r.compression_ratio), number(r.duration_ms),
                number(static_cast<std::int64_t>(r.participants))});
  }
  written.push_back(rounds.close());

  CsvFile validation(dir, "validation.csv", {"datacenter_id", "step", "round", "wall_time_s", "tokens", "loss"});
  for (const ValidationRecord& v : store.validation(runId)) {
    validation.row({csvField(v.datacenter_id), number(v.step), number(v.round), number(v.wall_time_s), number(v.tokens),
                    number(v.loss)});
  }
  written.push_back(validation.close());

  CsvFile events(dir, "events.csv", {"wall_time_s", "level", "source", "kind", "text"});
  for (const EventRecord& e : store.events(runId)) {
    events.row({number(e.wall_time_s), csvField(e.level), csvField(e.source), csvField(e.kind), csvField(e.text)});
  }
  written.push_back(events.close());

  CsvFile workers(dir, "workers.csv", {"worker_id", "datacenter_id", "node_id", "rank_in_dc", "device_type", "emulated"});
  for (const WorkerRecord& w : store.workers(runId)) {
    workers.row({csvField(w.worker_id), csvField(w.datacenter_id), csvField(w.node_id),
                 number(static_cast<std::int64_t>(w.rank_in_dc)), csvField(w.device_type), w.emulated ? "1" : "0"});
  }
  written.push_back(workers.close());

  CsvFile links(dir, "links.csv", {"link_a", "link_b", "wall_time_s", "bytes", "mbit_per_s", "rtt_ms"});
  for (const LinkSample& l : store.linkSamples(runId)) {
    links.row({csvField(l.link_a), csvField(l.link_b), number(l.wall_time_s), number(l.bytes), number(l.mbit_per_s),
               number(l.rtt_ms)});
  }
  written.push_back(links.close());

  CsvFile samples(dir, "samples.csv", {"step", "prompt", "text"});
  for (const SampleRecord& s : store.samples(runId)) samples.row({number(s.step), csvField(s.prompt), csvField(s.text)});
  written.push_back(samples.close());
  return written;
}

}  // namespace archi
