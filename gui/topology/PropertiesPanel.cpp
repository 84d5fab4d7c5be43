#include "topology/PropertiesPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"
#include "core/ProjectValidator.h"
#include "topology/TopologyEdits.h"

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QLabel* heading(const QString& text) {
  auto* label = new QLabel(text);
  QFont font = label->font();
  font.setBold(true);
  font.setPointSizeF(font.pointSizeF() * 1.1);
  label->setFont(font);
  return label;
}

}  // namespace

PropertiesPanel::PropertiesPanel(ProjectDocument& document, QWidget* parent) : QWidget(parent), document_(document) {
  setObjectName("propertiesPanel");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  scroll_ = new QScrollArea(this);
  scroll_->setWidgetResizable(true);
  scroll_->setFrameShape(QFrame::NoFrame);
  layout->addWidget(scroll_);
  connect(&document_, &ProjectDocument::projectChanged, this, &PropertiesPanel::scheduleRebuild);
  rebuild();
}

void PropertiesPanel::setSelection(const ItemKeys& keys) {
  if (keys == keys_) return;
  keys_ = keys;
  scheduleRebuild();
}

void PropertiesPanel::scheduleRebuild() {
  // Queued: the change may come from one of the form's own editors, which must outlive its signal.
  if (rebuildPending_) return;
  rebuildPending_ = true;
  QMetaObject::invokeMethod(this, &PropertiesPanel::rebuild, Qt::QueuedConnection);
}

void PropertiesPanel::rebuild() {
  rebuildPending_ = false;
  QWidget* focused = focusWidget();
  const QString focusName = focused && form_ && form_->isAncestorOf(focused) ? focused->objectName() : QString();

  auto* form = new QWidget;
  form->setObjectName("propertiesForm");
  auto* layout = new QFormLayout(form);
  layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  layout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
  form_ = form;

  const auto& project = document_.project();
  // Keys may be stale after an undo removed their item: fall back to the project form.
  auto valid = [&](const ItemKey& k) {
    if (!project) return false;
    const auto& dcs = project->topology.datacenters;
    switch (k.kind) {
      case ItemKey::Kind::Link: return k.link < int(project->topology.links.size());
      case ItemKey::Kind::Datacenter: return k.dc < int(dcs.size());
      case ItemKey::Kind::Node: return k.dc < int(dcs.size()) && k.node < int(dcs[k.dc].nodes.size());
      case ItemKey::Kind::DeviceGroup:
        return k.dc < int(dcs.size()) && k.node < int(dcs[k.dc].nodes.size()) &&
               k.group < int(dcs[k.dc].nodes[k.node].devices.size());
      case ItemKey::Kind::None: return false;
    }
    return false;
  };
  ItemKeys live;
  for (const ItemKey& k : keys_) {
    if (valid(k)) live.append(k);
  }
  if (!project) {
    layout->addRow(new QLabel(tr("No project is open.")));
  } else if (live.isEmpty()) {
    buildProject(layout);
  } else if (live.size() > 1) {
    keys_ = live;
    buildMultiple(layout);
  } else {
    const ItemKey& k = live.front();
    switch (k.kind) {
      case ItemKey::Kind::Datacenter: buildDatacenter(layout, k.dc); break;
      case ItemKey::Kind::Node: buildNode(layout, k.dc, k.node); break;
      case ItemKey::Kind::DeviceGroup: buildDeviceGroup(layout, k.dc, k.node, k.group); break;
      case ItemKey::Kind::Link: buildLink(layout, k.link); break;
      case ItemKey::Kind::None: break;
    }
  }
  // Problems of the selected item, in words, under its fields.
  if (project && live.size() == 1) {
    const QString prefix = live.front().pointer() + '/';
    QStringList lines;
    for (const archi::Diagnostic& d : document_.problems().all()) {
      const QString pointer = q(d.pointer);
      if (pointer + '/' == prefix || pointer.startsWith(prefix)) {
        lines.append((d.severity == archi::Severity::Error ? tr("✖ %1: %2") : tr("⚠ %1: %2"))
                         .arg(pointer.mid(prefix.size()).isEmpty() ? tr("item") : pointer.mid(prefix.size()), q(d.message)));
      }
    }
    if (!lines.isEmpty()) {
      auto* problems = new QLabel(lines.join('\n'));
      problems->setObjectName("propertiesProblems");
      problems->setWordWrap(true);
      QPalette pal = problems->palette();
      pal.setColor(QPalette::WindowText, visual_style::errorColor());
      problems->setPalette(pal);
      layout->addRow(problems);
    }
  }
  QWidget* old = scroll_->takeWidget();
  scroll_->setWidget(form);
  if (old) old->deleteLater();
  if (!focusName.isEmpty()) {
    if (auto* again = form->findChild<QWidget*>(focusName)) again->setFocus(Qt::OtherFocusReason);
  }
}

