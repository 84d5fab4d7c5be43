// Fault scenarios of the outer loop as deterministic tests of seconds (issue 11, item 7;
// docs/architecture.md, "Faults"). Three to five leaders run OuterSync as threads over one
// InMemoryOuterNetwork, in step: the test opens round r once every leader is done with round
// r - 1, after applying the faults the scenario schedules for r (kills, restarts, partitions,
// one-way loss, a lost view or confirmation, a missed end of round). After every round it
// checks the invariants on what each leader recorded:
//   1. leaders holding the same global version hold bit-identical global parameters;
//   2. at most one member set per epoch (merges and formation events);
//   3. no contribution applied twice: at most one merge per global version, and every global
//      state equals a serial replay in double of exactly the contributions merged, each once,
//      with exact token counts;
//   4. a leader's version never goes back, across its restarts too;
//   5. the run ends in one group of every leader, all counting the same tokens: every token
//      trained, except those of progress lost with a killed leader.

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "OuterLeaders.h"
#include "train/CheckpointSet.h"
#include "comm/collective/InMemoryOuterGroup.h"

using namespace archi;
using namespace archi::outertest;

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kOuterLr = 0.7;
constexpr double kOuterMomentum = 0.9;
// fp32 outer steps against the double replay: rounding stays below 1e-5 over these runs, while
// a contribution applied twice, or lost, moves parameters by about 1e-3.
constexpr double kReplayTolerance = 1e-5;
constexpr double kFormTimeout_s = 2.0;    // the run start's formation
constexpr double kReformTimeout_s = 1.0;  // a leader re-forming waits this long for the others
constexpr double kRoundTimeout_s = 5.0;   // an all-reduce waits this long for a silent member
constexpr auto kRoundLimit = std::chrono::seconds(20);  // a round that takes longer fails the scenario
constexpr auto kKnockLimit = std::chrono::seconds(10);  // members wait this long for an expected knock
constexpr double kKnockWindow_s = 3.0;  // a restarted leader knocks this long before forming anew

// ---- the schedule: "kill:1@3 revive:1@5 cut:0,1/2@2 ..." (applied before round @; 0: before the start)

enum class FaultKind { Kill, Revive, Cut, Heal, LoseOneWay, Restore, LoseView, LoseConfirmation, MissEnd, Knock };

struct Fault {
  FaultKind kind = FaultKind::Kill;
  int round = 0;
  std::vector<int> a;  // the leaders (kill, revive, missend, knock), or one end of the links
  std::vector<int> b;  // the other end of the links (cut, heal, oneway a→b, restore, loseview, loseconfirm)
};

std::optional<std::vector<int>> parseRanks(const QString& text, int leaders) {
  std::vector<int> ranks;
  for (const QString& part : text.split(',')) {
    bool ok = false;
    const int rank = part.toInt(&ok);
    if (!ok || rank < 0 || rank >= leaders) return std::nullopt;
    ranks.push_back(rank);
  }
  return ranks;
}

// The faults, or none and `error` naming the entry that does not parse.
std::vector<Fault> parseSchedule(const QString& text, int leaders, QString& error) {
  static const std::map<QString, std::pair<FaultKind, bool>> kinds{
      {"kill", {FaultKind::Kill, false}},          {"revive", {FaultKind::Revive, false}},
      {"cut", {FaultKind::Cut, true}},             {"heal", {FaultKind::Heal, true}},
      {"oneway", {FaultKind::LoseOneWay, true}},   {"restore", {FaultKind::Restore, true}},
      {"loseview", {FaultKind::LoseView, true}},   {"loseconfirm", {FaultKind::LoseConfirmation, true}},
      {"missend", {FaultKind::MissEnd, false}},    {"knock", {FaultKind::Knock, false}}};
  std::vector<Fault> faults;
  for (const QString& entry : text.split(' ', Qt::SkipEmptyParts)) {
    const QStringList kindRest = entry.split(':');
    const QStringList whoRound = kindRest.value(1).split('@');
    const auto kind = kinds.find(kindRest.value(0));
    bool roundOk = false;
    Fault fault;
    fault.round = whoRound.value(1).toInt(&roundOk);
    const QStringList ends = whoRound.value(0).split('/');
    const auto a = parseRanks(ends.value(0), leaders);
    const auto b = ends.size() == 2 ? parseRanks(ends.value(1), leaders) : std::optional<std::vector<int>>{};
    if (kind == kinds.end() || kindRest.size() != 2 || whoRound.size() != 2 || !roundOk || fault.round < 0 || !a ||
        (kind->second.second != (ends.size() == 2)) || (ends.size() == 2 && !b)) {
      error = "bad fault '" + entry + "': <kind>:<leaders>[/<leaders>]@<round>";
      return {};
    }
    fault.kind = kind->second.first;
    fault.a = *a;
    if (b) fault.b = *b;
    faults.push_back(fault);
  }
  return faults;
}

