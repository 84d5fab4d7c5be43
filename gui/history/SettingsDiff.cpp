#include "history/SettingsDiff.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <functional>

#include "app/VisualStyle.h"

namespace {

using Cell = SettingsDiffRow::Cell;

Cell text(const QString& value) { return {value, std::nullopt, true}; }
Cell number(const QString& value, double n) { return {value, n, true}; }
Cell missing() { return {QStringLiteral("—"), std::nullopt, false}; }

QString decimal(double value, int digits = 4) { return QLocale().toString(value, 'g', digits); }

QString modelText(const archi::ModelConfig& m) {
  return SettingsDiff::tr("%1 layers · %2 heads · dim %3 · context %4 · vocab %5")
      .arg(m.layers).arg(m.heads).arg(m.dim).arg(m.context).arg(m.vocab);
}

const archi::WanLink* findLink(const archi::Topology& topology, const std::string& a, const std::string& b) {
  for (const archi::WanLink& link : topology.links) {
    if ((link.a == a && link.b == b) || (link.a == b && link.b == a)) return &link;
  }
  return nullptr;
}

QString datacenterName(const QList<ComparedRun>& runs, const std::string& id) {
  for (const ComparedRun& run : runs) {
    if (!run.settings.project) continue;
    if (const archi::Datacenter* dc = run.settings.project->topology.findDatacenter(id)) {
      return QString::fromStdString(dc->name.empty() ? id : dc->name);
    }
  }
  return QString::fromStdString(id);
}

class Builder {
 public:
  explicit Builder(const QList<ComparedRun>& runs) : runs_(runs) {}

  void add(SettingsDiffRow::Section section, const QString& key, const QString& label, const std::function<Cell(const ComparedRun&)>& cellOf,
           bool lowerIsBetter = false) {
    SettingsDiffRow row;
    row.section = section;
    row.key = key;
    row.label = label;
    row.lowerIsBetter = lowerIsBetter;
    for (const ComparedRun& run : runs_) row.cells.push_back(cellOf(run));
    if (section == SettingsDiffRow::Section::Setting) {
      for (const Cell& cell : row.cells) {
        if (!cell.present || cell.text != row.cells.front().text) row.differs = true;
      }
    }
    rows_.push_back(std::move(row));
  }

  // A setting read from the launched project; runs without one show "—".
  void addProject(const QString& key, const QString& label, const std::function<Cell(const archi::Project&)>& cellOf) {
    add(SettingsDiffRow::Section::Setting, key, label,
        [&cellOf](const ComparedRun& run) { return run.settings.project ? cellOf(*run.settings.project) : missing(); });
  }

  QList<SettingsDiffRow> take() { return std::move(rows_); }

 private:
  const QList<ComparedRun>& runs_;
  QList<SettingsDiffRow> rows_;
};

}  // namespace

QString SettingsDiff::differenceText(std::optional<double> value, std::optional<double> baseline) {
  if (!value || !baseline || *baseline == 0.0) return {};
  const double percent = (*value - *baseline) / std::abs(*baseline) * 100.0;
  if (std::abs(percent) < 0.05) return tr("±0 %");
  const QString magnitude = QLocale().toString(std::abs(percent), 'f', std::abs(percent) < 10.0 ? 1 : 0);
  return percent > 0 ? tr("+%1 %").arg(magnitude) : tr("−%1 %").arg(magnitude);
}