void PropertiesPanel::apply(const QString& what, const Change& change, const QVariant& value) {
  if (!document_.project()) return;
  archi::Project project = *document_.project();
  change(project, value);
  document_.applyEdit(what, project);
}

void PropertiesPanel::addText(QFormLayout* form, const QString& name, const QString& label, const std::string& value,
                              Change change) {
  auto* edit = new QLineEdit(q(value));
  edit->setObjectName(name);
  connect(edit, &QLineEdit::editingFinished, this, [this, edit, label, change] {
    apply(tr("Set %1").arg(label), change, edit->text().trimmed());
  });
  form->addRow(label, edit);
}

void PropertiesPanel::addInt(QFormLayout* form, const QString& name, const QString& label, int value, int min, int max,
                             Change change) {
  auto* spin = new QSpinBox;
  spin->setObjectName(name);
  // An invalid value from the file is shown as it is (and marked), never clamped into range.
  spin->setRange(std::min(min, value), std::max(max, value));
  spin->setValue(value);
  spin->setKeyboardTracking(false);
  spin->setAlignment(Qt::AlignRight);
  connect(spin, &QSpinBox::valueChanged, this, [this, label, change](int v) { apply(tr("Set %1").arg(label), change, v); });
  form->addRow(label, spin);
}

void PropertiesPanel::addDouble(QFormLayout* form, const QString& name, const QString& label, double value, double min,
                                double max, int decimals, const QString& suffix, Change change) {
  auto* spin = new QDoubleSpinBox;
  spin->setObjectName(name);
  spin->setDecimals(decimals);
  spin->setRange(std::min(min, value), std::max(max, value));
  spin->setValue(value);
  spin->setSuffix(suffix);
  spin->setKeyboardTracking(false);
  spin->setAlignment(Qt::AlignRight);
  connect(spin, &QDoubleSpinBox::valueChanged, this,
          [this, label, change](double v) { apply(tr("Set %1").arg(label), change, v); });
  form->addRow(label, spin);
}

void PropertiesPanel::addCheck(QFormLayout* form, const QString& name, const QString& label, Qt::CheckState state,
                               Change change) {
  auto* box = new QCheckBox;
  box->setObjectName(name);
  box->setTristate(state == Qt::PartiallyChecked);
  box->setCheckState(state);
  connect(box, &QCheckBox::clicked, this, [this, box, label, change](bool on) {
    box->setTristate(false);
    apply(tr("Set %1").arg(label), change, on);
  });
  form->addRow(label, box);
}

void PropertiesPanel::addChoice(QFormLayout* form, const QString& name, const QString& label, const QStringList& choices,
                                const QString& value, bool editable, Change change) {
  auto* combo = new QComboBox;
  combo->setObjectName(name);
  combo->setEditable(editable);
  combo->addItems(choices);
  if (!choices.contains(value)) combo->addItem(value);
  combo->setCurrentText(value);
  connect(combo, &QComboBox::textActivated, this,
          [this, label, change](const QString& text) { apply(tr("Set %1").arg(label), change, text); });
  form->addRow(label, combo);
}

void PropertiesPanel::buildProject(QFormLayout* form) {
  const archi::Project& p = *document_.project();
  form->addRow(heading(tr("Project")));
  addText(form, "prop_project_name", tr("Name"), p.name,
          [](archi::Project& pr, const QVariant& v) { pr.name = v.toString().toStdString(); });
  const QLocale locale;
  form->addRow(tr("Datacenters"), new QLabel(locale.toString(qlonglong(p.topology.datacenters.size()))));
  form->addRow(tr("Devices"), new QLabel(locale.toString(p.topology.deviceCount())));
  form->addRow(tr("WAN links"), new QLabel(locale.toString(qlonglong(p.topology.links.size()))));
  auto* hint = new QLabel(tr("Select a datacenter, node, device or link on the canvas to edit it. "
                             "Drag a GPU type from the catalog onto a node to add devices."));
  hint->setWordWrap(true);
  hint->setEnabled(false);
  form->addRow(hint);
}

