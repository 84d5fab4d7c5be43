#pragma once
// The console's open project: loads, validates and saves through the engine, owns the
// current Project value, its diagnostics and the undo stack of edits, and tells views when
// any of them changes. Every edit is a whole-project snapshot pushed as a QUndoCommand, so
// undo is exact and edits stay plain value transformations.

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

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

  // An empty, unsaved project (validation will ask for a first datacenter).
  void newProject();
  // Opens a project file; false when it cannot be read or parsed at all, leaving the current
  // project untouched and the reasons in lastLoadProblems(). A project with validation errors
  // still opens, so the operator can see and fix them.
  bool open(const QString& path);
  // Writes atomically through the engine; false with a sentence in `error` naming the path.
  bool save(const QString& path, QString* error);

  // Replaces the project by `after` as one undoable step named `text`. Consecutive edits with
  // the same non-zero mergeId (typing into one field) collapse into one step.
  void applyEdit(const QString& text, const archi::Project& after, int mergeId = 0);
  // Used by the undo commands only.
  void restoreSnapshot(const archi::Project& project);

  const std::optional<archi::Project>& project() const { return project_; }
  const archi::Diagnostics& problems() const { return problems_; }
  const archi::Diagnostics& lastLoadProblems() const { return lastLoadProblems_; }
  const archi::GpuCatalog& catalog() const { return catalog_; }
  QUndoStack* undoStack() { return &undoStack_; }
  bool isModified() const { return !undoStack_.isClean(); }
  QString filePath() const { return filePath_; }
  QString displayName() const;

 signals:
  void projectChanged();
  void problemsChanged();
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& path);

 private:
  void revalidate();
  void setFilePath(const QString& path);

  archi::GpuCatalog catalog_;
  std::optional<archi::Project> project_;
  archi::Diagnostics problems_;
  archi::Diagnostics lastLoadProblems_;
  // Problems of the file's structure (wrong types, unknown keys) found when it was opened.
  // They describe the file on disk: each stays listed until its value is edited or the project
  // is saved, since the edited project no longer holds the bad value.
  std::vector<archi::Diagnostic> fileProblems_;
  nlohmann::ordered_json loadedJson_;
  QString filePath_;
  QUndoStack undoStack_;
};
