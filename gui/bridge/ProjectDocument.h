#pragma once
// The console's open project: loads and validates through the engine, owns the current
// Project value and its diagnostics, and tells views when either changes. The one place
// where the GUI holds engine project data.

#include <QObject>
#include <QString>

#include <optional>

#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"

class ProjectDocument : public QObject {
  Q_OBJECT

 public:
  explicit ProjectDocument(QObject* parent = nullptr);

  // Loads the GPU catalog (built-in plus $ARCHIPELAGO_GPU_CATALOG); false with problems() set
  // when the catalog itself is broken.
  bool loadCatalog();
  // Opens a project file; false when it cannot be read or parsed at all. A project with
  // validation errors still opens, so the operator can see and fix them.
  bool open(const QString& path);

  const std::optional<archi::Project>& project() const { return project_; }
  const archi::Diagnostics& problems() const { return problems_; }
  const archi::GpuCatalog& catalog() const { return catalog_; }
  QString filePath() const { return filePath_; }
  QString displayName() const;

 signals:
  void projectChanged();
  void problemsChanged();

 private:
  archi::GpuCatalog catalog_;
  std::optional<archi::Project> project_;
  archi::Diagnostics problems_;
  QString filePath_;
};
