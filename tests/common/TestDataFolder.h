#pragma once
// A test's data folder (run store, runs/, pki/) inside its temporary folder, laid out like the
// user's by core/DataLayout.h, so that no test touches the user's files.

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <filesystem>

#include "core/DataLayout.h"

inline archi::DataLayout dataLayoutIn(const QTemporaryDir& dir) { return archi::DataLayout(dir.path().toStdString()); }

inline QString pathString(const std::filesystem::path& path) { return QString::fromStdString(path.string()); }

// The `archi run` flags that send its runs, store and CA there.
inline QStringList dataFolderArguments(const archi::DataLayout& data) {
  return {"--runs-dir", pathString(data.runsDirectory()), "--store", pathString(data.storePath()),
          "--pki",      pathString(data.pkiDirectory())};
}
