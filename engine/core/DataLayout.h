#pragma once
// Where the console and `archi` keep what outlives a run, under one data folder:
//   runs.db   the run store (store/RunStore.h)
//   runs/     one folder per run, named after the run (control/RunLauncher.h fills it)
//   pki/      the console's certificate authority (comm/pki/CertificateAuthority.h)
// `archi run`, `archi pki`, `archi plan` and the console all ask this class, so they agree.

#include <filesystem>
#include <string_view>

namespace archi {

class DataLayout {
 public:
  explicit DataLayout(std::filesystem::path root);

  // $XDG_DATA_HOME/archipelago, else $HOME/.local/share/archipelago, else ./.archipelago
  // (made absolute); empty variables count as unset.
  static DataLayout fromEnvironment();

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path storePath() const;
  std::filesystem::path runsDirectory() const;
  std::filesystem::path runDirectory(std::string_view runName) const;
  std::filesystem::path pkiDirectory() const;

 private:
  std::filesystem::path root_;
};

}  // namespace archi
