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
#include "comm/wan/ElasticLeaders.h"
#include "comm/wan/WanError.h"
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
#include "train/ShareBalancer.h"
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
  Worker(const DilocoWorkerConfig& config, comm::ElasticGroup& group, wan::ElasticLeaders* leaders, WorkerObserver& observer,
         const std::atomic<bool>& stop)
      : config_(config), group_(group), leaders_(leaders), observer_(observer), stop_(stop), backend_(config.threads) {}

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
  // Leader of a multi-datacenter run: the WAN side of an outer round, surviving faults.
  bool outerAllReduce(double weight, WorkerRoundReport& report);
  void exchangeRoundFacts(double meanStepMs);
  void formLeaders(double timeout_s, double knock_s, const std::string& why);
  double knockWindow_s() const { return std::max(30.0, 1.5 * roundTarget_s_ + 15.0); }
  void adoptNewestState(const wan::Formation& formation);
  std::string describe(const wan::Formation& formation) const;
  void validateAndReport();
  void finish();

  const DilocoWorkerConfig& config_;
  comm::ElasticGroup& group_;
  wan::ElasticLeaders* leaders_;
  WorkerObserver& observer_;
  const std::atomic<bool>& stop_;
  cpu::CpuBackend backend_;
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
  std::vector<float> global_;    // leader: the global parameters after the last outer step
  std::vector<float> momentum_;  // leader: outer Nesterov momentum
  std::vector<float> scratch_;
  std::vector<float> shared_;    // leader: global parameters, momentum and counters, to share with a re-joiner
  std::uint64_t version_ = 0;    // leader: outer steps applied to global_ (how new our global state is)
  std::int64_t unsyncedTokens_ = 0;  // leader: tokens trained since global_ while left out of the WAN group
  double totalWeightOfLastRound_ = 0.0;  // leader: tokens of every member in the last outer all-reduce
  double leftOutSince_s_ = 0.0;  // leader: unixSeconds() when this leader was left out, 0 while a member
  std::int64_t globalTokens_ = 0;
  std::int64_t round_ = 0;
  double roundTarget_s_ = 0.0;
  bool stopRequested_ = false;  // this leader was asked to stop
  bool stopAgreed_ = false;     // some leader voted to stop in the last outer round (DiLoCo, several datacenters)
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
  trainer_ = std::make_unique<Trainer>(backend_, run.model, optimizer,
                                       std::max(1, caps_.at(static_cast<std::size_t>(group_.slot()))), run.seed);
  parameters_ = trainer_->parameterCount();
  if (leader()) {
    global_.resize(parameters_);
    trainer_->model().getParameters(global_);
    momentum_.assign(parameters_, 0.0f);
    scratch_.resize(parameters_);
  }
  roundTarget_s_ = config_.round_target_s;
  if (leader() && multiDatacenter()) {
    formLeaders(config_.wan_form_timeout_s, config_.rejoining ? knockWindow_s() : 0.0,
                config_.rejoining ? "re-joining the run" : "run start");
  }
  // Fresh workers, re-joined ones and a restarted leader alike start from the datacenter's
  // state (a re-joining leader may just have taken newer global parameters from a peer).
  guarded([&] { syncState(); });
  if (leader()) {
    observer_.onEvent("info", fmt::format("{} worker(s) in {}, {} sequences of {} tokens per step; {} datacenter(s); sync {}{}",
                                          dc().worldSize(), config_.datacenter_id, dcSequences_, run.model.context,
                                          config_.dc_count, toString(run.train.sync),
                                          config_.pace_tokens_per_s > 0 ? "; emulated device pacing on" : ""));
  }
}

