// `--fault` texts: what archi run accepts for fault injection, and the errors for what it refuses.

#include <QtTest>

#include "control/Fault.h"

using archi::Fault;
using archi::FaultKind;

class FaultSpecTest : public QObject {
  Q_OBJECT

 private slots:
  void accepted_data();
  void accepted();
  void refused_data();
  void refused();
};

void FaultSpecTest::accepted_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("kind");
  QTest::addColumn<QString>("target");
  QTest::addColumn<double>("atSeconds");
  QTest::addColumn<double>("extra");  // restart delay, factor or duration
  QTest::newRow("kill, supervised restart") << "kill:east/n/2@8" << int(FaultKind::KillWorker) << "east/n/2" << 8.0 << -1.0;
  QTest::newRow("kill, restart after") << "kill:east/n/2@8.5+3" << int(FaultKind::KillWorker) << "east/n/2" << 8.5 << 3.0;
  QTest::newRow("throttle") << "throttle:w@5x0.5" << int(FaultKind::Throttle) << "w" << 5.0 << 0.5;
  QTest::newRow("cut") << "cut:east/west@10+20" << int(FaultKind::CutLink) << "east/west" << 10.0 << 20.0;
}

void FaultSpecTest::accepted() {
  QFETCH(QString, text);
  QFETCH(int, kind);
  QFETCH(QString, target);
  QFETCH(double, atSeconds);
  QFETCH(double, extra);
  std::string error;
  const std::optional<Fault> fault = archi::parseFault(text.toStdString(), error);
  QVERIFY2(fault.has_value(), error.c_str());
  QCOMPARE(int(fault->kind), kind);
  QCOMPARE(fault->at_s, atSeconds);
  switch (fault->kind) {
    case FaultKind::KillWorker:
      QCOMPARE(QString::fromStdString(fault->worker_id), target);
      QCOMPARE(fault->restart_after_s, extra);
      break;
    case FaultKind::Throttle:
      QCOMPARE(QString::fromStdString(fault->worker_id), target);
      QCOMPARE(fault->factor, extra);
      break;
    case FaultKind::CutLink:
      QCOMPARE(QString::fromStdString(fault->dc_a + "/" + fault->dc_b), target);
      QCOMPARE(fault->duration_s, extra);
      break;
  }
  QVERIFY(!archi::describeFault(*fault).empty());
}

void FaultSpecTest::refused_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("mentions");
  QTest::newRow("no kind") << "east/n/2@8" << "expected";
  QTest::newRow("unknown kind") << "explode:w@1" << "unknown kind";
  QTest::newRow("no target") << "kill:@3" << "no target";
  QTest::newRow("time not a number") << "kill:w@soon" << "non-negative number";
  QTest::newRow("negative time") << "kill:w@-1" << "non-negative number";
  QTest::newRow("bad restart") << "kill:w@1+x" << "restart-after";
  QTest::newRow("throttle without factor") << "throttle:w@1" << "factor";
  QTest::newRow("throttle to zero") << "throttle:w@1x0" << "factor";
  QTest::newRow("cut without duration") << "cut:a/b@1" << "duration";
  QTest::newRow("cut of one datacenter") << "cut:a@1+2" << "<dc-a>/<dc-b>";
}

void FaultSpecTest::refused() {
  QFETCH(QString, text);
  QFETCH(QString, mentions);
  std::string error;
  QVERIFY(!archi::parseFault(text.toStdString(), error).has_value());
  QVERIFY2(QString::fromStdString(error).contains(mentions), error.c_str());
}

QTEST_GUILESS_MAIN(FaultSpecTest)
#include "tst_fault_spec.moc"
