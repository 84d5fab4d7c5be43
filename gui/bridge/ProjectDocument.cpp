#include "bridge/ProjectDocument.h"

#include <QFileInfo>

#include <algorithm>
#include <stdexcept>

#include "bridge/ProjectEditCommand.h"
#include "core/ProjectJson.h"
#include "core/ProjectValidator.h"

namespace {

// The value at a JSON pointer, or null when there is none (an unknown key, a removed item).
nlohmann::ordered_json valueAt(const nlohmann::ordered_json& document, const std::string& pointer) {
  try {
    const nlohmann::ordered_json::json_pointer where(pointer);
    return document.contains(where) ? document.at(where) : nlohmann::ordered_json();
  } catch (const nlohmann::json::exception&) {
    return nlohmann::ordered_json();
  }
}

}  // namespace

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
  fileProblems_.clear();
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
  // What validation of the value finds is recomputed after every edit; the rest came from the
  // file's structure and is kept apart.
  archi::Diagnostics semantic;
  archi::validateProject(*project_, catalog_, semantic);
  fileProblems_.clear();
  for (const archi::Diagnostic& d : load.diagnostics.all()) {
    if (std::find(semantic.all().begin(), semantic.all().end(), d) == semantic.all().end()) fileProblems_.push_back(d);
  }
  loadedJson_ = archi::projectToJson(*project_);
  problems_ = load.diagnostics;
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
  if (!fileProblems_.empty()) {
    fileProblems_.clear();  // the file now holds the well-formed project
    revalidate();
  }
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
  if (project_ && !fileProblems_.empty()) {
    const nlohmann::ordered_json current = archi::projectToJson(*project_);
    for (const archi::Diagnostic& d : fileProblems_) {
      if (valueAt(current, d.pointer) == valueAt(loadedJson_, d.pointer)) {
        d.severity == archi::Severity::Error ? problems_.error(d.pointer, d.message) : problems_.warning(d.pointer, d.message);
      }
    }
  }
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
