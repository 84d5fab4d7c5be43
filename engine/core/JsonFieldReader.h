#pragma once
// Reads the fields of one JSON object while recording every problem with its pointer:
// wrong type, missing required key, and (at the end) keys nobody asked for.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"

namespace archi {

enum class Presence { Required, Optional };

// Describes a JSON value's type in messages: "string", "number", "object" ...
std::string jsonTypeName(const nlohmann::json& value);

// How many elements of `array` (at `pointer`) to read: all of them up to `limit`; past it the
// first element not read is reported ("/nodes/1024: past the limit of 1024 nodes (the array
// holds 70000): this one and the rest are not read"), so that no count in a file decides how
// much is built from it, and problems in the elements read are still reported.
std::size_t readableCount(const nlohmann::json& array, std::size_t limit, const std::string& pointer,
                          std::string_view what, Diagnostics& diagnostics);

class JsonObjectReader {
 public:
  // When `value` is not an object this reports it once and every getter yields nothing.
  JsonObjectReader(const nlohmann::json& value, std::string pointer, Diagnostics& diagnostics);

  bool isObject() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string childPointer(std::string_view key) const;

  std::optional<std::string> string(std::string_view key, Presence presence);
  std::optional<std::int64_t> integer(std::string_view key, Presence presence);
  std::optional<std::uint64_t> unsignedInteger(std::string_view key, Presence presence);
  std::optional<double> number(std::string_view key, Presence presence);
  std::optional<bool> boolean(std::string_view key, Presence presence);
  const nlohmann::json* array(std::string_view key, Presence presence);
  const nlohmann::json* object(std::string_view key, Presence presence);
  // True when `key` is present and null — how JSON writers spell a number it cannot hold
  // (NaN, infinity). The key counts as known either way.
  bool isNull(std::string_view key);

  // Call after all getters: every key that was never asked for is an error (typos must
  // not be silent), with a "did you mean" among the keys this object does know.
  void rejectUnknownKeys();

 private:
  const nlohmann::json* field(std::string_view key, Presence presence);
  void wrongType(std::string_view key, const char* expected, const nlohmann::json& got);

  const nlohmann::json* object_ = nullptr;
  std::string pointer_;
  Diagnostics& diagnostics_;
  std::vector<std::string> knownKeys_;
};

}  // namespace archi
