#pragma once
// Monitor item (e): the run's events with level, source and kind filters and a text search,
// and the samples the run generated, both newest first.

#include <QSet>
#include <QWidget>

#include "bridge/MonitorSnapshot.h"

class MonitorEventsFilter;
class MonitorEventsModel;
class QComboBox;
class QLineEdit;
class QTableView;
class QTableWidget;

class MonitorEventsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit MonitorEventsPanel(QWidget* parent = nullptr);
  void refresh(const MonitorSnapshot& snapshot);
  void clear();
  QTableView* eventsTable() const { return events_; }
  MonitorEventsFilter* filter() const { return filter_; }

 private:
  void applyFilters();
  static void addChoice(QComboBox* box, QSet<QString>& known, const QString& value);

  MonitorEventsModel* model_ = nullptr;
  MonitorEventsFilter* filter_ = nullptr;
  QComboBox* level_ = nullptr;
  QComboBox* source_ = nullptr;
  QComboBox* kind_ = nullptr;
  QLineEdit* search_ = nullptr;
  QTableView* events_ = nullptr;
  QTableWidget* samples_ = nullptr;
  QSet<QString> sources_;
  QSet<QString> kinds_;
  qsizetype samplesShown_ = 0;
};
