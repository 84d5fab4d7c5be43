#include "core/JsonFieldReader.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/JsonPointer.h"
#include "core/TextSimilarity.h"

namespace archi {

std::string jsonTypeName(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "boolean";
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  if (value.is_array()) return "array";
  return "object";
}

std::size_t readableCount(const nlohmann::json& array, std::size_t limit, const std::string& pointer,
                          std::string_view what, Diagnostics& diagnostics) {
  if (array.size() <= limit) return array.size();
  diagnostics.error(pointerChild(pointer, limit), "past the limit of " + std::to_string(limit) + " " + std::string(what) +
                                                     " (the array holds " + std::to_string(array.size()) +
                                                     "): this one and the rest are not read");
  return limit;
}

JsonObjectReader::JsonObjectReader(const nlohmann::json& value, std::string pointer,
                                   Diagnostics& diagnostics)
    : pointer_(std::move(pointer)), diagnostics_(diagnostics) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    diagnostics_.error(pointer_, "must be an object (got " + jsonTypeName(value) + ")");
  }
}

std::string JsonObjectReader::childPointer(std::string_view key) const {
  return pointerChild(pointer_, key);
}

const nlohmann::json* JsonObjectReader::field(std::string_view key, Presence presence) {
  knownKeys_.emplace_back(key);
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(std::string(key));
  if (it == object_->end()) {
    if (presence == Presence::Required) {
      diagnostics_.error(childPointer(key), "required key is missing");
    }
    return nullptr;
  }
  return &*it;
}

void JsonObjectReader::wrongType(std::string_view key, const char* expected,
                                 const nlohmann::json& got) {
  diagnostics_.error(childPointer(key),
                     std::string("must be ") + expected + " (got " + jsonTypeName(got) + ")");
}

std::optional<std::string> JsonObjectReader::string(std::string_view key, Presence presence) {
  const nlohmann::json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    wrongType(key, "a string", *value);
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::int64_t> JsonObjectReader::integer(std::string_view key, Presence presence) {
  const nlohmann::json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto unsignedValue = value->get<std::uint64_t>();
    if (unsignedValue > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      diagnostics_.error(childPointer(key), "is too large");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(unsignedValue);
  }
  if (value->is_number_integer()) return value->get<std::int64_t>();
  // 4.0 is accepted as 4: some editors write every number as a float.
  if (value->is_number_float()) {
    const double d = value->get<double>();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) {
      return static_cast<std::int64_t>(d);
    }
  }
  wrongType(key, "an integer", *value);
  return std::nullopt;
}

std::optional<std::uint64_t> JsonObjectReader::unsignedInteger(std::string_view key, Presence presence) {
  const nlohmann::json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) return value->get<std::uint64_t>();
  if (value->is_number_integer()) {
    diagnostics_.error(childPointer(key), "must be >= 0");
    return std::nullopt;
  }
  wrongType(key, "a non-negative integer", *value);
  return std::nullopt;
}

std::optional<double> JsonObjectReader::number(std::string_view key, Presence presence) {
  const nlohmann::json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    wrongType(key, "a number", *value);
    return std::nullopt;
  }
  return value->get<double>();
}

bool JsonObjectReader::isNull(std::string_view key) {
  const nlohmann::json* value = field(key, Presence::Optional);
  return value != nullptr && value->is_null();
}

std::optional<bool> JsonObjectReader::boolean(std::string_view key, Presence presence) {
  const nlohmann::json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    wrongType(key, "true or false", *value);
    return std::nullopt;
  }
  return value->get<bool>();
}

const nlohmann::json* JsonObjectReader::array(std::string_view key, Presence presence) {
  const nlohmann::json* value = field(key, presence);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    wrongType(key, "an array", *value);
    return nullptr;
  }
  return value;
}

const nlohmann::json* JsonObjectReader::object(std::string_view key, Presence presence) {
  const nlohmann::json* value = field(key, presence);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    wrongType(key, "an object", *value);
    return nullptr;
  }
  return value;
}

void JsonObjectReader::rejectUnknownKeys() {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(knownKeys_.begin(), knownKeys_.end(), key) != knownKeys_.end()) continue;
    std::string message = "unknown key \"" + key + "\"";
    const auto suggestion = wantsHint(diagnostics_) ? closestMatch(key, knownKeys_) : std::nullopt;
    if (suggestion) message += " (did you mean \"" + *suggestion + "\"?)";
    diagnostics_.error(childPointer(key), message);
  }
}

}  // namespace archi
