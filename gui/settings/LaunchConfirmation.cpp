#include "settings/LaunchConfirmation.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "app/VisualStyle.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

enum Column { DeviceColumn, TypeColumn, ShareColumn, FitColumn, ColumnCount };
}  // namespace

LaunchSummary summarizeLaunch(const archi::Project& project, const archi::Plan& plan) {
  LaunchSummary s;
  s.projectName = q(project.name);
  s.tokenBudget = project.run.train.tokens;
  s.sync = plan.sync;
  s.compression = plan.compression;
  s.innerSteps = plan.inner_steps;
  s.predictedTokensPerS = plan.predicted_tokens_per_s;
  s.idealTokensPerS = plan.ideal_tokens_per_s;
  s.efficiency = plan.efficiency;
  s.roundMs = plan.round_ms;
  s.wanShare = plan.comm_share;
  s.wanBytesPerRound = plan.wan.bytes_per_round;
  s.expectedDurationS = plan.predicted_tokens_per_s > 0.0 ? double(s.tokenBudget) / plan.predicted_tokens_per_s : 0.0;
  for (const archi::DatacenterPlan& dc : plan.datacenters) {
    for (const archi::DevicePlan& d : dc.devices) {
      LaunchDevice device;
      device.id = q(d.device.id);
      device.datacenter = dc.name.empty() ? q(dc.id) : q(dc.name);
      device.type = q(d.device.type);
      device.emulated = d.device.emulated;
      device.sequencesPerStep = d.sequences_per_step;
      device.maxSequences = d.max_sequences;
      device.excluded = d.excluded;
      s.excludedDevices += d.excluded ? 1 : 0;
      s.devices.append(device);
    }
  }
  for (const archi::Diagnostic& w : plan.warnings.all()) s.warnings.append(q(w.pointer) + QStringLiteral(": ") + q(w.message));
  return s;
}

QString LaunchConfirmation::fitText(const LaunchDevice& device) {
  if (device.excluded) return tr("⚠ left out: its memory cannot hold one sequence");
  const QLocale locale;
  return tr("✓ fits: %1 of at most %2 sequences per step").arg(locale.toString(device.sequencesPerStep), locale.toString(device.maxSequences));
}

LaunchConfirmation::LaunchConfirmation(const LaunchSummary& s, QWidget* parent) : QDialog(parent) {
  setObjectName("launchConfirmation");
  setWindowTitle(tr("Launch %1?").arg(s.projectName));
  auto* layout = new QVBoxLayout(this);
  const QLocale locale;

  auto* intro = new QLabel(tr("The plan this run will follow on this machine. Nothing has started yet."));
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* figures = new QFormLayout;
  figures->setLabelAlignment(Qt::AlignRight);
  auto addFigure = [&](const QString& name, const QString& label, const QString& value) {
    auto* text = new QLabel(value);
    text->setObjectName(name);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    figures->addRow(label, text);
  };
  addFigure("throughput", tr("Predicted throughput:"),
            tr("%1 of an ideal %2 (%3% efficiency)")
                .arg(visual_style::formatRate(s.predictedTokensPerS), visual_style::formatRate(s.idealTokensPerS),
                     locale.toString(100.0 * s.efficiency, 'f', 0)));
  const QString syncText = s.sync == archi::SyncMode::DiLoCo ? tr("DiLoCo, H = %1 inner steps").arg(s.innerSteps) : tr("DDP, every step");
  addFigure("roundTime", s.sync == archi::SyncMode::DiLoCo ? tr("Round time:") : tr("Step time:"),
            tr("%1 (%2, %3 on the wire)").arg(visual_style::formatDuration(s.roundMs), syncText, q(archi::toString(s.compression))));
  addFigure("wanShare", tr("WAN share:"),
            tr("%1% of each round · %2 per leader per round")
                .arg(locale.toString(100.0 * s.wanShare, 'f', 1), visual_style::formatBytes(s.wanBytesPerRound)));
  addFigure("budget", tr("Token budget:"),
            tr("%1 tokens, about %2 at that speed")
                .arg(locale.toString(s.tokenBudget), visual_style::formatDuration(1000.0 * s.expectedDurationS)));
  layout->addLayout(figures);

  auto* devices = new QTreeWidget;
  devices->setObjectName("launchDevices");
  devices->setRootIsDecorated(false);
  devices->setColumnCount(ColumnCount);
  devices->setHeaderLabels({tr("Device"), tr("Type"), tr("Share"), tr("Memory fit")});
  for (const LaunchDevice& d : s.devices) {
    auto* row = new QTreeWidgetItem(devices);
    row->setText(DeviceColumn, d.id);
    row->setText(TypeColumn, d.emulated ? tr("%1 (emulated)").arg(d.type) : d.type);
    row->setText(ShareColumn, tr("%1 seq/step").arg(d.sequencesPerStep));
    row->setTextAlignment(ShareColumn, Qt::AlignRight | Qt::AlignVCenter);
    row->setText(FitColumn, fitText(d));
    if (d.excluded) row->setForeground(FitColumn, visual_style::warningColor());
    row->setToolTip(FitColumn, tr("%1 in %2: memory holds %3 sequences per step, the plan gives it %4")
                                   .arg(d.id, d.datacenter).arg(d.maxSequences).arg(d.sequencesPerStep));
  }
  devices->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  devices->setMinimumHeight(std::min(320, 28 + 22 * int(s.devices.size())));
  layout->addWidget(devices, 1);

  if (s.excludedDevices > 0 || !s.warnings.isEmpty()) {
    QStringList lines;
    if (s.excludedDevices == 1) lines.append(tr("1 device cannot take part: its memory cannot hold one sequence."));
    if (s.excludedDevices > 1) lines.append(tr("%1 devices cannot take part: their memory cannot hold one sequence.").arg(s.excludedDevices));
    lines.append(s.warnings);
    auto* warnings = new QLabel(tr("Warnings:") + QStringLiteral("\n") + lines.join('\n'));
    warnings->setObjectName("launchWarnings");
    warnings->setWordWrap(true);
    layout->addWidget(warnings);
  }

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  QPushButton* launch = buttons->addButton(tr("&Launch"), QDialogButtonBox::AcceptRole);
  launch->setObjectName("launchButton");
  launch->setDefault(true);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  resize(760, sizeHint().height());
}
