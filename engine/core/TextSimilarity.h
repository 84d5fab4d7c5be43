#pragma once
// "Did you mean …?" suggestions for mistyped names (GPU types, datacenter ids).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archi {

// Levenshtein distance, case-insensitive.
std::size_t editDistance(std::string_view a, std::string_view b);

// The closest candidate when it is plausibly what was meant (a prefix of it, or within
// roughly a third of its length in edits); nullopt when nothing is close.
std::optional<std::string> closestMatch(std::string_view typed,
                                        const std::vector<std::string>& candidates);

}  // namespace archi
