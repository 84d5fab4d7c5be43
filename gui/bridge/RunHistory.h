#pragma once
// The Runs view's reader (issue 13 items 9-10): every run in the store with the figures of
// report/RunSummary.h (the one definition the monitor and `archi report` share), read on a
// worker thread with its own read-only RunStore, so runs that `archi run` writes into the same
// store appear at the next refresh. Deleting a run (its rows, and its folder under the data
// layout's runs/) also happens on a worker thread, and never while the run is going.

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

#include <cstdint>
#include <filesystem>

#include "core/DataLayout.h"
#include "report/RunSummary.h"

// What deleting a run removes, counted before the operator confirms.
struct RunDeletionInventory {
  qint64 runId = 0;
  QString runName;
  bool running = false;  // the store says it is going: it must not be deleted
  qint64 stepRows = 0;
  qint64 roundRows = 0;
  qint64 validationRows = 0;
  qint64 eventRows = 0;
  qint64 sampleRows = 0;
  qint64 checkpointRows = 0;
  qint64 linkRows = 0;
  QString folder;           // the run's folder under the runs directory; empty when there is none
  qint64 folderBytes = 0;
  QString error;            // why it could not be counted
  qint64 rows() const {
    return stepRows + roundRows + validationRows + eventRows + sampleRows + checkpointRows + linkRows;
  }
};

class RunHistory : public QObject {
  Q_OBJECT

 public:
  struct Listing {
    QList<archi::RunSummary> runs;  // oldest first, as listRuns() gives them
    QString error;                  // the store could not be read (the list is then empty)
    bool storeExists = false;
    std::filesystem::path root;     // the data folder it was read from
  };

  explicit RunHistory(QObject* parent = nullptr);
  ~RunHistory() override;  // waits for a read or a deletion still going

  void setDataLayout(const archi::DataLayout& layout);
  const archi::DataLayout& dataLayout() const { return layout_; }
  QString storePath() const;

  // Reads the list again; a read still going is left to finish and its result is followed by
  // one more read, so a refresh is never lost and never queued twice.
  void refresh();
  bool isReading() const { return listWatcher_.isRunning(); }
  const Listing& listing() const { return listing_; }

  // Counts what deleting the run would remove; `inventoryReady` answers.
  void inspectDeletion(qint64 runId);
  // Deletes the run's rows and its folder; `deleted` answers. Refused when the store says the
  // run is going (checked again on the worker, at the moment of deleting).
  void deleteRun(qint64 runId);
  bool isDeleting() const { return deleteWatcher_.isRunning(); }

  // Blocking forms of the reads above, for worker threads and tests.
  static Listing readListing(const archi::DataLayout& layout, const QList<archi::RunSummary>& previous);
  static RunDeletionInventory readInventory(const archi::DataLayout& layout, qint64 runId);
  // Empty on success, else why the run was not deleted.
  static QString removeRun(const archi::DataLayout& layout, qint64 runId);

 signals:
  void listingChanged();
  void inventoryReady(const RunDeletionInventory& inventory);
  void deleted(qint64 runId, const QString& error);

 private:
  archi::DataLayout layout_;
  Listing listing_;
  bool refreshAgain_ = false;
  QFutureWatcher<Listing> listWatcher_;
  QFutureWatcher<RunDeletionInventory> inventoryWatcher_;
  QFutureWatcher<QString> deleteWatcher_;
  qint64 deletingRun_ = 0;
};