// ---- what each leader records after each round

enum class Outcome { Started, Merged, AlreadyMerged, LeftOut };

struct RoundRecord {
  int leader = 0;
  int life = 0;   // 0, then one more per restart
  int round = 0;  // the round of the group it took part in (a life's start: the round it started in)
  Outcome outcome = Outcome::LeftOut;
  std::uint64_t fromVersion = 0;  // merged, already merged: the version its contribution was computed from
  std::uint64_t version = 0;      // OuterSync's after the outer step (after start() for Started)
  std::uint64_t endVersion = 0;   // after the exchange
  std::uint64_t epoch = 0;        // merged: the group that merged it
  std::vector<std::string> members;  // merged: the leaders whose contributions the all-reduce merged
  double mergedWeight = 0.0;         // merged: their tokens
  std::vector<float> parameters;     // the trainer's after the outer step: the global ones unless left out
  std::vector<double> contribution;  // merged, already merged: this leader's progress it carried, in double
  std::int64_t contributionTokens = 0;
  std::int64_t globalTokens = 0;  // the run's tokens as this leader counts them, after the outer step
  std::int64_t label = 0;         // the round number its journal gives this round (counters after it)
};

bool holdsGlobal(Outcome outcome) { return outcome != Outcome::LeftOut; }

QString leaderName(int rank) { return QString("leader-%1").arg(rank); }

class Scenario;
struct Life;

// A leader's group as its thread sees it: the in-memory group, plus what keeps the leaders in
// step. A member asked whether somebody knocked waits, when the schedule expects a knock in
// this round, until that knock is there; a join by knocking, and the pseudo-gradient all-reduce
// that succeeded, are noted for the round's record.
class SteppedGroup final : public comm::OuterGroup {
 public:
  struct Merge {
    std::uint64_t fromVersion = 0;
    std::uint64_t epoch = 0;
    std::vector<std::string> members;
    double weight = 0.0;
  };

  SteppedGroup(comm::InMemoryOuterNetwork& network, int rank, Scenario& scenario, Life& life)
      : inner_(network, rank, kReformTimeout_s, kRoundTimeout_s), scenario_(scenario), life_(life) {}

  comm::OuterFormation form(std::uint64_t version, double timeout_s, double knock_s) override;
  bool member() const override { return inner_.member(); }
  int groupSize() const override { return inner_.groupSize(); }
  int groupRank() const override { return inner_.groupRank(); }
  int rank() const override { return inner_.rank(); }
  int worldSize() const override { return inner_.worldSize(); }
  std::uint64_t epoch() const override { return inner_.epoch(); }
  const std::string& name() const override { return inner_.name(); }
  const std::string& nameOf(int rank) const override { return inner_.nameOf(rank); }
  double reformTimeout_s() const override { return inner_.reformTimeout_s(); }
  comm::OuterReduceReport allReduce(std::span<float> values, double weight, const comm::OuterReduceOptions& options) override {
    comm::OuterReduceReport report = inner_.allReduce(values, weight, options);
    if (options.stream == "pseudo-gradient") {
      Merge merge{options.baseVersion, inner_.epoch(), {}, report.totalWeight};
      for (const comm::OuterParticipant& participant : report.participants) merge.members.push_back(participant.name);
      merge_ = merge;
    }
    return report;
  }
  void shareState(std::span<float> state, int sourceRank) override { inner_.shareState(state, sourceRank); }
  bool knocked() override;
  bool shouldKnock() override { return inner_.shouldKnock(); }

  std::optional<Merge> takeMerge() { return std::exchange(merge_, std::nullopt); }

 private:
  comm::InMemoryOuterGroup inner_;
  Scenario& scenario_;
  Life& life_;
  std::optional<Merge> merge_;
};

