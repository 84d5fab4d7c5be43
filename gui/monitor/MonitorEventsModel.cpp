#include "monitor/MonitorEventsModel.h"

#include <QBrush>
#include <QLocale>

#include "app/VisualStyle.h"

void MonitorEventsModel::sync(const QList<MonitorEvent>& events) {
  if (events.size() < events_.size()) {
    clear();
  }
  if (events.size() == events_.size()) return;
  const int added = static_cast<int>(events.size() - events_.size());
  beginInsertRows({}, 0, added - 1);
  events_.append(events.mid(events_.size()));
  endInsertRows();
}

void MonitorEventsModel::clear() {
  beginResetModel();
  events_.clear();
  endResetModel();
}

QVariant MonitorEventsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const MonitorEvent& e = eventAt(index.row());
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    switch (index.column()) {
      case Time: return tr("%1 s").arg(QLocale().toString(e.wall_s, 'f', 1));
      case Level: return e.level;
      case Source: return e.source;
      case Kind: return e.kind;
      case Text: return e.text;
      default: return {};
    }
  }
  if (role == Qt::ForegroundRole && index.column() == Level) {
    if (e.level == QLatin1String("error")) return QBrush(visual_style::errorColor());
    if (e.level == QLatin1String("warning")) return QBrush(visual_style::warningColor().darker(130));
  }
  if (role == kSortRole) {
    if (index.column() == Time) return e.wall_s;
    return data(index, Qt::DisplayRole);
  }
  if (role == Qt::TextAlignmentRole && index.column() == Time) return int(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant MonitorEventsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Time: return tr("Time since start");
    case Level: return tr("Level");
    case Source: return tr("Source");
    case Kind: return tr("Kind");
    case Text: return tr("Event");
    default: return {};
  }
}

void MonitorEventsFilter::setFilters(const QString& level, const QString& source, const QString& kind, const QString& search) {
  level_ = level;
  source_ = source;
  kind_ = kind;
  search_ = search;
  invalidateFilter();
}

bool MonitorEventsFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
  const auto* events = static_cast<const MonitorEventsModel*>(sourceModel());
  const MonitorEvent& e = events->eventAt(sourceRow);
  if (!level_.isEmpty() && e.level != level_) return false;
  if (!source_.isEmpty() && e.source != source_) return false;
  if (!kind_.isEmpty() && e.kind != kind_) return false;
  if (!search_.isEmpty() && !e.text.contains(search_, Qt::CaseInsensitive) && !e.source.contains(search_, Qt::CaseInsensitive) &&
      !e.kind.contains(search_, Qt::CaseInsensitive)) {
    return false;
  }
  return true;
}
