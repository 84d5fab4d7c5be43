#include "app/ProblemsPanel.h"

#include <QHeaderView>
#include <QStyle>

#include <algorithm>
#include <set>
#include <utility>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

ProblemsPanel::ProblemsPanel(ProjectDocument& document, QWidget* parent) : QTreeWidget(parent), document_(document) {
  setObjectName("problemsList");
  setRootIsDecorated(false);
  setAlternatingRowColors(true);
  setHeaderLabels({tr("Severity"), tr("Item"), tr("Field"), tr("Problem")});
  header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  header()->setStretchLastSection(true);
  setAccessibleName(tr("Problems"));
  connect(&document_, &ProjectDocument::problemsChanged, this, &ProblemsPanel::rebuild);
  auto activate = [this](QTreeWidgetItem* item) { emit problemActivated(item->data(0, Qt::UserRole).value<ItemKey>()); };
  connect(this, &QTreeWidget::itemClicked, this, activate);
  connect(this, &QTreeWidget::itemActivated, this, activate);
  rebuild();
}

QString ProblemsPanel::describe(const ItemKey& key) const {
  const auto& project = document_.project();
  if (!project || !key.isValid()) return tr("project");
  const auto& dcs = project->topology.datacenters;
  if (key.kind == ItemKey::Kind::Link) {
    if (key.link >= int(project->topology.links.size())) return tr("link %1").arg(key.link);
    const archi::WanLink& link = project->topology.links[key.link];
    return tr("link %1 ↔ %2").arg(q(link.a), q(link.b));
  }
  if (key.dc >= int(dcs.size())) return tr("datacenter %1").arg(key.dc);
  const archi::Datacenter& dc = dcs[key.dc];
  QString text = dc.name.empty() ? q(dc.id) : q(dc.name);
  if (key.node < 0 || key.node >= int(dc.nodes.size())) return text;
  const archi::Node& node = dc.nodes[key.node];
  text += QStringLiteral(" › ") + q(node.id);
  if (key.group < 0 || key.group >= int(node.devices.size())) return text;
  return text + QStringLiteral(" › ") + q(node.devices[key.group].type);
}

void ProblemsPanel::rebuild() {
  clear();
  const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
  const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
  // Errors first (they block a run), each group in pointer order.
  for (archi::Severity severity : {archi::Severity::Error, archi::Severity::Warning}) {
    for (const archi::Diagnostic& d : document_.problems().all()) {
      if (d.severity != severity) continue;
      const ItemKey key = ItemKey::fromPointer(d.pointer);
      const QString pointer = d.pointer.empty() ? QStringLiteral("/") : q(d.pointer);
      const QString field = key.isValid() ? pointer.mid(key.pointer().size()).remove(0, 1) : pointer.mid(1);
      const bool error = severity == archi::Severity::Error;
      auto* item = new QTreeWidgetItem(this, {error ? tr("error") : tr("warning"), describe(key), field, q(d.message)});
      item->setIcon(0, error ? errorIcon : warningIcon);
      item->setForeground(0, error ? visual_style::errorColor() : visual_style::warningColor());
      item->setData(0, Qt::UserRole, QVariant::fromValue(key));
      item->setToolTip(3, pointer + QStringLiteral(": ") + q(d.message));
      item->setToolTip(1, pointer);
    }
  }
  addNodeRows();
}

void ProblemsPanel::setNodeStatuses(const NodeStatuses& statuses) {
  nodeStatuses_ = statuses;
  rebuild();
}

ItemKey ProblemsPanel::nodeKey(const QString& nodeId) const {
  const auto& project = document_.project();
  if (!project) return {};
  const auto& dcs = project->topology.datacenters;
  for (int di = 0; di < int(dcs.size()); ++di) {
    for (int ni = 0; ni < int(dcs[di].nodes.size()); ++ni) {
      if (q(dcs[di].nodes[ni].id) == nodeId) return ItemKey::nodeOf(di, ni);
    }
  }
  return {};
}

void ProblemsPanel::addNodeRows() {
  const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
  // A project none of whose nodes was ever enrolled is a design, not a deployment: its cards
  // say "not enrolled", but that is not a problem of each node.
  const bool deployed = std::any_of(nodeStatuses_.begin(), nodeStatuses_.end(), [](const NodeStatus& s) { return !s.viaSlurm && !s.notEnrolled; });
  std::set<QString> listedSlurmDatacenters;
  for (const NodeStatus& status : std::as_const(nodeStatuses_)) {
    QStringList messages;
    if (status.state == NodeStatus::State::Unreachable && !status.localOnly && (deployed || !status.notEnrolled)) {
      // Agent errors already start "node <id> (agent host:port): …"; other reasons get the node named.
      // A Slurm datacenter's reason names the datacenter.
      const bool named = status.viaSlurm || status.reason.startsWith(QStringLiteral("node %1").arg(status.nodeId));
      messages.append(named ? status.reason : tr("node %1: %2").arg(status.nodeId, status.reason));
    } else if (status.state == NodeStatus::State::Mismatch) {
      messages = status.mismatches;
    }
    // A Slurm datacenter's answer holds for each of its nodes: listed once, at its first node.
    if (status.viaSlurm && !listedSlurmDatacenters.insert(status.datacenterId).second) continue;
    const ItemKey key = nodeKey(status.nodeId);
    for (const QString& message : std::as_const(messages)) {
      auto* item = new QTreeWidgetItem(this, {tr("warning"), describe(key), status.viaSlurm ? tr("Slurm") : tr("agent"), message});
      item->setIcon(0, warningIcon);
      item->setForeground(0, visual_style::warningColor());
      item->setData(0, Qt::UserRole, QVariant::fromValue(key));
      item->setToolTip(3, message);
    }
  }
}
