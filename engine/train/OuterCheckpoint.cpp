#include "train/OuterCheckpoint.h"

#include <bit>
#include <stdexcept>

#include "core/ByteCodec.h"
#include "train/ChecksummedFile.h"

namespace archi {
namespace {

constexpr FileMagic kMagic = {'A', 'R', 'C', 'H', 'I', 'O', 'U', 'T'};
constexpr std::size_t kFixedBytes = 6 * 8;
// Leaders of one run: far more than any topology holds, small enough to bound a hostile header.
constexpr std::uint64_t kMaxLeaders = 4096;

std::span<const std::uint8_t> bytesOf(const std::vector<float>& values) {
  return {reinterpret_cast<const std::uint8_t*>(values.data()), values.size() * sizeof(float)};
}

}  // namespace

void saveOuterState(const std::filesystem::path& path, const OuterState& state) {
  if (state.momentum.size() != state.global.size()) throw std::invalid_argument("outer state: one momentum per parameter");
  static_assert(std::endian::native == std::endian::little, "the float arrays are written little-endian from memory");
  std::vector<std::uint8_t> fixed;
  le::putU64(fixed, state.version);
  le::putU64(fixed, static_cast<std::uint64_t>(state.round));
  le::putU64(fixed, static_cast<std::uint64_t>(state.globalTokens));
  le::putU64(fixed, static_cast<std::uint64_t>(state.unsyncedTokens));
  le::putU64(fixed, state.global.size());
  le::putU64(fixed, state.mergedFrom.size());
  std::vector<std::uint8_t> merged;
  for (const std::uint64_t value : state.mergedFrom) le::putU64(merged, value);
  const std::span<const std::uint8_t> pieces[] = {fixed, bytesOf(state.global), bytesOf(state.momentum), merged};
  writeChecksummedFile(path, kMagic, kOuterCheckpointFormat, pieces);
}

OuterStateLoad loadOuterState(const std::filesystem::path& path, std::size_t parameters, std::size_t leaders) {
  OuterStateLoad load;
  const std::uint64_t expectedBytes = kFixedBytes + 2 * parameters * sizeof(float) + leaders * 8;
  ChecksummedRead read = readChecksummedFile(path, kMagic, kOuterCheckpointFormat, "outer-state checkpoint", expectedBytes);
  if (!read.payload) {
    load.error = std::move(read.error);
    return load;
  }
  const std::span<const std::uint8_t> bytes(*read.payload);
  const std::string where = path.string() + ": ";
  if (bytes.size() < kFixedBytes) {
    load.error = where + "corrupted: payload too short for its fixed fields";
    return load;
  }
  OuterState state;
  state.version = le::getU64(bytes, 0);
  state.round = static_cast<std::int64_t>(le::getU64(bytes, 8));
  state.globalTokens = static_cast<std::int64_t>(le::getU64(bytes, 16));
  state.unsyncedTokens = static_cast<std::int64_t>(le::getU64(bytes, 24));
  const std::uint64_t parameterCount = le::getU64(bytes, 32);
  const std::uint64_t leaderCount = le::getU64(bytes, 40);
  if (parameterCount != parameters || leaderCount != leaders || leaderCount > kMaxLeaders) {
    load.error = where + "incompatible: holds " + std::to_string(parameterCount) + " parameters of " + std::to_string(leaderCount) +
                 " leader(s); this run has " + std::to_string(parameters) + " of " + std::to_string(leaders);
    return load;
  }
  if (bytes.size() != expectedBytes) {
    load.error = where + "corrupted: payload size does not match its parameter count";
    return load;
  }
  if (state.round < 0 || state.globalTokens < 0 || state.unsyncedTokens < 0) {
    load.error = where + "corrupted: negative round or token count";
    return load;
  }
  state.global.resize(parameters);
  state.momentum.resize(parameters);
  std::size_t offset = kFixedBytes;
  le::getF32s(bytes, offset, state.global);
  offset += parameters * sizeof(float);
  le::getF32s(bytes, offset, state.momentum);
  offset += parameters * sizeof(float);
  for (std::size_t rank = 0; rank < leaders; ++rank, offset += 8) state.mergedFrom.push_back(le::getU64(bytes, offset));
  load.state = std::move(state);
  return load;
}

}  // namespace archi
