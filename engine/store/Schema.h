#pragma once
// The run store's schema as an ordered list of forward migrations. Migration i takes a
// database from version i to version i + 1; a fresh file runs all of them. Never edit a
// released migration: append a new one.

#include <cstdint>
#include <string_view>
#include <vector>

namespace archi::schema {

// 'ARCH' in PRAGMA application_id marks a file as an Archipelago run store.
inline constexpr std::int32_t kApplicationId = 0x41524348;

struct Migration {
  int toVersion;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& migrations();
int latestVersion();

}  // namespace archi::schema