void PropertiesPanel::buildDatacenter(QFormLayout* form, int dc) {
  const archi::Datacenter& d = document_.project()->topology.datacenters[dc];
  form->addRow(heading(tr("Datacenter")));
  addText(form, "prop_dc_id", tr("Id"), d.id, [dc](archi::Project& p, const QVariant& v) {
    topology_edits::renameDatacenter(p, dc, v.toString().toStdString());
  });
  addText(form, "prop_dc_name", tr("Name"), d.name,
          [dc](archi::Project& p, const QVariant& v) { p.topology.datacenters[dc].name = v.toString().toStdString(); });
  addText(form, "prop_dc_region", tr("Region"), d.region,
          [dc](archi::Project& p, const QVariant& v) { p.topology.datacenters[dc].region = v.toString().toStdString(); });
  addDouble(form, "prop_dc_x", tr("Position x"), d.position.x, -1e6, 1e6, 0, QString(),
            [dc](archi::Project& p, const QVariant& v) { p.topology.datacenters[dc].position.x = v.toDouble(); });
  addDouble(form, "prop_dc_y", tr("Position y"), d.position.y, -1e6, 1e6, 0, QString(),
            [dc](archi::Project& p, const QVariant& v) { p.topology.datacenters[dc].position.y = v.toDouble(); });
  addDouble(form, "prop_dc_fabric_gbit", tr("Fabric bandwidth"), d.fabric.gbit, 0, 1e5, 1, tr(" Gbit/s"),
            [dc](archi::Project& p, const QVariant& v) { p.topology.datacenters[dc].fabric.gbit = v.toDouble(); });
  addDouble(form, "prop_dc_fabric_latency", tr("Fabric latency"), d.fabric.latency_us, 0, 1e6, 1, tr(" µs"),
            [dc](archi::Project& p, const QVariant& v) { p.topology.datacenters[dc].fabric.latency_us = v.toDouble(); });
}

void PropertiesPanel::buildNode(QFormLayout* form, int dc, int node) {
  const archi::Node& n = document_.project()->topology.datacenters[dc].nodes[node];
  form->addRow(heading(tr("Node")));
  addText(form, "prop_node_id", tr("Id"), n.id, [dc, node](archi::Project& p, const QVariant& v) {
    p.topology.datacenters[dc].nodes[node].id = v.toString().toStdString();
  });
  addText(form, "prop_node_host", tr("Host"), n.host, [dc, node](archi::Project& p, const QVariant& v) {
    p.topology.datacenters[dc].nodes[node].host = v.toString().toStdString();
  });
  addInt(form, "prop_node_port", tr("Agent port"), n.agent_port, 0, archi::kMaxPort,
         [dc, node](archi::Project& p, const QVariant& v) { p.topology.datacenters[dc].nodes[node].agent_port = v.toInt(); });
}

void PropertiesPanel::buildDeviceGroup(QFormLayout* form, int dc, int node, int group) {
  const archi::DeviceGroup& g = document_.project()->topology.datacenters[dc].nodes[node].devices[group];
  form->addRow(heading(tr("Devices")));
  QStringList types;
  for (const std::string& t : document_.catalog().types()) types.append(q(t));
  addChoice(form, "prop_group_type", tr("Type"), types, q(g.type), true,
            [dc, node, group](archi::Project& p, const QVariant& v) {
              p.topology.datacenters[dc].nodes[node].devices[group].type = v.toString().toStdString();
            });
  addInt(form, "prop_group_count", tr("Count"), g.count, 0, 4096, [dc, node, group](archi::Project& p, const QVariant& v) {
    p.topology.datacenters[dc].nodes[node].devices[group].count = v.toInt();
  });
  addCheck(form, "prop_group_emulate", tr("Emulate on CPU"), g.emulate ? Qt::Checked : Qt::Unchecked,
           [dc, node, group](archi::Project& p, const QVariant& v) {
             p.topology.datacenters[dc].nodes[node].devices[group].emulate = v.toBool();
           });
  addCheck(form, "prop_group_enabled", tr("Enabled for the run"), g.enabled ? Qt::Checked : Qt::Unchecked,
           [dc, node, group](archi::Project& p, const QVariant& v) {
             p.topology.datacenters[dc].nodes[node].devices[group].enabled = v.toBool();
           });
  if (const archi::GpuSpec* spec = document_.catalog().find(g.type)) {
    const QLocale locale;
    form->addRow(tr("Vendor"), new QLabel(q(spec->vendor)));
    form->addRow(tr("Memory"), new QLabel(tr("%1 GiB each").arg(locale.toString(spec->memory_gib, 'f', 0))));
    form->addRow(tr("Peak bf16"), new QLabel(tr("%1 each").arg(visual_style::formatFlops(spec->bf16_tflops))));
    if (!spec->note.empty()) {
      auto* note = new QLabel(q(spec->note));
      note->setWordWrap(true);
      form->addRow(tr("Note"), note);
    }
  }
}

