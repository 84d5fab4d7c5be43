#include "comm/collective/OuterGroup.h"

#include <algorithm>
#include <bit>

namespace archi::comm {
namespace {

bool knownEdge(const std::vector<std::uint32_t>& reach, int a, int b) {
  const std::uint32_t bitA = 1u << a;
  const std::uint32_t bitB = 1u << b;
  const bool knowA = reach[static_cast<std::size_t>(a)] != 0;
  const bool knowB = reach[static_cast<std::size_t>(b)] != 0;
  if (!knowA && !knowB) return false;
  if (knowA && (reach[static_cast<std::size_t>(a)] & bitB) == 0) return false;
  if (knowB && (reach[static_cast<std::size_t>(b)] & bitA) == 0) return false;
  return true;
}

}  // namespace

std::uint32_t chooseMembers(const std::vector<std::uint32_t>& reach, int quorum) {
  const int world = static_cast<int>(reach.size());
  if (world < 1 || world > kMaxOuterLeaders) return 0;
  std::uint32_t best = 0;
  int bestSize = 0;
  for (std::uint32_t mask = 1; mask < (1u << world); ++mask) {
    const int size = std::popcount(mask);
    if (size < quorum || size < bestSize || (size == bestSize && mask > best)) continue;
    bool clique = true;
    for (int a = 0; a < world && clique; ++a) {
      if ((mask & (1u << a)) == 0) continue;
      for (int b = a + 1; b < world && clique; ++b) {
        if ((mask & (1u << b)) != 0) clique = knownEdge(reach, a, b);
      }
    }
    if (clique) {
      best = mask;
      bestSize = size;
    }
  }
  return best;
}

FormationPlan planFormation(const LeaderViews& views, int me, const std::vector<std::string>& names) {
  const int world = static_cast<int>(views.reach.size());
  FormationPlan plan;
  plan.chosen = chooseMembers(views.reach, world / 2 + 1);
  std::uint64_t newestEpoch = 0;
  std::uint64_t newestVersion = 0;
  OuterFormation& formation = plan.formation;
  for (int rank = 0; rank < world; ++rank) {
    const auto r = static_cast<std::size_t>(rank);
    if ((plan.chosen & (1u << rank)) == 0) {
      if (rank != me) formation.unreachable.push_back(names[r]);  // the others left out (or outside with us)
      continue;
    }
    plan.memberRanks.push_back(rank);
    formation.members.push_back(names[r]);
    formation.versions.push_back(views.versions[r]);
    newestEpoch = std::max(newestEpoch, views.epochs[r]);
    if (formation.sourceRank < 0 || views.versions[r] > newestVersion) {
      newestVersion = views.versions[r];
      formation.sourceRank = static_cast<int>(plan.memberRanks.size()) - 1;
    }
  }
  plan.epoch = newestEpoch + 1;
  formation.member = (plan.chosen & (1u << me)) != 0;
  formation.epoch = formation.member ? plan.epoch : 0;
  formation.needsStateShare = std::any_of(formation.versions.begin(), formation.versions.end(),
                                          [&](std::uint64_t v) { return v != formation.versions.front(); });
  return plan;
}

std::string describeMask(std::uint32_t mask, const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t rank = 0; rank < names.size() && rank < 32; ++rank) {
    if ((mask & (1u << rank)) != 0) text += (text.empty() ? "" : ", ") + names[rank];
  }
  return text.empty() ? "nobody" : text;
}

std::string checkConfirmations(std::uint32_t chosen, std::uint64_t epoch, const std::vector<MemberConfirmation>& confirmed,
                               const std::vector<std::string>& names) {
  std::string problems;
  for (std::size_t rank = 0; rank < confirmed.size() && rank < names.size(); ++rank) {
    if ((chosen & (1u << rank)) == 0) continue;
    const MemberConfirmation& theirs = confirmed[rank];
    std::string problem;
    if (theirs.mask == 0) {
      problem = names[rank] + " did not confirm";
    } else if (theirs.mask != chosen) {
      problem = names[rank] + " chose {" + describeMask(theirs.mask, names) + "}";
    } else if (theirs.epoch != epoch) {
      problem = names[rank] + " confirmed epoch " + std::to_string(theirs.epoch);
    }
    if (!problem.empty()) problems += (problems.empty() ? "" : "; ") + problem;
  }
  if (problems.empty()) return {};
  return "we chose {" + describeMask(chosen, names) + "} in epoch " + std::to_string(epoch) + ", but " + problems;
}

}  // namespace archi::comm
