#include "train/Checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <new>
#include <stdexcept>
#include <type_traits>

#include "core/ByteCodec.h"
#include "core/ModelMemory.h"
#include "model/ModelShape.h"
#include "train/Sha256.h"
#include "train/Trainer.h"

namespace archi {

// The parameter and optimizer arrays are written straight from memory (no copy of a large
// model), so they are little-endian only on a little-endian host; the fixed fields use the codec.
static_assert(std::endian::native == std::endian::little, "checkpoints are written little-endian");

namespace {

constexpr char kMagic[8] = {'A', 'R', 'C', 'H', 'I', 'C', 'K', 'P'};
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 + 32;
constexpr std::size_t kFixedPayloadBytes = 5 * 4 + 8 + 8 + 2 * 8 + 4 * 8 + 2 * 8;

// Fixed fields through the byte codec (little-endian); signed fields as their two's complement.
class Writer {
 public:
  template <typename U>
  void put(U value) {
    le::put(bytes, static_cast<std::make_unsigned_t<U>>(value));
  }
  std::vector<std::uint8_t> bytes;
};

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : bytes_(data, size) {}
  template <typename U>
  bool get(U& value) {
    if (remaining() < sizeof(U)) return false;
    value = static_cast<U>(le::get<std::make_unsigned_t<U>>(bytes_, offset_));
    offset_ += sizeof(U);
    return true;
  }
  std::size_t remaining() const { return bytes_.size() - offset_; }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t offset_ = 0;
};

std::string osError(const std::filesystem::path& path, const char* what) {
  return path.string() + ": " + what + ": " + std::strerror(errno);
}

void writeAll(int fd, const void* data, std::size_t bytes, const std::filesystem::path& path) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  while (bytes > 0) {
    const ssize_t n = ::write(fd, p, bytes);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(osError(path, "write failed"));
    }
    p += n;
    bytes -= static_cast<std::size_t>(n);
  }
}

}  // namespace

