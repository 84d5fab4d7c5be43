#include "app/AttachRunDialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

AttachRunDialog::AttachRunDialog(const std::filesystem::path& storePath, QWidget* parent) : QDialog(parent) {
  setObjectName("attachRunDialog");
  setWindowTitle(tr("Attach to Run"));
  note_ = new QLabel(tr("Looking for runs still going on node agents in %1…").arg(QString::fromStdString(storePath.string())));
  note_->setWordWrap(true);
  list_ = new QListWidget;
  list_->setObjectName("attachableRuns");
  list_->setAccessibleName(tr("Runs going on node agents"));
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("&Attach"));
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(note_);
  layout->addWidget(list_);
  layout->addWidget(buttons_);
  resize(560, 320);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(list_, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
  connect(list_, &QListWidget::currentRowChanged, this,
          [this](int row) { buttons_->button(QDialogButtonBox::Ok)->setEnabled(row >= 0); });
  connect(&watcher_, &QFutureWatcher<QList<AttachableRun>>::finished, this, &AttachRunDialog::showRuns);
  watcher_.setFuture(QtConcurrent::run([this, storePath] { return findAttachableRuns(storePath, &error_); }));
}

AttachRunDialog::~AttachRunDialog() { watcher_.waitForFinished(); }

void AttachRunDialog::showRuns() {
  runs_ = watcher_.result();
  if (!error_.isEmpty()) {
    note_->setText(tr("The run store could not be read: %1").arg(error_));
    return;
  }
  if (runs_.isEmpty()) {
    note_->setText(tr("No run is going on node agents. Runs started with Run on This Machine or `archi run` appear here "
                      "while they train."));
    return;
  }
  note_->setText(tr("Runs still going on their node agents; attaching follows one live, as if the console had started it."));
  for (const AttachableRun& run : std::as_const(runs_)) {
    const QString started = QLocale().toString(QDateTime::fromSecsSinceEpoch(qint64(run.startedAt_s)), QLocale::ShortFormat);
    auto* item = new QListWidgetItem(tr("%1 — project %2, started %3%4")
                                         .arg(run.name, run.projectName, started, run.localAgents ? tr(", on this machine") : QString()),
                                     list_);
    item->setToolTip(tr("Agents: %1").arg(run.agentList()));
  }
  list_->setCurrentRow(0);
}

std::optional<AttachableRun> AttachRunDialog::selectedRun() const {
  const int row = list_->currentRow();
  if (row < 0 || row >= runs_.size()) return std::nullopt;
  return runs_[row];
}
