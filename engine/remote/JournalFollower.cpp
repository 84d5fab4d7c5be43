#include "remote/JournalFollower.h"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace archi::remote {
namespace {

constexpr auto kIdlePause = std::chrono::milliseconds(250);
constexpr auto kErrorPause = std::chrono::seconds(1);

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// "X-Archi-Last-Seq: 123" -> 123 into the stream's field.
std::size_t readHeader(char* data, std::size_t size, std::size_t count, void* out) {
  const std::string_view line(data, size * count);
  constexpr std::string_view kName = "x-archi-last-seq:";
  if (line.size() > kName.size()) {
    std::string lower(line.substr(0, kName.size()));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kName) {
      std::string_view value = line.substr(kName.size());
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      std::int64_t seq = 0;
      std::from_chars(value.data(), value.data() + value.size(), seq);
      *static_cast<std::int64_t*>(out) = seq;
    }
  }
  return size * count;
}

}  // namespace

JournalFollower::JournalFollower(ConsoleCredentials credentials, int recordsPerRequest)
    : credentials_(std::move(credentials)), recordsPerRequest_(recordsPerRequest), multi_(makeMultiHandle()) {}

JournalFollower::~JournalFollower() {
  for (auto& stream : streams_) {
    if (stream->inFlight) curl_multi_remove_handle(multi_.get(), stream->handle.get());
  }
}

void JournalFollower::follow(const AgentEndpoint& agent, const std::string& run, const std::string& remoteStream,
                             const std::string& localStream) {
  for (const auto& stream : streams_) {
    if (stream->local == localStream) return;
  }
  auto stream = std::make_unique<Stream>();
  stream->agent = agent;
  stream->run = run;
  stream->remote = remoteStream;
  stream->local = localStream;
  stream->handle = makeEasyHandle();
  streams_.push_back(std::move(stream));
}

void JournalFollower::startRequest(Stream& stream, std::int64_t after) {
  CURL* h = stream.handle.get();
  curl_easy_reset(h);
  try {
    configureAgentTls(h, stream.agent, credentials_);
  } catch (const AgentError& e) {
    nodeErrors_[stream.agent.node_id] = e.what();
    stream.nextAt = std::chrono::steady_clock::now() + kErrorPause;
    return;
  }
  const std::string url = stream.agent.baseUrl() + "/v1/runs/" + urlEscape(h, stream.run) + "/journal?stream=" +
                          urlEscape(h, stream.remote) + "&after=" + std::to_string(after) +
                          "&limit=" + std::to_string(recordsPerRequest_);
  stream.body.clear();
  stream.errorBuffer[0] = '\0';
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 15000L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &stream.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, readHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &stream.lastSeqOnAgent);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, stream.errorBuffer);
  curl_easy_setopt(h, CURLOPT_PRIVATE, &stream);
  curl_multi_add_handle(multi_.get(), h);
  stream.inFlight = true;
}

std::size_t JournalFollower::finish(Stream& stream, CURLcode code, RunCollector& collector) {
  curl_multi_remove_handle(multi_.get(), stream.handle.get());
  stream.inFlight = false;
  long status = 0;
  curl_easy_getinfo(stream.handle.get(), CURLINFO_RESPONSE_CODE, &status);
  const auto now = std::chrono::steady_clock::now();
  if (code != CURLE_OK || status != 200) {
    nodeErrors_[stream.agent.node_id] =
        code != CURLE_OK ? std::string(stream.errorBuffer[0] != '\0' ? stream.errorBuffer : curl_easy_strerror(code))
                         : "journal of " + stream.remote + " answered " + std::to_string(status) + ": " + stream.body.substr(0, 200);
    stream.nextAt = now + kErrorPause;
    return 0;
  }
  nodeErrors_.erase(stream.agent.node_id);
  std::size_t accepted = 0;
  std::string_view rest(stream.body);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) break;  // a reply always ends its lines; a cut one is re-asked
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    const std::size_t tab = line.find('\t');
    std::int64_t seq = 0;
    if (tab == std::string_view::npos || std::from_chars(line.data(), line.data() + tab, seq).ec != std::errc()) continue;
    const std::int64_t before = collector.cursor(stream.local);
    collector.accept(stream.local, seq, line.substr(tab + 1));
    accepted += collector.cursor(stream.local) != before ? 1 : 0;
  }
  stream.cursor = collector.cursor(stream.local);
  // A collector that took nothing (its store is failing and its batch is full) is asked again
  // after a pause, not at once.
  stream.nextAt = stream.cursor < stream.lastSeqOnAgent && accepted > 0 ? now : now + kIdlePause;
  return accepted;
}

std::size_t JournalFollower::pump(RunCollector& collector) {
  const auto now = std::chrono::steady_clock::now();
  for (auto& stream : streams_) {
    if (!stream->inFlight && stream->nextAt <= now) startRequest(*stream, collector.cursor(stream->local));
  }
  int running = 0;
  curl_multi_perform(multi_.get(), &running);
  std::size_t accepted = 0;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    Stream* stream = nullptr;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &stream);
    if (stream != nullptr) accepted += finish(*stream, message->data.result, collector);
  }
  return accepted;
}

void JournalFollower::wait(std::chrono::milliseconds limit) {
  const CURLMcode code = curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(limit.count()), nullptr);
  if (code != CURLM_OK) throw std::runtime_error(std::string("curl_multi_poll: ") + curl_multi_strerror(code));
}

bool JournalFollower::behind() const {
  for (const auto& stream : streams_) {
    if (stream->inFlight || stream->cursor < stream->lastSeqOnAgent) return true;
  }
  return false;
}

void JournalFollower::askAllNow() {
  for (auto& stream : streams_) stream->nextAt = {};
}

}  // namespace archi::remote
