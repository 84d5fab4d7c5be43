#include "train/DilocoWorker.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "comm/wan/WanGroup.h"
#include "core/WallClock.h"
#include "data/ByteTokenizer.h"
#include "data/Corpus.h"
#include "data/ShardedSampler.h"
#include "data/TokenDataset.h"
#include "model/ModelShape.h"
#include "model/TextSampler.h"
#include "model/cpu/CpuBackend.h"
#include "train/Checkpoint.h"
#include "train/Sha256.h"
#include "train/Trainer.h"
#include "train/Validation.h"

namespace archi {
namespace {

using SteadyClock = std::chrono::steady_clock;

double msSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// Control word the leader sends its datacenter before every step (as an exact integer
// all-reduce: the others contribute 0), so all ranks take the same steps.
enum Control : std::int64_t { kStep = 1, kEndRound = 2, kEndRun = 3 };

// Validation set size: validation_batches batches of this many sequences.
constexpr int kValidationSequencesPerBatch = 8;

// Losses travel as exact integers (micro-nats) so the sum does not depend on float order.
constexpr double kLossFixedPoint = 1e6;

wan::WireFormat wireFormatFor(Compression compression) {
  switch (compression) {
    case Compression::Fp32: return wan::WireFormat::Fp32;
    case Compression::Bf16: return wan::WireFormat::Bf16;
    case Compression::Int8: return wan::WireFormat::Int8Block;
  }
  return wan::WireFormat::Int8Block;
}

std::string fileSha256(const std::filesystem::path& path, std::int64_t& bytes) {
  std::ifstream in(path, std::ios::binary);
  Sha256 hash;
  std::vector<char> buffer(1 << 16);
  bytes = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
    bytes += in.gcount();
  }
  std::string hex;
  for (std::uint8_t byte : hash.finish()) hex += fmt::format("{:02x}", byte);
  return hex;
}

// The datacenter's slice of the training split: every dc_count-th sequence, so datacenters
// never read the same sequence and each slice spans the whole corpus.
std::vector<std::uint32_t> datacenterSlice(const std::vector<std::uint32_t>& train, int dcIndex, int dcCount) {
  std::vector<std::uint32_t> slice;
  slice.reserve(train.size() / static_cast<std::size_t>(dcCount) + 1);
  for (std::size_t i = static_cast<std::size_t>(dcIndex); i < train.size(); i += static_cast<std::size_t>(dcCount)) {
    slice.push_back(train[i]);
  }
  return slice;
}

class Worker {
 public:
  Worker(const DilocoWorkerConfig& config, comm::Collective& dc, wan::WanGroup* leaders, WorkerObserver& observer)
      : config_(config), dc_(dc), leaders_(leaders), observer_(observer), backend_(config.threads) {}

  WorkerResult run(const std::atomic<bool>& stop);

 private:
  bool leader() const { return dc_.rank() == 0; }
  bool multiDatacenter() const { return leaders_ != nullptr && leaders_->worldSize() > 1; }
  int share() const { return config_.shares.at(static_cast<std::size_t>(dc_.rank())); }
  std::int64_t dcTokensPerStep() const { return dcSequences_ * config_.run.model.context; }

  void setUp();
  std::int64_t decide(const std::atomic<bool>& stop, int stepsThisRound, SteadyClock::time_point roundStart);
  WorkerStepReport innerStep();
  void outerStep(std::int64_t roundTokens, int stepsThisRound, double meanStepMs);
  void validateAndReport();
  void finish();

