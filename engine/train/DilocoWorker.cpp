#include "train/DilocoWorker.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>

#include "comm/collective/CollectiveError.h"
#include "comm/collective/OuterGroup.h"
#include "core/RunEvents.h"
#include "core/WallClock.h"
#include "data/ByteTokenizer.h"
#include "data/Corpus.h"
#include "data/ShardedSampler.h"
#include "data/TokenDataset.h"
#include "model/ModelShape.h"
#include "model/TextSampler.h"
#include "model/BackendFactory.h"
#include "train/Checkpoint.h"
#include "train/CheckpointSet.h"
#include "train/OuterSync.h"
#include "train/RoundBudget.h"
#include "train/Sha256.h"
#include "train/ShareBalancer.h"
#include "train/Trainer.h"
#include "train/Validation.h"

namespace archi {
namespace {


// Control word the leader sends its datacenter before every step (as an exact integer
// all-reduce: the others contribute 0), so all ranks take the same steps.
enum Control : std::int64_t { kStep = 1, kEndRound = 2, kEndRun = 3, kRegroup = 4, kReshare = 5 };

// Re-balancing: every this many steps the leader gathers each worker's median busy time per
// sequence over its last steps (a median: speeds measured on a shared CPU are noisy);
// ShareBalancer decides whether a drift is confirmed and worth new shares.
constexpr std::int64_t kBalanceCheckSteps = 10;
constexpr std::size_t kBalanceWindow = 10;

// Workers wait this long at the end of a round while their leader does WAN work, which may
// take minutes when the WAN group re-forms; every other operation keeps the group's short
// deadline so a dead peer is noticed in seconds.
constexpr std::chrono::minutes kLeaderWanWait{10};

// Thrown when a stop was requested while waiting to regroup: the worker ends without a result.
struct StoppedWhileRegrouping {};

// Integers travel through the float broadcast bit for bit (a broadcast copies, never adds).
void broadcastWords(comm::Collective& group, std::vector<std::int64_t>& words, int root,
                    std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
  std::vector<float> buffer(words.size() * 2);
  std::memcpy(buffer.data(), words.data(), words.size() * sizeof(std::int64_t));
  if (timeout) {
    group.broadcast(buffer.data(), buffer.size(), root, *timeout);
  } else {
    group.broadcast(buffer.data(), buffer.size(), root);
  }
  std::memcpy(words.data(), buffer.data(), words.size() * sizeof(std::int64_t));
}

// Validation set size: validation_batches batches of this many sequences.
constexpr int kValidationSequencesPerBatch = 8;

// Losses travel as exact integers (micro-nats) so the sum does not depend on float order.
constexpr double kLossFixedPoint = 1e6;

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

BackendChoice backendChoice(const DilocoWorkerConfig& config) {
  BackendChoice choice = config.backend;
  choice.threads = config.threads;
  return choice;
}

class Worker {
 public:
  Worker(const DilocoWorkerConfig& config, comm::ElasticGroup& group, comm::OuterGroup* leaders, WorkerObserver& observer,
         const std::atomic<bool>& stop)
      : config_(config), group_(group), leaders_(leaders), observer_(observer), stop_(stop), backend_(makeBackend(backendChoice(config))) {}

  WorkerResult run();

 private:
  comm::Collective& dc() { return group_.current(); }
  bool leader() const { return group_.slot() == 0; }
  bool multiDatacenter() const { return leaders_ != nullptr && leaders_->worldSize() > 1; }
  int share() { return shares_.at(static_cast<std::size_t>(dc().rank())); }
  std::int64_t dcTokensPerStep() const { return dcSequences_ * config_.run.model.context; }
  std::string workerName(int slot) const;

  // --- faults (elastic datacenter group)
  template <typename Operation>
  bool guarded(Operation&& operation);
  void recover(const std::string& why);
  void syncState();
  std::vector<std::int64_t> apportionMembers() const;
  void applyShares(const std::vector<std::int64_t>& shares);