std::int64_t Worker::decide(const std::atomic<bool>& stop, int stepsThisRound, SteadyClock::time_point roundStart) {
  std::int64_t word = 0;
  if (leader()) {
    stopRequested_ = stopRequested_ || stop.load();
    const bool ddp = config_.run.train.sync == SyncMode::Ddp;
    // A leader outside the WAN group cannot see the others' progress: it assumes they keep
    // pace with its own unmerged tokens, so it ends when the run would.
    const bool outside = multiDatacenter() && !ddp && !leaders_->member();
    const std::int64_t runTokens = globalTokens_ + (outside ? unsyncedTokens_ * config_.dc_count : 0);
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
    } else if (runTokens + (stepsThisRound + 1) * dcTokensPerStep() * config_.dc_count > config_.run.train.tokens &&
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

  const auto intraStart = SteadyClock::now();
  // Each rank's gradient is already divided by the datacenter's tokens: a plain sum is the
  // token-weighted mean, exact whatever the shares.
  dc().allReduceSum(trainer_->grads(), parameters_);
  const std::int64_t lossMicro = dc().allReduceSum(static_cast<std::int64_t>(std::llround(lossSum * kLossFixedPoint)));
  report.intra_ms = msSince(intraStart);

  if (config_.run.train.sync == SyncMode::Ddp && config_.dc_count > 1) {
    const auto interStart = SteadyClock::now();
    if (leader()) {
      backend_.download(scratch_.data(), trainer_->grads(), parameters_ * sizeof(float));
      wan::AllReduceOptions options;
      options.format = wireFormatFor(config_.run.train.compression);
      const std::vector<float> mine = scratch_;
      std::optional<wan::AllReduceReport> wanReport;
      if (!leaders_->member() && leaders_->shouldKnock()) {
        formLeaders(leaders_->config().reform_timeout_s, knockWindow_s(), "asking to re-join");
      }
      for (int attempt = 0; attempt < 2 && !wanReport && leaders_->member(); ++attempt) {
        try {
          wanReport = leaders_->allReduce(scratch_, static_cast<double>(dcTokensPerStep()), options);
        } catch (const wan::WanError& e) {
          observer_.onEvent("warning", fmt::format("ddp WAN all-reduce failed: {}; re-forming", e.what()));
          scratch_ = mine;
          formLeaders(leaders_->config().reform_timeout_s, 0.0, "after a failed ddp step");
        }
      }
      if (wanReport) {
        globalTokens_ += static_cast<std::int64_t>(std::llround(wanReport->totalWeight));
        ddpWire_.bytes_on_wire += wanReport->bytesSent;
        ddpWire_.duration_ms += wanReport->duration_s * 1e3;
        ddpWire_.compression_ratio = wanReport->compressionRatio;
        ddpWire_.participants = static_cast<int>(wanReport->participants.size());
      } else {
        globalTokens_ += dcTokensPerStep();  // this step used this datacenter's gradient alone
        ddpWire_.participants = 1;
      }
      backend_.upload(trainer_->grads(), scratch_.data(), parameters_ * sizeof(float));
    }
    dc().broadcast(trainer_->grads(), parameters_, 0, kLeaderWanWait);
    report.inter_ms = msSince(interStart);
  } else if (config_.run.train.sync == SyncMode::Ddp && config_.dc_count == 1) {
    // Every worker counts (not only the leader): a restarted leader takes the count from a peer.
    globalTokens_ += dcTokensPerStep();
  }

  const auto updateStart = SteadyClock::now();
  report.grad_norm = trainer_->gradientNorm();
  trainer_->optimizerStep(trainer_->clipScale(report.grad_norm));
  compute_ms += msSince(updateStart);

  // Emulated device: stretch the compute to the device's speed (DESIGN.md §6).
  if (config_.pace_tokens_per_s > 0.0 && mine > 0) {
    const double target_ms = 1e3 * mine * config_.run.model.context / currentPace();
    if (target_ms > compute_ms) {
      std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(target_ms - compute_ms));
      report.idle_ms = target_ms - compute_ms;
    }
  }
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
    bool applied = true;
    if (multiDatacenter()) {
      const double weight = static_cast<double>(roundTokens + unsyncedTokens_);
      applied = outerAllReduce(weight, report);
      // Only merged rounds count towards the run's budget, so that every member of a group
      // holds the same count and ends after the same round; a leader outside the group adds
      // its own tokens in decide().
      totalWeight = applied ? totalWeightOfLastRound_ : 0.0;
    }
    if (applied) {
      // Outer Nesterov SGD on the averaged pseudo-gradient.
      const float lr = static_cast<float>(config_.run.train.outer_lr);
      const float mu = static_cast<float>(config_.run.train.outer_momentum);
      for (std::size_t i = 0; i < parameters_; ++i) {
        momentum_[i] = mu * momentum_[i] + scratch_[i];
        global_[i] -= lr * (scratch_[i] + mu * momentum_[i]);
      }
      trainer_->model().setParameters(global_);
      ++version_;
      unsyncedTokens_ = 0;
    } else {
      // Left out of the WAN group: train on from where we are; this progress goes into the
      // pseudo-gradient of the first round back in the group.
      unsyncedTokens_ += roundTokens;
    }
    globalTokens_ += static_cast<std::int64_t>(std::llround(totalWeight));
    if (multiDatacenter()) exchangeRoundFacts(meanStepMs);
  }
  // One datacenter: every worker keeps the count, so any of them can hand it to a restarted leader.
  if (!leader() && config_.dc_count == 1) globalTokens_ += roundTokens;
  // A failure here is recovered by syncing the whole state, which includes these parameters.
  guarded([&] { dc().broadcast(trainer_->params(), parameters_, 0, kLeaderWanWait); });
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

