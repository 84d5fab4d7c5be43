#pragma once
// The console's main window: title from the open project, a summary of its datacenters and
// a problems dock listing what validation found. The topology editor, pools, plan and
// monitor views arrive with their issues.

#include <QMainWindow>

class ProjectDocument;
class QListWidget;
class QTreeWidget;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(ProjectDocument& document, QWidget* parent = nullptr);

  bool openProject(const QString& path);

 private:
  void createActions();
  void refreshTitle();
  void refreshTopology();
  void refreshProblems();
  void chooseAndOpen();

  ProjectDocument& document_;
  QTreeWidget* topologyTree_ = nullptr;
  QListWidget* problemsList_ = nullptr;
};
