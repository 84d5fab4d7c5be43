#pragma once
// Parsing untrusted JSON text: syntax errors with line/column/byte offset, and duplicate
// keys (which nlohmann would silently collapse to the last one) reported with pointers.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"

namespace archi {

// Returns the document, or nullopt with the reason in `diagnostics`. Duplicate keys are
// reported as errors but the document is still returned so that validation can go on.
std::optional<nlohmann::json> parseJsonDocument(const std::string& text, Diagnostics& diagnostics);

}  // namespace archi
