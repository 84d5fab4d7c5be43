#include "bridge/ProjectDocument.h"

#include <QFileInfo>

#include "core/ProjectJson.h"

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {}

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

bool ProjectDocument::open(const QString& path) {
  archi::ProjectLoad load = archi::loadProjectFile(path.toStdString(), catalog_);
  problems_ = load.diagnostics;
  emit problemsChanged();
  if (!load.project) return false;
  project_ = std::move(load.project);
  filePath_ = path;
  emit projectChanged();
  return true;
}

QString ProjectDocument::displayName() const {
  if (project_ && !project_->name.empty()) return QString::fromStdString(project_->name);
  if (!filePath_.isEmpty()) return QFileInfo(filePath_).fileName();
  return tr("Untitled");
}