bool Worker::outerAllReduce(double weight, WorkerRoundReport& report) {
  const auto start = SteadyClock::now();
  if (!leaders_->member() && leaders_->shouldKnock()) {
    formLeaders(leaders_->config().reform_timeout_s, knockWindow_s(), "asking to re-join");
  }
  wan::AllReduceOptions options;
  options.format = wireFormatFor(config_.run.train.compression);
  const std::vector<float> pseudoGradient = scratch_;
  std::string failure;
  for (int attempt = 0; attempt < 3 && leaders_->member(); ++attempt) {
    try {
      const wan::AllReduceReport wan = leaders_->allReduce(scratch_, weight, options);
      totalWeightOfLastRound_ = wan.totalWeight;
      report.bytes_on_wire = wan.bytesSent;
      report.compression_ratio = wan.compressionRatio;
      report.duration_ms = msSince(start);
      report.participants = static_cast<int>(wan.participants.size());
      if (!failure.empty()) {
        observer_.onEvent("warning", fmt::format("outer round {} completed by {} leader(s) after a WAN fault; the fault cost "
                                                 "{:.1f} s ({})",
                                                 round_ + 1, report.participants, msSince(start) / 1e3, failure));
      }
      return true;
    } catch (const wan::WanError& e) {
      failure = e.what();
      observer_.onEvent("warning", fmt::format("outer round {}: WAN all-reduce failed after {:.1f} s: {}; re-forming among the "
                                               "reachable leaders",
                                               round_ + 1, msSince(start) / 1e3, e.what()));
      scratch_ = pseudoGradient;
      formLeaders(leaders_->config().reform_timeout_s, 0.0, "after a failed round");
    }
  }
  report.participants = 1;
  report.duration_ms = msSince(start);
  if (leftOutSince_s_ == 0.0) leftOutSince_s_ = unixSeconds();
  observer_.onEvent("warning", fmt::format("left out of outer round {}: {}; training on locally ({} tokens to contribute "
                                           "when back)",
                                           round_ + 1,
                                           leaders_->member() ? "the round failed three times"
                                                              : "no group with a quorum of leaders is reachable",
                                           static_cast<std::int64_t>(weight)));
  return false;
}