// One life of a leader, from its start (or restart) to its kill or the end of the run.
struct Life {
  Life(comm::InMemoryOuterNetwork& network, Scenario& scenario, RecordingObserver& log, int rank, int number, int startRound,
       std::filesystem::path checkpoints)
      : rank(rank),
        number(number),
        startRound(startRound),
        checkpoints(std::move(checkpoints)),
        config(makeConfig(network.worldSize(), startRound > 0)),
        observer(leaderName(rank).toStdString(), &log),
        group(network, rank, scenario, *this),
        state(config, group, observer),
        pending(state.trainer.parameterCount(), 0.0) {}

  static DilocoWorkerConfig makeConfig(int leaders, bool rejoining) {
    DilocoWorkerConfig config = outerConfig(Compression::Fp32, kOuterLr, kOuterMomentum, leaders);
    config.wan_form_timeout_s = kFormTimeout_s;
    config.rejoining = rejoining;
    config.knock_window_s = kKnockWindow_s;
    return config;
  }

  const int rank;
  const int number;
  const int startRound;
  // This leader's checkpoint sets (train/CheckpointSet.h), written after every round and taken
  // by a restarted life, as DilocoWorker does; empty: the scenario runs without checkpoints.
  const std::filesystem::path checkpoints;
  const DilocoWorkerConfig config;  // OuterSync keeps a reference
  RecordingObserver observer;
  SteppedGroup group;
  LeaderState state;
  std::vector<double> pending;  // progress not merged yet, in double
  std::int64_t pendingTokens = 0;
  std::int64_t trainedTokens = 0;
  // Guarded by the scenario's mutex:
  int done = -1;    // the last round this life finished
  int joined = -1;  // the round in which its knock was answered
  bool stop = false;
  std::thread thread;
};

class Scenario {
 public:
  Scenario(int leaders, int rounds, std::vector<Fault> schedule, bool checkpoints)
      : leaders_(leaders), rounds_(rounds), schedule_(std::move(schedule)), network_(names(leaders)),
        lives_(static_cast<std::size_t>(leaders)), lifeCount_(static_cast<std::size_t>(leaders), 0) {
    initial_ = initialParameters(Life::makeConfig(leaders, false));
    if (checkpoints) checkpointRoot_.emplace();
  }
  ~Scenario() {
    for (int rank = 0; rank < leaders_; ++rank) endLife(rank, false);
  }

  // Runs every round, checking the invariants after each; returns what went wrong.
  QStringList run() {
    const Clock::time_point start = Clock::now();
    apply(0);
    for (int rank = 0; rank < leaders_; ++rank) spawn(rank, 0);
    for (int round = 0; round <= rounds_ && problems().isEmpty(); ++round) {
      if (round > 0) {
        apply(round);
        open(round);
      }
      awaitRound(round);
      check(round == rounds_);
    }
    for (int rank = 0; rank < leaders_; ++rank) endLife(rank, false);
    wall_s_ = std::chrono::duration<double>(Clock::now() - start).count();
    return problems();
  }

  const RecordingObserver& log() const { return log_; }
  double wall_s() const { return wall_s_; }
  std::size_t merges() const { return merges_; }

  // --- for the leaders' groups
  bool knockExpected() {
    std::lock_guard lock(mutex_);
    return !expectedKnocks_.empty();
  }
  void noteJoined(Life& life) {
    std::lock_guard lock(mutex_);
    life.joined = round_;
    wake_.notify_all();
  }
  void fail(const QString& problem) {
    std::lock_guard lock(mutex_);
    problems_ << problem;
    wake_.notify_all();
  }

 private:
  static std::vector<std::string> names(int leaders) {
    std::vector<std::string> out;
    for (int rank = 0; rank < leaders; ++rank) out.push_back(leaderName(rank).toStdString());
    return out;
  }
  QStringList problems() const {
    std::lock_guard lock(mutex_);
    return problems_;
  }

  void spawn(int rank, int round) {
    const int number = lifeCount_[static_cast<std::size_t>(rank)]++;
    const std::filesystem::path checkpoints =
        checkpointRoot_ ? std::filesystem::path(checkpointRoot_->path().toStdString()) / leaderName(rank).toStdString()
                        : std::filesystem::path();
    auto life = std::make_unique<Life>(network_, *this, log_, rank, number, round, checkpoints);
    Life& ref = *life;
    lives_[static_cast<std::size_t>(rank)] = std::move(life);
    ref.thread = std::thread([this, &ref] { runLife(ref); });
  }

