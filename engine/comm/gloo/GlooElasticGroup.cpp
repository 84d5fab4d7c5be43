#include "comm/gloo/GlooElasticGroup.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <unistd.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

#include "comm/collective/CollectiveError.h"
#include "comm/collective/SoloCollective.h"
#include "comm/gloo/RendezvousError.h"
#include "core/WallClock.h"

namespace archi::comm {
namespace {

using Kind = CollectiveError::Kind;
constexpr std::chrono::milliseconds kPoll{50};
constexpr std::chrono::milliseconds kStoreRequest{2000};
constexpr std::chrono::seconds kLogEvery{10};
constexpr int kFormAttempts = 4;

std::vector<char> bytesOf(const std::string& text) { return {text.begin(), text.end()}; }
std::string textOf(const std::vector<char>& bytes) { return {bytes.begin(), bytes.end()}; }

// Distinct for every life of a leader's store: time and process id.
std::string freshNonce() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ns = static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
  return fmt::format("{:x}{:x}", ns, static_cast<unsigned>(::getpid()));
}

std::vector<int> difference(const std::vector<int>& a, const std::vector<int>& b) {
  std::vector<int> out;
  for (int x : a) {
    if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
  }
  return out;
}

}  // namespace

GlooElasticGroup::GlooElasticGroup(ElasticGroupOptions options, const std::atomic<bool>& stop)
    : options_(std::move(options)), store_(options_.gloo.rendezvous, options_.gloo.rendezvousSecret, kStoreRequest, kStoreRequest) {
  if (options_.slotCount < 1 || options_.slot < 0 || options_.slot >= options_.slotCount) {
    throw CollectiveError(Kind::InvalidArgument,
                          fmt::format("elastic group: slot {} is outside 0..{}", options_.slot, options_.slotCount - 1));
  }
  if (options_.slotCount == 1) {
    members_ = {0};
    number_ = 1;
    group_ = std::make_unique<SoloCollective>();
    return;
  }
  if (options_.slot == 0) {
    nonce_ = freshNonce();
    number_ = 0;
    try {
      store_.set(key("gen"), bytesOf(fmt::format("{} 0 0", nonce_)));
    } catch (const RendezvousError& e) {
      throw CollectiveError(Kind::Rendezvous, fmt::format("elastic group: cannot publish generation 0: {}", e.what()));
    }
    leaderRegroup(stop, true);
  } else {
    memberRegroup(stop);
  }
}

GlooElasticGroup::~GlooElasticGroup() = default;

std::string GlooElasticGroup::key(const std::string& name) const { return options_.gloo.groupName + "/elastic/" + name; }

void GlooElasticGroup::log(const std::string& text) const {
  if (options_.log) options_.log(text);
}

std::optional<GlooElasticGroup::Generation> GlooElasticGroup::readGeneration() {
  const auto value = store_.tryGet(key("gen"));
  if (!value) return std::nullopt;
  std::istringstream in(textOf(*value));
  Generation g;
  std::string memberSlots;
  if (!(in >> g.nonce >> g.number >> memberSlots)) {
    throw CollectiveError(Kind::Rendezvous, fmt::format("elastic group: malformed generation record '{}'", textOf(*value)));
  }
  std::istringstream list(memberSlots);
  for (std::string item; std::getline(list, item, ',');) {
    try {
      g.memberSlots.push_back(std::stoi(item));
    } catch (const std::exception&) {
      throw CollectiveError(Kind::Rendezvous, fmt::format("elastic group: malformed slot '{}' in '{}'", item, textOf(*value)));
    }
  }
  return g;
}

void GlooElasticGroup::form(const Generation& generation) {
  const auto self = std::find(generation.memberSlots.begin(), generation.memberSlots.end(), options_.slot);
  if (self == generation.memberSlots.end()) {
    throw CollectiveError(Kind::InvalidArgument,
                          fmt::format("elastic group: slot {} is not in generation {}", options_.slot, generation.number));
  }
  group_.reset();
  GlooOptions gloo = options_.gloo;
  gloo.rank = static_cast<int>(self - generation.memberSlots.begin());
  gloo.worldSize = static_cast<int>(generation.memberSlots.size());
  gloo.groupName = fmt::format("{}-{}-g{}", options_.gloo.groupName, generation.nonce, generation.number);
  gloo.rendezvousTimeout = options_.formTimeout;
  nonce_ = generation.nonce;
  number_ = generation.number;
  members_ = generation.memberSlots;
  group_ = makeGlooCollective(gloo);
}

bool GlooElasticGroup::joinRequested() {
  if (options_.slot != 0 || options_.slotCount < 2) return false;
  const auto now = std::chrono::steady_clock::now();
  if (now - lastJoinCheck_ < std::chrono::seconds(1)) return false;
  lastJoinCheck_ = now;
  try {
    const auto value = store_.tryGet(key("join"));
    if (!value) return false;
    std::istringstream in(textOf(*value));
    std::string nonce;
    std::int64_t number = 0;
    int slot = 0;
    if (!(in >> nonce >> number >> slot)) return false;
    return nonce == nonce_ && number == number_ + 1 &&
           std::find(members_.begin(), members_.end(), slot) == members_.end();
  } catch (const RendezvousError&) {
    return false;  // our own store: a failed lookup only delays the join to the next check
  }
}

std::optional<RegroupResult> GlooElasticGroup::regroup(const std::atomic<bool>& stop) {
  if (options_.slotCount < 2) {
    throw CollectiveError(Kind::Unusable, "elastic group: a datacenter of one worker has nobody to regroup with");
  }
  return options_.slot == 0 ? leaderRegroup(stop, false) : memberRegroup(stop);
}