  const DilocoWorkerConfig& config_;
  comm::Collective& dc_;
  wan::WanGroup* leaders_;
  WorkerObserver& observer_;
  cpu::CpuBackend backend_;
  std::optional<TokenDataset> data_;
  std::optional<ShardedSampler> sampler_;
  std::unique_ptr<Trainer> trainer_;
  Batch batch_;
  Batch evalBatch_;
  int dcSequences_ = 0;
  std::size_t parameters_ = 0;
  std::vector<float> global_;    // leader: the global parameters after the last outer step
  std::vector<float> momentum_;  // leader: outer Nesterov momentum
  std::vector<float> scratch_;
  std::int64_t globalTokens_ = 0;
  std::int64_t round_ = 0;
  double roundTarget_s_ = 0.0;
  bool stopRequested_ = false;  // this leader was asked to stop
  bool stopAgreed_ = false;     // some leader voted to stop in the last outer round (DiLoCo, several datacenters)
  double lastUpdate_ms_ = 0.0;   // emulation pacing: the last optimizer update's duration
  WorkerRoundReport ddpWire_;  // ddp: what the per-step all-reduces of the current "round" cost
  WorkerResult result_;
};

void Worker::setUp() {
  const RunSpec& run = config_.run;
  if (const std::string problem = validateModelConfig(run.model); !problem.empty()) throw std::runtime_error("model: " + problem);
  if (static_cast<int>(config_.shares.size()) != dc_.worldSize()) {
    throw std::runtime_error(fmt::format("{} shares given for a datacenter of {} workers", config_.shares.size(), dc_.worldSize()));
  }
  CorpusLoad corpus = loadCorpus(run.data.corpus);
  if (!corpus.corpus) throw std::runtime_error("corpus: " + corpus.error);
  std::string error;
  data_ = TokenDataset::create(std::move(corpus.corpus->bytes), run.model.context, run.data.val_frac, error);
  if (!data_) throw std::runtime_error("corpus: " + error);
  dcSequences_ = 0;
  for (int s : config_.shares) dcSequences_ += s;
  sampler_.emplace(datacenterSlice(data_->trainSequences(), config_.dc_index, config_.dc_count), run.seed,
                   config_.shares, dc_.rank());

  // The learning-rate schedule spans the inner steps this datacenter is expected to take.
  const std::int64_t runTokensPerStep = dcTokensPerStep() * config_.dc_count;
  const std::int64_t steps = std::max<std::int64_t>(1, run.train.tokens / std::max<std::int64_t>(1, runTokensPerStep));
  OptimizerOptions optimizer;
  optimizer.schedule.peak = run.train.lr;
  optimizer.schedule.totalSteps = steps;
  optimizer.schedule.warmupSteps = std::min<std::int64_t>(200, std::max<std::int64_t>(1, steps / 20));
  // Same seed on every worker: every replica starts from the same parameters.
  trainer_ = std::make_unique<Trainer>(backend_, run.model, optimizer, std::max(1, share()), run.seed);
  parameters_ = trainer_->parameterCount();
  if (leader()) {
    global_.resize(parameters_);
    trainer_->model().getParameters(global_);
    momentum_.assign(parameters_, 0.0f);
    scratch_.resize(parameters_);
  }
  roundTarget_s_ = config_.round_target_s;
  if (leader()) {
    observer_.onEvent("info", fmt::format("{} worker(s) in {}, {} sequences of {} tokens per step; {} datacenter(s); sync {}{}",
                                          dc_.worldSize(), config_.datacenter_id, dcSequences_, run.model.context,
                                          config_.dc_count, toString(run.train.sync),
                                          config_.pace_tokens_per_s > 0 ? "; emulated device pacing on" : ""));
  }
}

std::int64_t Worker::decide(const std::atomic<bool>& stop, int stepsThisRound, SteadyClock::time_point roundStart) {
  std::int64_t word = 0;
  if (leader()) {
    stopRequested_ = stopRequested_ || stop.load();
    const bool ddp = config_.run.train.sync == SyncMode::Ddp;
    const bool budgetSpent = globalTokens_ >= config_.run.train.tokens;
    // Stop signals reach datacenters at different moments. A DiLoCo leader that ended the run
    // on its own would break its peers' next outer round and cost them their final
    // checkpoints, so the run ends only once a round's vote (outerStep) has carried the stop
    // to every leader; until then a local stop just ends the current round early.
    const bool voted = multiDatacenter() && !ddp;
    if ((voted ? stopAgreed_ : stopRequested_) || budgetSpent) {
      word = stepsThisRound > 0 ? kEndRound : kEndRun;
    } else if (stopRequested_) {
      word = stepsThisRound > 0 ? kEndRound : kStep;
    } else if (globalTokens_ + (stepsThisRound + 1) * dcTokensPerStep() * config_.dc_count > config_.run.train.tokens &&
               stepsThisRound > 0) {
      // The budget runs out within this round (assuming the other datacenters keep pace).
      word = kEndRound;
    } else if (ddp) {
      word = stepsThisRound < config_.run.train.inner_steps ? kStep : kEndRound;
    } else if (roundTarget_s_ > 0.0) {
      // Start another step only if it should end before the time box does (give or take half
      // a step): a step begun just before the deadline would keep every other datacenter waiting.
      const double elapsed_s = std::chrono::duration<double>(SteadyClock::now() - roundStart).count();
      const double meanStep_s = stepsThisRound > 0 ? elapsed_s / stepsThisRound : 0.0;
      word = stepsThisRound == 0 || elapsed_s + 0.5 * meanStep_s < roundTarget_s_ ? kStep : kEndRound;
    } else {
      word = stepsThisRound < config_.run.train.inner_steps ? kStep : kEndRound;
    }
  }
  return dc_.allReduceSum(word);
}

WorkerStepReport Worker::innerStep() {
  WorkerStepReport report;
  const auto start = SteadyClock::now();
  const int mine = share();
  trainer_->zeroGradients();
  double lossSum = 0.0;
  if (mine > 0) {
    data_->fill(sampler_->next(), batch_);
    lossSum = trainer_->forwardBackward(batch_, static_cast<double>(dcTokensPerStep()));
  } else {
    sampler_->next();  // keep the cursor in step with the datacenter
  }
  double compute_ms = msSince(start);
  // Emulated device: stretch its compute to the device's speed (DESIGN.md §6) before the
  // all-reduce, where a real device of that speed would arrive; pacing after it would add the
  // wait for the slowest peer's CPU time on top of this device's own paced time. The update
  // after the all-reduce counts at last step's cost, so compute + idle stays the paced time.
  if (config_.pace_tokens_per_s > 0.0 && mine > 0) {
    const double target_ms = 1e3 * mine * config_.run.model.context / config_.pace_tokens_per_s - lastUpdate_ms_;
    if (target_ms > compute_ms) {
      std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(target_ms - compute_ms));
      report.idle_ms = target_ms - compute_ms;
    }
  }