  // Stops a life between rounds (as its process dies) and drops it; its unmerged progress is lost.
  void endLife(int rank, bool killed) {
    std::unique_ptr<Life>& life = lives_[static_cast<std::size_t>(rank)];
    if (!life) return;
    {
      std::lock_guard lock(mutex_);
      life->stop = true;
      wake_.notify_all();
    }
    if (life->thread.joinable()) life->thread.join();
    if (killed) lostTokens_ += life->pendingTokens;
    trainedTokens_ += life->trainedTokens;
    life.reset();  // its group leaves, as a closed connection does
  }

  void apply(int round) {
    std::vector<int> kills;
    std::vector<int> revivals;
    std::set<int> knocks;
    for (const Fault& f : schedule_) {
      if (f.round != round) continue;
      for (int a : f.a) {
        switch (f.kind) {
          case FaultKind::Kill: network_.kill(a); kills.push_back(a); break;
          case FaultKind::Revive: network_.revive(a); revivals.push_back(a); knocks.insert(a); break;
          case FaultKind::MissEnd: network_.failAfterOthersComplete(a, "pseudo-gradient"); break;
          case FaultKind::Knock: knocks.insert(a); break;
          default:
            for (int b : f.b) {
              if (f.kind == FaultKind::Cut) network_.cut(a, b);
              if (f.kind == FaultKind::Heal) network_.heal(a, b);
              if (f.kind == FaultKind::LoseOneWay) network_.loseOneWay(a, b);
              if (f.kind == FaultKind::Restore) network_.restoreOneWay(a, b);
              if (f.kind == FaultKind::LoseView) network_.loseNextView(a, b);
              if (f.kind == FaultKind::LoseConfirmation) network_.loseNextConfirmation(a, b);
            }
        }
      }
    }
    {
      std::lock_guard lock(mutex_);
      expectedKnocks_ = knocks;
    }
    for (int rank : kills) endLife(rank, true);
    for (int rank : revivals) spawn(rank, round);  // it knocks at its start, answered in this round
  }

  void open(int round) {
    std::lock_guard lock(mutex_);
    round_ = round;
    wake_.notify_all();
  }

  // Every life is done with the round, or joined the group in it by knocking (its contribution
  // then goes into the next round's all-reduce, for which it already waits).
  void awaitRound(int round) {
    std::unique_lock lock(mutex_);
    const auto settled = [&] {
      for (const auto& life : lives_) {
        if (life && life->done < round && life->joined != round) return false;
      }
      return true;
    };
    if (!wake_.wait_until(lock, Clock::now() + kRoundLimit, settled)) {
      QString where;
      for (const auto& life : lives_) {
        if (life) where += QString(" %1 done %2 joined %3;").arg(leaderName(life->rank)).arg(life->done).arg(life->joined);
      }
      problems_ << QString("round %1 did not end within %2 s:%3").arg(round).arg(kRoundLimit.count()).arg(where);
    }
  }

  // A leader's thread: start, then round after round: progress, outer step, exchange.
  void runLife(Life& life) {
    try {
      LeaderState& s = life.state;
      double roundTarget_s = 0.0;
      bool stopAgreed = false;
      if (!life.checkpoints.empty() && life.startRound > 0) restoreNewest(life);
      s.outer.start(s.counters, roundTarget_s);
      const std::size_t count = s.trainer.parameterCount();
      std::vector<float> params(count);
      RoundRecord started = recordOf(life, life.startRound, Outcome::Started);
      started.endVersion = started.version;
      finish(life, std::move(started), life.startRound);
      for (int round = life.startRound + 1; round <= rounds_; ++round) {
        if (!awaitOpen(life, round)) return;
        s.trainer.model().getParameters(params);
        const std::vector<float> delta = progressOf(life.rank, round, count, false);
        for (std::size_t i = 0; i < count; ++i) {
          params[i] -= delta[i];
          life.pending[i] += delta[i];
        }
        s.trainer.model().setParameters(params);
        life.pendingTokens += tokensOf(life.rank);
        life.trainedTokens += tokensOf(life.rank);
        const std::size_t seen = life.observer.size();
        WorkerRoundReport report;
        s.outer.outerStep(tokensOf(life.rank), s.counters, roundTarget_s, report);
        // Let in by a knock during this outer step: its contribution went into the group's next round.
        if (joinedIn(life) == round) ++round;
        const std::optional<SteppedGroup::Merge> merge = life.group.takeMerge();
        const std::vector<RunEvent> already = life.observer.ofKind(EventKind::ContributionAlreadyMerged, seen);
        RoundRecord record = recordOf(life, round, merge ? Outcome::Merged : !already.empty() ? Outcome::AlreadyMerged : Outcome::LeftOut);
        if (merge) {
          record.fromVersion = merge->fromVersion;
          record.epoch = merge->epoch;
          record.members = merge->members;
          record.mergedWeight = merge->weight;
        } else if (!already.empty()) {
          record.fromVersion = static_cast<std::uint64_t>(already.back().integer("contribution_version"));
        }
        if (record.outcome != Outcome::LeftOut) {
          record.contribution = std::exchange(life.pending, std::vector<double>(count, 0.0));
          record.contributionTokens = std::exchange(life.pendingTokens, 0);
        }
        s.outer.exchange(10.0, false, stopAgreed, roundTarget_s, s.counters);
        ++s.counters.round;
        record.label = s.counters.round;
        record.endVersion = s.outer.version();
        if (!life.checkpoints.empty()) {
          Rng rng(42);
          writeCheckpointSet(life.checkpoints, s.counters.round, captureCheckpoint(s.trainer, 42, DataCursor{}, rng),
                             s.outer.snapshot(s.counters));
        }
        finish(life, std::move(record), round);
      }
    } catch (const std::exception& e) {
      fail(QString("%1 (life %2) threw: %3").arg(leaderName(life.rank)).arg(life.number).arg(e.what()));
      std::lock_guard lock(mutex_);
      life.done = INT_MAX;
      wake_.notify_all();
    }
  }

