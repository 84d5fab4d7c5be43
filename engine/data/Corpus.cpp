#include "data/Corpus.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>

namespace archi {

namespace {

bool skipped(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  return name.empty() || name.front() == '.' || p.extension() == ".dat";
}

bool appendFile(const std::filesystem::path& p, std::vector<std::uint8_t>& out, std::string& error) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    error = p.string() + ": cannot open for reading";
    return false;
  }
  out.insert(out.end(), std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = p.string() + ": read error";
    return false;
  }
  return true;
}

}  // namespace

CorpusLoad loadCorpus(const std::filesystem::path& path) {
  CorpusLoad load;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    load.error = path.string() + ": no such file or directory (the demo corpus comes from Debian's fortunes package)";
    return load;
  }
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(status)) {
    for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && !skipped(it->path())) files.push_back(it->path());
    }
    if (ec) {
      load.error = path.string() + ": cannot list directory: " + ec.message();
      return load;
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }

  Corpus corpus;
  std::set<std::filesystem::path> seen;
  for (const auto& file : files) {
    const auto canonical = std::filesystem::canonical(file, ec);
    if (ec || !seen.insert(canonical).second) continue;
    if (!appendFile(file, corpus.bytes, load.error)) return load;
    corpus.files.push_back(file);
  }
  if (corpus.bytes.empty()) {
    load.error = path.string() + ": no text found (empty files, or only *.dat index files)";
    return load;
  }
  load.corpus = std::move(corpus);
  return load;
}

}  // namespace archi
