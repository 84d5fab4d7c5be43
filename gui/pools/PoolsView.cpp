#include "pools/PoolsView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"
#include "pools/PoolFilterProxy.h"
#include "pools/PoolTableModel.h"

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

struct Total {
  int devices = 0;
  int enabled = 0;
  double memoryGib = 0.0;  // enabled devices
  double tflops = 0.0;     // enabled devices
  QColor color;
};

QTreeWidget* totalsTree(const QString& objectName, const QString& firstColumn) {
  auto* tree = new QTreeWidget;
  tree->setObjectName(objectName);
  tree->setRootIsDecorated(false);
  tree->setHeaderLabels({firstColumn, QObject::tr("Enabled / devices"), QObject::tr("Memory (GiB)"), QObject::tr("Peak bf16")});
  tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  tree->header()->setStretchLastSection(false);
  tree->setAlternatingRowColors(true);
  tree->setSelectionMode(QAbstractItemView::NoSelection);
  return tree;
}

void fillTotals(QTreeWidget* tree, const QList<QPair<QString, Total>>& rows) {
  tree->clear();
  const QLocale locale;
  Total sum;
  for (const auto& [name, t] : rows) {
    auto* item = new QTreeWidgetItem(tree, {name, QObject::tr("%1 / %2").arg(locale.toString(t.enabled), locale.toString(t.devices)),
                                            locale.toString(t.memoryGib, 'f', 0), visual_style::formatFlops(t.tflops)});
    item->setIcon(0, [&] {
      QPixmap swatch(12, 12);
      swatch.fill(t.color);
      return QIcon(swatch);
    }());
    for (int c = 1; c < 4; ++c) item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    sum.devices += t.devices;
    sum.enabled += t.enabled;
    sum.memoryGib += t.memoryGib;
    sum.tflops += t.tflops;
  }
  auto* total = new QTreeWidgetItem(tree, {QObject::tr("Total"),
                                           QObject::tr("%1 / %2").arg(locale.toString(sum.enabled), locale.toString(sum.devices)),
                                           locale.toString(sum.memoryGib, 'f', 0), visual_style::formatFlops(sum.tflops)});
  QFont bold = total->font(0);
  bold.setBold(true);
  for (int c = 0; c < 4; ++c) {
    total->setFont(c, bold);
    if (c > 0) total->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
  }
}

}  // namespace

PoolsView::PoolsView(ProjectDocument& document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      model_(new PoolTableModel(document, this)),
      proxy_(new PoolFilterProxy(this)),
      table_(new QTableView),
      typeFilter_(new QComboBox),
      siteFilter_(new QComboBox),
      search_(new QLineEdit) {
  setObjectName("poolsView");
  proxy_->setSourceModel(model_);

  typeFilter_->setObjectName("poolTypeFilter");
  siteFilter_->setObjectName("poolSiteFilter");
  search_->setObjectName("poolSearch");
  search_->setPlaceholderText(tr("Search devices…"));
  search_->setClearButtonEnabled(true);
  auto* enable = new QPushButton(tr("&Enable"));
  enable->setObjectName("poolEnable");
  enable->setToolTip(tr("Enable the selected rows for the run (all shown rows when none is selected)"));
  auto* disable = new QPushButton(tr("&Disable"));
  disable->setObjectName("poolDisable");
  disable->setToolTip(tr("Leave the selected rows out of the run (all shown rows when none is selected)"));

  auto* filters = new QHBoxLayout;
  auto* typeLabel = new QLabel(tr("&Type:"));
  typeLabel->setBuddy(typeFilter_);
  auto* siteLabel = new QLabel(tr("&Site:"));
  siteLabel->setBuddy(siteFilter_);
  filters->addWidget(typeLabel);
  filters->addWidget(typeFilter_);
  filters->addSpacing(8);
  filters->addWidget(siteLabel);
  filters->addWidget(siteFilter_);
  filters->addSpacing(8);
  filters->addWidget(search_, 1);
  filters->addSpacing(8);
  filters->addWidget(enable);
  filters->addWidget(disable);

  table_->setObjectName("poolTable");
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(PoolTableModel::Datacenter, Qt::AscendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setAlternatingRowColors(true);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setWordWrap(false);

  byType_ = totalsTree("poolTotalsByType", tr("GPU type"));
  bySite_ = totalsTree("poolTotalsBySite", tr("Site"));
  auto* totals = new QWidget;
  auto* totalsLayout = new QHBoxLayout(totals);
  totalsLayout->setContentsMargins(0, 0, 0, 0);
  auto column = [](const QString& title, QTreeWidget* tree) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(title);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    layout->addWidget(label);
    layout->addWidget(tree);
    return box;
  };
  totalsLayout->addWidget(column(tr("Totals per GPU type (enabled devices)"), byType_));
  totalsLayout->addWidget(column(tr("Totals per site (enabled devices)"), bySite_));

  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(table_);
  splitter->addWidget(totals);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filters);
  layout->addWidget(splitter, 1);

  connect(typeFilter_, &QComboBox::currentIndexChanged, this,
          [this] { proxy_->setTypeFilter(typeFilter_->currentData().toString()); });
  connect(siteFilter_, &QComboBox::currentIndexChanged, this,
          [this] { proxy_->setSiteFilter(siteFilter_->currentData().toString()); });
  connect(search_, &QLineEdit::textChanged, proxy_, &PoolFilterProxy::setTextFilter);
  connect(enable, &QPushButton::clicked, this, [this] { setShownEnabled(true); });
  connect(disable, &QPushButton::clicked, this, [this] { setShownEnabled(false); });
  connect(&document_, &ProjectDocument::projectChanged, this, &PoolsView::refreshFilters);
  connect(&document_, &ProjectDocument::projectChanged, this, &PoolsView::refreshTotals);
  refreshFilters();
  refreshTotals();
}