  // A restarted leader takes its newest checkpoint set: trainer and outer state.
  void restoreNewest(Life& life) {
    LeaderState& s = life.state;
    const NewestCheckpointSet newest =
        loadNewestCheckpointSet(life.checkpoints, life.config.run.model, s.trainer.parameterCount(), static_cast<std::size_t>(leaders_));
    if (!newest.set) return;
    restoreCheckpoint(s.trainer, newest.set->inner);
    s.outer.restore(newest.set->outer, s.counters);
  }

  RoundRecord recordOf(Life& life, int round, Outcome outcome) {
    RoundRecord record;
    record.leader = life.rank;
    record.life = life.number;
    record.round = round;
    record.outcome = outcome;
    record.version = life.state.outer.version();
    record.parameters.resize(life.state.trainer.parameterCount());
    life.state.trainer.model().getParameters(record.parameters);
    record.globalTokens = life.state.counters.globalTokens;
    return record;
  }
  bool awaitOpen(Life& life, int round) {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return life.stop || round_ >= round; });
    return !life.stop;
  }
  int joinedIn(Life& life) {
    std::lock_guard lock(mutex_);
    return life.joined;
  }
  void finish(Life& life, RoundRecord record, int round) {
    std::lock_guard lock(mutex_);
    records_.push_back(std::move(record));
    life.done = round;
    wake_.notify_all();
  }

  // ---- the invariants, on every record so far
  void check(bool final);

  const int leaders_;
  const int rounds_;
  const std::vector<Fault> schedule_;
  std::optional<QTemporaryDir> checkpointRoot_;  // the leaders' checkpoint folders, when the scenario has them
  comm::InMemoryOuterNetwork network_;
  RecordingObserver log_;  // every life's events, in order
  std::vector<float> initial_;
  std::vector<std::unique_ptr<Life>> lives_;  // by rank; null while a leader is down
  std::vector<int> lifeCount_;
  std::int64_t trainedTokens_ = 0;  // by ended lives
  std::int64_t lostTokens_ = 0;     // unmerged progress of killed lives
  std::size_t merges_ = 0;
  double wall_s_ = 0.0;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  int round_ = 0;  // the round now open
  std::set<int> expectedKnocks_;
  std::vector<RoundRecord> records_;
  QStringList problems_;
};

comm::OuterFormation SteppedGroup::form(std::uint64_t version, double timeout_s, double knock_s) {
  comm::OuterFormation formation = inner_.form(version, timeout_s, knock_s);
  // Let in by a running group (the schedule's knocks): the members answered between rounds, so
  // this round's contribution meets their next round. A knock answered by leaders that were
  // outside too (all forming anew) merges in this round, like theirs.
  if (knock_s > 0.0 && formation.member && scenario_.knockExpected()) scenario_.noteJoined(life_);
  return formation;
}

