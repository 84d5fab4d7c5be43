#include "control/Fault.h"

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>

namespace archi {
namespace {

// A whole-string non-negative number, or nullopt.
std::optional<double> number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value) || value < 0.0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Fault> parseFault(const std::string& text, std::string& error) {
  const auto colon = text.find(':');
  const auto at = text.rfind('@');
  if (colon == std::string::npos || at == std::string::npos || at < colon) {
    error = fmt::format("fault '{}': expected <kind>:<target>@<seconds>...", text);
    return std::nullopt;
  }
  const std::string kind = text.substr(0, colon);
  const std::string target = text.substr(colon + 1, at - colon - 1);
  std::string when = text.substr(at + 1);
  if (target.empty()) {
    error = fmt::format("fault '{}': no target before '@' (byte {})", text, at);
    return std::nullopt;
  }
  Fault fault;
  std::string suffix;  // what follows the time: "+<s>" or "x<factor>"
  const auto mark = when.find_first_of("+x");
  if (mark != std::string::npos) {
    suffix = when.substr(mark);
    when = when.substr(0, mark);
  }
  const auto atSeconds = number(when);
  if (!atSeconds) {
    error = fmt::format("fault '{}': '{}' after '@' is not a non-negative number of seconds", text, when);
    return std::nullopt;
  }
  fault.at_s = *atSeconds;
  if (kind == "kill") {
    fault.kind = FaultKind::KillWorker;
    fault.worker_id = target;
    if (!suffix.empty()) {
      const auto delay = suffix[0] == '+' ? number(suffix.substr(1)) : std::nullopt;
      if (!delay) {
        error = fmt::format("fault '{}': expected +<restart-after-seconds> after the time, got '{}'", text, suffix);
        return std::nullopt;
      }
      fault.restart_after_s = *delay;
    }
  } else if (kind == "throttle") {
    fault.kind = FaultKind::Throttle;
    fault.worker_id = target;
    const auto factor = !suffix.empty() && suffix[0] == 'x' ? number(suffix.substr(1)) : std::nullopt;
    if (!factor || *factor <= 0.0 || *factor > 100.0) {
      error = fmt::format("fault '{}': expected x<factor> in (0, 100] after the time, got '{}'", text, suffix);
      return std::nullopt;
    }
    fault.factor = *factor;
  } else if (kind == "cut") {
    fault.kind = FaultKind::CutLink;
    const auto slash = target.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == target.size()) {
      error = fmt::format("fault '{}': expected <dc-a>/<dc-b> as the link to cut", text);
      return std::nullopt;
    }
    fault.dc_a = target.substr(0, slash);
    fault.dc_b = target.substr(slash + 1);
    const auto duration = !suffix.empty() && suffix[0] == '+' ? number(suffix.substr(1)) : std::nullopt;
    if (!duration) {
      error = fmt::format("fault '{}': expected +<duration-seconds> after the time, got '{}'", text, suffix);
      return std::nullopt;
    }
    fault.duration_s = *duration;
  } else {
    error = fmt::format("fault '{}': unknown kind '{}' (kill, throttle or cut)", text, kind);
    return std::nullopt;
  }
  return fault;
}

std::string describeFault(const Fault& fault) {
  switch (fault.kind) {
    case FaultKind::KillWorker:
      return fault.restart_after_s >= 0.0
                 ? fmt::format("kill worker {} at {:g} s (restart after {:g} s)", fault.worker_id, fault.at_s, fault.restart_after_s)
                 : fmt::format("kill worker {} at {:g} s", fault.worker_id, fault.at_s);
    case FaultKind::Throttle:
      return fmt::format("throttle worker {} to {:g}× its pace at {:g} s (emulated)", fault.worker_id, fault.factor, fault.at_s);
    case FaultKind::CutLink:
      return fmt::format("cut the WAN link {}–{} at {:g} s for {:g} s", fault.dc_a, fault.dc_b, fault.at_s, fault.duration_s);
  }
  return "unknown fault";
}

}  // namespace archi
