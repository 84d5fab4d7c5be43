#include "bridge/EventText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

namespace {

// An event's fields, read as core/RunEvent.h reads them: a missing field or one of another type
// reads as its type's zero.
class Fields {
 public:
  explicit Fields(QJsonObject object) : object_(std::move(object)) {}

  bool has(const char* key) const { return object_.contains(QLatin1String(key)); }
  QString text(const char* key) const { return object_.value(QLatin1String(key)).toString(); }
  qint64 integer(const char* key) const { return object_.value(QLatin1String(key)).toInteger(); }
  bool flag(const char* key) const { return object_.value(QLatin1String(key)).toBool(); }
  double number(const char* key) const { return object_.value(QLatin1String(key)).toDouble(); }
  bool isNumber(const char* key) const { return object_.value(QLatin1String(key)).isDouble(); }
  QStringList names(const char* key) const {
    QStringList out;
    for (const QJsonValue& item : object_.value(QLatin1String(key)).toArray()) {
      if (item.isString()) out.append(item.toString());
    }
    return out;
  }
  QJsonArray array(const char* key) const { return object_.value(QLatin1String(key)).toArray(); }

 private:
  QJsonObject object_;
};

// Seconds and rates with the precision the engine's sentences use, in the locale's digits.
QString fixed(double value, int decimals) { return QLocale().toString(value, 'f', decimals); }
QString general(double value) { return QLocale().toString(value, 'g', 6); }
// Lists of names stay as the engine joins them: they are identifiers, not words.
QString joined(const QStringList& names) { return names.join(QStringLiteral(", ")); }

}  // namespace

