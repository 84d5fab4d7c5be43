// The elastic datacenter group over Gloo: three slots form generation 1; when one slot's group
// goes away (its sockets close, as when its process is killed) the others' next operation
// fails, they regroup without it and go on; a new instance of that slot asks to join and the
// members take it in together. Each slot runs on its own thread with its own Gloo device.

#include <QtTest>

#include <atomic>
#include <future>
#include <thread>

#include "comm/collective/CollectiveError.h"
#include "comm/gloo/GlooElasticGroup.h"
#include "comm/gloo/RendezvousServer.h"

using namespace archi::comm;

class ElasticGroupTest : public QObject {
  Q_OBJECT

 private slots:
  void lostSlotIsDroppedAndRejoins();
  void slotOutsideTheRangeIsRefused();
  void broadcastWithItsOwnDeadlineOutwaitsASlowRoot();
};

namespace {

// One store secret for the whole test: servers and slots share it.
const RendezvousSecret& testSecret() {
  static const RendezvousSecret secret = RendezvousSecret::generate();
  return secret;
}

ElasticGroupOptions optionsFor(const HostPort& store, int slot) {
  ElasticGroupOptions options;
  options.gloo.rendezvous = store;
  options.gloo.rendezvousSecret = testSecret();
  options.gloo.groupName = "test-elastic";
  options.gloo.operationTimeout = std::chrono::seconds(10);
  options.slot = slot;
  options.slotCount = 3;
  options.initialWait = std::chrono::seconds(20);
  options.memberGrace = std::chrono::milliseconds(1000);
  options.memberWait = std::chrono::seconds(30);
  options.formTimeout = std::chrono::seconds(10);
  return options;
}

// What one slot saw, step by step, for the main thread to check.
struct Trace {
  std::int64_t firstSum = 0;
  std::int64_t sumWithoutLost = 0;
  std::vector<int> lost;
  std::int64_t sumAfterJoin = 0;
  std::vector<int> joined;
  std::vector<int> finalMembers;
  std::string error;
};

}  // namespace