void Worker::exchangeRoundFacts(double meanStepMs) {
  if (!leaders_->member()) {
    stopAgreed_ = stopAgreed_ || stopRequested_;  // nobody to vote with
    return;
  }
  // One small sum per round: every leader's mean step time (to retarget the time box to the
  // fastest datacenter's H steps), its stop vote, and whether a leader outside the group
  // knocked (then the group re-forms after this round to let it in).
  const auto members = static_cast<std::size_t>(leaders_->groupSize());
  std::vector<float> exchange(members + 2, 0.0f);
  exchange[static_cast<std::size_t>(leaders_->groupRank())] = static_cast<float>(meanStepMs);
  exchange[members] = stopRequested_ ? 1.0f : 0.0f;
  exchange[members + 1] = leaders_->knocked() ? 1.0f : 0.0f;
  wan::AllReduceOptions plain;
  plain.format = wan::WireFormat::Fp32;
  plain.errorFeedback = false;
  plain.average = false;
  try {
    leaders_->allReduce(exchange, 1.0, plain);
  } catch (const wan::WanError& e) {
    observer_.onEvent("warning", fmt::format("round {}: WAN exchange failed: {}; re-forming", round_ + 1, e.what()));
    formLeaders(leaders_->config().reform_timeout_s, 0.0, "after a failed exchange");
    return;
  }
  stopAgreed_ = stopAgreed_ || exchange[members] > 0.5f;
  const float fastest = *std::min_element(exchange.begin(), exchange.begin() + static_cast<std::ptrdiff_t>(members));
  if (config_.round_target_s > 0.0 && fastest > 0.0f) roundTarget_s_ = config_.run.train.inner_steps * fastest / 1e3;
  if (exchange[members + 1] > 0.5f && !stopAgreed_) formLeaders(leaders_->config().reform_timeout_s, 0.0, "a leader asked to join");
}

void Worker::formLeaders(double timeout_s, double knock_s, const std::string& why) {
  const bool wasMember = leaders_->member();
  const wan::Formation formation = leaders_->form(version_, timeout_s, knock_s);
  if (!formation.member) {
    if (leftOutSince_s_ == 0.0) leftOutSince_s_ = unixSeconds();
    observer_.onEvent("warning", fmt::format("WAN group ({}): {} after {:.1f} s; this datacenter trains on alone", why,
                                             describe(formation), formation.duration_s));
    return;
  }
  if (formation.needsStateShare) adoptNewestState(formation);
  const double leftOut_s = leftOutSince_s_ > 0.0 ? unixSeconds() - leftOutSince_s_ : 0.0;
  leftOutSince_s_ = 0.0;
  const bool fullGroup = static_cast<int>(formation.members.size()) == leaders_->worldSize();
  std::string text = fmt::format("WAN group ({}): {} in {:.1f} s", why, describe(formation), formation.duration_s);
  if (leftOut_s > 0.0) text += fmt::format("; back in after {:.1f} s outside", leftOut_s);
  if (!wasMember && formation.knockedBy.size() > 0) text += fmt::format("; {} leader(s) knocked meanwhile", formation.knockedBy.size());
  observer_.onEvent(fullGroup ? "info" : "warning", text);
}

