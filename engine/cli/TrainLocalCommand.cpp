// archi train-local [PROJECT]: train the project's model (or one given by flags) in this
// process on the CPU. A progress bar (rate, ETA, loss) on a terminal; one machine-readable
// line per step (`step= loss= lr= grad_norm= tokens_per_s=`, then z-scores of loss and
// gradient norm so spikes stand out) on stdout otherwise and in --log when given;
// validation, checkpoints and a final sample as they happen.

#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

#include "cli/CliContext.h"
#include "core/ProjectJson.h"
#include "core/WallClock.h"
#include "train/LocalRun.h"
#include "train/RunningZScore.h"

namespace archi::cli {
namespace {

struct TrainLocalFlags {
  std::string project;
  LocalRunOptions run;
  std::string checkpoint;
  std::string resume;
  std::string log;
};

// Formats a duration in seconds as "1h02m", "3m05s" or "42s".
std::string clock(double seconds) {
  const auto s = static_cast<long long>(seconds < 0 ? 0 : seconds);
  if (s >= 3600) return fmt::format("{}h{:02d}m", s / 3600, static_cast<int>((s % 3600) / 60));
  if (s >= 60) return fmt::format("{}m{:02d}s", s / 60, static_cast<int>(s % 60));
  return fmt::format("{}s", s);
}

class ProgressDisplay {
 public:
  explicit ProgressDisplay(std::FILE* log) : terminal_(::isatty(STDERR_FILENO) == 1), log_(log) {}

  void step(const StepStats& s, std::int64_t total) {
    const std::string line =
        fmt::format("step={} loss={:.4f} lr={:.3e} grad_norm={:.4f} tokens_per_s={:.0f} loss_z={:.2f} grad_norm_z={:.2f}",
                    s.step, s.loss, s.learningRate, s.gradNorm, s.tokensPerSecond(), lossZ_.push(s.loss),
                    gradNormZ_.push(s.gradNorm));
    if (log_ != nullptr) {
      fmt::print(log_, "{}\n", line);
      std::fflush(log_);
    }
    if (!terminal_) {
      fmt::print("{}\n", line);
      std::fflush(stdout);
      return;
    }
    rate_ = rate_ == 0 ? s.tokensPerSecond() : 0.9 * rate_ + 0.1 * s.tokensPerSecond();
    stepTime_s_ = stepTime_s_ == 0 ? s.stepTime_s : 0.9 * stepTime_s_ + 0.1 * s.stepTime_s;
    constexpr int kWidth = 30;
    const double fraction = static_cast<double>(s.step) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * kWidth);
    fmt::print(stderr, "\r[{}{}] {:5.1f}% step {}/{}  loss {:.4f}  {:.0f} tok/s  ETA {}   ", std::string(filled, '#'),
               std::string(kWidth - filled, '.'), 100.0 * fraction, s.step, total, s.loss, rate_,
               clock(stepTime_s_ * static_cast<double>(total - s.step)));
    std::fflush(stderr);
    barShown_ = true;
  }

  void event(const std::string& text) {
    if (barShown_) fmt::print(stderr, "\n");
    barShown_ = false;
    fmt::print("{}\n", text);
    std::fflush(stdout);
    if (log_ != nullptr) {
      fmt::print(log_, "# {}\n", text);
      std::fflush(log_);
    }
  }

