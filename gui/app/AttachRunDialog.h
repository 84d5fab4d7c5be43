#pragma once
// File > Attach to Run…: the runs the store has as Running on node agents, newest first, read
// in the background; the operator picks one to follow again.

#include <QDialog>
#include <QFutureWatcher>
#include <QList>

#include <filesystem>
#include <optional>

#include "bridge/AttachableRuns.h"

class QDialogButtonBox;
class QLabel;
class QListWidget;

class AttachRunDialog : public QDialog {
  Q_OBJECT

 public:
  AttachRunDialog(const std::filesystem::path& storePath, QWidget* parent = nullptr);
  ~AttachRunDialog() override;

  std::optional<AttachableRun> selectedRun() const;
  QListWidget* list() const { return list_; }
  bool isLoading() const { return watcher_.isRunning(); }

 private:
  void showRuns();

  QLabel* note_ = nullptr;
  QListWidget* list_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QList<AttachableRun> runs_;
  QString error_;
  QFutureWatcher<QList<AttachableRun>> watcher_;
};
