#include "bridge/ProjectDocument.h"

#include <QFileInfo>

#include <stdexcept>

#include "bridge/ProjectEditCommand.h"
#include "core/ProjectJson.h"
#include "core/ProjectValidator.h"

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
  connect(&undoStack_, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

bool ProjectDocument::loadCatalog() {
  archi::Diagnostics catalogProblems;
  catalog_ = archi::GpuCatalog::loadDefault(catalogProblems);
  if (catalogProblems.hasErrors()) {
    problems_ = catalogProblems;
    emit problemsChanged();
    return false;
  }
  return true;
}

void ProjectDocument::newProject() {
  archi::Project project;
  project.name = tr("untitled").toStdString();
  undoStack_.clear();
  project_ = std::move(project);
  setFilePath(QString());
  revalidate();
  emit projectChanged();
}

bool ProjectDocument::open(const QString& path) {
  archi::ProjectLoad load = archi::loadProjectFile(path.toStdString(), catalog_);
  if (!load.project) {
    lastLoadProblems_ = load.diagnostics;
    return false;
  }
  lastLoadProblems_ = archi::Diagnostics();
  undoStack_.clear();
  project_ = std::move(load.project);
  problems_ = load.diagnostics;  // structural problems of the file itself, then semantic ones
  emit problemsChanged();
  setFilePath(path);
  emit projectChanged();
  return true;
}

bool ProjectDocument::save(const QString& path, QString* error) {
  if (!project_) {
    if (error) *error = tr("there is no project to save");
    return false;
  }
  try {
    archi::saveProjectFile(*project_, path.toStdString());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
  undoStack_.setClean();
  setFilePath(path);
  return true;
}

void ProjectDocument::applyEdit(const QString& text, const archi::Project& after, int mergeId) {
  if (!project_ || *project_ == after) return;
  undoStack_.push(new ProjectEditCommand(*this, text, *project_, after, mergeId));
}

void ProjectDocument::restoreSnapshot(const archi::Project& project) {
  project_ = project;
  revalidate();
  emit projectChanged();
}

void ProjectDocument::revalidate() {
  problems_ = archi::Diagnostics();
  if (project_) archi::validateProject(*project_, catalog_, problems_);
  problems_.sortByPointer();
  emit problemsChanged();
}

void ProjectDocument::setFilePath(const QString& path) {
  if (filePath_ == path) return;
  filePath_ = path;
  emit filePathChanged(path);
}

QString ProjectDocument::displayName() const {
  if (project_ && !project_->name.empty()) return QString::fromStdString(project_->name);
  if (!filePath_.isEmpty()) return QFileInfo(filePath_).fileName();
  return tr("Untitled");
}
