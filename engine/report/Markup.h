#pragma once
// Text placed in HTML or SVG: every run name, event text and sample is written through this,
// so that a "<script>" in a prompt stays text.

#include <string>
#include <string_view>

namespace archi::report {

// & < > " ' as character references; other bytes unchanged.
std::string escapeMarkup(std::string_view text);

}  // namespace archi::report