  // --- re-balancing (measured speeds drift from the ones shares were computed from)
  double currentPace();
  void recordBusy(const WorkerStepReport& report);
  void checkBalance();
  void reshare();

  void setUp();
  std::int64_t decide(const std::atomic<bool>& stop, int stepsThisRound, SteadyClock::time_point roundStart);
  WorkerStepReport innerStep();
  void outerStep(std::int64_t roundTokens, int stepsThisRound, double meanStepMs);
  void validateAndReport();
  void finish();
  // --- resumable checkpoints (leader)
  void restoreNewestCheckpoint();
  void writeCheckpointSet();
  void checkpointIfDue();

  const DilocoWorkerConfig& config_;
  comm::ElasticGroup& group_;
  comm::OuterGroup* leaders_;
  WorkerObserver& observer_;
  const std::atomic<bool>& stop_;
  std::unique_ptr<Backend> backend_;  // host memory (CPU) or a GPU's (CUDA): reached only through its ops
  std::optional<TokenDataset> data_;
  std::optional<ShardedSampler> sampler_;
  std::unique_ptr<Trainer> trainer_;
  Batch batch_;
  Batch evalBatch_;
  int dcSequences_ = 0;           // the datacenter's sequences per step (sum of shares_)
  int plannedSequences_ = 0;      // what the plan gave the datacenter: re-apportioned after a loss
  std::vector<int> shares_;       // sequences per step by rank of the current group
  std::vector<int> caps_;         // memory caps by slot
  std::optional<ShareBalancer> balancer_;  // leader's: shares for members, re-balancing
  std::vector<std::uint32_t> slice_;  // this datacenter's training sequences
  DataCursor boundaryCursor_;     // the data cursor after the last completed step
  std::map<int, SteadyClock::time_point> lostAt_;  // leader: when each lost slot was lost
  std::vector<double> busyMsPerSequence_;  // this worker's last steps (compute + pacing)
  std::optional<RebalanceDue> pendingRebalance_;  // leader: applied at the next step boundary
  double appliedPaceFactor_ = 1.0;
  std::size_t parameters_ = 0;
  std::optional<OuterSync> outer_;  // leader: global parameters, outer steps, the WAN group
  std::vector<float> scratch_;      // leader, ddp: the gradient on its way over the WAN
  RunCounters counters_;
  std::int64_t validatedRound_ = -1;  // the round whose parameters were last validated
  std::int64_t checkpointedRound_ = -1;  // the round of the last checkpoint set written or restored
  double roundTarget_s_ = 0.0;
  // Leader, DiLoCo across datacenters: this datacenter's share of the tokens the last round that
  // merged every leader took (0 until there is one), for dividing the budget's last tokens.
  double budgetShare_ = 0.0;
  bool stopRequested_ = false;  // this leader was asked to stop
  bool stopAgreed_ = false;     // some leader voted to stop in the last outer round (DiLoCo, several datacenters)
  double lastUpdate_ms_ = 0.0;   // emulation pacing: the last optimizer update's duration
  WorkerRoundReport ddpWire_;  // ddp: what the per-step all-reduces of the current "round" cost
  WorkerResult result_;
};

void Worker::setUp() {
  const RunSpec& run = config_.run;
  if (const std::string problem = validateModelConfig(run.model); !problem.empty()) throw std::runtime_error("model: " + problem);
  const auto slots = static_cast<std::size_t>(group_.slotCount());
  if (config_.shares.size() != slots) {
    throw std::runtime_error(fmt::format("{} shares given for a datacenter of {} workers", config_.shares.size(), slots));
  }
  if (!config_.share_caps.empty() && config_.share_caps.size() != slots) {
    throw std::runtime_error(fmt::format("{} share caps given for a datacenter of {} workers", config_.share_caps.size(), slots));
  }
  CorpusLoad corpus = loadCorpus(run.data.corpus);
  if (!corpus.corpus) throw std::runtime_error("corpus: " + corpus.error);
  std::string error;
  data_ = TokenDataset::create(std::move(corpus.corpus->bytes), run.model.context, run.data.val_frac, error);
  if (!data_) throw std::runtime_error("corpus: " + error);
  plannedSequences_ = 0;
  for (int s : config_.shares) plannedSequences_ += s;
  dcSequences_ = plannedSequences_;
  for (std::size_t i = 0; i < slots; ++i) {
    // Activations are allocated for the cap: what memory holds (from the plan), and never more
    // than twice the planned share, which carries a lost peer's share in a datacenter of two.
    const int planned = config_.shares[i];
    const int memory = config_.share_caps.empty() ? 2 * planned : config_.share_caps[i];
    caps_.push_back(std::max(planned, std::min(memory, 2 * planned)));
  }
  balancer_.emplace(config_.shares, caps_);
  slice_ = datacenterSlice(data_->trainSequences(), config_.dc_index, config_.dc_count);

  // The learning-rate schedule spans the inner steps this datacenter is expected to take.
  const std::int64_t runTokensPerStep = dcTokensPerStep() * config_.dc_count;
  const std::int64_t steps = std::max<std::int64_t>(1, run.train.tokens / std::max<std::int64_t>(1, runTokensPerStep));
  OptimizerOptions optimizer;
  optimizer.schedule.peak = run.train.lr;
  optimizer.schedule.totalSteps = steps;
  optimizer.schedule.warmupSteps = std::min<std::int64_t>(200, std::max<std::int64_t>(1, steps / 20));
  // Same seed on every worker: every replica starts from the same parameters.
  // Activations are allocated for the largest share this worker may get, not just its planned one.
  trainer_ = std::make_unique<Trainer>(*backend_, run.model, optimizer,
                                       std::max(1, caps_.at(static_cast<std::size_t>(group_.slot()))), run.seed);
  parameters_ = trainer_->parameterCount();
  roundTarget_s_ = config_.round_target_s;
  if (leader()) {
    outer_.emplace(config_, leaders_, observer_, *trainer_);
    scratch_.resize(parameters_);
    if ((config_.resume || config_.rejoining) && !config_.checkpoint_dir.empty()) restoreNewestCheckpoint();
    outer_->start(counters_, roundTarget_s_);
  }
  // Fresh workers, re-joined ones and a restarted leader alike start from the datacenter's
  // state (a re-joining leader may just have taken newer global parameters from a peer).
  guarded([&] { syncState(); });
  if (leader()) {
    observer_.onEvent(events::datacenterReady(config_.datacenter_id, dc().worldSize(), dcSequences_, run.model.context,
                                              config_.dc_count, toString(run.train.sync), config_.pace_tokens_per_s > 0));
  }
}

std::int64_t Worker::decide(const std::atomic<bool>& stop, int stepsThisRound, SteadyClock::time_point roundStart) {
  std::int64_t word = 0;
  if (leader()) {
    stopRequested_ = stopRequested_ || stop.load();
    const bool ddp = config_.run.train.sync == SyncMode::Ddp;
    // A leader outside the WAN group cannot see the others' progress: it estimates it, so
    // that it ends when the run would.
    const std::int64_t runTokens = outer_->estimatedRunTokens(counters_);
    const bool budgetSpent = runTokens >= config_.run.train.tokens;
    // Stop signals reach datacenters at different moments. A DiLoCo leader that ended the run
    // on its own would break its peers' next outer round and cost them their final
    // checkpoints, so the run ends only once a round's vote (outerStep) has carried the stop
    // to every leader; until then a local stop just ends the current round early.
    const bool voted = multiDatacenter() && !ddp;
    if ((voted ? stopAgreed_ : stopRequested_) || budgetSpent) {
      word = stepsThisRound > 0 ? kEndRound : kEndRun;
    } else if (stopRequested_) {
      word = stepsThisRound > 0 ? kEndRound : kStep;
    } else if (RoundBudget{config_.run.train.tokens, runTokens, dcTokensPerStep(), config_.dc_count, budgetShare_}.endsRound(stepsThisRound)) {
      // The budget's last tokens are taken (train/RoundBudget.h).
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
  if (leader() && word == kStep && pendingRebalance_) word = kReshare;
  // A worker asking to (re-)join is taken in at this step boundary, by every member together.
  if (leader() && word == kStep && group_.elastic() && group_.joinRequested()) word = kRegroup;
  return dc().allReduceSum(word);
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
  // Emulated device: stretch its compute to the device's speed (docs/architecture.md#emulation) before the
  // all-reduce, where a real device of that speed would arrive; pacing after it would add the
  // wait for the slowest peer's CPU time on top of this device's own paced time. The update
  // after the all-reduce counts at last step's cost, so compute + idle stays the paced time.
  if (config_.pace_tokens_per_s > 0.0 && mine > 0) {
    const double target_ms = 1e3 * mine * config_.run.model.context / currentPace() - lastUpdate_ms_;
    if (target_ms > compute_ms) {
      std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(target_ms - compute_ms));
      report.idle_ms = target_ms - compute_ms;
    }
  }

  const auto intraStart = SteadyClock::now();
  // Each rank's gradient is already divided by the datacenter's tokens: a plain sum is the
  // token-weighted mean, exact whatever the shares.
  dc().allReduceSum(trainer_->grads(), parameters_);
  const std::int64_t lossMicro = dc().allReduceSum(static_cast<std::int64_t>(std::llround(lossSum * kLossFixedPoint)));
  report.intra_ms = msSince(intraStart);

  if (config_.run.train.sync == SyncMode::Ddp && config_.dc_count > 1) {
    const auto interStart = SteadyClock::now();
    if (leader()) {
      backend_->download(scratch_.data(), trainer_->grads(), parameters_ * sizeof(float));
      const std::optional<comm::OuterReduceReport> wanReport =
          outer_->allReduceGradient(scratch_, static_cast<double>(dcTokensPerStep()), counters_, roundTarget_s_);
      if (wanReport) {
        counters_.globalTokens += static_cast<std::int64_t>(std::llround(wanReport->totalWeight));
        ddpWire_.bytes_on_wire += wanReport->bytesSent;
        ddpWire_.duration_ms += wanReport->duration_s * 1e3;
        ddpWire_.compression_ratio = wanReport->compressionRatio;
        ddpWire_.participants = static_cast<int>(wanReport->participants.size());
      } else {
        counters_.globalTokens += dcTokensPerStep();  // this step used this datacenter's gradient alone
        ddpWire_.participants = 1;
      }
      backend_->upload(trainer_->grads(), scratch_.data(), parameters_ * sizeof(float));
    }
    dc().broadcast(trainer_->grads(), parameters_, 0, kLeaderWanWait);
    report.inter_ms = msSince(interStart);
  } else if (config_.run.train.sync == SyncMode::Ddp && config_.dc_count == 1) {
    // Every worker counts (not only the leader): a restarted leader takes the count from a peer.
    counters_.globalTokens += dcTokensPerStep();
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
    const std::int64_t tokensBefore = counters_.globalTokens;
    outer_->outerStep(roundTokens, counters_, roundTarget_s_, report);
    const std::int64_t merged = counters_.globalTokens - tokensBefore;
    const bool everyLeader = multiDatacenter() && report.participants == config_.dc_count;
    budgetShare_ = everyLeader && merged >= roundTokens && merged > 0 ? static_cast<double>(roundTokens) / static_cast<double>(merged) : 0.0;
    outer_->exchange(meanStepMs, stopRequested_, stopAgreed_, roundTarget_s_, counters_);
  }
  // One datacenter: every worker keeps the count, so any of them can hand it to a restarted leader.
  if (!leader() && config_.dc_count == 1) counters_.globalTokens += roundTokens;
  // A failure here is recovered by syncing the whole state, which includes these parameters.
  guarded([&] { dc().broadcast(trainer_->params(), parameters_, 0, kLeaderWanWait); });
  ++counters_.round;
  if (leader()) {
    report.round = counters_.round;
    report.wall_time_s = unixSeconds();
    report.inner_steps = stepsThisRound;
    report.tokens = roundTokens;
    report.global_tokens = counters_.globalTokens;
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
  observer_.onValidation(trainer_->stepsDone(), counters_.round, counters_.globalTokens, loss);
  validatedRound_ = counters_.round;
}

void Worker::restoreNewestCheckpoint() {
  const std::filesystem::path folder = datacenterCheckpointFolder(config_.checkpoint_dir, config_.datacenter_id);
  const std::size_t leaders = leaders_ != nullptr ? static_cast<std::size_t>(leaders_->worldSize()) : 0;
  NewestCheckpointSet newest = loadNewestCheckpointSet(folder, config_.run.model, parameters_, leaders);
  for (const std::string& reason : newest.skipped) observer_.onEvent(events::checkpointSkipped(config_.datacenter_id, reason));
  if (!newest.set) return;  // nothing on disk yet: the datacenter starts as a fresh one would
  const LoadedCheckpointSet& set = *newest.set;
  // The datacenter's inner state (parameters, AdamW moments, step, data cursor) and the outer
  // loop's; syncState then hands them to the other workers, since this leader now holds the most steps.
  restoreCheckpoint(*trainer_, set.inner);
  boundaryCursor_ = set.inner.cursor;
  outer_->restore(set.outer, counters_);
  checkpointedRound_ = set.round;
  observer_.onEvent(events::checkpointRestored(config_.datacenter_id, set.round, set.outer.version, set.inner.step,
                                               set.outer.globalTokens, set.paths.outer.string()));
}

void Worker::writeCheckpointSet() {
  const std::filesystem::path folder = datacenterCheckpointFolder(config_.checkpoint_dir, config_.datacenter_id);
  Rng rng(config_.run.seed);
  const CheckpointSetPaths paths = archi::writeCheckpointSet(
      folder, counters_.round, captureCheckpoint(*trainer_, config_.run.seed, boundaryCursor_, rng), outer_->snapshot(counters_));
  checkpointedRound_ = counters_.round;
  for (const std::filesystem::path& path : {paths.inner, paths.outer}) {
    std::int64_t bytes = 0;
    const std::string sha = fileSha256(path, bytes);
    observer_.onCheckpoint(trainer_->stepsDone(), path, sha, bytes);
  }
}

// Every checkpoint_every_rounds rounds, at a round boundary: the leader holds the datacenter's
// state and (after a merged round) the global parameters its workers now train from.
void Worker::checkpointIfDue() {
  const int every = config_.run.train.checkpoint_every_rounds;
  if (!leader() || config_.checkpoint_dir.empty() || every <= 0 || counters_.round % every != 0) return;
  if (counters_.round == checkpointedRound_) return;
  writeCheckpointSet();
}

void Worker::finish() {
  if (!leader()) return;
  if (!config_.checkpoint_dir.empty() && counters_.round != checkpointedRound_) writeCheckpointSet();
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

std::string Worker::workerName(int slot) const {
  const auto index = static_cast<std::size_t>(slot);
  return index < config_.slot_worker_ids.size() ? config_.slot_worker_ids[index] : fmt::format("slot {}", slot);
}

// Runs one collective phase; a failure makes every survivor regroup and take the
// datacenter's state, after which the caller repeats the phase from the last step boundary.
template <typename Operation>
bool Worker::guarded(Operation&& operation) {
  try {
    operation();
    return true;
  } catch (const comm::CollectiveError& e) {
    if (!group_.elastic()) throw;
    recover(e.what());
    return false;
  }
}

void Worker::recover(const std::string& why) {
  const auto start = SteadyClock::now();
  const std::int64_t step = trainer_->stepsDone();
  const bool failure = !why.empty();
  if (failure) observer_.onEvent(events::datacenterGroupFailed(step, why));
  for (;;) {
    const std::optional<comm::RegroupResult> result = group_.regroup(stop_);
    if (!result) throw StoppedWhileRegrouping{};
    try {
      syncState();
    } catch (const comm::CollectiveError& e) {
      observer_.onEvent(events::regroupSyncFailed(result->generation, e.what()));
      continue;
    }
    if (!leader()) {
      // One survivor speaks for the others: the leader's own events start again with its restart.
      if (result->newLeader && dc().rank() == 1) {
        observer_.onEvent(events::datacenterLeaderRejoined(step, secondsSince(start), dc().worldSize()));
      }
      return;
    }
    const double took_s = std::chrono::duration<double>(SteadyClock::now() - start).count();
    const int workers = dc().worldSize();
    for (int slot : result->lost) {
      lostAt_[slot] = start;
      observer_.onEvent(events::workerLost(workerName(slot), step, workers, dcSequences_, took_s));
    }
    for (int slot : result->joined) {
      const auto lost = lostAt_.find(slot);
      const double down_s = lost == lostAt_.end() ? -1.0 : secondsSince(lost->second);
      if (lost != lostAt_.end()) lostAt_.erase(lost);
      observer_.onEvent(events::workerRejoined(workerName(slot), trainer_->stepsDone(), down_s, took_s, workers, dcSequences_));
    }
    if (failure && result->lost.empty() && result->joined.empty()) {
      observer_.onEvent(events::datacenterRegrouped(step, workers, took_s));
    }
    return;
  }
}

std::vector<std::int64_t> Worker::apportionMembers() const {
  const std::vector<int> shares = balancer_->sharesFor(group_.members());
  return {shares.begin(), shares.end()};
}

void Worker::applyShares(const std::vector<std::int64_t>& shares) {
  shares_.assign(shares.begin(), shares.end());
  dcSequences_ = 0;
  for (int share : shares_) dcSequences_ += share;
  if (dcSequences_ <= 0) throw std::runtime_error("no worker of the datacenter can take any sequence");
  sampler_.emplace(slice_, config_.run.seed, shares_, dc().rank());
  sampler_->setCursor(boundaryCursor_);
  // Speeds are measured afresh for the new shares and membership.
  busyMsPerSequence_.clear();
  balancer_->restartChecks(shares_.size());
  pendingRebalance_.reset();
}

double Worker::currentPace() {
  double factor = 1.0;
  const double now_s = unixSeconds();
  for (const EmulatedPaceChange& change : config_.pace_changes) {
    if (change.at_unix_s <= now_s) factor = change.factor;
  }
  if (factor != appliedPaceFactor_) {
    appliedPaceFactor_ = factor;
    observer_.onEvent(events::emulatedThrottle(config_.worker_id, factor * config_.pace_tokens_per_s, factor));
  }
  return factor * config_.pace_tokens_per_s;
}

void Worker::recordBusy(const WorkerStepReport& report) {
  const int mine = share();
  if (mine <= 0) return;
  busyMsPerSequence_.push_back((report.compute_ms + report.idle_ms) / mine);
  if (busyMsPerSequence_.size() > kBalanceWindow) busyMsPerSequence_.erase(busyMsPerSequence_.begin());
}

// Every member's median busy time per sequence reaches the leader (one small all-reduce);
// the leader compares the implied speeds with the ones the current shares were computed from.
void Worker::checkBalance() {
  comm::Collective& group = dc();
  const auto members = static_cast<std::size_t>(group.worldSize());
  std::vector<float> ms(members, 0.0f);
  if (busyMsPerSequence_.size() >= 3) {
    std::vector<double> sorted = busyMsPerSequence_;
    std::sort(sorted.begin(), sorted.end());
    ms[static_cast<std::size_t>(group.rank())] = static_cast<float>(sorted[sorted.size() / 2]);
  }
  group.allReduceSum(ms.data(), ms.size());
  if (!leader() || std::any_of(ms.begin(), ms.end(), [](float v) { return !(v > 0.0f); })) return;
  std::vector<double> measured(members);
  for (std::size_t i = 0; i < members; ++i) measured[i] = 1e3 * config_.run.model.context / ms[i];
  if (auto due = balancer_->check(group_.members(), shares_, measured)) pendingRebalance_ = std::move(due);
}

// Leader's new shares for the measured speeds, to every member at a step boundary.
void Worker::reshare() {
  comm::Collective& group = dc();
  const std::vector<int> slots = group_.members();
  const std::vector<int> before = shares_;
  std::string driftDevice;
  double driftMeasured = 0.0;
  double driftPlanned = 0.0;
  if (leader() && pendingRebalance_) {
    const RebalanceDue& due = *pendingRebalance_;
    driftDevice = workerName(slots.at(static_cast<std::size_t>(due.driftRank)));
    driftMeasured = due.driftMeasured_tokens_per_s;
    driftPlanned = due.driftPlanned_tokens_per_s;
    balancer_->adopt(slots, due.measured_tokens_per_s);
  }
  std::vector<std::int64_t> shares = leader() ? apportionMembers() : std::vector<std::int64_t>(slots.size());
  broadcastWords(group, shares, 0);
  applyShares(shares);
  if (leader() && shares_ != before) {
    std::vector<events::ShareMove> moves;
    for (std::size_t i = 0; i < slots.size(); ++i) moves.push_back({workerName(slots[i]), before[i], shares_[i]});
    observer_.onEvent(events::sharesRebalanced(trainer_->stepsDone(), moves, driftDevice, driftMeasured, driftPlanned));
  }
}

// The datacenter's state goes to every member after a (re)grouping. What only the datacenter
// holds (step counter, AdamW moments, data cursor) comes from the member that took the most
// steps (the leader on a tie), so a restarted leader does not throw the datacenter's progress
// away. The model parameters and the run's round and token counts come from the leader in a
// multi-datacenter run (it holds, or fetches over the WAN, the global state), and with the
// rest in a single-datacenter run. Then the leader's shares for the new membership.
void Worker::syncState() {
  comm::Collective& group = dc();
  const int members = group.worldSize();
  int mostSteps = 0;
  if (members > 1) {
    // Long deadline first: a restarted leader may still be joining the WAN group or loading data.
    std::vector<std::int64_t> ready{1};
    broadcastWords(group, ready, 0, kLeaderWanWait);
    std::vector<float> steps(static_cast<std::size_t>(members), 0.0f);
    steps[static_cast<std::size_t>(group.rank())] = static_cast<float>(trainer_->stepsDone());
    group.allReduceSum(steps.data(), steps.size());
    mostSteps = static_cast<int>(std::max_element(steps.begin(), steps.end()) - steps.begin());
  }
  const int modelSource = config_.dc_count == 1 ? mostSteps : 0;
  std::vector<std::int64_t> local{trainer_->stepsDone(), static_cast<std::int64_t>(boundaryCursor_.epoch),
                                  static_cast<std::int64_t>(boundaryCursor_.position)};
  std::vector<std::int64_t> run{counters_.round, counters_.globalTokens};
  std::vector<std::int64_t> shares = leader() ? apportionMembers() : std::vector<std::int64_t>(static_cast<std::size_t>(members));
  if (members > 1) {
    broadcastWords(group, local, mostSteps);
    broadcastWords(group, run, modelSource);
    broadcastWords(group, shares, 0);
    group.broadcast(trainer_->params(), parameters_, modelSource);
    group.broadcast(trainer_->optimizerState(), trainer_->optimizerStateCount(), mostSteps);
  }
  trainer_->setStepsDone(local[0]);
  boundaryCursor_ = {static_cast<std::uint64_t>(local[1]), static_cast<std::uint64_t>(local[2])};
  counters_.round = run[0];
  counters_.globalTokens = run[1];
  if (leader() && modelSource != 0) {
    // A restarted leader of a single datacenter: the outer step restarts from where the
    // datacenter is (its outer momentum is lost with the old leader).
    outer_->restartFromTrainer();
  }
  if (leader() && mostSteps != 0) {
    observer_.onEvent(events::leaderTookDatacenterState(config_.worker_id, local[0],
                                                        workerName(group_.members().at(static_cast<std::size_t>(mostSteps))),
                                                        modelSource != 0, members));
  }
  applyShares(shares);
}

WorkerResult Worker::run() {
  try {
    setUp();
    validateAndReport();
    for (;;) {
      const auto roundStart = SteadyClock::now();
      int stepsThisRound = 0;
      std::int64_t roundTokens = 0;
      double stepMsSum = 0.0;
      std::int64_t control = kStep;
      for (;;) {
        if (!guarded([&] { control = decide(stop_, stepsThisRound, roundStart); })) continue;
        if (control == kRegroup) {
          recover("");
          continue;
        }
        if (control == kReshare) {
          guarded([&] { reshare(); });
          continue;
        }
        if (control != kStep) break;
        const auto stepStart = SteadyClock::now();
        WorkerStepReport report;
        // A failed step is taken again from the last boundary (the regroup restored it).
        if (!guarded([&] { report = innerStep(); })) continue;
        boundaryCursor_ = sampler_->cursor();
        stepMsSum += msSince(stepStart);
        observer_.onStep(report);
        ++stepsThisRound;
        roundTokens += dcTokensPerStep();
        recordBusy(report);
        if (config_.rebalance && dc().worldSize() > 1 && trainer_->stepsDone() % kBalanceCheckSteps == 0) {
          guarded([&] { checkBalance(); });
        }
      }
      if (control == kEndRun) break;
      if (config_.run.train.sync == SyncMode::DiLoCo) {
        outerStep(roundTokens, stepsThisRound, stepMsSum / std::max(1, stepsThisRound));
      } else {
        // ddp has no outer rounds; every inner_steps steps its WAN cost is reported as one.
        ++counters_.round;
        if (leader()) {
          WorkerRoundReport report = ddpWire_;
          report.round = counters_.round;
          report.wall_time_s = unixSeconds();
          report.inner_steps = stepsThisRound;
          report.tokens = roundTokens;
          report.global_tokens = counters_.globalTokens;
          observer_.onRound(report);
        }
        ddpWire_ = {};
      }
      if (counters_.round % std::max(1, config_.run.train.validate_every_rounds) == 0) validateAndReport();
      checkpointIfDue();
    }
  } catch (const StoppedWhileRegrouping&) {
    result_.steps = trainer_->stepsDone();
    result_.rounds = counters_.round;
    result_.global_tokens = counters_.globalTokens;
    result_.stopped_early = true;
    return result_;
  }
  result_.steps = trainer_->stepsDone();
  result_.rounds = counters_.round;
  result_.global_tokens = counters_.globalTokens;
  result_.stopped_early = stopRequested_ && counters_.globalTokens < config_.run.train.tokens;
  // The run's final parameters are always measured, whatever the interval.
  if (validatedRound_ != counters_.round) validateAndReport();
  finish();
  return result_;
}

}  // namespace

WorkerResult runDilocoWorker(const DilocoWorkerConfig& config, comm::ElasticGroup& datacenter, comm::OuterGroup* leaders,
                             WorkerObserver& observer, const std::atomic<bool>& stop) {
  Worker worker(config, datacenter, leaders, observer, stop);
  return worker.run();
}

WorkerResult runDilocoWorker(const DilocoWorkerConfig& config, comm::Collective& datacenter, comm::OuterGroup* leaders,
                             WorkerObserver& observer, const std::atomic<bool>& stop) {
  comm::FixedGroup group(datacenter);
  return runDilocoWorker(config, group, leaders, observer, stop);
}

}  // namespace archi