QList<SettingsDiffRow> SettingsDiff::build(const QList<ComparedRun>& runs) {
  using Section = SettingsDiffRow::Section;
  const QLocale locale;
  Builder b(runs);

  // Results: what the runs achieved, as report/RunSummary.h defines it.
  auto optional = [](std::optional<double> value, const std::function<QString(double)>& format) {
    return value ? number(format(*value), *value) : missing();
  };
  b.add(Section::Result, "result:duration", tr("Duration"), [&](const ComparedRun& r) {
    return optional(r.summary.duration_s, [](double s) { return visual_style::formatDuration(s * 1000.0); });
  }, true);
  b.add(Section::Result, "result:tokens", tr("Tokens"), [&](const ComparedRun& r) {
    return number(tr("%1 tok").arg(locale.toString(qint64(r.summary.tokens))), double(r.summary.tokens));
  });
  b.add(Section::Result, "result:throughput", tr("Throughput"),
        [&](const ComparedRun& r) { return optional(r.summary.tokens_per_s, visual_style::formatRate); });
  b.add(Section::Result, "result:efficiency", tr("Efficiency"), [&](const ComparedRun& r) {
    return optional(r.summary.efficiency, [&](double e) { return tr("%1 %").arg(locale.toString(e * 100.0, 'f', 1)); });
  });
  b.add(Section::Result, "result:final_loss", tr("Final loss"), [&](const ComparedRun& r) {
    return optional(r.summary.final_loss, [&](double l) { return locale.toString(l, 'f', 3); });
  }, true);

  // Settings, as launched.
  b.addProject("model", tr("Model"), [&](const archi::Project& p) { return text(modelText(p.run.model)); });
  b.add(Section::Setting, "parameters", tr("Parameters"), [&](const ComparedRun& r) {
    return optional(r.settings.parameters, [&](double n) { return tr("%1 M").arg(locale.toString(n / 1e6, 'f', 2)); });
  });
  b.addProject("corpus", tr("Corpus"), [](const archi::Project& p) { return text(QString::fromStdString(p.run.data.corpus)); });
  b.addProject("tokens", tr("Token budget"), [&](const archi::Project& p) {
    return number(tr("%1 tok").arg(locale.toString(qint64(p.run.train.tokens))), double(p.run.train.tokens));
  });
  b.addProject("sync", tr("Sync mode"), [](const archi::Project& p) { return text(QString::fromLatin1(archi::toString(p.run.train.sync))); });
  b.addProject("compression", tr("Wire format"),
               [](const archi::Project& p) { return text(QString::fromLatin1(archi::toString(p.run.train.compression))); });
  b.addProject("inner_steps", tr("Inner steps (H)"),
               [&](const archi::Project& p) { return number(locale.toString(p.run.train.inner_steps), p.run.train.inner_steps); });
  b.addProject("batch_tokens", tr("Tokens per inner step"), [&](const archi::Project& p) {
    return number(locale.toString(qint64(p.run.train.batch_tokens)), double(p.run.train.batch_tokens));
  });
  b.addProject("lr", tr("Inner learning rate"), [](const archi::Project& p) { return number(decimal(p.run.train.lr), p.run.train.lr); });
  b.addProject("outer_lr", tr("Outer learning rate"),
               [](const archi::Project& p) { return number(decimal(p.run.train.outer_lr), p.run.train.outer_lr); });
  b.addProject("outer_momentum", tr("Outer momentum"),
               [](const archi::Project& p) { return number(decimal(p.run.train.outer_momentum), p.run.train.outer_momentum); });

  // Shares: every datacenter any run's plan names, in first-seen order.
  std::vector<std::string> datacenters;
  for (const ComparedRun& run : runs) {
    for (const RunLaunchSettings::Share& share : run.settings.shares) {
      if (std::find(datacenters.begin(), datacenters.end(), share.datacenterId) == datacenters.end()) datacenters.push_back(share.datacenterId);
    }
  }
  for (const std::string& id : datacenters) {
    b.add(Section::Setting, "share:" + QString::fromStdString(id), tr("Share of %1").arg(datacenterName(runs, id)), [&](const ComparedRun& r) {
      std::int64_t total = 0;
      const RunLaunchSettings::Share* mine = nullptr;
      for (const RunLaunchSettings::Share& share : r.settings.shares) {
        total += share.sequencesPerStep;
        if (share.datacenterId == id) mine = &share;
      }
      if (!mine || total <= 0) return missing();
      const double percent = 100.0 * double(mine->sequencesPerStep) / double(total);
      return number(tr("%1 seq/step (%2 %)").arg(locale.toString(qint64(mine->sequencesPerStep)), locale.toString(percent, 'f', 1)),
                    double(mine->sequencesPerStep));
    });
  }

  // Links: every pair any run's project joins, in first-seen order.
  std::vector<std::pair<std::string, std::string>> links;
  for (const ComparedRun& run : runs) {
    if (!run.settings.project) continue;
    for (const archi::WanLink& link : run.settings.project->topology.links) {
      const bool known = std::any_of(links.begin(), links.end(), [&](const auto& l) {
        return (l.first == link.a && l.second == link.b) || (l.first == link.b && l.second == link.a);
      });
      if (!known) links.emplace_back(link.a, link.b);
    }
  }
  for (const auto& [a, bEnd] : links) {
    const QString id = QString::fromStdString(a + "-" + bEnd);
    const QString pair = tr("%1 – %2").arg(datacenterName(runs, a), datacenterName(runs, bEnd));
    b.addProject("link:" + id + ":bandwidth", tr("Link %1 bandwidth").arg(pair), [&](const archi::Project& p) {
      const archi::WanLink* link = findLink(p.topology, a, bEnd);
      return link ? number(visual_style::formatBandwidth(link->gbit), link->gbit) : missing();
    });
    b.addProject("link:" + id + ":rtt", tr("Link %1 RTT").arg(pair), [&](const archi::Project& p) {
      const archi::WanLink* link = findLink(p.topology, a, bEnd);
      return link ? number(tr("%1 ms").arg(locale.toString(link->rtt_ms, 'g', 4)), link->rtt_ms) : missing();
    });
  }
  return b.take();
}
