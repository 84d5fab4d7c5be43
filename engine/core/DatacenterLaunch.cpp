#include "core/DatacenterLaunch.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/JsonFieldReader.h"

namespace archi {
namespace {

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string octal(unsigned mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", mode & 07777u);
  return text;
}

}  // namespace

std::string SlurmUrl::base() const {
  if (scheme == Scheme::Unix) return "http://localhost";  // the host is a formality over a socket
  std::string out = scheme == Scheme::Https ? "https://" : "http://";
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 0) out += ":" + std::to_string(port);
  return out;
}

bool SlurmUrl::loopback() const {
  return scheme == Scheme::Unix || host == "localhost" || host == "::1" || startsWith(host, "127.");
}

std::optional<SlurmUrl> parseSlurmUrl(const std::string& text, std::string& error) {
  SlurmUrl url;
  std::string rest;
  if (startsWith(text, "unix://")) {
    url.scheme = SlurmUrl::Scheme::Unix;
    url.socket_path = text.substr(7);
    if (url.socket_path.empty() || url.socket_path.front() != '/') {
      error = "a unix socket URL names an absolute path, as in unix:///run/slurmrestd.sock (got \"" + text + "\")";
      return std::nullopt;
    }
    return url;
  }
  if (startsWith(text, "https://")) {
    rest = text.substr(8);
  } else if (startsWith(text, "http://")) {
    url.scheme = SlurmUrl::Scheme::Http;
    rest = text.substr(7);
  } else {
    error = "must start with https://, http:// (loopback only) or unix:// (got \"" + text + "\")";
    return std::nullopt;
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.find('/') != std::string::npos || rest.find('?') != std::string::npos || rest.find('@') != std::string::npos) {
    error = "must be scheme://host[:port] without a path, query or user (got \"" + text + "\")";
    return std::nullopt;
  }
  std::string portText;
  bool hasPort = false;
  if (startsWith(rest, "[")) {  // [IPv6]:port
    const auto close = rest.find(']');
    if (close == std::string::npos) {
      error = "has an unclosed '[' (got \"" + text + "\")";
      return std::nullopt;
    }
    url.host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') {
        error = "has text after ']' that is not a port (got \"" + text + "\")";
        return std::nullopt;
      }
      portText = rest.substr(close + 2);
      hasPort = true;
    }
  } else {
    const auto colon = rest.find(':');
    url.host = rest.substr(0, colon);
    hasPort = colon != std::string::npos;
    if (hasPort) portText = rest.substr(colon + 1);
  }
  if (url.host.empty()) {
    error = "names no host (got \"" + text + "\")";
    return std::nullopt;
  }
  if (hasPort) {
    int port = 0;
    for (char c : portText) port = (c >= '0' && c <= '9' && port < 100000) ? port * 10 + (c - '0') : 1 << 20;
    if (portText.empty() || port < 1 || port > 65535) {
      error = "has a port that is not 1-65535 (got \"" + text + "\")";
      return std::nullopt;
    }
    url.port = port;
  }
  if (url.scheme == SlurmUrl::Scheme::Http && !url.loopback()) {
    error = "plain http:// to " + url.host +
            " would send the Slurm token in clear: use https:// (TLS in front of slurmrestd, docs/architecture.md#slurm), "
            "a loopback address or a unix socket";
    return std::nullopt;
  }
  return url;
}

std::string tokenFileProblem(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "cannot read " + path + ": " + std::strerror(errno);
  if (!S_ISREG(info.st_mode)) return path + " is not a regular file";
  if ((info.st_mode & 077) != 0) {
    return path + " has permissions " + octal(info.st_mode) + ": a token file must be 0600 (chmod 600 " + path + ")";
  }
  return {};
}

DatacenterLaunch readDatacenterLaunch(JsonObjectReader& datacenterReader, Diagnostics& d) {
  DatacenterLaunch launch;
  const nlohmann::json* object = datacenterReader.object("launch", Presence::Optional);
  if (object == nullptr) return launch;
  JsonObjectReader reader(*object, datacenterReader.childPointer("launch"), d);
  const std::optional<std::string> via = reader.string("via", Presence::Required);
  if (via == "slurm") {
    launch.via = LaunchVia::Slurm;
    launch.url = reader.string("url", Presence::Required).value_or("");
    launch.partition = reader.string("partition", Presence::Required).value_or("");
    launch.account = reader.string("account", Presence::Optional).value_or("");
    launch.user = reader.string("user", Presence::Required).value_or("");
    launch.token_file = reader.string("token_file", Presence::Optional).value_or("");
    // A token written into the project would travel with every copy of the file.
    if (reader.string("token", Presence::Optional)) {
      d.error(reader.childPointer("token"), "a token is never stored in the project: put it in a 0600 file named by \"token_file\"");
    }
  } else if (via && *via != "agents") {
    d.error(reader.childPointer("via"), "must be one of \"agents\", \"slurm\" (got \"" + *via + "\")");
  }
  reader.rejectUnknownKeys();
  return launch;
}

std::optional<nlohmann::ordered_json> datacenterLaunchToJson(const DatacenterLaunch& launch) {
  if (launch.via == LaunchVia::Agents) return std::nullopt;
  nlohmann::ordered_json out = {{"via", "slurm"}, {"url", launch.url}, {"partition", launch.partition}};
  if (!launch.account.empty()) out["account"] = launch.account;
  out["user"] = launch.user;
  if (!launch.token_file.empty()) out["token_file"] = launch.token_file;
  return out;
}

void validateDatacenterLaunch(const DatacenterLaunch& launch, const std::string& pointer, Diagnostics& d) {
  if (launch.via != LaunchVia::Slurm) return;
  std::string error;
  const std::optional<SlurmUrl> url = launch.url.empty() ? std::nullopt : parseSlurmUrl(launch.url, error);
  if (launch.url.empty()) {
    d.error(pointer + "/url", "must not be empty");
  } else if (!url) {
    d.error(pointer + "/url", error);
  }
  if (launch.partition.empty()) d.error(pointer + "/partition", "must not be empty");
  if (launch.user.empty()) d.error(pointer + "/user", "must not be empty");
  // Over a unix socket slurmrestd knows the caller by the socket's peer; over TCP a JWT is the login.
  const bool needsToken = url && url->scheme != SlurmUrl::Scheme::Unix;
  if (launch.token_file.empty()) {
    if (needsToken) d.error(pointer + "/token_file", "slurmrestd over TCP needs a JWT: name a 0600 file holding it (scontrol token)");
    return;
  }
  if (launch.token_file.front() != '/') {
    d.error(pointer + "/token_file", "must be an absolute path (got \"" + launch.token_file + "\")");
    return;
  }
  if (const std::string problem = tokenFileProblem(launch.token_file); !problem.empty()) d.error(pointer + "/token_file", problem);
}

}  // namespace archi