void Worker::adoptNewestState(const wan::Formation& formation) {
  // The member with the newest global state shares global parameters, outer momentum and
  // the run's token count; members behind take them and keep their own unsynced progress
  // as a difference from the new global parameters (it joins the next round's pseudo-gradient).
  const bool behind = formation.versions[static_cast<std::size_t>(leaders_->groupRank())] <
                      formation.versions[static_cast<std::size_t>(formation.sourceRank)];
  std::vector<float> local(parameters_);
  trainer_->model().getParameters(local);
  shared_.resize(2 * parameters_ + 4);
  std::copy(global_.begin(), global_.end(), shared_.begin());
  std::copy(momentum_.begin(), momentum_.end(), shared_.begin() + static_cast<std::ptrdiff_t>(parameters_));
  // Counters as exact 24-bit pieces (fp32 carries integers below 2^24 exactly).
  const auto tokens = static_cast<std::uint64_t>(globalTokens_);
  shared_[2 * parameters_] = static_cast<float>(tokens >> 24);
  shared_[2 * parameters_ + 1] = static_cast<float>(tokens & 0xFFFFFFu);
  shared_[2 * parameters_ + 2] = static_cast<float>(version_ >> 24);
  shared_[2 * parameters_ + 3] = static_cast<float>(version_ & 0xFFFFFFu);
  try {
    leaders_->shareState(shared_, formation.sourceRank);
  } catch (const wan::WanError& e) {
    observer_.onEvent("warning", fmt::format("sharing the global state failed: {}; re-forming at the next round", e.what()));
    return;
  }
  if (!behind) return;
  const std::uint64_t sourceVersion = (static_cast<std::uint64_t>(shared_[2 * parameters_ + 2]) << 24) +
                                      static_cast<std::uint64_t>(shared_[2 * parameters_ + 3]);
  const std::uint64_t sourceTokens = (static_cast<std::uint64_t>(shared_[2 * parameters_]) << 24) +
                                     static_cast<std::uint64_t>(shared_[2 * parameters_ + 1]);
  for (std::size_t i = 0; i < parameters_; ++i) {
    const float progress = global_[i] - local[i];
    global_[i] = shared_[i];
    momentum_[i] = shared_[parameters_ + i];
    local[i] = global_[i] - progress;
  }
  trainer_->model().setParameters(local);
  observer_.onEvent("info", fmt::format("took the global state from leader {} (outer step {} where this leader had {}, {} tokens "
                                        "in the run); {} tokens of our own progress carried over",
                                        formation.members[static_cast<std::size_t>(formation.sourceRank)], sourceVersion,
                                        version_, sourceTokens, unsyncedTokens_));
  version_ = sourceVersion;
  globalTokens_ = static_cast<std::int64_t>(sourceTokens);
  // A restarted leader counts rounds on from the run's outer steps (its datacenter takes them from it).
  round_ = std::max<std::int64_t>(round_, static_cast<std::int64_t>(sourceVersion));
}

