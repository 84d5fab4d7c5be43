#include "core/TextSimilarity.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace archi {
namespace {

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::size_t editDistance(std::string_view a_in, std::string_view b_in) {
  const std::string a = lowered(a_in);
  const std::string b = lowered(b_in);
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closestMatch(std::string_view typed,
                                        const std::vector<std::string>& candidates) {
  if (typed.size() > kMaxSuggestedInputBytes) return std::nullopt;
  const std::string typedLower = lowered(typed);
  std::optional<std::string> best;
  std::size_t bestDistance = 0;
  for (const std::string& candidate : candidates) {
    const std::size_t tolerance = std::max<std::size_t>(2, candidate.size() / 3);
    const std::size_t lengthGap = candidate.size() > typed.size() ? candidate.size() - typed.size()
                                                                  : typed.size() - candidate.size();
    const std::string candidateLower = lowered(candidate.substr(0, typed.size() + tolerance + 1));
    // "a100" for "A100-80G": a prefix is a strong hint even when the distance is large.
    const bool isPrefix = !typedLower.empty() && candidateLower.starts_with(typedLower);
    std::size_t distance = 0;
    if (isPrefix) {
      distance = lengthGap == 0 ? 0 : 1;
    } else if (lengthGap > tolerance) {
      continue;  // at least lengthGap edits apart: too far, and not worth the quadratic count
    } else {
      distance = editDistance(typedLower, candidateLower);
    }
    if (distance <= tolerance && (!best || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

}  // namespace archi
