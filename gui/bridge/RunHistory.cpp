#include "bridge/RunHistory.h"

#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <filesystem>
#include <system_error>

#include "control/LauncherLease.h"
#include "store/RunStore.h"

namespace {

bool isFinished(archi::RunState state) {
  return state == archi::RunState::Completed || state == archi::RunState::Stopped || state == archi::RunState::Failed;
}

// A finished run's figures no longer change: its summary from the previous read is reused,
// so a refresh every few seconds costs one aggregate read per running or new run only.
const archi::RunSummary* reusable(const QList<archi::RunSummary>& previous, const archi::RunRecord& run) {
  if (!isFinished(run.state)) return nullptr;
  for (const archi::RunSummary& s : previous) {
    if (s.run.id == run.id && s.run.state == run.state && s.run.ended_at_s == run.ended_at_s && s.run.name == run.name) return &s;
  }
  return nullptr;
}

// The run's folder under the layout's runs/ (what `archi run` and the console fill), if any.
std::filesystem::path runFolder(const archi::DataLayout& layout, const std::string& runName) {
  if (runName.empty()) return {};
  std::error_code error;
  const std::filesystem::path folder = layout.runDirectory(runName);
  if (!std::filesystem::is_directory(folder, error)) return {};
  return folder;
}

qint64 folderBytes(const std::filesystem::path& folder) {
  qint64 bytes = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error); !error && it != std::filesystem::recursive_directory_iterator();
       it.increment(error)) {
    std::error_code sizeError;
    if (it->is_regular_file(sizeError)) {
      const auto size = it->file_size(sizeError);
      if (!sizeError) bytes += qint64(size);
    }
  }
  return bytes;
}

}  // namespace

RunHistory::RunHistory(QObject* parent) : QObject(parent), layout_(archi::DataLayout::fromEnvironment()) {
  connect(&listWatcher_, &QFutureWatcher<Listing>::finished, this, [this] {
    Listing listing = listWatcher_.result();
    // A read of the folder used before setDataLayout() is dropped; the one queued after it counts.
    if (listing.root == layout_.root()) {
      listing_ = std::move(listing);
      emit listingChanged();
    }
    if (refreshAgain_) {
      refreshAgain_ = false;
      refresh();
    }
  });
  connect(&inventoryWatcher_, &QFutureWatcher<RunDeletionInventory>::finished, this,
          [this] { emit inventoryReady(inventoryWatcher_.result()); });
  connect(&deleteWatcher_, &QFutureWatcher<QString>::finished, this, [this] {
    emit deleted(deletingRun_, deleteWatcher_.result());
    refresh();
  });
}

RunHistory::~RunHistory() {
  listWatcher_.waitForFinished();
  inventoryWatcher_.waitForFinished();
  deleteWatcher_.waitForFinished();
}

void RunHistory::setDataLayout(const archi::DataLayout& layout) {
  if (layout.root() == layout_.root()) return;
  layout_ = layout;
  listing_ = {};
  listing_.root = layout_.root();
  refresh();
}

QString RunHistory::storePath() const { return QString::fromStdString(layout_.storePath().string()); }

void RunHistory::refresh() {
  if (listWatcher_.isRunning()) {
    refreshAgain_ = true;
    return;
  }
  const archi::DataLayout layout = layout_;
  // A new layout starts from nothing; the same one reuses finished runs' summaries.
  const QList<archi::RunSummary> previous = listing_.runs;
  listWatcher_.setFuture(QtConcurrent::run([layout, previous] { return readListing(layout, previous); }));
}

void RunHistory::inspectDeletion(qint64 runId) {
  inventoryWatcher_.waitForFinished();  // counting takes milliseconds; keep one at a time
  const archi::DataLayout layout = layout_;
  inventoryWatcher_.setFuture(QtConcurrent::run([layout, runId] { return readInventory(layout, runId); }));
}

