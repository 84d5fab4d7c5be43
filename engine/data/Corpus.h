#pragma once
// A training corpus: one text file, or every regular file under a directory (sorted by
// path, so the byte stream is the same on every machine). Files named *.dat are skipped
// (the index files of Debian's fortunes), as are hidden files and second links to a file
// already read (fortunes ships foo.u8 -> foo).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace archi {

struct Corpus {
  std::vector<std::uint8_t> bytes;
  std::vector<std::filesystem::path> files;
};

struct CorpusLoad {
  std::optional<Corpus> corpus;
  std::string error;  // set when corpus is empty: names the path and the reason
};

CorpusLoad loadCorpus(const std::filesystem::path& path);

}  // namespace archi
