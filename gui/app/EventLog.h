#pragma once
// The event log dock: what the console did and saw (files opened and saved, validation
// results, edits), with a level filter and a search field.

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTreeWidget;

class EventLog : public QWidget {
  Q_OBJECT

 public:
  enum class Level { Info, Warning, Error };

  explicit EventLog(QWidget* parent = nullptr);

  void log(Level level, const QString& source, const QString& message);
  int count() const;

 private:
  void applyFilter();

  QComboBox* level_;
  QLineEdit* search_;
  QTreeWidget* list_;
};