void PoolsView::setShownEnabled(bool enabled) {
  QList<topology_edits::DeviceRef> devices;
  const QModelIndexList selected = table_->selectionModel()->selectedRows();
  if (!selected.isEmpty()) {
    for (const QModelIndex& index : selected) devices.append(model_->deviceAt(proxy_->mapToSource(index).row()));
  } else {
    for (int row = 0; row < proxy_->rowCount(); ++row) devices.append(model_->deviceAt(proxy_->mapToSource(proxy_->index(row, 0)).row()));
  }
  model_->setEnabled(devices, enabled);
}

void PoolsView::refreshFilters() {
  const QString type = typeFilter_->currentData().toString();
  const QString site = siteFilter_->currentData().toString();
  QSignalBlocker blockType(typeFilter_);
  QSignalBlocker blockSite(siteFilter_);
  typeFilter_->clear();
  siteFilter_->clear();
  typeFilter_->addItem(tr("All types"), QString());
  siteFilter_->addItem(tr("All sites"), QString());
  if (const auto& project = document_.project()) {
    QStringList types;
    for (const archi::Datacenter& dc : project->topology.datacenters) {
      siteFilter_->addItem(dc.name.empty() ? q(dc.id) : q(dc.name), q(dc.id));
      for (const archi::Node& node : dc.nodes) {
        for (const archi::DeviceGroup& group : node.devices) {
          if (!types.contains(q(group.type))) types.append(q(group.type));
        }
      }
    }
    types.sort();
    for (const QString& t : types) typeFilter_->addItem(t, t);
  }
  typeFilter_->setCurrentIndex(std::max(0, typeFilter_->findData(type)));
  siteFilter_->setCurrentIndex(std::max(0, siteFilter_->findData(site)));
  proxy_->setTypeFilter(typeFilter_->currentData().toString());
  proxy_->setSiteFilter(siteFilter_->currentData().toString());
}

void PoolsView::refreshTotals() {
  QList<QPair<QString, Total>> types;
  QList<QPair<QString, Total>> sites;
  if (const auto& project = document_.project()) {
    QMap<QString, Total> byType;
    for (int d = 0; d < int(project->topology.datacenters.size()); ++d) {
      const archi::Datacenter& dc = project->topology.datacenters[d];
      Total site;
      site.color = visual_style::datacenterColor(d);
      for (const archi::Node& node : dc.nodes) {
        for (const archi::DeviceGroup& group : node.devices) {
          const archi::GpuSpec* spec = document_.catalog().find(group.type);
          Total& t = byType[q(group.type)];
          t.color = visual_style::vendorColor(spec ? q(spec->vendor) : QString());
          for (Total* total : {&t, &site}) {
            total->devices += group.count;
            if (!group.enabled) continue;
            total->enabled += group.count;
            if (spec) {
              total->memoryGib += spec->memory_gib * group.count;
              total->tflops += spec->bf16_tflops * group.count;
            }
          }
        }
      }
      sites.append({dc.name.empty() ? q(dc.id) : q(dc.name), site});
    }
    for (auto it = byType.cbegin(); it != byType.cend(); ++it) types.append({it.key(), it.value()});
  }
  fillTotals(byType_, types);
  fillTotals(bySite_, sites);
}