void RunHistory::deleteRun(qint64 runId) {
  deleteWatcher_.waitForFinished();
  deletingRun_ = runId;
  const archi::DataLayout layout = layout_;
  deleteWatcher_.setFuture(QtConcurrent::run([layout, runId] { return removeRun(layout, runId); }));
}

RunHistory::Listing RunHistory::readListing(const archi::DataLayout& layout, const QList<archi::RunSummary>& previous) {
  Listing listing;
  listing.root = layout.root();
  std::error_code existsError;
  listing.storeExists = std::filesystem::exists(layout.storePath(), existsError);
  if (!listing.storeExists) return listing;
  // A run left `running` by a launcher that died with nothing of it alive is marked so before
  // it is listed (control/LauncherLease.h). A store this console cannot write is listed as it is.
  try {
    archi::RunStore writable(layout.storePath());
    archi::markRunsWithLostLaunchers(writable);
  } catch (const archi::StoreError&) {
  }
  // Errors stay on this thread and come back as a sentence.
  try {
    archi::RunStore store(layout.storePath(), archi::RunStore::Access::ReadOnly);
    for (const archi::RunRecord& run : store.listRuns()) {
      if (const archi::RunSummary* known = reusable(previous, run)) {
        listing.runs.push_back(*known);
        continue;
      }
      try {
        listing.runs.push_back(archi::summarizeRun(store, run.id));
      } catch (const archi::StoreError&) {
        // Deleted between listRuns() and now (another console, `archi` itself): skip it.
        if (store.findRun(run.id)) throw;
      }
    }
  } catch (const std::exception& e) {
    listing.runs.clear();
    listing.error = QString::fromStdString(e.what());
  }
  return listing;
}

RunDeletionInventory RunHistory::readInventory(const archi::DataLayout& layout, qint64 runId) {
  RunDeletionInventory inventory;
  inventory.runId = runId;
  try {
    archi::RunStore store(layout.storePath(), archi::RunStore::Access::ReadOnly);
    const std::optional<archi::RunRecord> run = store.findRun(runId);
    if (!run) {
      inventory.error = tr("there is no run %1 in %2 any more").arg(runId).arg(QString::fromStdString(layout.storePath().string()));
      return inventory;
    }
    inventory.runName = QString::fromStdString(run->name);
    inventory.running = run->state == archi::RunState::Running;
    inventory.stepRows = store.countStepMetrics(runId);
    inventory.roundRows = qint64(store.outerRounds(runId).size());
    inventory.validationRows = qint64(store.validation(runId).size());
    inventory.eventRows = qint64(store.events(runId).size());
    inventory.sampleRows = qint64(store.samples(runId).size());
    inventory.checkpointRows = qint64(store.checkpoints(runId).size());
    inventory.linkRows = qint64(store.linkSamples(runId).size());
    if (const std::filesystem::path folder = runFolder(layout, run->name); !folder.empty()) {
      inventory.folder = QString::fromStdString(folder.string());
      inventory.folderBytes = folderBytes(folder);
    }
  } catch (const std::exception& e) {
    inventory.error = QString::fromStdString(e.what());
  }
  return inventory;
}

QString RunHistory::removeRun(const archi::DataLayout& layout, qint64 runId) {
  try {
    archi::RunStore store(layout.storePath());
    const std::optional<archi::RunRecord> run = store.findRun(runId);
    if (!run) return tr("there is no run %1 in %2 any more").arg(runId).arg(QString::fromStdString(layout.storePath().string()));
    if (run->state == archi::RunState::Running) {
      return tr("run %1 is going: stop it before deleting it").arg(QString::fromStdString(run->name));
    }
    const std::filesystem::path folder = runFolder(layout, run->name);
    store.deleteRun(runId);
    if (!folder.empty()) {
      std::error_code error;
      std::filesystem::remove_all(folder, error);
      if (error) {
        return tr("the run's rows were deleted, but its folder %1 could not be removed: %2; remove it by hand")
            .arg(QString::fromStdString(folder.string()), QString::fromStdString(error.message()));
      }
    }
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}
