#pragma once
// Parsing untrusted JSON text (docs/architecture.md#limits-on-outside-input): size and nesting
// limits checked before any value is built, syntax errors with line/column/byte offset, and
// duplicate keys (which nlohmann would silently collapse to the last one) reported with pointers.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"

namespace archi {

// What one kind of document may cost. Each format names its own (ProjectLimits.h,
// WorkerSpec.h, MetricsJournal.h, AgentRequests.h, GpuCatalog.h).
struct JsonLimits {
  std::size_t max_bytes = 0;  // longer text is refused unread
  int max_depth = 0;          // arrays and objects nested deeper are refused before parsing
};

// Where a document first nests deeper than `maxDepth`: the byte offset of the bracket that
// opens level maxDepth + 1, found by one pass that allocates nothing; nullopt when it does not.
std::optional<std::size_t> findExcessiveNesting(std::string_view text, int maxDepth);

// "line 3, column 7 (byte 41)"
std::string describeTextOffset(std::string_view text, std::size_t byteOffset);

// Returns the document, or nullopt with the reason in `diagnostics` (too large, too deep, not
// JSON, a number out of range). Duplicate keys are reported as errors but the document is
// still returned so that validation can go on. Never throws for any input.
std::optional<nlohmann::json> parseJsonDocument(std::string_view text, Diagnostics& diagnostics,
                                                const JsonLimits& limits);

}  // namespace archi