bool SteppedGroup::knocked() {
  if (!scenario_.knockExpected()) return inner_.knocked();
  const Clock::time_point deadline = Clock::now() + kKnockLimit;
  while (!inner_.knocked()) {
    if (Clock::now() > deadline) {
      scenario_.fail(QString("%1 waited %2 s for a knock the schedule expects").arg(QString::fromStdString(name())).arg(kKnockLimit.count()));
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

QString describe(const std::vector<std::string>& members) {
  QStringList names;
  for (const std::string& name : members) names << QString::fromStdString(name);
  return "{" + names.join(", ") + "}";
}

void Scenario::check(bool final) {
  std::vector<RoundRecord> records;
  {
    std::lock_guard lock(mutex_);
    records = records_;
  }
  QStringList found;
  const auto where = [](const RoundRecord& r) { return QString("%1 (life %2) round %3").arg(leaderName(r.leader)).arg(r.life).arg(r.round); };

  // 1. One global state per version, bit for bit.
  std::map<std::uint64_t, const RoundRecord*> stateAt;
  for (const RoundRecord& r : records) {
    if (!holdsGlobal(r.outcome)) continue;
    const auto [first, fresh] = stateAt.emplace(r.version, &r);
    if (!fresh && first->second->parameters != r.parameters) {
      found << QString("1: %1 and %2 hold global version %3 with different parameters").arg(where(*first->second), where(r)).arg(r.version);
    }
  }

  // 2. One member set per epoch, in merges and in every formation a leader reported.
  std::map<std::uint64_t, std::pair<std::vector<std::string>, QString>> setOf;
  const auto claim = [&](std::uint64_t epoch, const std::vector<std::string>& members, const QString& who) {
    const auto [first, fresh] = setOf.emplace(epoch, std::make_pair(members, who));
    if (!fresh && first->second.first != members) {
      found << QString("2: epoch %1 has members %2 at %3 and %4 at %5")
                   .arg(epoch).arg(describe(first->second.first), first->second.second, describe(members), who);
    }
  };
  for (const RoundRecord& r : records) {
    if (r.outcome == Outcome::Merged) claim(r.epoch, r.members, where(r));
  }
  for (const auto& [who, event] : log_.all()) {
    if (event.kind == EventKind::WanGroupFormed) {
      claim(static_cast<std::uint64_t>(event.integer("epoch")), event.names("members"), QString::fromStdString(who) + " formation");
    }
  }

  // 3. At most one merge per version; the replay of exactly the merged contributions.
  std::map<std::uint64_t, const RoundRecord*> mergeFrom;
  for (const RoundRecord& r : records) {
    if (r.outcome != Outcome::Merged) continue;
    const auto [first, fresh] = mergeFrom.emplace(r.fromVersion, &r);
    const RoundRecord& m = *first->second;
    if (!fresh && (m.epoch != r.epoch || m.members != r.members || m.mergedWeight != r.mergedWeight)) {
      found << QString("3: two merges from version %1: epoch %2 %3 (%4) and epoch %5 %6 (%7)")
                   .arg(r.fromVersion).arg(m.epoch).arg(describe(m.members), where(m)).arg(r.epoch).arg(describe(r.members), where(r));
    }
  }
  std::vector<double> global(initial_.begin(), initial_.end());
  std::vector<double> momentum(global.size(), 0.0);
  std::map<std::uint64_t, std::vector<double>> replayAt{{0, global}};
  std::map<std::uint64_t, std::int64_t> tokensAt{{0, 0}};
  std::int64_t tokens = 0;
  std::uint64_t version = 0;
  for (; mergeFrom.count(version) != 0; ++version) {
    const RoundRecord& m = *mergeFrom.at(version);
    std::vector<double> sum(global.size(), 0.0);
    std::int64_t weight = 0;
    for (const std::string& member : m.members) {
      const RoundRecord* mine = nullptr;
      int contributions = 0;
      for (const RoundRecord& r : records) {
        if (leaderName(r.leader).toStdString() == member && (r.outcome == Outcome::Merged || r.outcome == Outcome::AlreadyMerged) &&
            r.fromVersion == version) {
          mine = &r;
          ++contributions;
        }
      }
      if (contributions != 1) {
        found << QString("3: the merge from version %1 (%2) holds %3, who recorded %4 contributions from that version")
                     .arg(version).arg(where(m), QString::fromStdString(member)).arg(contributions);
        continue;
      }
      for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += mine->contribution[i] * static_cast<double>(mine->contributionTokens);
      weight += mine->contributionTokens;
    }
    if (static_cast<double>(weight) != m.mergedWeight) {
      found << QString("3: the merge from version %1 weighs %2 tokens; its members' contributions hold %3")
                   .arg(version).arg(m.mergedWeight).arg(weight);
    }
    for (std::size_t i = 0; i < global.size(); ++i) {
      const double average = weight > 0 ? sum[i] / static_cast<double>(weight) : 0.0;
      momentum[i] = kOuterMomentum * momentum[i] + average;
      global[i] -= kOuterLr * (average + kOuterMomentum * momentum[i]);
    }
    tokens += weight;
    replayAt[version + 1] = global;
    tokensAt[version + 1] = tokens;
  }
  if (mergeFrom.size() != version) found << QString("3: merges skip a version: %1 merges, versions 0 to %2 in a row").arg(mergeFrom.size()).arg(version);
  merges_ = mergeFrom.size();
  for (const RoundRecord& r : records) {
    if (!holdsGlobal(r.outcome)) continue;
    if (replayAt.count(r.version) == 0) {
      found << QString("3: %1 holds version %2, which no merge produced").arg(where(r)).arg(r.version);
      continue;
    }
    double worst = 0.0;
    const std::vector<double>& exact = replayAt.at(r.version);
    for (std::size_t i = 0; i < exact.size(); ++i) worst = std::max(worst, std::fabs(r.parameters[i] - exact[i]));
    if (worst > kReplayTolerance) found << QString("3: %1 is %2 away from the replay of version %3").arg(where(r)).arg(worst).arg(r.version);
    if (r.globalTokens != tokensAt.at(r.version)) {
      found << QString("3: %1 counts %2 tokens at version %3, the merges %4").arg(where(r)).arg(r.globalTokens).arg(r.version).arg(tokensAt.at(r.version));
    }
  }

  // 4. Versions never go back, a leader's restarts included.
  std::map<int, const RoundRecord*> last;
  for (const RoundRecord& r : records) {
    const auto previous = last.find(r.leader);
    if (previous != last.end() && (r.version < previous->second->endVersion || r.endVersion < r.version)) {
      found << QString("4: %1 went back from version %2 to %3").arg(where(r)).arg(previous->second->endVersion).arg(std::min(r.version, r.endVersion));
    }
    last[r.leader] = &r;
  }

  // 6. A contribution dropped as already merged is the round that merged it: same round number.
  for (const RoundRecord& r : records) {
    if (r.outcome != Outcome::AlreadyMerged) continue;
    for (const RoundRecord& m : records) {
      if (m.outcome == Outcome::Merged && m.fromVersion == r.fromVersion && m.label != r.label) {
        found << QString("6: %1 labels its already merged round %2; %3 merged it as round %4").arg(where(r)).arg(r.label).arg(where(m)).arg(m.label);
        break;
      }
    }
  }

  // 5. The run ends in one group of every leader, all counting every token not lost with a kill.
  if (final) {
    std::int64_t trained = trainedTokens_;
    for (const auto& life : lives_) {
      if (life) trained += life->trainedTokens;
    }
    for (int rank = 0; rank < leaders_; ++rank) {
      const auto mine = last.find(rank);
      if (mine == last.end()) {
        found << QString("5: %1 recorded nothing").arg(leaderName(rank));
        continue;
      }
      const RoundRecord& r = *mine->second;
      const RoundRecord& first = *last.begin()->second;
      if (r.round != rounds_ || r.outcome != Outcome::Merged || static_cast<int>(r.members.size()) != leaders_ || r.epoch != first.epoch) {
        found << QString("5: %1 ends outside the group of every leader (members %2, epoch %3)").arg(where(r), describe(r.members)).arg(r.epoch);
      }
      if (r.globalTokens != trained - lostTokens_) {
        found << QString("5: %1 ends with %2 tokens; %3 were trained, %4 of them lost with killed leaders")
                     .arg(where(r)).arg(r.globalTokens).arg(trained).arg(lostTokens_);
      }
    }
  }
  if (!found.isEmpty()) {
    std::lock_guard lock(mutex_);
    problems_ << found;
  }
}

}  // namespace

class OuterFaultsTest : public QObject {
  Q_OBJECT

 private slots:
  void scenario_data() {
    QTest::addColumn<int>("leaders");
    QTest::addColumn<int>("rounds");
    QTest::addColumn<QString>("faults");
    QTest::addColumn<QString>("events");  // "kind=count ..." the run-wide log must hold
    QTest::addColumn<bool>("print");      // print the typed event log
    QTest::addColumn<bool>("checkpoints");  // leaders write checkpoint sets; a restarted one takes its newest

    QTest::newRow("no fault") << 3 << 5 << "" << "outer-round-failed=0 wan-group-formed=3" << false << false;
    QTest::newRow("5 leaders, no fault") << 5 << 4 << "" << "outer-round-failed=0 wan-group-formed=5" << false << false;
    QTest::newRow("leader killed, revived") << 3 << 7 << "kill:1@3 revive:1@5" << "global-state-taken=1" << false << false;
    QTest::newRow("partition {0,1}|{2} heals") << 3 << 7 << "cut:0,1/2@2 heal:0,1/2@5 knock:2@5"
                                               << "left-out-of-round=3 global-state-taken=1" << true << false;
    QTest::newRow("5 leaders, partition {0,1,2}|{3,4} heals")
        << 5 << 6 << "cut:0,1,2/3,4@2 heal:0,1,2/3,4@4 knock:3,4@4" << "left-out-of-round=4 global-state-taken=2" << false << false;
    QTest::newRow("one-way loss 2->0, restored") << 3 << 7 << "oneway:2/0@3 restore:2/0@5 knock:2@5"
                                                 << "left-out-of-round=2 global-state-taken=1" << false << false;
    QTest::newRow("view lost at the run start") << 3 << 4 << "loseview:2/0@0" << "outer-round-failed=0" << false << false;
    QTest::newRow("confirmation lost while re-forming") << 3 << 7 << "kill:2@3 loseconfirm:1/0@3 revive:2@5"
                                                        << "outer-round-failed=3 outer-round-recovered=2 global-state-taken=1" << false << false;
    QTest::newRow("end of a round missed") << 3 << 6 << "missend:1@3"
                                           << "contribution-already-merged=1 outer-round-failed=1 wan-exchange-failed=2" << false << false;
    // Every link cut: each leader is left outside, and no group runs. When the link 1-2 comes
    // back, 1 and 2 hold a quorum: they must form a group of two, though nobody is inside one to
    // answer their knocks; 0 knocks its way in once its links are back.
    QTest::newRow("no group left: two outside leaders form anew")
        << 3 << 9 << "cut:0/1,2@2 cut:1/2@2 heal:1/2@4 heal:0/1,2@6 knock:0@6" << "left-out-of-round=8" << true << false;
    QTest::newRow("every leader restarted in turn")
        << 3 << 9 << "kill:0@2 revive:0@3 kill:1@4 revive:1@5 kill:2@6 revive:2@7" << "global-state-taken=3" << false << false;
    // Every process of the run gone at once (a power cut, or a stop and a resume): the leaders
    // come back from their checkpoint sets, find no group to knock on and form anew, versions
    // going on from where they were.
    QTest::newRow("all leaders restarted at once, from checkpoints")
        << 3 << 7 << "kill:0,1,2@4 revive:0,1,2@5" << "wan-group-formed=6 global-state-taken=0" << true << true;
  }

  void scenario() {
    QFETCH(int, leaders);
    QFETCH(int, rounds);
    QFETCH(QString, faults);
    QFETCH(QString, events);
    QFETCH(bool, print);
    QFETCH(bool, checkpoints);
    QString error;
    std::vector<Fault> schedule = parseSchedule(faults, leaders, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Scenario scenario(leaders, rounds, std::move(schedule), checkpoints);
    const QStringList problems = scenario.run();
    const QString log = scenario.log().text(false);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n") + "\n" + log));
    for (const QString& expected : events.split(' ', Qt::SkipEmptyParts)) {
      const QString kindName = expected.section('=', 0, 0);
      const auto kind = parseEventKind(kindName.toStdString());
      QVERIFY2(kind, qPrintable("unknown event kind " + kindName));
      const auto count = static_cast<int>(scenario.log().ofKind(*kind).size());
      QVERIFY2(count == expected.section('=', 1).toInt(),
               qPrintable(QString("%1 events of kind %2, expected %3\n%4").arg(count).arg(kindName, expected.section('=', 1), log)));
    }
    qInfo("%d leaders, %d rounds, %zu merges in %.2f s", leaders, rounds, scenario.merges(), scenario.wall_s());
    if (print) qInfo("typed event log:\n%s", qPrintable(log));
  }
};

QTEST_GUILESS_MAIN(OuterFaultsTest)
#include "tst_outer_faults.moc"