 private:
  bool terminal_;
  std::FILE* log_;
  RunningZScore lossZ_;
  RunningZScore gradNormZ_;
  bool barShown_ = false;
  double rate_ = 0;
  double stepTime_s_ = 0;
};

int runTrainLocal(TrainLocalFlags& flags, CliContext& context, const CLI::App& command) {
  LocalRunOptions options;
  if (!flags.project.empty()) {
    const auto catalog = context.loadCatalog();
    if (!catalog) return 2;
    const ProjectLoad load = loadProjectFile(flags.project, *catalog);
    for (const Diagnostic& d : load.diagnostics.all()) fmt::print(stderr, "{}\n", formatDiagnostic(flags.project, d));
    if (!load.ok()) return 1;
    options.spec = load.project->run;
    options.batchSequences = std::max<int>(1, static_cast<int>(options.spec.train.batch_tokens / options.spec.model.context));
  }
  // Flags given on the command line override the project.
  auto given = [&](const char* name) { return command.get_option(name)->count() > 0; };
  const LocalRunOptions& f = flags.run;
  if (given("--layers")) options.spec.model.layers = f.spec.model.layers;
  if (given("--heads")) options.spec.model.heads = f.spec.model.heads;
  if (given("--dim")) options.spec.model.dim = f.spec.model.dim;
  if (given("--context")) options.spec.model.context = f.spec.model.context;
  if (given("--corpus")) options.spec.data.corpus = f.spec.data.corpus;
  if (given("--val-frac")) options.spec.data.val_frac = f.spec.data.val_frac;
  if (given("--tokens")) options.spec.train.tokens = f.spec.train.tokens;
  if (given("--lr")) options.spec.train.lr = f.spec.train.lr;
  if (given("--seed")) options.spec.seed = f.spec.seed;
  if (given("--batch") || flags.project.empty()) options.batchSequences = f.batchSequences;
  options.threads = f.threads;
  options.warmupSteps = f.warmupSteps;
  options.validateEvery = f.validateEvery;
  options.validationBatches = f.validationBatches;
  options.checkpointEvery = f.checkpointEvery;
  options.checkpointPath = flags.checkpoint;
  options.resumeFrom = flags.resume;
  options.maxSteps = f.maxSteps;
  options.sampleTokens = f.sampleTokens;
  options.samplePrompt = f.samplePrompt;

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> log(nullptr, &std::fclose);
  if (!flags.log.empty()) {
    log.reset(std::fopen(flags.log.c_str(), "a"));
    if (!log) {
      fmt::print(stderr, "archi train-local: cannot open log file {}\n", flags.log);
      return 2;
    }
  }
  ProgressDisplay display(log.get());
  LocalRunCallbacks callbacks;
  callbacks.info = [&](const std::string& text) { display.event(text); };
  callbacks.step = [&](const StepStats& s, std::int64_t total) { display.step(s, total); };
  callbacks.validation = [&](std::int64_t step, double loss) {
    display.event(fmt::format("validation step={} val_loss={:.4f}", step, loss));
  };
  callbacks.checkpoint = [&](std::int64_t step, const std::filesystem::path& path) {
    display.event(fmt::format("checkpoint step={} path={}", step, path.string()));
  };
  callbacks.sample = [&](const std::string& text) { display.event("sample:\n" + text); };
  const auto start = std::chrono::steady_clock::now();
  const LocalRunResult result = runLocalTraining(options, callbacks);
  const double elapsed_s = secondsSince(start);
  display.event(fmt::format("done: {} steps in {}, validation loss {:.4f} -> {:.4f}", result.steps, clock(elapsed_s),
                            result.firstValidationLoss, result.lastValidationLoss));
  return 0;
}

}  // namespace

void registerTrainLocalCommand(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<TrainLocalFlags>();
  auto* command = app.add_subcommand("train-local", "Train a model in this process on the CPU");
  LocalRunOptions& r = flags->run;
  command->add_option("PROJECT", flags->project, "project file whose run settings to use (flags override them)");
  command->add_option("--layers", r.spec.model.layers, "transformer blocks")->check(CLI::Range(1, 256));
  command->add_option("--heads", r.spec.model.heads, "attention heads")->check(CLI::Range(1, 256));
  command->add_option("--dim", r.spec.model.dim, "model width")->check(CLI::Range(1, 65536));
  command->add_option("--context", r.spec.model.context, "sequence length in tokens")->check(CLI::Range(1, 65536));
  command->add_option("--corpus", r.spec.data.corpus, "text file or folder of text files");
  command->add_option("--val-frac", r.spec.data.val_frac, "fraction of sequences held out")->check(CLI::Range(0.0, 0.9));
  command->add_option("--tokens", r.spec.train.tokens, "token budget")->check(CLI::Range(int64_t{1}, int64_t{1} << 50));
  command->add_option("--lr", r.spec.train.lr, "peak learning rate")->check(CLI::Range(0.0, 10.0));
  command->add_option("--batch", r.batchSequences, "sequences per step")->check(CLI::Range(1, 100000));
  command->add_option("--seed", r.spec.seed, "seed for initialisation and data order");
  command->add_option("--threads", r.threads, "OpenMP threads (0 = all cores)")->check(CLI::Range(0, 256));
  command->add_option("--warmup", r.warmupSteps, "warm-up steps (-1: 5% of the run, at most 200)");
  command->add_option("--val-every", r.validateEvery, "validate every N steps (0: only at the end)")
      ->check(CLI::Range(0, 1 << 30));
  command->add_option("--val-batches", r.validationBatches, "validation batches")->check(CLI::Range(1, 1 << 20));
  command->add_option("--checkpoint", flags->checkpoint, "checkpoint file (written every --checkpoint-every and at the end)");
  command->add_option("--checkpoint-every", r.checkpointEvery, "steps between checkpoints (0: only at the end)")
      ->check(CLI::Range(0, 1 << 30));
  command->add_option("--resume", flags->resume, "continue from this checkpoint")->check(CLI::ExistingFile);
  command->add_option("--max-steps", r.maxSteps, "stop after this many steps in total (the schedule still spans the budget)");
  command->add_option("--sample-tokens", r.sampleTokens, "tokens to generate at the end (0: none)")
      ->check(CLI::Range(0, 1 << 20));
  command->add_option("--prompt", r.samplePrompt, "prompt for the final sample");
  command->add_option("--log", flags->log, "append one line per step to this file");
  command->callback([&context, flags, command] {
    try {
      context.exitCode = runTrainLocal(*flags, context, *command);
    } catch (const std::exception& e) {
      fmt::print(stderr, "\narchi train-local: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