  const auto intraStart = SteadyClock::now();
  // Each rank's gradient is already divided by the datacenter's tokens: a plain sum is the
  // token-weighted mean, exact whatever the shares.
  dc_.allReduceSum(trainer_->grads(), parameters_);
  const std::int64_t lossMicro = dc_.allReduceSum(static_cast<std::int64_t>(std::llround(lossSum * kLossFixedPoint)));
  report.intra_ms = msSince(intraStart);

  if (config_.run.train.sync == SyncMode::Ddp && config_.dc_count > 1) {
    const auto interStart = SteadyClock::now();
    if (leader()) {
      backend_.download(scratch_.data(), trainer_->grads(), parameters_ * sizeof(float));
      wan::AllReduceOptions options;
      options.format = wireFormatFor(config_.run.train.compression);
      const wan::AllReduceReport wanReport = leaders_->allReduce(scratch_, static_cast<double>(dcTokensPerStep()), options);
      globalTokens_ += static_cast<std::int64_t>(std::llround(wanReport.totalWeight));
      ddpWire_.bytes_on_wire += wanReport.bytesSent;
      ddpWire_.duration_ms += wanReport.duration_s * 1e3;
      ddpWire_.compression_ratio = wanReport.compressionRatio;
      ddpWire_.participants = static_cast<int>(wanReport.participants.size());
      backend_.upload(trainer_->grads(), scratch_.data(), parameters_ * sizeof(float));
    }
    dc_.broadcast(trainer_->grads(), parameters_, 0);
    report.inter_ms = msSince(interStart);
  } else if (config_.run.train.sync == SyncMode::Ddp && leader()) {
    globalTokens_ += dcTokensPerStep();
  }

