#include "pools/PoolTableModel.h"

#include <QBrush>
#include <QLocale>

#include <algorithm>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"
#include "topology/TopologyEdits.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

PoolTableModel::PoolTableModel(ProjectDocument& document, QObject* parent) : QAbstractTableModel(parent), document_(document) {
  connect(&document_, &ProjectDocument::projectChanged, this, &PoolTableModel::reload);
  reload();
}

void PoolTableModel::reload() {
  QList<Row> rows;
  if (const auto& project = document_.project()) {
    const auto& dcs = project->topology.datacenters;
    for (int d = 0; d < int(dcs.size()); ++d) {
      for (int n = 0; n < int(dcs[d].nodes.size()); ++n) {
        int index = 0;
        for (int g = 0; g < int(dcs[d].nodes[n].devices.size()); ++g) {
          for (int k = 0; k < dcs[d].nodes[n].devices[g].count; ++k) {
            rows.append({ItemKey::deviceGroup(d, n, g), {d, n, index++}});
          }
        }
      }
    }
  }
  const bool sameDevices = rows.size() == rows_.size() &&
                           std::equal(rows.begin(), rows.end(), rows_.begin(),
                                      [](const Row& a, const Row& b) { return a.device == b.device; });
  if (sameDevices) {
    // Same devices (groups may have split or joined): only values changed, so views keep their
    // selection and scroll position.
    rows_ = rows;
    if (!rows_.isEmpty()) emit dataChanged(index(0, 0), index(int(rows_.size()) - 1, ColumnCount - 1));
    return;
  }
  beginResetModel();
  rows_ = rows;
  endResetModel();
}

int PoolTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int PoolTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PoolTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::TextAlignmentRole) {
    const bool numeric = section == Device || section == MemoryGib || section == PeakTflops || section == MeasuredTokensPerS;
    return QVariant::fromValue(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case Device: return tr("Index of the device on its node (as in the worker ids)");
      case MemoryGib: return tr("Memory per device, GiB");
      case PeakTflops: return tr("Peak dense bf16 TFLOPS per device (catalog figure)");
      case MeasuredTokensPerS: return tr("Tokens per second measured on this device by a profiling run; the planner prefers it to peak figures");
      default: return {};
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Enabled: return tr("Enabled");
    case Datacenter: return tr("Datacenter");
    case Node: return tr("Node");
    case Type: return tr("Type");
    case Vendor: return tr("Vendor");
    case Device: return tr("#");
    case MemoryGib: return tr("GiB");
    case PeakTflops: return tr("TFLOPS");
    case MeasuredTokensPerS: return tr("tok/s");
    case Mode: return tr("Mode");
    default: return {};
  }
}

Qt::ItemFlags PoolTableModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
  if (index.column() == Enabled) f |= Qt::ItemIsUserCheckable;
  return f;
}

QVariant PoolTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size() || !document_.project()) return {};
  const ItemKey& key = rows_[index.row()].group;
  const topology_edits::DeviceRef& device = rows_[index.row()].device;
  const archi::Project& project = *document_.project();
  if (key.dc >= int(project.topology.datacenters.size())) return {};
  const archi::Datacenter& dc = project.topology.datacenters[key.dc];
  const archi::Node& node = dc.nodes[key.node];
  const archi::DeviceGroup& group = node.devices[key.group];
  const archi::GpuSpec* spec = document_.catalog().find(group.type);
  const QLocale locale;
  const int column = index.column();

  switch (role) {
    case KeyRole: return QVariant::fromValue(key);
    case DeviceIdRole: return QStringLiteral("%1/%2/%3").arg(q(dc.id), q(node.id)).arg(device.indexOnNode);
    case DatacenterIdRole: return q(dc.id);
    case TypeRole: return q(group.type);
    case Qt::CheckStateRole:
      return column == Enabled ? QVariant(group.enabled ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::TextAlignmentRole:
      if (column == Device || column == MemoryGib || column == PeakTflops || column == MeasuredTokensPerS) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      }
      return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
      if (column == Datacenter) return visual_style::datacenterColor(key.dc);
      if (column == Vendor) return visual_style::vendorColor(spec ? q(spec->vendor) : QString());
      return {};
    case Qt::ForegroundRole:
      if (!group.enabled && column != Enabled) return QBrush(QColor(0x8A, 0x8F, 0x98));
      return {};
    case Qt::ToolTipRole:
      if (column == Enabled) return group.enabled ? tr("Enabled for the run") : tr("Left out of the run");
      if (column == MeasuredTokensPerS) {
        const auto it = measured_.constFind(data(index, DeviceIdRole).toString());
        if (it == measured_.constEnd()) return tr("Not measured yet: the planner uses the catalog's peak figures as a prior");
        return group.emulate ? tr("Measured in run %1 (emulated: paced to the catalog ratio on this CPU)").arg(measuredRun_)
                             : tr("Measured in run %1").arg(measuredRun_);
      }
      if (spec && !spec->note.empty()) return q(spec->note);
      return {};
    case SortRole:
      switch (column) {
        case Enabled: return group.enabled ? 1 : 0;
        case Device: return device.indexOnNode;
        case MemoryGib: return spec ? spec->memory_gib : -1.0;
        case PeakTflops: return spec ? spec->bf16_tflops : -1.0;
        case MeasuredTokensPerS: return measured_.value(data(index, DeviceIdRole).toString(), -1.0);
        default: return data(index, Qt::DisplayRole);
      }
    case Qt::DisplayRole:
      switch (column) {
        case Enabled: return QVariant();  // the check box says it; the tooltip says it in words
        case Datacenter: return dc.name.empty() ? q(dc.id) : q(dc.name);
        case Node: return q(node.id);
        case Type: return q(group.type);
        case Vendor: return spec ? q(spec->vendor) : tr("unknown");
        case Device: return QStringLiteral("#%1").arg(device.indexOnNode);
        case MemoryGib: return spec ? locale.toString(spec->memory_gib, 'f', 0) : QStringLiteral("—");
        case PeakTflops: return spec ? locale.toString(spec->bf16_tflops, 'f', 1) : QStringLiteral("—");
        case MeasuredTokensPerS: {
          const auto it = measured_.constFind(data(index, DeviceIdRole).toString());
          return it == measured_.constEnd() ? QStringLiteral("—") : visual_style::formatRate(*it);
        }
        case Mode: return group.emulate ? tr("emulated") : tr("hardware");
        default: return {};
      }
    default: return {};
  }
}

bool PoolTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || index.column() != Enabled || role != Qt::CheckStateRole) return false;
  setEnabled({rows_[index.row()].device}, value.toInt() == Qt::Checked);
  return true;
}

void PoolTableModel::setMeasured(const QHash<QString, double>& tokensPerSecond, const QString& runName) {
  measured_ = tokensPerSecond;
  measuredRun_ = runName;
  if (!rows_.isEmpty()) emit dataChanged(index(0, MeasuredTokensPerS), index(int(rows_.size()) - 1, MeasuredTokensPerS));
}

void PoolTableModel::setEnabled(const QList<topology_edits::DeviceRef>& devices, bool enabled) {
  if (!document_.project() || devices.isEmpty()) return;
  archi::Project project = *document_.project();
  topology_edits::setDevicesEnabled(project, devices, enabled);
  document_.applyEdit(enabled ? tr("Enable %1").arg(visual_style::count(devices.size(), tr("device"), tr("devices")))
                              : tr("Disable %1").arg(visual_style::count(devices.size(), tr("device"), tr("devices"))),
                      project);
}