void ElasticGroupTest::lostSlotIsDroppedAndRejoins() {
  RendezvousServerOptions serverOptions;
  serverOptions.bind = {"127.0.0.1", 0};
  serverOptions.secret = testSecret();
  RendezvousServer server(serverOptions);
  const HostPort store = server.address();
  std::atomic<bool> stop{false};
  std::promise<void> slot2Left;
  std::shared_future<void> slot2LeftFuture = slot2Left.get_future().share();
  Trace leader;
  Trace member;
  Trace returning;

  // Slot 0 (leader) and slot 1 follow the same script; the leader also admits the returning slot 2.
  auto survivor = [&](int slot, Trace& trace) {
    try {
      GlooElasticGroup group(optionsFor(store, slot), stop);
      trace.firstSum = group.current().allReduceSum(std::int64_t{1});
      slot2LeftFuture.wait();
      try {
        group.current().allReduceSum(std::int64_t{1});
        trace.error = "an all-reduce with a departed slot succeeded";
        return;
      } catch (const CollectiveError&) {
        const auto result = group.regroup(stop);
        if (result && slot == 0) trace.lost = result->lost;
      }
      trace.sumWithoutLost = group.current().allReduceSum(std::int64_t{1});
      // The leader polls for a join request and tells slot 1 through the sum (as the control word does).
      for (int round = 0; round < 200; ++round) {
        const std::int64_t word = slot == 0 && group.joinRequested() ? 1 : 0;
        if (group.current().allReduceSum(word) == 1) {
          const auto result = group.regroup(stop);
          if (result) trace.joined = result->joined;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      trace.sumAfterJoin = group.current().allReduceSum(std::int64_t{1});
      trace.finalMembers = group.members();
    } catch (const std::exception& e) {
      trace.error = e.what();
    }
  };
  std::thread slot0(survivor, 0, std::ref(leader));
  std::thread slot1(survivor, 1, std::ref(member));
  std::thread slot2([&] {
    try {
      {
        GlooElasticGroup group(optionsFor(store, 2), stop);
        returning.firstSum = group.current().allReduceSum(std::int64_t{1});
      }  // gone: its connections close
      slot2Left.set_value();
      std::this_thread::sleep_for(std::chrono::seconds(3));
      GlooElasticGroup group(optionsFor(store, 2), stop);
      returning.sumAfterJoin = group.current().allReduceSum(std::int64_t{1});
      returning.finalMembers = group.members();
    } catch (const std::exception& e) {
      returning.error = e.what();
      slot2Left.set_value();
    }
  });
  slot0.join();
  slot1.join();
  slot2.join();
  for (const Trace* t : {&leader, &member, &returning}) QVERIFY2(t->error.empty(), t->error.c_str());
  QCOMPARE(leader.firstSum, std::int64_t{3});
  QCOMPARE(member.firstSum, std::int64_t{3});
  QCOMPARE(returning.firstSum, std::int64_t{3});
  QCOMPARE(leader.sumWithoutLost, std::int64_t{2});
  QCOMPARE(member.sumWithoutLost, std::int64_t{2});
  QCOMPARE(leader.lost, std::vector<int>{2});
  QCOMPARE(leader.joined, std::vector<int>{2});
  QCOMPARE(leader.sumAfterJoin, std::int64_t{3});
  QCOMPARE(member.sumAfterJoin, std::int64_t{3});
  QCOMPARE(returning.sumAfterJoin, std::int64_t{3});
  QCOMPARE(returning.finalMembers, (std::vector<int>{0, 1, 2}));
}

void ElasticGroupTest::slotOutsideTheRangeIsRefused() {
  std::atomic<bool> stop{false};
  ElasticGroupOptions options = optionsFor({"127.0.0.1", 1}, 3);
  QVERIFY_THROWS_EXCEPTION(CollectiveError, GlooElasticGroup(options, stop));
}

// Workers wait at the end of a round while their leader does WAN work: that broadcast has its
// own long deadline, while the group's short one still bounds every other operation.
void ElasticGroupTest::broadcastWithItsOwnDeadlineOutwaitsASlowRoot() {
  RendezvousServerOptions serverOptions;
  serverOptions.bind = {"127.0.0.1", 0};
  serverOptions.secret = testSecret();
  RendezvousServer server(serverOptions);
  auto optionsFor = [&](int rank) {
    GlooOptions options;
    options.rank = rank;
    options.worldSize = 2;
    options.rendezvous = server.address();
    options.rendezvousSecret = testSecret();
    options.groupName = "test-long-broadcast";
    options.operationTimeout = std::chrono::milliseconds(800);
    return options;
  };
  std::vector<float> received(4, 0.0f);
  std::string rootError;
  std::string shortWaitKind;
  std::thread root([&] {
    try {
      auto group = makeGlooCollective(optionsFor(0));
      std::this_thread::sleep_for(std::chrono::milliseconds(2000));  // slow WAN work, longer than the group's deadline
      std::vector<float> values{1.0f, 2.0f, 3.0f, 4.0f};
      group->broadcast(values.data(), values.size(), 0);
      // Then nothing more is sent: the peer's next plain broadcast must time out at the group's deadline.
      std::this_thread::sleep_for(std::chrono::milliseconds(2000));
    } catch (const std::exception& e) {
      rootError = e.what();
    }
  });
  QElapsedTimer shortWait;
  qint64 shortWait_ms = -1;
  try {
    auto group = makeGlooCollective(optionsFor(1));
    group->broadcast(received.data(), received.size(), 0, std::chrono::seconds(20));
    shortWait.start();
    std::vector<float> more(4, 0.0f);
    try {
      group->broadcast(more.data(), more.size(), 0);
    } catch (const CollectiveError& e) {
      shortWait_ms = shortWait.elapsed();
      shortWaitKind = std::string(collectiveErrorKindName(e.kind()));
    }
  } catch (const std::exception& e) {
    root.join();
    QFAIL(e.what());
  }
  root.join();
  QVERIFY2(rootError.empty(), rootError.c_str());
  QCOMPARE(received, (std::vector<float>{1.0f, 2.0f, 3.0f, 4.0f}));
  QVERIFY2(!shortWaitKind.empty(), "a plain broadcast with nothing sent did not fail at the group's deadline");
  QVERIFY2(shortWait_ms >= 0 && shortWait_ms < 1900,
           qPrintable(QString("plain broadcast failed (%1) after %2 ms").arg(QString::fromStdString(shortWaitKind)).arg(shortWait_ms)));
}

QTEST_GUILESS_MAIN(ElasticGroupTest)
#include "tst_elastic_group.moc"