  const auto updateStart = SteadyClock::now();
  report.grad_norm = trainer_->gradientNorm();
  trainer_->optimizerStep(trainer_->clipScale(report.grad_norm));
  lastUpdate_ms_ = msSince(updateStart);
  compute_ms += lastUpdate_ms_;

  report.step = trainer_->stepsDone();
  report.wall_time_s = unixSeconds();
  report.tokens = static_cast<std::int64_t>(mine) * config_.run.model.context;
  report.loss = static_cast<double>(lossMicro) / kLossFixedPoint / static_cast<double>(dcTokensPerStep());
  report.learning_rate = trainer_->options().schedule.at(trainer_->stepsDone());
  report.compute_ms = compute_ms;
  return report;
}

void Worker::outerStep(std::int64_t roundTokens, int stepsThisRound, double meanStepMs) {
  WorkerRoundReport report;
  if (leader()) {
    trainer_->model().getParameters(scratch_);
    // Pseudo-gradient: how far this datacenter moved away from the global parameters.
    for (std::size_t i = 0; i < parameters_; ++i) scratch_[i] = global_[i] - scratch_[i];
    double totalWeight = static_cast<double>(roundTokens);
    if (multiDatacenter()) {
      wan::AllReduceOptions options;
      options.format = wireFormatFor(config_.run.train.compression);
      const wan::AllReduceReport wan = leaders_->allReduce(scratch_, static_cast<double>(roundTokens), options);
      totalWeight = wan.totalWeight;
      report.bytes_on_wire = wan.bytesSent;
      report.compression_ratio = wan.compressionRatio;
      report.duration_ms = wan.duration_s * 1e3;
      report.participants = static_cast<int>(wan.participants.size());
    }
    // Outer Nesterov SGD on the averaged pseudo-gradient.
    const float lr = static_cast<float>(config_.run.train.outer_lr);
    const float mu = static_cast<float>(config_.run.train.outer_momentum);
    for (std::size_t i = 0; i < parameters_; ++i) {
      momentum_[i] = mu * momentum_[i] + scratch_[i];
      global_[i] -= lr * (scratch_[i] + mu * momentum_[i]);
    }
    trainer_->model().setParameters(global_);
    globalTokens_ += static_cast<std::int64_t>(std::llround(totalWeight));

    // One small sum per round: every leader's mean step time (to retarget the time box to the
    // fastest datacenter's H steps) and, in the last slot, its stop vote.
    if (multiDatacenter()) {
      const auto leaderCount = static_cast<std::size_t>(leaders_->worldSize());
      std::vector<float> exchange(leaderCount + 1, 0.0f);
      exchange[static_cast<std::size_t>(leaders_->rank())] = static_cast<float>(meanStepMs);
      exchange[leaderCount] = stopRequested_ ? 1.0f : 0.0f;
      wan::AllReduceOptions plain;
      plain.format = wan::WireFormat::Fp32;
      plain.errorFeedback = false;
      plain.average = false;
      leaders_->allReduce(exchange, 1.0, plain);
      stopAgreed_ = stopAgreed_ || exchange[leaderCount] > 0.5f;
      const float fastest = *std::min_element(exchange.begin(), exchange.begin() + static_cast<std::ptrdiff_t>(leaderCount));
      if (config_.round_target_s > 0.0 && fastest > 0.0f) roundTarget_s_ = config_.run.train.inner_steps * fastest / 1e3;
    }
  }
  dc_.broadcast(trainer_->params(), parameters_, 0);
  ++round_;
  if (leader()) {
    report.round = round_;
    report.wall_time_s = unixSeconds();
    report.inner_steps = stepsThisRound;
    report.tokens = roundTokens;
    report.global_tokens = globalTokens_;
    report.next_round_target_s = roundTarget_s_;
    observer_.onRound(report);
  }
}

