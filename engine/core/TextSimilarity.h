#pragma once
// "Did you mean …?" suggestions for mistyped names (GPU types, datacenter ids).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Diagnostic.h"

namespace archi {

// Levenshtein distance, case-insensitive.
std::size_t editDistance(std::string_view a, std::string_view b);

// A hint costs an edit distance per candidate: only the first problems of a list get one (a
// file with more has bigger problems than typos), so that hints never cost more than reading it.
inline constexpr std::size_t kMaxHintedProblems = 100;
inline bool wantsHint(const Diagnostics& diagnostics) { return diagnostics.all().size() < kMaxHintedProblems; }

// Nobody mistypes a name this long: longer input gets no suggestion, which bounds the cost of
// one suggestion (the edit distance is quadratic) whatever a hostile file holds.
inline constexpr std::size_t kMaxSuggestedInputBytes = 64;

// The closest candidate when it is plausibly what was meant (a prefix of it, or within
// roughly a third of its length in edits); nullopt when nothing is close.
std::optional<std::string> closestMatch(std::string_view typed,
                                        const std::vector<std::string>& candidates);

}  // namespace archi