void saveCheckpoint(const std::filesystem::path& path, const CheckpointState& state) {
  if (state.optimizer.size() != 2 * state.params.size())
    throw std::invalid_argument("checkpoint: optimizer state must hold two moments per parameter");
  Writer fixed;
  fixed.put<std::int32_t>(state.model.layers);
  fixed.put<std::int32_t>(state.model.heads);
  fixed.put<std::int32_t>(state.model.dim);
  fixed.put<std::int32_t>(state.model.context);
  fixed.put<std::int32_t>(state.model.vocab);
  fixed.put<std::int64_t>(state.step);
  fixed.put<std::uint64_t>(state.seed);
  fixed.put<std::uint64_t>(state.cursor.epoch);
  fixed.put<std::uint64_t>(state.cursor.position);
  for (const std::uint64_t word : state.rng) fixed.put<std::uint64_t>(word);
  fixed.put<std::uint64_t>(state.params.size());
  fixed.put<std::uint64_t>(state.optimizer.size());

  const std::size_t paramBytes = state.params.size() * sizeof(float);
  const std::size_t optimizerBytes = state.optimizer.size() * sizeof(float);
  Sha256 sha;
  sha.update(fixed.bytes.data(), fixed.bytes.size());
  sha.update(state.params.data(), paramBytes);
  sha.update(state.optimizer.data(), optimizerBytes);
  const Sha256Digest digest = sha.finish();

  Writer header;
  for (const char c : kMagic) header.put(c);
  header.put<std::uint32_t>(kCheckpointFormat);
  header.put<std::uint32_t>(0);
  header.put<std::uint64_t>(fixed.bytes.size() + paramBytes + optimizerBytes);
  for (const std::uint8_t b : digest) header.put(b);

  const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(osError(temporary, "cannot create"));
  try {
    writeAll(fd, header.bytes.data(), header.bytes.size(), temporary);
    writeAll(fd, fixed.bytes.data(), fixed.bytes.size(), temporary);
    writeAll(fd, state.params.data(), paramBytes, temporary);
    writeAll(fd, state.optimizer.data(), optimizerBytes, temporary);
    if (::fsync(fd) != 0) throw std::runtime_error(osError(temporary, "fsync failed"));
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error(osError(temporary, "close failed"));
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error(osError(path, "rename failed"));
  }
  // Make the rename itself durable.
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

CheckpointLoad loadCheckpoint(const std::filesystem::path& path, const ModelConfig* expected) {
  CheckpointLoad load;
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    load.error = path.string() + ": cannot open checkpoint";
    return load;
  }
  const std::string where = path.string() + ": ";
  const auto fileBytes = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  // Nothing is sized from the file until its header, its fixed fields and its own length agree
  // (docs/architecture.md#limits-on-outside-input): a hostile header cannot make us allocate.
  if (fileBytes < kHeaderBytes) {
    load.error = where + "truncated: " + std::to_string(fileBytes) + " bytes, the header alone needs " +
                 std::to_string(kHeaderBytes);
    return load;
  }
  std::array<std::uint8_t, kHeaderBytes> headerBytes{};
  if (!in.read(reinterpret_cast<char*>(headerBytes.data()), kHeaderBytes)) {
    load.error = where + "read error";
    return load;
  }
  if (std::memcmp(headerBytes.data(), kMagic, sizeof kMagic) != 0) {
    load.error = where + "not an Archipelago checkpoint (bad magic at byte 0)";
    return load;
  }
  Reader header(headerBytes.data() + 8, kHeaderBytes - 8);
  std::uint32_t format = 0, reserved = 0;
  std::uint64_t payloadBytes = 0;
  header.get(format);
  header.get(reserved);
  header.get(payloadBytes);
  if (format != kCheckpointFormat) {
    load.error = where + "checkpoint format " + std::to_string(format) + " is not supported (this build reads " +
                 std::to_string(kCheckpointFormat) + ")";
    return load;
  }
  if (fileBytes - kHeaderBytes < payloadBytes) {
    load.error = where + "truncated: header announces " + std::to_string(payloadBytes) + " payload bytes, file holds " +
                 std::to_string(fileBytes - kHeaderBytes);
    return load;
  }
  if (fileBytes - kHeaderBytes > payloadBytes) {
    load.error = where + "corrupted: " + std::to_string(fileBytes - kHeaderBytes - payloadBytes) +
                 " unexpected bytes after the payload";
    return load;
  }

  // The fixed fields size the arrays; they are checked here and trusted only once the hash matches.
  std::array<std::uint8_t, kFixedPayloadBytes> fixedBytes{};
  if (payloadBytes < kFixedPayloadBytes || !in.read(reinterpret_cast<char*>(fixedBytes.data()), kFixedPayloadBytes)) {
    load.error = where + "corrupted: payload too short for its fixed fields";
    return load;
  }
  CheckpointState state;
  Reader r(fixedBytes.data(), fixedBytes.size());
  std::uint64_t paramCount = 0, optimizerCount = 0;
  r.get(state.model.layers);
  r.get(state.model.heads);
  r.get(state.model.dim);
  r.get(state.model.context);
  r.get(state.model.vocab);
  r.get(state.step);
  r.get(state.seed);
  r.get(state.cursor.epoch);
  r.get(state.cursor.position);
  for (std::uint64_t& word : state.rng) r.get(word);
  r.get(paramCount);
  r.get(optimizerCount);
  if (const std::string problem = validateModelConfig(state.model); !problem.empty()) {
    load.error = where + "corrupted: stored model config is invalid (" + problem + ")";
    return load;
  }
  const auto wanted = static_cast<std::uint64_t>(parameterCount(state.model));
  if (paramCount != wanted || optimizerCount != 2 * wanted) {
    load.error = where + "corrupted: " + std::to_string(paramCount) + " parameters stored, model " +
                 describeModelConfig(state.model) + " has " + std::to_string(wanted);
    return load;
  }
  if (payloadBytes != kFixedPayloadBytes + (paramCount + optimizerCount) * sizeof(float)) {
    load.error = where + "corrupted: payload size does not match its parameter count";
    return load;
  }
  try {
    state.params.resize(paramCount);
    state.optimizer.resize(optimizerCount);
  } catch (const std::bad_alloc&) {
    load.error = where + "too large: " + std::to_string(payloadBytes) + " payload bytes do not fit in this machine's memory";
    return load;
  }
  // Little-endian floats straight into place (see the static_assert above).
  const auto paramBytes = static_cast<std::streamsize>(paramCount * sizeof(float));
  const auto optimizerBytes = static_cast<std::streamsize>(optimizerCount * sizeof(float));
  if (!in.read(reinterpret_cast<char*>(state.params.data()), paramBytes) ||
      !in.read(reinterpret_cast<char*>(state.optimizer.data()), optimizerBytes)) {
    load.error = where + "read error";
    return load;
  }
  Sha256 sha;
  sha.update(fixedBytes.data(), fixedBytes.size());
  sha.update(state.params.data(), static_cast<std::size_t>(paramBytes));
  sha.update(state.optimizer.data(), static_cast<std::size_t>(optimizerBytes));
  const Sha256Digest digest = sha.finish();
  if (std::memcmp(digest.data(), headerBytes.data() + 24, digest.size()) != 0) {
    load.error = where + "corrupted: SHA-256 of the payload does not match the header";
    return load;
  }
  if (expected != nullptr && !(*expected == state.model)) {
    load.error = where + "incompatible: checkpoint holds model " + describeModelConfig(state.model) +
                 " but this run uses " + describeModelConfig(*expected);
    return load;
  }
  load.state = std::move(state);
  return load;
}

CheckpointState captureCheckpoint(Trainer& trainer, std::uint64_t seed, const DataCursor& cursor, const Rng& rng) {
  CheckpointState state;
  state.model = trainer.config();
  state.step = trainer.stepsDone();
  state.seed = seed;
  state.cursor = cursor;
  state.rng = rng.state();
  state.params.resize(trainer.parameterCount());
  state.optimizer.resize(trainer.optimizerStateCount());
  trainer.backend().download(state.params.data(), trainer.params(), state.params.size() * sizeof(float));
  trainer.backend().download(state.optimizer.data(), trainer.optimizerState(), state.optimizer.size() * sizeof(float));
  return state;
}

void restoreCheckpoint(Trainer& trainer, const CheckpointState& state) {
  if (!(state.model == trainer.config()) || state.params.size() != trainer.parameterCount() ||
      state.optimizer.size() != trainer.optimizerStateCount())
    throw std::invalid_argument("checkpoint: state does not fit this trainer's model");
  trainer.backend().upload(trainer.params(), state.params.data(), state.params.size() * sizeof(float));
  trainer.backend().upload(trainer.optimizerState(), state.optimizer.data(), state.optimizer.size() * sizeof(float));
  trainer.setStepsDone(state.step);
}

}  // namespace archi