void Worker::validateAndReport() {
  // Every datacenter holds the same global parameters now; the first one measures.
  if (!leader() || config_.dc_index != 0 || data_->validationSequences().empty()) return;
  // The same validation sequences whatever the datacenter's layout (so losses compare across
  // runs), in batches no larger than this worker's training batch, which its memory is sized for.
  const int sequences = kValidationSequencesPerBatch * std::max(1, config_.validation_batches);
  int batch = std::max(1, std::min(share(), kValidationSequencesPerBatch));
  while (sequences % batch != 0) --batch;  // exactly `sequences`, in equal batches
  const double loss = validationLoss(*trainer_, *data_, batch, sequences / batch, evalBatch_);
  observer_.onValidation(trainer_->stepsDone(), round_, globalTokens_, loss);
}

void Worker::finish() {
  if (!leader()) return;
  if (!config_.checkpoint_dir.empty()) {
    std::filesystem::create_directories(config_.checkpoint_dir);
    const std::filesystem::path path = config_.checkpoint_dir / (config_.datacenter_id + ".ckpt");
    Rng rng(config_.run.seed);
    saveCheckpoint(path, captureCheckpoint(*trainer_, config_.run.seed, sampler_->cursor(), rng));
    std::int64_t bytes = 0;
    const std::string sha = fileSha256(path, bytes);
    observer_.onCheckpoint(trainer_->stepsDone(), path, sha, bytes);
  }
  if (config_.dc_index == 0 && config_.sample_tokens > 0) {
    SampleOptions sampling;
    sampling.tokens = config_.sample_tokens;
    sampling.temperature = 0.8;
    sampling.topK = 40;
    Rng rng(config_.run.seed ^ 0x5A5A5A5Aull);
    const auto generated = generateTokens(trainer_->model(), ByteTokenizer::encode(config_.sample_prompt), sampling, rng);
    observer_.onSample(trainer_->stepsDone(), config_.sample_prompt, ByteTokenizer::decode(generated));
  }
}

WorkerResult Worker::run(const std::atomic<bool>& stop) {
  setUp();
  validateAndReport();
  for (;;) {
    const auto roundStart = SteadyClock::now();
    int stepsThisRound = 0;
    std::int64_t roundTokens = 0;
    double stepMsSum = 0.0;
    std::int64_t control = kStep;
    while ((control = decide(stop, stepsThisRound, roundStart)) == kStep) {
      const auto stepStart = SteadyClock::now();
      const WorkerStepReport report = innerStep();
      stepMsSum += msSince(stepStart);
      observer_.onStep(report);
      ++stepsThisRound;
      roundTokens += dcTokensPerStep();
    }
    if (control == kEndRun) break;
    if (config_.run.train.sync == SyncMode::DiLoCo) {
      outerStep(roundTokens, stepsThisRound, stepMsSum / std::max(1, stepsThisRound));
    } else {
      // ddp has no outer rounds; every inner_steps steps its WAN cost is reported as one.
      ++round_;
      if (leader()) {
        WorkerRoundReport report = ddpWire_;
        report.round = round_;
        report.wall_time_s = unixSeconds();
        report.inner_steps = stepsThisRound;
        report.tokens = roundTokens;
        report.global_tokens = globalTokens_;
        observer_.onRound(report);
      }
      ddpWire_ = {};
    }
    validateAndReport();
  }
  result_.steps = trainer_->stepsDone();
  result_.rounds = round_;
  result_.global_tokens = globalTokens_;
  result_.stopped_early = stopRequested_ && globalTokens_ < config_.run.train.tokens;
  finish();
  return result_;
}

}  // namespace

WorkerResult runDilocoWorker(const DilocoWorkerConfig& config, comm::Collective& datacenter, wan::WanGroup* leaders,
                             WorkerObserver& observer, const std::atomic<bool>& stop) {
  Worker worker(config, datacenter, leaders, observer);
  return worker.run(stop);
}

}  // namespace archi