std::optional<RegroupResult> GlooElasticGroup::leaderRegroup(const std::atomic<bool>& stop, bool first) {
  // Dropping the group closes its connections: peers still inside an operation fail now
  // instead of at their deadline.
  group_.reset();
  const std::vector<int> previous = members_;
  std::vector<int> expected;
  for (int s = 1; s < options_.slotCount; ++s) {
    if (first || std::find(previous.begin(), previous.end(), s) != previous.end()) expected.push_back(s);
  }
  std::string lastError;
  for (int attempt = 0; attempt < kFormAttempts; ++attempt) {
    const std::int64_t next = number_ + 1;
    const std::string wanted = fmt::format("{} {}", nonce_, next);
    std::set<int> announced;
    const auto waitStart = std::chrono::steady_clock::now();
    const auto wait = first ? options_.initialWait : options_.memberGrace;
    for (;;) {
      if (stop.load()) return std::nullopt;
      for (int s = 1; s < options_.slotCount; ++s) {
        if (announced.count(s) != 0) continue;
        try {
          const auto value = store_.tryGet(key(fmt::format("want/{}", s)));
          if (value && textOf(*value) == wanted) announced.insert(s);
        } catch (const RendezvousError& e) {
          lastError = e.what();
        }
      }
      const bool all = std::all_of(expected.begin(), expected.end(), [&](int s) { return announced.count(s) != 0; });
      if (all || std::chrono::steady_clock::now() - waitStart > wait) break;
      std::this_thread::sleep_for(kPoll);
    }
    Generation generation{nonce_, next, {0}};
    generation.memberSlots.insert(generation.memberSlots.end(), announced.begin(), announced.end());
    try {
      store_.set(key("gen"), bytesOf(fmt::format("{} {} {}", nonce_, next, fmt::join(generation.memberSlots, ","))));
      form(generation);
    } catch (const CollectiveError& e) {
      // Someone listed died while forming: the others fail too and announce for the next one.
      lastError = e.what();
      log(fmt::format("generation {} of {} could not form ({}); trying again", next, options_.gloo.groupName, e.what()));
      number_ = next;
      group_.reset();
      expected.assign(generation.memberSlots.begin() + 1, generation.memberSlots.end());
      continue;
    } catch (const RendezvousError& e) {
      throw CollectiveError(Kind::Rendezvous, fmt::format("elastic group: cannot publish generation {}: {}", next, e.what()));
    }
    RegroupResult result;
    result.generation = next;
    result.lost = difference(previous, members_);
    result.joined = first ? std::vector<int>{} : difference(members_, previous);
    return result;
  }
  throw CollectiveError(Kind::Timeout, fmt::format("elastic group {}: no generation formed in {} attempts; last error: {}",
                                                   options_.gloo.groupName, kFormAttempts, lastError));
}

std::optional<RegroupResult> GlooElasticGroup::memberRegroup(const std::atomic<bool>& stop) {
  group_.reset();
  const std::vector<int> previous = members_;
  const std::string previousNonce = nonce_;
  const auto start = std::chrono::steady_clock::now();
  auto lastLog = start;
  std::optional<std::pair<std::string, std::int64_t>> announced;
  std::string lastProblem = "no generation record yet";
  for (;;) {
    if (stop.load()) return std::nullopt;
    if (std::chrono::steady_clock::now() - start > options_.memberWait) {
      throw CollectiveError(Kind::Timeout,
                            fmt::format("slot {} waited {:.0f} s for its leader to take it into a generation of group {} "
                                        "at store {} and gave up: {}",
                                        options_.slot, secondsSince(start), options_.gloo.groupName,
                                        formatHostPort(options_.gloo.rendezvous), lastProblem));
    }
    try {
      const std::optional<Generation> g = readGeneration();
      if (g) {
        lastProblem = fmt::format("the current generation is {} {} without this slot", g->nonce, g->number);
        if (announced && announced->first == g->nonce && announced->second == g->number) {
          if (std::find(g->memberSlots.begin(), g->memberSlots.end(), options_.slot) != g->memberSlots.end()) {
            try {
              form(*g);
              RegroupResult result;
              result.generation = g->number;
              result.lost = difference(previous, members_);
              result.joined = difference(members_, previous);
              result.newLeader = !previousNonce.empty() && previousNonce != g->nonce;
              return result;
            } catch (const CollectiveError& e) {
              lastProblem = e.what();
              log(fmt::format("generation {} could not form ({}); announcing for the next", g->number, e.what()));
            }
          }
          announced.reset();  // formed without this slot (or failed): ask for the next one
        }
        if (!announced || announced->first != g->nonce || g->number >= announced->second) {
          announced = std::make_pair(g->nonce, g->number + 1);
          const std::string want = fmt::format("{} {}", g->nonce, g->number + 1);
          store_.set(key(fmt::format("want/{}", options_.slot)), bytesOf(want));
          store_.set(key("join"), bytesOf(fmt::format("{} {}", want, options_.slot)));
        }
      }
    } catch (const RendezvousError& e) {
      lastProblem = fmt::format("the leader's store is unreachable ({})", e.what());
    }
    if (std::chrono::steady_clock::now() - lastLog > kLogEvery) {
      lastLog = std::chrono::steady_clock::now();
      log(fmt::format("waiting {:.0f} s so far for the leader to take slot {} into group {}: {}", secondsSince(start),
                      options_.slot, options_.gloo.groupName, lastProblem));
    }
    std::this_thread::sleep_for(kPoll);
  }
}

}  // namespace archi::comm
