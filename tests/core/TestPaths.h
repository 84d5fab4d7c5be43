#pragma once
// Locations of the source tree's resources for tests (compile definitions from CMake).

#include <QString>

inline QString sourcePath(const QString& relative) {
  return QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/") + relative;
}

inline QString examplePath(const QString& name) {
  return sourcePath(QStringLiteral("resources/examples/") + name);
}
