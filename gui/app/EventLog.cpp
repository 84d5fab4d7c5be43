#include "app/EventLog.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/VisualStyle.h"

namespace {
constexpr int kMaxEvents = 5000;  // the run store keeps the full record; the dock keeps the recent past
}

EventLog::EventLog(QWidget* parent) : QWidget(parent), level_(new QComboBox), search_(new QLineEdit), list_(new QTreeWidget) {
  setObjectName("eventLog");
  level_->setObjectName("eventLevel");
  level_->addItem(tr("All levels"), int(Level::Info));
  level_->addItem(tr("Warnings and errors"), int(Level::Warning));
  level_->addItem(tr("Errors"), int(Level::Error));
  search_->setObjectName("eventSearch");
  search_->setPlaceholderText(tr("Filter events…"));
  search_->setClearButtonEnabled(true);
  list_->setObjectName("eventList");
  list_->setRootIsDecorated(false);
  list_->setAlternatingRowColors(true);
  list_->setHeaderLabels({tr("Time"), tr("Level"), tr("Source"), tr("Event")});
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);
  auto* bar = new QHBoxLayout;
  bar->addWidget(level_);
  bar->addWidget(search_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(list_);
  connect(level_, &QComboBox::currentIndexChanged, this, &EventLog::applyFilter);
  connect(search_, &QLineEdit::textChanged, this, &EventLog::applyFilter);
}

void EventLog::log(Level level, const QString& source, const QString& message) {
  const QString levelText = level == Level::Error ? tr("error") : level == Level::Warning ? tr("warning") : tr("info");
  auto* item = new QTreeWidgetItem(list_, {QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss")), levelText,
                                           source, message});
  item->setData(0, Qt::UserRole, int(level));
  if (level != Level::Info) {
    item->setForeground(1, level == Level::Error ? visual_style::errorColor() : visual_style::warningColor());
  }
  while (list_->topLevelItemCount() > kMaxEvents) delete list_->takeTopLevelItem(0);
  const int minimum = level_->currentData().toInt();
  const QString needle = search_->text();
  item->setHidden(int(level) < minimum || (!needle.isEmpty() && !message.contains(needle, Qt::CaseInsensitive) &&
                                            !source.contains(needle, Qt::CaseInsensitive)));
  if (!item->isHidden()) list_->scrollToItem(item);
}

int EventLog::count() const { return list_->topLevelItemCount(); }

void EventLog::applyFilter() {
  const int minimum = level_->currentData().toInt();
  const QString needle = search_->text();
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    const bool levelOk = item->data(0, Qt::UserRole).toInt() >= minimum;
    const bool textOk = needle.isEmpty() || item->text(3).contains(needle, Qt::CaseInsensitive) ||
                        item->text(2).contains(needle, Qt::CaseInsensitive);
    item->setHidden(!(levelOk && textOk));
  }
}