void PropertiesPanel::buildLink(QFormLayout* form, int link) {
  const archi::Project& project = *document_.project();
  const archi::WanLink& l = project.topology.links[link];
  form->addRow(heading(tr("WAN link")));
  QStringList ids;
  for (const archi::Datacenter& dc : project.topology.datacenters) ids.append(q(dc.id));
  addChoice(form, "prop_link_a", tr("From"), ids, q(l.a), false,
            [link](archi::Project& p, const QVariant& v) { p.topology.links[link].a = v.toString().toStdString(); });
  addChoice(form, "prop_link_b", tr("To"), ids, q(l.b), false,
            [link](archi::Project& p, const QVariant& v) { p.topology.links[link].b = v.toString().toStdString(); });
  addDouble(form, "prop_link_gbit", tr("Bandwidth"), l.gbit, 0, 1e5, 3, tr(" Gbit/s"),
            [link](archi::Project& p, const QVariant& v) { p.topology.links[link].gbit = v.toDouble(); });
  addDouble(form, "prop_link_rtt", tr("Round-trip time"), l.rtt_ms, 0, 1e5, 1, tr(" ms"),
            [link](archi::Project& p, const QVariant& v) { p.topology.links[link].rtt_ms = v.toDouble(); });
  addDouble(form, "prop_link_loss", tr("Packet loss"), l.loss_pct, 0, 99.99, 2, tr(" %"),
            [link](archi::Project& p, const QVariant& v) { p.topology.links[link].loss_pct = v.toDouble(); });
  form->addRow(tr("Shown as"), new QLabel(visual_style::formatLink(l.gbit, l.rtt_ms, l.loss_pct)));
}

void PropertiesPanel::buildMultiple(QFormLayout* form) {
  form->addRow(heading(tr("%1 selected").arg(visual_style::count(keys_.size(), tr("item"), tr("items")))));
  const archi::Project& project = *document_.project();
  ItemKeys groups;
  int emulated = 0;
  int enabled = 0;
  for (const ItemKey& k : keys_) {
    if (k.kind != ItemKey::Kind::DeviceGroup) continue;
    groups.append(k);
    const archi::DeviceGroup& g = project.topology.datacenters[k.dc].nodes[k.node].devices[k.group];
    emulated += g.emulate ? 1 : 0;
    enabled += g.enabled ? 1 : 0;
  }
  if (groups.isEmpty()) {
    auto* hint = new QLabel(tr("Select device groups to change them together, or one item to edit all of its fields."));
    hint->setWordWrap(true);
    form->addRow(hint);
    return;
  }
  auto state = [&](int on) { return on == 0 ? Qt::Unchecked : on == int(groups.size()) ? Qt::Checked : Qt::PartiallyChecked; };
  addCheck(form, "prop_multi_emulate", tr("Emulate on CPU"), state(emulated), [groups](archi::Project& p, const QVariant& v) {
    for (const ItemKey& k : groups) p.topology.datacenters[k.dc].nodes[k.node].devices[k.group].emulate = v.toBool();
  });
  addCheck(form, "prop_multi_enabled", tr("Enabled for the run"), state(enabled), [groups](archi::Project& p, const QVariant& v) {
    topology_edits::setEnabled(p, groups, v.toBool());
  });
}