QString EventText::describe(const QString& kind, const QString& fieldsJson, const QString& storedText) {
  QJsonParseError error{};
  const QJsonDocument document = QJsonDocument::fromJson(fieldsJson.toUtf8(), &error);
  if (error.error != QJsonParseError::NoError || !document.isObject()) return storedText;
  const Fields f(document.object());

  if (kind == QLatin1String("worker-starting")) {
    if (f.flag("emulated")) {
      return tr("worker %1 starting: %2 rank %L3/%L4 in %5 (emulated: computes on this CPU, paced to %6 tok/s)")
          .arg(f.text("worker"), f.text("device_type"))
          .arg(f.integer("rank"))
          .arg(f.integer("world_size"))
          .arg(f.text("datacenter"), fixed(f.number("pace_tokens_per_s"), 0));
    }
    return tr("worker %1 starting: %2 rank %L3/%L4 in %5")
        .arg(f.text("worker"), f.text("device_type"))
        .arg(f.integer("rank"))
        .arg(f.integer("world_size"))
        .arg(f.text("datacenter"));
  }
  if (kind == QLatin1String("worker-stopped-before-group")) {
    return tr("worker %1 stopped before its datacenter's group formed").arg(f.text("worker"));
  }
  if (kind == QLatin1String("worker-done")) {
    const QString sentence = f.flag("stopped_on_request")
                                 ? tr("worker %1 done: %L2 steps, %L3 rounds, %L4 tokens in the run (stopped on request)")
                                 : tr("worker %1 done: %L2 steps, %L3 rounds, %L4 tokens in the run");
    return sentence.arg(f.text("worker")).arg(f.integer("steps")).arg(f.integer("rounds")).arg(f.integer("run_tokens"));
  }
  if (kind == QLatin1String("worker-failed")) {
    return tr("worker %1 failed: %2").arg(f.text("worker"), f.text("reason"));
  }
  if (kind == QLatin1String("datacenter-ready")) {
    const int workers = int(f.integer("workers"));
    const QString sentence =
        f.flag("paced")
            ? tr("%n worker(s) in %1, %L2 sequences of %L3 tokens per step; %L4 datacenter(s); sync %5; emulated device pacing on",
                 nullptr, workers)
            : tr("%n worker(s) in %1, %L2 sequences of %L3 tokens per step; %L4 datacenter(s); sync %5", nullptr, workers);
    return sentence.arg(f.text("datacenter"))
        .arg(f.integer("sequences"))
        .arg(f.integer("context_tokens"))
        .arg(f.integer("datacenters"))
        .arg(f.text("sync"));
  }
  if (kind == QLatin1String("datacenter-group-failed")) {
    return tr("datacenter group failed at step %L1: %2; regrouping").arg(f.integer("step")).arg(f.text("reason"));
  }
  if (kind == QLatin1String("regroup-sync-failed")) {
    return tr("regroup into generation %L1 failed while syncing state: %2; regrouping again")
        .arg(f.integer("generation"))
        .arg(f.text("reason"));
  }
  if (kind == QLatin1String("datacenter-leader-rejoined")) {
    return tr("datacenter leader lost at step %L1: re-joined its restarted leader after %2 s with %L3 workers")
        .arg(f.integer("step"))
        .arg(fixed(f.number("cost_s"), 1))
        .arg(f.integer("workers"));
  }
  if (kind == QLatin1String("worker-lost")) {
    return tr("worker %1 lost at step %L2: datacenter continues with %L3 workers, %L4 sequences per step (regroup took %5 s)")
        .arg(f.text("worker"))
        .arg(f.integer("step"))
        .arg(f.integer("workers"))
        .arg(f.integer("sequences"))
        .arg(fixed(f.number("cost_s"), 1));
  }
  if (kind == QLatin1String("worker-rejoined")) {
    if (f.has("down_s")) {
      return tr("worker %1 re-joined at step %L2 (down for %3 s; regroup took %4 s); %L5 workers, %L6 sequences per step")
          .arg(f.text("worker"))
          .arg(f.integer("step"))
          .arg(fixed(f.number("down_s"), 1), fixed(f.number("cost_s"), 1))
          .arg(f.integer("workers"))
          .arg(f.integer("sequences"));
    }
    return tr("worker %1 re-joined at step %L2 (down for an unknown time; regroup took %3 s); %L4 workers, %L5 sequences per step")
        .arg(f.text("worker"))
        .arg(f.integer("step"))
        .arg(fixed(f.number("cost_s"), 1))
        .arg(f.integer("workers"))
        .arg(f.integer("sequences"));
  }
  if (kind == QLatin1String("datacenter-regrouped")) {
    return tr("datacenter regrouped at step %L1 with the same %L2 workers (regroup took %3 s)")
        .arg(f.integer("step"))
        .arg(f.integer("workers"))
        .arg(fixed(f.number("cost_s"), 1));
  }
  if (kind == QLatin1String("leader-took-datacenter-state")) {
    const QString sentence =
        f.flag("parameters")
            ? tr("leader %1 (re)started and took the datacenter's state at step %L2 from worker %3 (step, AdamW moments, data "
                 "cursor, parameters; outer momentum reset); %L4 workers")
            : tr("leader %1 (re)started and took the datacenter's state at step %L2 from worker %3 (step, AdamW moments, data "
                 "cursor); %L4 workers");
    return sentence.arg(f.text("worker")).arg(f.integer("step")).arg(f.text("source")).arg(f.integer("workers"));
  }
  if (kind == QLatin1String("emulated-throttle")) {
    return tr("emulated throttle: worker %1 now paced to %2 tok/s (%3× its device's pace)")
        .arg(f.text("worker"), fixed(f.number("tokens_per_s"), 0), general(f.number("factor")));
  }
  if (kind == QLatin1String("shares-rebalanced")) {
    // Moves are data (worker:from→to), written as the engine writes them.
    QStringList moves;
    for (const QJsonValue& move : f.array("moves")) {
      const QJsonObject m = move.toObject();
      moves.append(QStringLiteral("%1:%2→%3").arg(m.value("worker").toString()).arg(m.value("from").toInt()).arg(m.value("to").toInt()));
    }
    if (f.has("device")) {
      return tr("re-balanced shares at step %L1: %2 (device %3 measured %4 tok/s, planned %5)")
          .arg(f.integer("step"))
          .arg(joined(moves), f.text("device"), fixed(f.number("measured_tokens_per_s"), 0),
               fixed(f.number("planned_tokens_per_s"), 0));
    }
    return tr("re-balanced shares at step %L1: %2 (the group's members changed)").arg(f.integer("step")).arg(joined(moves));
  }
  if (kind == QLatin1String("wan-transport")) {
    const QString cuts = f.text("cuts_file");
    const QString sentence =
        cuts.isEmpty() ? tr("WAN: %L1 datacenter leaders over TLS 1.3, %L2 stream(s) per peer; a leader missing a round for %3 s is "
                            "left out of it")
                       : tr("WAN: %L1 datacenter leaders over TLS 1.3, %L2 stream(s) per peer; a leader missing a round for %3 s is "
                            "left out of it; emulated link cuts (fault injection) read from %4");
    QString text = sentence.arg(f.integer("leaders")).arg(f.integer("streams_per_peer")).arg(fixed(f.number("round_timeout_s"), 0));
    return cuts.isEmpty() ? text : text.arg(cuts);
  }
  if (kind == QLatin1String("wan-emulation")) {
    return tr("WAN emulation (emulated, user space): sends shaped to %1").arg(f.text("links"));
  }
  if (kind == QLatin1String("wan-group-formed")) {
    const QStringList members = f.names("members");
    const QStringList leftOut = f.names("left_out");
    // `why` is the engine's reason word (start, fault, rejoin): an identifier, kept as is.
    QString text = tr("WAN group (%1): group of %n leaders (%2)", nullptr, int(members.size())).arg(f.text("why"), joined(members));
    if (!leftOut.isEmpty()) text += tr("; left out: %1").arg(joined(leftOut));
    text += tr(" in %1 s").arg(fixed(f.number("cost_s"), 1));
    if (f.number("outside_s") > 0.0) text += tr("; back in after %1 s outside").arg(fixed(f.number("outside_s"), 1));
    if (f.integer("knocks") > 0) text += tr("; %n leader(s) knocked meanwhile", nullptr, int(f.integer("knocks")));
    return text;
  }
  if (kind == QLatin1String("wan-group-left-out")) {
    QString text = tr("WAN group (%1): no group with a quorum of %L2 leaders includes this one").arg(f.text("why")).arg(f.integer("quorum"));
    const QStringList outside = f.names("outside");
    if (!outside.isEmpty()) text += tr("; outside: %1").arg(joined(outside));
    if (!f.text("disagreement").isEmpty()) text += tr("; the leaders disagreed: %1").arg(f.text("disagreement"));
    return text + tr(" after %1 s; this datacenter trains on alone").arg(fixed(f.number("cost_s"), 1));
  }
  if (kind == QLatin1String("outer-round-failed")) {
    return tr("outer round %L1: WAN all-reduce failed after %2 s: %3; re-forming among the reachable leaders")
        .arg(f.integer("round"))
        .arg(fixed(f.number("cost_s"), 1), f.text("reason"));
  }
  if (kind == QLatin1String("outer-round-recovered")) {
    return tr("outer round %L1 completed by %n leader(s) after a WAN fault; the fault cost %2 s (%3)", nullptr, int(f.integer("leaders")))
        .arg(f.integer("round"))
        .arg(fixed(f.number("cost_s"), 1), f.text("reason"));
  }
  if (kind == QLatin1String("contribution-already-merged")) {
    return tr("outer round %L1: the global state taken from a peer (outer step %L2) already holds this datacenter's contribution "
              "from outer step %L3; not applied again")
        .arg(f.integer("round"))
        .arg(f.integer("version"))
        .arg(f.integer("contribution_version"));
  }
  if (kind == QLatin1String("left-out-of-round")) {
    const QString sentence = f.flag("no_quorum")
                                 ? tr("left out of outer round %L1: no group with a quorum of leaders is reachable; training on "
                                      "locally (%L2 tokens to contribute when back)")
                                 : tr("left out of outer round %L1: the round failed three times; training on locally (%L2 tokens "
                                      "to contribute when back)");
    return sentence.arg(f.integer("round")).arg(f.integer("tokens"));
  }
  if (kind == QLatin1String("wan-exchange-failed")) {
    return tr("round %L1: WAN exchange failed: %2; re-forming").arg(f.integer("round")).arg(f.text("reason"));
  }
  if (kind == QLatin1String("ddp-all-reduce-failed")) {
    return tr("ddp WAN all-reduce failed: %1; re-forming").arg(f.text("reason"));
  }
  if (kind == QLatin1String("state-share-failed")) {
    return tr("sharing the global state failed: %1; re-forming at the next round").arg(f.text("reason"));
  }
  if (kind == QLatin1String("global-state-taken")) {
    return tr("took the global state from leader %1 (outer step %L2 where this leader had %L3, %L4 tokens in the run); %L5 tokens "
              "of our own progress carried over")
        .arg(f.text("source"))
        .arg(f.integer("version"))
        .arg(f.integer("own_version"))
        .arg(f.integer("run_tokens"))
        .arg(f.integer("carried_tokens"));
  }
  // `how` below is the launcher's own wording of an exit ("exited with code 1", "was killed by
  // signal 9"): it stays as stored.
  if (kind == QLatin1String("worker-exited-after-run")) {
    return tr("worker %1 %2 after its datacenter's run ended (log: %3)").arg(f.text("worker"), f.text("how"), f.text("log"));
  }
  if (kind == QLatin1String("worker-restarting")) {
    return tr("worker %1 %2; restarting (attempt %L3) in %4 s (log: %5)")
        .arg(f.text("worker"), f.text("how"))
        .arg(f.integer("attempt"))
        .arg(general(f.number("delay_s")), f.text("log"));
  }
  if (kind == QLatin1String("worker-restarted")) {
    return tr("worker %1 restarted (attempt %L2); it re-joins %3").arg(f.text("worker")).arg(f.integer("attempt")).arg(f.text("datacenter"));
  }
  if (kind == QLatin1String("fault-injected")) {
    return tr("fault injection: %1%2").arg(f.text("fault"), f.text("effect"));
  }
  if (kind == QLatin1String("fault-skipped")) {
    return tr("fault injection: %1 skipped: %2").arg(f.text("fault"), f.text("why"));
  }
  if (kind == QLatin1String("agent-worker-started")) {
    // A process id is an identifier: no digit grouping.
    const QString pid = QString::number(f.integer("pid"));
    return f.flag("adopted") ? tr("worker %1 adopted after an agent restart (pid %2)").arg(f.text("worker"), pid)
                             : tr("worker %1 started (pid %2)").arg(f.text("worker"), pid);
  }
  if (kind == QLatin1String("agent-worker-ended")) {
    return tr("worker %1 %2").arg(f.text("worker"), f.text("how"));
  }
  if (kind == QLatin1String("link-restored")) {
    return tr("fault injection: the WAN link %1–%2 carries traffic again (emulated cut ended)").arg(f.text("a"), f.text("b"));
  }
  if (kind == QLatin1String("stop-requested")) return tr("stop requested: workers finish their step and checkpoint");
  if (kind == QLatin1String("workers-killed")) return tr("workers did not stop in time and were killed");
  if (kind == QLatin1String("run-attached")) {
    return tr("a launcher re-attached to run %1 and back-fills what it missed").arg(f.text("run"));
  }
  // Checkpoints and resume (docs/architecture.md#checkpoints).
  if (kind == QLatin1String("checkpoint-restored")) {
    return tr("%1 continues from its checkpoint of round %L2 (global version %L3, step %L4, %L5 run tokens): %6")
        .arg(f.text("datacenter"))
        .arg(f.integer("round"))
        .arg(f.integer("version"))
        .arg(f.integer("step"))
        .arg(f.integer("run_tokens"))
        .arg(f.text("path"));
  }
  if (kind == QLatin1String("checkpoint-skipped")) {
    return tr("%1 passed over a checkpoint that does not load: %2").arg(f.text("datacenter"), f.text("reason"));
  }
  if (kind == QLatin1String("run-resumed")) {
    return tr("run %1 resumed from its checkpoints (%2)").arg(f.text("run"), f.text("checkpoints"));
  }
  // Alerts (issue 13 item 7): what the runtime's watchers found, with the figures they judged.
  if (kind == QLatin1String("alert-loss-spike")) {
    // A NaN loss cannot be stored in JSON: a missing or non-numeric loss is the NaN case.
    if (!f.isNumber("loss")) {
      return tr("alert: worker %1 reached a non-finite loss (NaN) at step %L2").arg(f.text("worker")).arg(f.integer("step"));
    }
    return tr("alert: loss spike on worker %1 at step %L2: loss %3, z-score %4")
        .arg(f.text("worker"))
        .arg(f.integer("step"))
        .arg(QLocale().toString(f.number("loss"), 'f', 4), fixed(f.number("z"), 1));
  }
  if (kind == QLatin1String("alert-stall")) {
    return tr("alert: worker %1 stalled, no step for %2 s").arg(f.text("worker"), fixed(f.number("seconds"), 0));
  }
  if (kind == QLatin1String("alert-throughput")) {
    return tr("alert: throughput at %1% of the plan for %n round(s)", nullptr, int(f.integer("rounds")))
        .arg(fixed(f.number("percent_of_plan"), 0));
  }
  if (kind == QLatin1String("alert-link")) {
    return tr("alert: link %1 carries %2% of its bandwidth").arg(f.text("link"), fixed(f.number("percent_of_bandwidth"), 0));
  }
  // note, run-launched, worker-gave-up, journal-problem: free text from a lower layer; and kinds
  // of a newer writer.
  return storedText;
}
