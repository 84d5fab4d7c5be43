#pragma once
// A worker's reports, appended to its journal (control/JournalRecords.h) and logged: step
// lines carry the worker id, rounds and validations the datacenter.

#include <memory>

#include <spdlog/logger.h>

#include "control/MetricsJournal.h"
#include "control/WorkerSpec.h"
#include "train/DilocoWorker.h"

namespace archi {

class JournalObserver : public WorkerObserver {
 public:
  // `journal` and `spec` must outlive the observer.
  JournalObserver(JournalWriter& journal, const WorkerSpec& spec, std::shared_ptr<spdlog::logger> logger)
      : journal_(journal), spec_(spec), logger_(std::move(logger)) {}

  void onStep(const WorkerStepReport& r) override;
  void onRound(const WorkerRoundReport& r) override;
  void onValidation(std::int64_t step, std::int64_t round, std::int64_t tokens, double loss) override;
  void onEvent(const RunEvent& event) override;
  void onSample(std::int64_t step, const std::string& prompt, const std::string& text) override;
  void onCheckpoint(std::int64_t step, const std::filesystem::path& path, const std::string& sha,
                    std::int64_t bytes) override;

 private:
  JournalWriter& journal_;
  const WorkerSpec& spec_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace archi
