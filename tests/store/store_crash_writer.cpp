// Test helper: appends step metrics to a run store in large batches forever, printing
// "committed <rows>" after each commit, until the test kills it mid-batch.

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "store/RunStore.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: store_crash_writer DATABASE ROWS_PER_BATCH\n");
    return 2;
  }
  const int batch = std::atoi(argv[2]);
  archi::RunStore store(argv[1]);
  const std::int64_t runId =
      store.createRun({0, "crash", "crash", archi::RunState::Running, "diloco", false, 0.0, {}, {}});
  std::int64_t step = 0;
  for (;;) {
    std::vector<archi::StepMetric> rows;
    rows.reserve(static_cast<std::size_t>(batch));
    for (int i = 0; i < batch; ++i, ++step) rows.push_back({runId, "w0", step, 0.1 * double(step), 1024, 2.5, 1, 0, 0, 0});
    store.insertStepMetrics(rows);
    std::printf("committed %lld\n", static_cast<long long>(step));
    std::fflush(stdout);
  }
}