std::string Worker::describe(const wan::Formation& formation) const {
  std::string text;
  if (formation.member) {
    text = "group of " + std::to_string(formation.members.size()) + " leaders (";
    for (std::size_t i = 0; i < formation.members.size(); ++i) text += (i > 0 ? ", " : "") + formation.members[i];
    text += ")";
  } else {
    text = "no group with a quorum of " + std::to_string(leaders_->worldSize() / 2 + 1) + " leaders includes this one";
  }
  if (!formation.unreachable.empty()) {
    text += formation.member ? "; left out: " : "; outside: ";
    for (std::size_t i = 0; i < formation.unreachable.size(); ++i) text += (i > 0 ? ", " : "") + formation.unreachable[i];
  }
  return text;
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
  if (failure) observer_.onEvent("warning", fmt::format("datacenter group failed at step {}: {}; regrouping", step, why));
  for (;;) {
    const std::optional<comm::RegroupResult> result = group_.regroup(stop_);
    if (!result) throw StoppedWhileRegrouping{};
    try {
      syncState();
    } catch (const comm::CollectiveError& e) {
      observer_.onEvent("warning", fmt::format("regroup into generation {} failed while syncing state: {}; regrouping again",
                                               result->generation, e.what()));
      continue;
    }
    if (!leader()) {
      // One survivor speaks for the others: the leader's own events start again with its restart.
      if (result->newLeader && dc().rank() == 1) {
        observer_.onEvent("warning", fmt::format("datacenter leader lost at step {}: re-joined its restarted leader after {:.1f} s "
                                                 "with {} workers",
                                                 step, std::chrono::duration<double>(SteadyClock::now() - start).count(),
                                                 dc().worldSize()));
      }
      return;
    }
    const double took_s = std::chrono::duration<double>(SteadyClock::now() - start).count();
    const int workers = dc().worldSize();
    for (int slot : result->lost) {
      lostAt_[slot] = start;
      observer_.onEvent("warning", fmt::format("worker {} lost at step {}: datacenter continues with {} workers, {} sequences "
                                               "per step (regroup took {:.1f} s)",
                                               workerName(slot), step, workers, dcSequences_, took_s));
    }
    for (int slot : result->joined) {
      const auto lost = lostAt_.find(slot);
      const std::string down = lost == lostAt_.end()
                                   ? std::string("down for an unknown time")
                                   : fmt::format("down for {:.1f} s", std::chrono::duration<double>(SteadyClock::now() - lost->second).count());
      if (lost != lostAt_.end()) lostAt_.erase(lost);
      observer_.onEvent("info", fmt::format("worker {} re-joined at step {} ({}; regroup took {:.1f} s); {} workers, {} sequences per step",
                                            workerName(slot), trainer_->stepsDone(), down, took_s, workers, dcSequences_));
    }
    if (failure && result->lost.empty() && result->joined.empty()) {
      observer_.onEvent("warning", fmt::format("datacenter regrouped at step {} with the same {} workers (regroup took {:.1f} s)",
                                               step, workers, took_s));
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
    observer_.onEvent("warning", fmt::format("emulated throttle: worker {} now paced to {:.0f} tok/s ({:g}× its device's pace)",
                                             config_.worker_id, factor * config_.pace_tokens_per_s, factor));
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
  std::string cause;
  if (leader() && pendingRebalance_) {
    const RebalanceDue& due = *pendingRebalance_;
    cause = fmt::format("device {} measured {:.0f} tok/s, planned {:.0f}", workerName(slots.at(static_cast<std::size_t>(due.driftRank))),
                        due.driftMeasured_tokens_per_s, due.driftPlanned_tokens_per_s);
    balancer_->adopt(slots, due.measured_tokens_per_s);
  }
  std::vector<std::int64_t> shares = leader() ? apportionMembers() : std::vector<std::int64_t>(slots.size());
  broadcastWords(group, shares, 0);
  applyShares(shares);
  if (leader() && shares_ != before) {
    std::string moves;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      moves += fmt::format("{}{}:{}→{}", moves.empty() ? "" : ", ", workerName(slots[i]), before[i], shares_[i]);
    }
    observer_.onEvent("info", fmt::format("re-balanced shares at step {}: {} ({})", trainer_->stepsDone(), moves, cause));
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
  std::vector<std::int64_t> run{round_, globalTokens_};
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
  round_ = run[0];
  globalTokens_ = run[1];
  if (leader() && modelSource != 0) {
    // A restarted leader of a single datacenter: the outer step restarts from where the
    // datacenter is (its outer momentum is lost with the old leader).
    trainer_->model().getParameters(global_);
    std::fill(momentum_.begin(), momentum_.end(), 0.0f);
  }
  if (leader() && mostSteps != 0) {
    observer_.onEvent("warning", fmt::format("leader {} (re)started and took the datacenter's state at step {} from worker {} "
                                             "(step, AdamW moments, data cursor{}); {} workers",
                                             config_.worker_id, local[0],
                                             workerName(group_.members().at(static_cast<std::size_t>(mostSteps))),
                                             modelSource != 0 ? ", parameters; outer momentum reset" : "", members));
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
  } catch (const StoppedWhileRegrouping&) {
    result_.steps = trainer_->stepsDone();
    result_.rounds = round_;
    result_.global_tokens = globalTokens_;
    result_.stopped_early = true;
    return result_;
  }
  result_.steps = trainer_->stepsDone();
  result_.rounds = round_;
  result_.global_tokens = globalTokens_;
  result_.stopped_early = stopRequested_ && globalTokens_ < config_.run.train.tokens;
  finish();
  return result_;
}

}  // namespace

WorkerResult runDilocoWorker(const DilocoWorkerConfig& config, comm::ElasticGroup& datacenter, wan::ElasticLeaders* leaders,
                             WorkerObserver& observer, const std::atomic<bool>& stop) {
  Worker worker(config, datacenter, leaders, observer, stop);
  return worker.run();
}

WorkerResult runDilocoWorker(const DilocoWorkerConfig& config, comm::Collective& datacenter, wan::ElasticLeaders* leaders,
                             WorkerObserver& observer, const std::atomic<bool>& stop) {
  comm::FixedGroup group(datacenter);
  return runDilocoWorker(config, group, leaders, observer, stop);
}

}  // namespace archi
