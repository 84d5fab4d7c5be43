#pragma once
// Tokens per second each device reached in the latest recorded run of the open project, read
// from the run store off the GUI thread. Keyed by the planner's device ids ("dc/node/index"),
// which are also the workers' ids in the store.

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QString>

class MeasuredSpeeds : public QObject {
  Q_OBJECT

 public:
  struct Reading {
    QHash<QString, double> tokensPerSecond;  // by device id
    QString runName;                         // where they come from
  };

  explicit MeasuredSpeeds(QObject* parent = nullptr);
  ~MeasuredSpeeds() override;

  // Reads `storePath` for the newest run of `projectName` with step metrics; no store, no run:
  // an empty reading.
  void refresh(const QString& storePath, const QString& projectName);
  const Reading& reading() const { return reading_; }

 signals:
  void changed();

 private:
  QFutureWatcher<Reading> watcher_;
  Reading reading_;
};
