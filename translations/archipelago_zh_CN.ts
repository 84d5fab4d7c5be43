<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttachRunDialog</name>
    <message>
        <location filename="../gui/app/AttachRunDialog.cpp" line="+14"/>
        <source>Attach to Run</source>
        <translation>附加到运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for runs still going on node agents in %1…</source>
        <translation>正在 %1 中查找仍在节点代理上进行的运行…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Runs going on node agents</source>
        <translation>节点代理上正在进行的运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Attach</source>
        <translation>附加(&amp;A)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The run store could not be read: %1</source>
        <translation>无法读取运行存储：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No run is going on node agents. Runs started with Run on This Machine or `archi run` appear here while they train.</source>
        <translation>节点代理上没有正在进行的运行。通过“在本机运行”或 `archi run` 启动的运行在训练期间会显示在这里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Runs still going on their node agents; attaching follows one live, as if the console had started it.</source>
        <translation>仍在其节点代理上进行的运行；附加后可实时跟踪，如同由控制台启动的一样。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — project %2, started %3%4</source>
        <translation>%1 — 项目 %2，启动于 %3%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, on this machine</source>
        <translation>，在本机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agents: %1</source>
        <translation>代理：%1</translation>
    </message>
</context>
<context>
    <name>CatalogPalette</name>
    <message>
        <location filename="../gui/app/CatalogPalette.cpp" line="+33"/>
        <source>GPU catalog</source>
        <translation>GPU 目录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1
%2 · %3 GiB · %4</source>
        <translation>%1
%2 · %3 GiB · %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)
Source: %3</source>
        <translation>%1（%2）
来源：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
Figures are not vendor-published</source>
        <translation>
数据并非厂商公布</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>

Drag onto a node to add a device, or press Enter to add one to the selected node.</source>
        <translation>

拖到节点上以添加设备，或按 Enter 向所选节点添加一个。</translation>
    </message>
</context>
<context>
    <name>DeviceHeatMap</name>
    <message>
        <location filename="../gui/monitor/DeviceHeatMap.cpp" line="+52"/>
        <source>Device utilisation (compute / step time)</source>
        <translation>设备利用率（计算时间 / 步时间）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no step metrics stored yet</source>
        <translation>尚未存储步指标</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>0 s</source>
        <translation>0 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wall time since start (s)</source>
        <translation>自开始以来的实际时间 (s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1–%2 s</source>
        <translation>%1–%2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no step</source>
        <translation>没有步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>utilisation %1%</source>
        <translation>利用率 %1%</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="+21"/>
        <source>All levels</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter events…</source>
        <translation>筛选事件…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>info</source>
        <translation>信息</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <location filename="../gui/bridge/EventText.cpp" line="+52"/>
        <source>worker %1 starting: %2 rank %L3/%L4 in %5 (emulated: computes on this CPU, paced to %6 tok/s)</source>
        <translation>工作进程 %1 正在启动：%2，rank %L3/%L4，位于 %5（模拟：在本机 CPU 上计算，限速为 %6 tok/s）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>worker %1 starting: %2 rank %L3/%L4 in %5</source>
        <translation>工作进程 %1 正在启动：%2，rank %L3/%L4，位于 %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>worker %1 stopped before its datacenter&apos;s group formed</source>
        <translation>工作进程 %1 在其数据中心的组形成之前已停止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker %1 done: %L2 steps, %L3 rounds, %L4 tokens in the run (stopped on request)</source>
        <translation>工作进程 %1 完成：%L2 步，%L3 轮，本次运行 %L4 个 token（应请求停止）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>worker %1 done: %L2 steps, %L3 rounds, %L4 tokens in the run</source>
        <translation>工作进程 %1 完成：%L2 步，%L3 轮，本次运行 %L4 个 token</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker %1 failed: %2</source>
        <translation>工作进程 %1 失败：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n worker(s) in %1, %L2 sequences of %L3 tokens per step; %L4 datacenter(s); sync %5; emulated device pacing on</source>
        <translation>
            <numerusform>%1 中有 %n 个工作进程，每步 %L2 个序列，每个序列 %L3 个 token；%L4 个数据中心；同步方式 %5；模拟设备限速已开启</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n worker(s) in %1, %L2 sequences of %L3 tokens per step; %L4 datacenter(s); sync %5</source>
        <translation>
            <numerusform>%1 中有 %n 个工作进程，每步 %L2 个序列，每个序列 %L3 个 token；%L4 个数据中心；同步方式 %5</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>datacenter group failed at step %L1: %2; regrouping</source>
        <translation>数据中心组在第 %L1 步失败：%2；正在重组</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>regroup into generation %L1 failed while syncing state: %2; regrouping again</source>
        <translation>重组为第 %L1 代时同步状态失败：%2；再次重组</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>datacenter leader lost at step %L1: re-joined its restarted leader after %2 s with %L3 workers</source>
        <translation>数据中心主进程在第 %L1 步丢失：%2 秒后与重启的主进程重新会合，共 %L3 个工作进程</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>worker %1 lost at step %L2: datacenter continues with %L3 workers, %L4 sequences per step (regroup took %5 s)</source>
        <translation>工作进程 %1 在第 %L2 步丢失：数据中心以 %L3 个工作进程、每步 %L4 个序列继续（重组耗时 %5 秒）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>worker %1 re-joined at step %L2 (down for %3 s; regroup took %4 s); %L5 workers, %L6 sequences per step</source>
        <translation>工作进程 %1 在第 %L2 步重新加入（离线 %3 秒；重组耗时 %4 秒）；%L5 个工作进程，每步 %L6 个序列</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>worker %1 re-joined at step %L2 (down for an unknown time; regroup took %3 s); %L4 workers, %L5 sequences per step</source>
        <translation>工作进程 %1 在第 %L2 步重新加入（离线时长未知；重组耗时 %3 秒）；%L4 个工作进程，每步 %L5 个序列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>datacenter regrouped at step %L1 with the same %L2 workers (regroup took %3 s)</source>
        <translation>数据中心在第 %L1 步以相同的 %L2 个工作进程重组（重组耗时 %3 秒）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>leader %1 (re)started and took the datacenter&apos;s state at step %L2 from worker %3 (step, AdamW moments, data cursor, parameters; outer momentum reset); %L4 workers</source>
        <translation>主进程 %1（重新）启动，并在第 %L2 步从工作进程 %3 获取了数据中心的状态（步数、AdamW 矩、数据游标、参数；外层动量已重置）；%L4 个工作进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>leader %1 (re)started and took the datacenter&apos;s state at step %L2 from worker %3 (step, AdamW moments, data cursor); %L4 workers</source>
        <translation>主进程 %1（重新）启动，并在第 %L2 步从工作进程 %3 获取了数据中心的状态（步数、AdamW 矩、数据游标）；%L4 个工作进程</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>emulated throttle: worker %1 now paced to %2 tok/s (%3× its device&apos;s pace)</source>
        <translation>模拟降速：工作进程 %1 现限速为 %2 tok/s（为其设备速度的 %3×）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>re-balanced shares at step %L1: %2 (device %3 measured %4 tok/s, planned %5)</source>
        <translation>在第 %L1 步重新平衡份额：%2（设备 %3 实测 %4 tok/s，计划 %5）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>re-balanced shares at step %L1: %2 (the group&apos;s members changed)</source>
        <translation>在第 %L1 步重新平衡份额：%2（组成员已变化）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WAN: %L1 datacenter leaders over TLS 1.3, %L2 stream(s) per peer; a leader missing a round for %3 s is left out of it</source>
        <translation>WAN：%L1 个数据中心主进程通过 TLS 1.3 连接，每个对端 %L2 条流；缺席某一轮达 %3 秒的主进程将被排除在该轮之外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAN: %L1 datacenter leaders over TLS 1.3, %L2 stream(s) per peer; a leader missing a round for %3 s is left out of it; emulated link cuts (fault injection) read from %4</source>
        <translation>WAN：%L1 个数据中心主进程通过 TLS 1.3 连接，每个对端 %L2 条流；缺席某一轮达 %3 秒的主进程将被排除在该轮之外；模拟链路中断（故障注入）读取自 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WAN emulation (emulated, user space): sends shaped to %1</source>
        <translation>WAN 模拟（模拟，用户空间）：发送流量整形为 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>WAN group (%1): group of %n leaders (%2)</source>
        <translation>
            <numerusform>WAN 组（%1）：由 %n 个主进程组成的组（%2）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; left out: %1</source>
        <translation>；被排除：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> in %1 s</source>
        <translation>，耗时 %1 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; back in after %1 s outside</source>
        <translation>；在组外 %1 秒后重新加入</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>; %n leader(s) knocked meanwhile</source>
        <translation>
            <numerusform>；其间有 %n 个主进程请求加入</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WAN group (%1): no group with a quorum of %L2 leaders includes this one</source>
        <translation>WAN 组（%1）：没有任何达到 %L2 个主进程法定人数的组包含本主进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; outside: %1</source>
        <translation>；在组外：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; the leaders disagreed: %1</source>
        <translation>；主进程之间意见不一致：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> after %1 s; this datacenter trains on alone</source>
        <translation>，耗时 %1 秒；本数据中心继续单独训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>outer round %L1: WAN all-reduce failed after %2 s: %3; re-forming among the reachable leaders</source>
        <translation>外层第 %L1 轮：WAN all-reduce 在 %2 秒后失败：%3；正在可达的主进程之间重新组建</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>outer round %L1 completed by %n leader(s) after a WAN fault; the fault cost %2 s (%3)</source>
        <translation>
            <numerusform>外层第 %L1 轮在 WAN 故障后由 %n 个主进程完成；故障耗费 %2 秒（%3）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>outer round %L1: the global state taken from a peer (outer step %L2) already holds this datacenter&apos;s contribution from outer step %L3; not applied again</source>
        <translation>外层第 %L1 轮：从对端获取的全局状态（外层第 %L2 步）已包含本数据中心在外层第 %L3 步的贡献；不再重复应用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>left out of outer round %L1: no group with a quorum of leaders is reachable; training on locally (%L2 tokens to contribute when back)</source>
        <translation>被排除在外层第 %L1 轮之外：无法连接到任何达到法定人数的主进程组；继续本地训练（重新加入时将贡献 %L2 个 token）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>left out of outer round %L1: the round failed three times; training on locally (%L2 tokens to contribute when back)</source>
        <translation>被排除在外层第 %L1 轮之外：该轮已失败三次；继续本地训练（重新加入时将贡献 %L2 个 token）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>round %L1: WAN exchange failed: %2; re-forming</source>
        <translation>第 %L1 轮：WAN 交换失败：%2；正在重新组建</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ddp WAN all-reduce failed: %1; re-forming</source>
        <translation>ddp WAN all-reduce 失败：%1；正在重新组建</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sharing the global state failed: %1; re-forming at the next round</source>
        <translation>共享全局状态失败：%1；将在下一轮重新组建</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>took the global state from leader %1 (outer step %L2 where this leader had %L3, %L4 tokens in the run); %L5 tokens of our own progress carried over</source>
        <translation>已从主进程 %1 获取全局状态（外层第 %L2 步，本主进程当时为第 %L3 步，本次运行 %L4 个 token）；保留了自身进度中的 %L5 个 token</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>worker %1 %2 after its datacenter&apos;s run ended (log: %3)</source>
        <translation>工作进程 %1 在其数据中心的运行结束后 %2（日志：%3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>worker %1 %2; restarting (attempt %L3) in %4 s (log: %5)</source>
        <translation>工作进程 %1 %2；将在 %4 秒后重启（第 %L3 次尝试）（日志：%5）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>worker %1 restarted (attempt %L2); it re-joins %3</source>
        <translation>工作进程 %1 已重启（第 %L2 次尝试）；它将重新加入 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fault injection: %1%2</source>
        <translation>故障注入：%1%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fault injection: %1 skipped: %2</source>
        <translation>故障注入：%1 已跳过：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>worker %1 adopted after an agent restart (pid %2)</source>
        <translation>代理重启后接管了工作进程 %1（pid %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>worker %1 started (pid %2)</source>
        <translation>工作进程 %1 已启动（pid %2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>worker %1 %2</source>
        <translation>工作进程 %1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fault injection: the WAN link %1–%2 carries traffic again (emulated cut ended)</source>
        <translation>故障注入：WAN 链路 %1–%2 恢复传输（模拟中断结束）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop requested: workers finish their step and checkpoint</source>
        <translation>已请求停止：工作进程完成当前步并写入检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>workers did not stop in time and were killed</source>
        <translation>工作进程未能及时停止，已被强制终止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a launcher re-attached to run %1 and back-fills what it missed</source>
        <translation>一个启动器重新附加到运行 %1，并补全其错过的内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 continues from its checkpoint of round %L2 (global version %L3, step %L4, %L5 run tokens): %6</source>
        <translation>%1 从第 %L2 轮的检查点继续（全局版本 %L3，第 %L4 步，运行共 %L5 个 token）：%6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 passed over a checkpoint that does not load: %2</source>
        <translation>%1 跳过了一个无法加载的检查点：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run %1 resumed from its checkpoints (%2)</source>
        <translation>运行 %1 已从其检查点恢复（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>alert: worker %1 reached a non-finite loss (NaN) at step %L2</source>
        <translation>警报：工作进程 %1 在第 %L2 步出现非有限损失值（NaN）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>alert: loss spike on worker %1 at step %L2: loss %3, z-score %4</source>
        <translation>警报：工作进程 %1 在第 %L2 步出现损失尖峰：损失 %3，z 分数 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>alert: worker %1 stalled, no step for %2 s</source>
        <translation>警报：工作进程 %1 已停滞，%2 秒内没有完成任何一步</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>alert: throughput at %1% of the plan for %n round(s)</source>
        <translation>
            <numerusform>警报：吞吐量连续 %n 轮仅为计划的 %1%</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>alert: link %1 carries %2% of its bandwidth</source>
        <translation>警报：链路 %1 的流量仅为其带宽的 %2%</translation>
    </message>
</context>
<context>
    <name>LaunchConfirmation</name>
    <message>
        <location filename="../gui/settings/LaunchConfirmation.cpp" line="+55"/>
        <source>⚠ left out: its memory cannot hold one sequence</source>
        <translation>⚠ 已排除：其内存无法容纳一个序列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ fits: %1 of at most %2 sequences per step</source>
        <translation>✓ 可容纳：每步 %1 个序列（最多 %2 个）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Launch %1?</source>
        <translation>启动 %1？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The plan this run will follow on this machine. Nothing has started yet.</source>
        <translation>本次运行将在本机上遵循的计划。尚未启动任何内容。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Predicted throughput:</source>
        <translation>预测吞吐量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of an ideal %2 (%3% efficiency)</source>
        <translation>%1，理想值为 %2（效率 %3%）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DiLoCo, H = %1 inner steps</source>
        <translation>DiLoCo，H = %1 个内部步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DDP, every step</source>
        <translation>DDP，每步同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round time:</source>
        <translation>每轮时间：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step time:</source>
        <translation>步时间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2, %3 on the wire)</source>
        <translation>%1（%2，传输格式 %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN share:</source>
        <translation>WAN 占比：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1% of each round · %2 per leader per round</source>
        <translation>占每轮的 %1% · 每个主进程每轮 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token budget:</source>
        <translation>token 预算：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens, about %2 at that speed</source>
        <translation>%1 个 token，按此速度约需 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>份额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memory fit</source>
        <translation>内存容量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (emulated)</source>
        <translation>%1（模拟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 seq/step</source>
        <translation>%1 序列/步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 in %2: memory holds %3 sequences per step, the plan gives it %4</source>
        <translation>%2 中的 %1：内存每步可容纳 %3 个序列，计划分配给它 %4 个</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 device cannot take part: its memory cannot hold one sequence.</source>
        <translation>1 台设备无法参与：其内存无法容纳一个序列。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 devices cannot take part: their memory cannot hold one sequence.</source>
        <translation>%1 台设备无法参与：它们的内存无法容纳一个序列。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warnings:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <location filename="../gui/monitor/LossChart.cpp" line="+21"/>
        <source>loss (nats per token)</source>
        <translation>损失（每 token 的 nats）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loss — smoothed (raw faint), validation as squares</source>
        <translation>损失 — 平滑值（原始值为浅色），验证值为方块</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tokens (whole run)</source>
        <translation>token 数（整个运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wall time since start (s)</source>
        <translation>自开始以来的实际时间 (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s since start</source>
        <translation>开始后 %1 s</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 raw</source>
        <translation>%1 原始</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 validation</source>
        <translation>%1 验证</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>outer rounds</source>
        <translation>外层轮</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="+82"/>
        <source>Topology</source>
        <translation>拓扑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pools</source>
        <translation>资源池</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+624"/>
        <location line="+5"/>
        <location line="+14"/>
        <location filename="../gui/app/MainWindow_Agents.cpp" line="+62"/>
        <location line="+58"/>
        <location line="+4"/>
        <location filename="../gui/app/MainWindow_Settings.cpp" line="+66"/>
        <location filename="../gui/app/MainWindow_History.cpp" line="+38"/>
        <location line="+4"/>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-642"/>
        <source>Run %1 ended: %2%3</source>
        <translation>运行 %1 已结束：%2%3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(not started)</source>
        <translation>（未启动）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>detached (it goes on on its agents)</source>
        <translation>已分离（在其代理上继续运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU catalog</source>
        <translation>GPU 目录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start a new, empty project</source>
        <translation>新建一个空项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a project file (*.archipelago.json)</source>
        <translation>打开项目文件 (*.archipelago.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the project to its file</source>
        <translation>将项目保存到其文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close Archipelago</source>
        <translation>关闭 Archipelago</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo the last edit</source>
        <translation>撤销上一次编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redo the edit just undone</source>
        <translation>重做刚刚撤销的编辑</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the selected items and remove them</source>
        <translation>复制所选项并将其删除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the selected datacenters, nodes or devices</source>
        <translation>复制所选的数据中心、节点或设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paste next to the selection, with fresh ids and ports</source>
        <translation>粘贴到所选内容旁边，使用新的 ID 和端口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected items (undoable)</source>
        <translation>删除所选项（可撤销）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select every datacenter and link</source>
        <translation>选择所有数据中心和链路</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add &amp;Datacenter</source>
        <translation>添加数据中心(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a datacenter with one node in the middle of the view</source>
        <translation>在视图中央添加一个带有一个节点的数据中心</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;Node</source>
        <translation>添加节点(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a node to the selected datacenter</source>
        <translation>向所选数据中心添加一个节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect Datacenters</source>
        <translation>连接数据中心(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>While on, drag from one datacenter to another to draw a WAN link</source>
        <translation>开启时，从一个数据中心拖到另一个数据中心即可绘制 WAN 链路</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Link Selected Datacenters</source>
        <translation>连接所选数据中心(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a WAN link between the two selected datacenters (the keyboard way to connect)</source>
        <translation>在两个所选数据中心之间绘制 WAN 链路（用键盘连接的方式）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select exactly two datacenters to link</source>
        <translation>请恰好选择两个数据中心进行连接</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These datacenters are already linked</source>
        <translation>这些数据中心已经连接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw WAN link</source>
        <translation>绘制 WAN 链路</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto La&amp;yout</source>
        <translation>自动布局(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrange every datacenter in a grid (undoable)</source>
        <translation>将所有数据中心排列成网格（可撤销）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;lign</source>
        <translation>对齐(&amp;L)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Left Edges</source>
        <translation>左边缘(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Right Edges</source>
        <translation>右边缘(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top Edges</source>
        <translation>上边缘(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bottom Edges</source>
        <translation>下边缘(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Middles</source>
        <translation>水平居中(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Centres</source>
        <translation>垂直居中(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Align the selected datacenters (select two or more)</source>
        <translation>对齐所选数据中心（选择两个或更多）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select two or more datacenters to align</source>
        <translation>请选择两个或更多数据中心进行对齐</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom into the canvas</source>
        <translation>放大画布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out of the canvas</source>
        <translation>缩小画布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit to View</source>
        <translation>适应视图(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole topology</source>
        <translation>显示整个拓扑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom to 100%</source>
        <translation>缩放到 100%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Topology</source>
        <translation>拓扑(&amp;T)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the topology canvas</source>
        <translation>显示拓扑画布</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pools</source>
        <translation>资源池(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the device pools</source>
        <translation>显示设备资源池</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P&amp;lan</source>
        <translation>计划(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the plan</source>
        <translation>显示计划</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Docks</source>
        <translation>停靠窗口(&amp;D)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show or hide this dock</source>
        <translation>显示或隐藏此停靠窗口</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Validate</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the project and list its problems</source>
        <translation>检查项目并列出其问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan the run: batch shares, inner steps, WAN cost and predicted throughput</source>
        <translation>规划运行：批次份额、内部步数、WAN 开销和预测吞吐量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run on This &amp;Machine</source>
        <translation>在本机运行(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the run here through one loopback node agent per node, the same path as `archi run --local`</source>
        <translation>在本机启动运行，每个节点通过一个回环节点代理，与 `archi run --local` 的路径相同</translation>
    </message>
    <message>
        <location line="+466"/>
        <source>%1: Slurm job %2 pending (%3)</source>
        <translation>%1：Slurm 作业 %2 排队中（%3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: Slurm job %2 %3</source>
        <translation>%1：Slurm 作业 %2 %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Run %1 keeps training after the console closes: its node agents (on this machine for Run on This Machine) go on running its workers and writing checkpoints. To follow it again, reopen the project and click Attach in the status bar, use File &gt; Attach to Run…, or run `archi run --attach %1`. To end it instead, cancel and use Run &gt; Stop. Close the console?</source>
        <translation>控制台关闭后，运行 %1 仍会继续训练：其节点代理（“在本机运行”时位于本机）会继续运行其工作进程并写入检查点。要再次跟踪它，请重新打开项目并点击状态栏中的“附加”，或使用“文件 &gt; 附加到运行…”，或运行 `archi run --attach %1`。若要结束它，请取消并使用“运行 &gt; 停止”。要关闭控制台吗？</translation>
    </message>
    <message>
        <location line="-484"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the run cleanly: workers finish their step, synchronise and checkpoint</source>
        <translation>干净地停止运行：工作进程完成当前步、同步并写入检查点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset Window Layout</source>
        <translation>重置窗口布局(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put every dock back where it started</source>
        <translation>将所有停靠窗口放回初始位置</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help for This View</source>
        <translation>当前视图帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How to work in the current view</source>
        <translation>如何在当前视图中操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Archipelago</source>
        <translation>关于 Archipelago(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version and purpose</source>
        <translation>版本与用途</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Archipelago</source>
        <translation>关于 Archipelago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Archipelago %1&lt;/b&gt;&lt;p&gt;Train one model across several datacenters with mixed GPUs over slow WAN links.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Archipelago %1&lt;/b&gt;&lt;p&gt;通过低速 WAN 链路，在多个拥有异构 GPU 的数据中心上训练同一个模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project “%1” has unsaved changes. Save them first? If you discard them, they are lost.</source>
        <translation>项目“%1”有未保存的更改。要先保存吗？如果放弃，这些更改将会丢失。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+9"/>
        <location line="+18"/>
        <location line="+23"/>
        <location line="+9"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>New project</source>
        <translation>新项目</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+120"/>
        <location line="+3"/>
        <location line="+33"/>
        <source>warnings</source>
        <translation>个警告</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ valid</source>
        <translation>✓ 有效</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+26"/>
        <source>validation</source>
        <translation>校验</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>%1 in the project</source>
        <translation>项目中有 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The project is valid</source>
        <translation>项目有效</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The project is valid: it can be planned and run</source>
        <translation>项目有效：可以规划并运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2: see the Problems list</source>
        <translation>%1，%2：请查看问题列表</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>item</source>
        <translation>项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select datacenters, nodes or devices to copy</source>
        <translation>请选择要复制的数据中心、节点或设备</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The clipboard holds no Archipelago topology</source>
        <translation>剪贴板中没有 Archipelago 拓扑</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a node to paste devices into</source>
        <translation>请选择要粘贴设备的节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a datacenter to paste nodes into</source>
        <translation>请选择要粘贴节点的数据中心</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add datacenter</source>
        <translation>添加数据中心</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a datacenter to add a node to</source>
        <translation>请选择要添加节点的数据中心</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add node</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add node with %1</source>
        <translation>添加带 %1 的节点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select a node (or datacenter) to add a %1 to, or drag it onto the canvas</source>
        <translation>请选择要添加 %1 的节点（或数据中心），或将其拖到画布上</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h3&gt;Pools&lt;/h3&gt;&lt;p&gt;Every device group of the project. Filter by GPU type and site, or search. Tick &lt;i&gt;Enabled&lt;/i&gt; to include a group in the run; &lt;b&gt;Enable&lt;/b&gt;/&lt;b&gt;Disable&lt;/b&gt; act on the selected rows (or on all shown rows). Totals below count enabled devices only.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;资源池&lt;/h3&gt;&lt;p&gt;项目中的每个设备组。可按 GPU 类型和站点筛选，或进行搜索。勾选&lt;i&gt;启用&lt;/i&gt;即可将该组纳入运行；&lt;b&gt;启用&lt;/b&gt;/&lt;b&gt;禁用&lt;/b&gt;作用于所选行（未选择时作用于所有显示的行）。下方的合计只统计已启用的设备。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h3&gt;Topology&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Drag a GPU type from the catalog onto a node to add a device (onto a datacenter: new node; onto empty space: new datacenter).&lt;/li&gt;&lt;li&gt;Keyboard: select items in the Project tree (Ctrl/Shift for several), Enter in the GPU catalog adds that type to the selected node, Ctrl+K links two selected datacenters, Delete removes, Ctrl+1/2/3 switch views.&lt;/li&gt;&lt;li&gt;Drag from a datacenter&apos;s round handle (or with &lt;i&gt;Connect&lt;/i&gt; on, from anywhere in it) to another datacenter to draw a WAN link.&lt;/li&gt;&lt;li&gt;Drag the background or use the middle button to pan; the wheel or Ctrl +/− zooms; Ctrl+0 fits.&lt;/li&gt;&lt;li&gt;Shift+drag selects with a rectangle; Ctrl+click adds to the selection; arrow keys move selected datacenters.&lt;/li&gt;&lt;li&gt;Edit every field in the Properties dock; Ctrl+Z / Ctrl+Shift+Z undo and redo.&lt;/li&gt;&lt;li&gt;Items with problems have a red (error) or amber (warning) outline; click a problem to select its item.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;拓扑&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;将 GPU 类型从目录拖到节点上即可添加设备（拖到数据中心上：新建节点；拖到空白处：新建数据中心）。&lt;/li&gt;&lt;li&gt;键盘：在项目树中选择项（按住 Ctrl/Shift 可多选），在 GPU 目录中按 Enter 将该类型添加到所选节点，Ctrl+K 连接两个所选数据中心，Delete 删除，Ctrl+1/2/3 切换视图。&lt;/li&gt;&lt;li&gt;从数据中心的圆形手柄（或在开启&lt;i&gt;连接&lt;/i&gt;时从其内部任意位置）拖到另一个数据中心，即可绘制 WAN 链路。&lt;/li&gt;&lt;li&gt;拖动背景或按住鼠标中键可平移；滚轮或 Ctrl +/− 缩放；Ctrl+0 适应视图。&lt;/li&gt;&lt;li&gt;Shift+拖动可框选；Ctrl+单击可加入选择；方向键移动所选数据中心。&lt;/li&gt;&lt;li&gt;在属性停靠窗口中编辑每个字段；Ctrl+Z / Ctrl+Shift+Z 撤销和重做。&lt;/li&gt;&lt;li&gt;有问题的项带有红色（错误）或琥珀色（警告）轮廓；单击某个问题即可选中其所属项。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+1"/>
        <source>Cannot start the run: %1</source>
        <translation>无法启动运行：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot start the run</source>
        <translation>无法启动运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The run did not start: %1.</source>
        <translation>运行未能启动：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting %1 on this machine</source>
        <translation>正在本机上启动 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop the run?</source>
        <translation>停止运行？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop run %1? Its workers finish the current step, synchronise, write final checkpoints and exit; the tokens not yet trained (%2 of %3 done) are not trained. The run can be resumed from its checkpoints.</source>
        <translation>停止运行 %1？其工作进程将完成当前步、同步、写入最终检查点并退出；尚未训练的 token（已完成 %2 / %3）将不再训练。之后可以从检查点恢复该运行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopping %1</source>
        <translation>正在停止 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>● starting</source>
        <translation>● 正在启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● running</source>
        <translation>● 运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>■ stopping</source>
        <translation>■ 正在停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✓ completed</source>
        <translation>✓ 已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>■ stopped</source>
        <translation>■ 已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ failed</source>
        <translation>✖ 失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⇢ detached, still going on its agents</source>
        <translation>⇢ 已分离，仍在其代理上运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run “%1” %2</source>
        <translation>运行“%1” %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 loss %2</source>
        <translation>%1 损失 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>round %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A run is going</source>
        <translation>有运行正在进行</translation>
    </message>
    <message>
        <location line="-371"/>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="-270"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+251"/>
        <location line="+120"/>
        <location line="+13"/>
        <location line="+24"/>
        <source>error</source>
        <translation>个错误</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Opened %1 with %2</source>
        <translation>已打开 %1，其中有 %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+120"/>
        <location line="+13"/>
        <location line="+24"/>
        <source>errors</source>
        <translation>个错误</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datacenters overlapped on the canvas: laid out automatically (Undo restores the file&apos;s positions)</source>
        <translation>画布上的数据中心有重叠：已自动布局（撤销可恢复文件中的位置）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the file could not be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be opened:
%2

Fix the file in a text editor or choose another one.</source>
        <translation>无法打开 %1：
%2

请在文本编辑器中修复该文件，或选择其他文件。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project was not saved:
%1

Choose another folder or free some disk space, then save again.</source>
        <translation>项目未保存：
%1

请选择其他文件夹或释放一些磁盘空间，然后再次保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1[*]%2 — Archipelago</source>
        <translation>%1[*]%2 — Archipelago</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No project</source>
        <translation>无项目</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>datacenter</source>
        <translation>个数据中心</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>datacenters</source>
        <translation>个数据中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 enabled</source>
        <translation>%2中已启用 %1 台</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>device</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>devices</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 peak</source>
        <translation>峰值 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✖ %1</source>
        <translation>✖ %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+33"/>
        <source>warning</source>
        <translation>个警告</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_Agents.cpp" line="-93"/>
        <source>&amp;Attach to Run…</source>
        <translation>附加到运行(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow a run that is still going on its node agents (started earlier, or by `archi run`)</source>
        <translation>跟踪仍在其节点代理上进行的运行（之前启动的，或由 `archi run` 启动的）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check &amp;Nodes</source>
        <translation>检查节点(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask every node&apos;s agent now whether it answers and holds the project&apos;s devices</source>
        <translation>立即询问每个节点的代理是否响应，以及是否拥有项目中的设备</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Approve Node…</source>
        <translation>批准节点(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign a node&apos;s certificate request (node.csr from `archi agent enroll`) with the console&apos;s CA</source>
        <translation>用控制台的 CA 签署节点的证书请求（来自 `archi agent enroll` 的 node.csr）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Run “%1” is still going — Attach</source>
        <translation>运行“%1”仍在进行 — 附加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 of this project is still training on its node agents (%2). Click to follow it live.</source>
        <translation>本项目的运行 %1 仍在其节点代理（%2）上训练。单击可实时跟踪。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1 of this project is still going on its node agents: Attach in the status bar follows it</source>
        <translation>本项目的运行 %1 仍在其节点代理上进行：单击状态栏中的“附加”即可跟踪</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Asking every node&apos;s agent…</source>
        <translation>正在询问每个节点的代理…</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+1"/>
        <source>Cannot attach to %1: %2</source>
        <translation>无法附加到 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attaching to %1 on %2</source>
        <translation>正在附加到 %2 上的 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approve node: certificate request</source>
        <translation>批准节点：证书请求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate requests (*.csr);;All files (*)</source>
        <translation>证书请求 (*.csr);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+13"/>
        <location line="+4"/>
        <source>pki</source>
        <translation>pki</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Refused %1: %2</source>
        <translation>已拒绝 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>Cannot approve</source>
        <translation>无法批准</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1 is not a node request the console accepts:
%2</source>
        <translation>%1 不是控制台可接受的节点请求：
%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve node %1?</source>
        <translation>批准节点 %1？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node: %1
Datacenter: %2
Key fingerprint:
%3

Compare the fingerprint with the one `archi agent enroll` printed on the node. Approve only when they are the same: the console will trust this key as node %1.</source>
        <translation>节点：%1
数据中心：%2
密钥指纹：
%3

请将此指纹与 `archi agent enroll` 在节点上打印的指纹进行比较。仅当两者相同时才批准：控制台将把此密钥信任为节点 %1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not approve node %1: %2</source>
        <translation>无法批准节点 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node %1 was not approved: %2</source>
        <translation>节点 %1 未获批准：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved node %1: certificate %2</source>
        <translation>已批准节点 %1：证书 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Node %1 is approved%2.

Certificate: %3
CA certificate: %4

Copy both to the node and run there:
%5</source>
        <translation>节点 %1 已获批准%2。

证书：%3
CA 证书：%4

请将两者复制到节点上，并在那里运行：
%5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (its earlier key is replaced)</source>
        <translation>（其先前的密钥已被替换）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Node approved</source>
        <translation>节点已批准</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_Settings.cpp" line="-47"/>
        <source>Run &amp;Settings…</source>
        <translation>运行设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model size, corpus, token budget, sync mode, wire format, inner steps, outer optimiser, validation</source>
        <translation>模型规模、语料库、token 预算、同步模式、传输格式、内部步数、外层优化器、校验</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Run settings changed (Edit &gt; Undo restores them)</source>
        <translation>运行设置已更改（“编辑 &gt; 撤销”可恢复）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Launch of %1 cancelled: nothing was started</source>
        <translation>已取消启动 %1：未启动任何内容</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_History.cpp" line="-26"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>Cannot resume %1: %2</source>
        <translation>无法恢复 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resuming %1 from its checkpoints</source>
        <translation>正在从检查点恢复 %1</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_Monitor.cpp" line="+15"/>
        <source>Monitor</source>
        <translation>监视器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Monitor</source>
        <translation>监视器(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the monitor of the current run</source>
        <translation>显示当前运行的监视器</translation>
    </message>
</context>
<context>
    <name>MonitorChartView</name>
    <message>
        <location filename="../gui/monitor/MonitorChartView.cpp" line="+67"/>
        <source>thinned: %1 of %2 points</source>
        <translation>已抽稀：显示 %2 个点中的 %1 个</translation>
    </message>
</context>
<context>
    <name>MonitorEventsModel</name>
    <message>
        <location filename="../gui/monitor/MonitorEventsModel.cpp" line="+30"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Time since start</source>
        <translation>自开始以来的时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
</context>
<context>
    <name>MonitorEventsPanel</name>
    <message>
        <location filename="../gui/monitor/MonitorEventsPanel.cpp" line="+26"/>
        <source>All levels</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All sources</source>
        <translation>所有来源</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search events…</source>
        <translation>搜索事件…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Generated text</source>
        <translation>生成的文本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Samples (newest first)</source>
        <translation>样本（最新的在前）</translation>
    </message>
</context>
<context>
    <name>MonitorView</name>
    <message>
        <location filename="../gui/monitor/MonitorView.cpp" line="+35"/>
        <source>No run followed. Start a run, or open one from History.</source>
        <translation>未跟踪任何运行。请启动一次运行，或从“历史”中打开一个。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time</source>
        <translation>实际时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the loss chart&apos;s X axis shows</source>
        <translation>损失图的 X 轴所显示的量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Weight of the bias-corrected moving average drawn over the raw loss (0: none, 0.99: strongest)</source>
        <translation>叠加在原始损失上的偏差校正移动平均的权重（0：无，0.99：最强）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss X axis:</source>
        <translation>损失 X 轴：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events and samples</source>
        <translation>事件与样本</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Run %1: reading the store…</source>
        <translation>运行 %1：正在读取存储…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Run %1 cannot be shown</source>
        <translation>无法显示运行 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>● running</source>
        <translation>● 运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run “%1” (%2) — %3</source>
        <translation>运行“%1”（%2）— %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rounds</source>
        <translation>%1 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 elapsed</source>
        <translation>已用时 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>measured %1</source>
        <translation>实测 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted %1</source>
        <translation>预测 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ideal %1</source>
        <translation>理想 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>efficiency %1 of ideal</source>
        <translation>效率为理想值的 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dilated rehearsal ×%1: real-time equivalent %2</source>
        <translation>时间膨胀演练 ×%1：真实时间等效 %2</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <location filename="../gui/topology/NodeItem.cpp" line="+52"/>
        <source>Slurm: free</source>
        <translation>Slurm：空闲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm: would wait</source>
        <translation>Slurm：将排队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm unreachable</source>
        <translation>Slurm 不可达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm</source>
        <translation>Slurm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>agent up</source>
        <translation>代理在线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>agent %1</source>
        <translation>代理 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unreachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mismatch</source>
        <translation>不匹配</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Slurm %1 at %2: %3; the datacenter&apos;s job fits what is free now</source>
        <translation>Slurm %1（%2）：%3；该数据中心的作业所需资源当前空闲</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slurm %1 at %2: %3; the job would wait:
%4</source>
        <translation>Slurm %1（%2）：%3；作业将会排队等待：
%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm: %1</source>
        <translation>Slurm：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slurm: not checked yet</source>
        <translation>Slurm：尚未检查</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Agent: reachable, archi %1</source>
        <translation>代理：可访问，archi %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agent: none at the project&apos;s address between runs; Run on This Machine starts this node&apos;s agent on a port of its own.
(%1)</source>
        <translation>代理：两次运行之间项目地址上没有代理；“在本机运行”会在单独的端口上启动此节点的代理。
(%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agent: %1</source>
        <translation>代理：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agent: reachable (archi %1), inventory mismatch:
%2</source>
        <translation>代理：可访问（archi %1），设备清单不匹配：
%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent: not checked yet</source>
        <translation>代理：尚未检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
Asked at %1, the agent of the live run</source>
        <translation>
于 %1 询问（正在进行的运行的代理）</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+20"/>
        <source>
Checked at %1</source>
        <translation>
检查于 %1</translation>
    </message>
</context>
<context>
    <name>NodeStatusService</name>
    <message>
        <location filename="../gui/bridge/NodeStatusService.cpp" line="+78"/>
        <source>revoked: the console no longer trusts this node; enroll it again (`archi agent enroll --replace-key`) and approve it (`archi pki approve`)</source>
        <translation>已吊销：控制台不再信任此节点；请重新注册（`archi agent enroll --replace-key`）并批准（`archi pki approve`）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not enrolled: run `archi agent enroll` on the node and `archi pki approve` here</source>
        <translation>未注册：请在节点上运行 `archi agent enroll`，并在此处运行 `archi pki approve`</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+9"/>
        <location line="+12"/>
        <source>unreachable: %1</source>
        <translation>无法访问：%1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>datacenter %1: %2</source>
        <translation>数据中心 %1：%2</translation>
    </message>
</context>
<context>
    <name>PlanService</name>
    <message>
        <location filename="../gui/bridge/PlanService.cpp" line="+36"/>
        <source>No project is open</source>
        <translation>没有打开的项目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The project has 1 error: fix it (see Problems) to see the plan</source>
        <translation>项目有 1 个错误：请修复它（见“问题”）以查看计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project has %1 errors: fix them (see Problems) to see the plan</source>
        <translation>项目有 %1 个错误：请修复它们（见“问题”）以查看计划</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The planner failed: %1</source>
        <translation>规划器失败：%1</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="+71"/>
        <source>Datacenter</source>
        <translation>数据中心</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sequences / step</source>
        <translation>序列数 / 步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inner steps / round</source>
        <translation>内部步数 / 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step time</source>
        <translation>步时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Standalone sum</source>
        <translation>独立速度之和</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planner warnings</source>
        <translation>规划器警告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Speeds are catalog priors until devices are measured; emulated devices are paced to their catalog ratios.</source>
        <translation>在设备实测之前，速度为目录先验值；模拟设备按其目录比例限速。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Planning…</source>
        <translation>正在规划…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Predicted throughput</source>
        <translation>预测吞吐量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synchronisation</source>
        <translation>同步方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inner steps per round</source>
        <translation>每轮内部步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN per round</source>
        <translation>每轮 WAN 流量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outer optimiser</source>
        <translation>外层优化器</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Dilated rehearsal ×%1 (devices emulated): links are shaped %1 times slower, and the times below are on the emulated clock; divide them by %1 for real time.</source>
        <translation>时间膨胀演练 ×%1（设备为模拟）：链路按慢 %1 倍整形，下列时间为模拟时钟上的时间；除以 %1 即为真实时间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1% of the ideal %2</source>
        <translation>为理想值 %2 的 %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ the links call for %1</source>
        <translation>⚠ 链路条件建议使用 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <location line="+17"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>recommended: %1</source>
        <translation>推荐：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fastest datacenter</source>
        <translation>最快的数据中心</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAN %1% of it</source>
        <translation>其中 WAN 占 %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per leader · all-reduce %1 · %2 stream(s) per link</source>
        <translation>每个主进程 · all-reduce %1 · 每条链路 %2 条流</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lr %1</source>
        <translation>学习率 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum %1</source>
        <translation>动量 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>✓ No warnings: every device holds the model and the links suit the sync mode</source>
        <translation>✓ 无警告：每台设备都能容纳模型，链路也适合该同步方式</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Batch share per device (sequences per step)</source>
        <translation>每台设备的批次份额（每步序列数）</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 (%2)
%3 sequences per step · %4 standalone (%5)
compute %6 per step%7</source>
        <translation>%1（%2）
每步 %3 个序列 · 独立运行 %4（%5）
每步计算 %6%7</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>catalog prior</source>
        <translation>目录先验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
left out: cannot hold one sequence</source>
        <translation>
已排除：无法容纳一个序列</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>sequences per step</source>
        <translation>每步序列数</translation>
    </message>
</context>
<context>
    <name>PoolTableModel</name>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="+63"/>
        <source>Index of the device on its node (as in the worker ids)</source>
        <translation>设备在其节点上的序号（与工作进程 ID 中一致）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory per device, GiB</source>
        <translation>每台设备的内存，GiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak dense bf16 TFLOPS per device (catalog figure)</source>
        <translation>每台设备的稠密 bf16 峰值 TFLOPS（目录数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens per second measured on this device by a profiling run; the planner prefers it to peak figures</source>
        <translation>性能分析运行在此设备上实测的每秒 token 数；规划器优先使用它而非峰值数据</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datacenter</source>
        <translation>数据中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TFLOPS</source>
        <translation>TFLOPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tok/s</source>
        <translation>tok/s</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Measured in run %1 (emulated: paced to the catalog ratio on this CPU)</source>
        <translation>在运行 %1 中实测（模拟：在本机 CPU 上按目录比例限速）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured in run %1</source>
        <translation>在运行 %1 中实测</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+1"/>
        <source>device</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>devices</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Enabled for the run</source>
        <translation>已纳入运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left out of the run</source>
        <translation>未纳入运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not measured yet: the planner uses the catalog&apos;s peak figures as a prior</source>
        <translation>尚未实测：规划器使用目录中的峰值数据作为先验</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>emulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Enable %1</source>
        <translation>启用 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1</source>
        <translation>禁用 %1</translation>
    </message>
</context>
<context>
    <name>PoolsView</name>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="+91"/>
        <source>Search devices…</source>
        <translation>搜索设备…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable the selected rows for the run (all shown rows when none is selected)</source>
        <translation>将所选行纳入运行（未选择时为所有显示的行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Disable</source>
        <translation>禁用(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the selected rows out of the run (all shown rows when none is selected)</source>
        <translation>将所选行排除在运行之外（未选择时为所有显示的行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Site:</source>
        <translation>站点(&amp;S)：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>GPU type</source>
        <translation>GPU 类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Totals per GPU type (enabled devices)</source>
        <translation>按 GPU 类型合计（已启用设备）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals per site (enabled devices)</source>
        <translation>按站点合计（已启用设备）</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>所有站点</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="+20"/>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>link %1</source>
        <translation>链路 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>link %1 ↔ %2</source>
        <translation>链路 %1 ↔ %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>datacenter %1</source>
        <translation>数据中心 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+53"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>node %1: %2</source>
        <translation>节点 %1：%2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>agent</source>
        <translation>代理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slurm</source>
        <translation>Slurm</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <location filename="../gui/bridge/ProjectDocument.cpp" line="+43"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>there is no project to save</source>
        <translation>没有可保存的项目</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>ProjectTree</name>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="+24"/>
        <source>Datacenter / node / device</source>
        <translation>数据中心 / 节点 / 设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Project tree</source>
        <translation>项目树</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>device</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>devices</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>emulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>WAN links</source>
        <translation>WAN 链路</translation>
    </message>
</context>
<context>
    <name>PropertiesPanel</name>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="+94"/>
        <source>No project is open.</source>
        <translation>没有打开的项目。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>✖ %1: %2</source>
        <translation>✖ %1：%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>⚠ %1: %2</source>
        <translation>⚠ %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+194"/>
        <source>item</source>
        <translation>项</translation>
    </message>
    <message>
        <location line="-161"/>
        <location line="+14"/>
        <location line="+15"/>
        <location line="+12"/>
        <location line="+14"/>
        <source>Set %1</source>
        <translation>设置 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Datacenters</source>
        <translation>数据中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>WAN links</source>
        <translation>WAN 链路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a datacenter, node, device or link on the canvas to edit it. Drag a GPU type from the catalog onto a node to add devices.</source>
        <translation>在画布上选择数据中心、节点、设备或链路即可编辑。将 GPU 类型从目录拖到节点上即可添加设备。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Datacenter</source>
        <translation>数据中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Position x</source>
        <translation>位置 x</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Position y</source>
        <translation>位置 y</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fabric bandwidth</source>
        <translation>内部网络带宽</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+62"/>
        <source> Gbit/s</source>
        <translation> Gbit/s</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Fabric latency</source>
        <translation>内部网络延迟</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> µs</source>
        <translation> µs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agent port</source>
        <translation>代理端口</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+60"/>
        <source>Emulate on CPU</source>
        <translation>在 CPU 上模拟</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+59"/>
        <source>Enabled for the run</source>
        <translation>已纳入运行</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 GiB each</source>
        <translation>每台 %1 GiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak bf16</source>
        <translation>bf16 峰值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 each</source>
        <translation>每台 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>WAN link</source>
        <translation>WAN 链路</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>起点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>终点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bandwidth</source>
        <translation>带宽</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Round-trip time</source>
        <translation>往返时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packet loss</source>
        <translation>丢包率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown as</source>
        <translation>显示为</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 selected</source>
        <translation>已选择 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select device groups to change them together, or one item to edit all of its fields.</source>
        <translation>选择多个设备组可一起修改，选择单个对象可编辑其所有字段。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="-546"/>
        <source>Archipelago projects (*.archipelago.json);;JSON files (*.json);;All files (*)</source>
        <translation>Archipelago 项目 (*.archipelago.json);;JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="-268"/>
        <source>DiLoCo</source>
        <translation>DiLoCo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ddp (every step over the WAN)</source>
        <translation>ddp（每一步都经过 WAN）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>int8 + error feedback</source>
        <translation>int8 + 误差反馈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fp32 (uncompressed)</source>
        <translation>fp32（未压缩）</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="-153"/>
        <source>Enabled / devices</source>
        <translation>已启用 / 设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memory (GiB)</source>
        <translation>内存 (GiB)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Peak bf16</source>
        <translation>bf16 峰值</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../gui/topology/KeyedItem.cpp" line="+36"/>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location filename="../gui/topology/LinkHandleItem.cpp" line="+15"/>
        <source>Drag to another datacenter to draw a WAN link</source>
        <translation>拖到另一个数据中心以绘制 WAN 链路</translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="+66"/>
        <source>node</source>
        <translation>个节点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nodes</source>
        <translation>个节点</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>device</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+2"/>
        <source>devices</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 of %2 enabled</source>
        <translation>%2中已启用 %1 台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · %1 peak</source>
        <translation> · 峰值 %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>left out</source>
        <translation>已排除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1: round %2 · %3</source>
        <translation>运行 %1：第 %2 轮 · %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
left out of the latest outer group (cut off, or re-joining): its steps do not reach the global model until it is back</source>
        <translation>
未纳入最近一次外层组（已断开或正在重新加入）：在其返回之前，它的步不会进入全局模型</translation>
    </message>
    <message>
        <location filename="../gui/topology/DeviceGroupItem.cpp" line="+45"/>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>emulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown type</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1: no figures yet</source>
        <translation>%1：尚无数据</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2% busy · %3 · step %4</source>
        <translation>%1：忙碌 %2% · %3 · 每步 %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · stalled</source>
        <translation> · 已停滞</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1% stalled</source>
        <translation>%1% 停滞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1% emul.</source>
        <translation>%1% 模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run %1: no figures for these devices yet</source>
        <translation>运行 %1：这些设备尚无数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1: utilisation %2% (compute time / step time)</source>
        <translation>运行 %1：利用率 %2%（计算时间 / 步时间）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
emulated: the share of each step spent computing on this machine&apos;s CPU</source>
        <translation>
模拟：每步中在本机 CPU 上计算所占的比例</translation>
    </message>
    <message>
        <location filename="../gui/topology/LinkItem.cpp" line="+117"/>
        <source>%1 · %2% · waited on</source>
        <translation>%1 · %2% · 等待最久</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 · %2%</source>
        <translation>%1 · %2%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1: %2 of %3 (%4% of the bandwidth)</source>
        <translation>运行 %1：%2 / %3（带宽的 %4%）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
the latest outer round waited on this link longer than on the others</source>
        <translation>
最近一次外层轮在此链路上等待的时间比其他链路更长</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../gui/history/ReportView.cpp" line="+25"/>
        <source>No run selected.</source>
        <translation>未选择运行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as one self-contained HTML file</source>
        <translation>将报告保存为一个独立的 HTML 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as an A4 PDF</source>
        <translation>将报告保存为 A4 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every stored row of the run as CSV files into a folder</source>
        <translation>将该运行存储的所有行以 CSV 文件保存到一个文件夹中</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading the report of run %1…</source>
        <translation>正在读取运行 %1 的报告…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not read the report of run %1 from %2: %3</source>
        <translation>无法从 %2 读取运行 %1 的报告：%3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run %1 (id %2)</source>
        <translation>运行 %1（id %2）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not write %1:
%2</source>
        <translation>无法写入 %1：
%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the report as HTML</source>
        <translation>将报告导出为 HTML</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export the report as PDF</source>
        <translation>将报告导出为 PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export every stored row as CSV into a folder</source>
        <translation>将所有存储的行以 CSV 导出到一个文件夹</translation>
    </message>
</context>
<context>
    <name>RoundGantt</name>
    <message>
        <location filename="../gui/monitor/RoundGantt.cpp" line="+49"/>
        <source>%1–%2 s</source>
        <translation>%1–%2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>round %1: inner steps, %2</source>
        <translation>第 %1 轮：内部步，%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round %1: WAN all-reduce, %2</source>
        <translation>第 %1 轮：WAN all-reduce，%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round %1: waiting for the other datacenters, %2</source>
        <translation>第 %1 轮：等待其他数据中心，%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round %1: left out of the group, %2</source>
        <translation>第 %1 轮：被排除在组外，%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fault at %1 s: %2</source>
        <translation>%1 s 时出现故障：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Outer rounds per datacenter</source>
        <translation>各数据中心的外层轮</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>inner steps</source>
        <translation>内部步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN all-reduce</source>
        <translation>WAN all-reduce</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+50"/>
        <source>left out</source>
        <translation>已排除</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>no outer round stored yet</source>
        <translation>尚未存储外层轮</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>0 s</source>
        <translation>0 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wall time since start (s)</source>
        <translation>自开始以来的实际时间 (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>RunComparison</name>
    <message>
        <location filename="../gui/history/RunComparison.cpp" line="+68"/>
        <source>Align by:</source>
        <translation>对齐方式：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time since start</source>
        <translation>自开始以来的实际时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the runs&apos; curves side by side by tokens processed, or by time since each run started</source>
        <translation>按已处理的 token 数，或按各运行开始以来的时间对齐各运行的曲线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pin as &amp;Baseline</source>
        <translation>固定为基准(&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw the run chosen in the list thicker and show the other runs&apos; differences to it</source>
        <translation>加粗绘制列表中所选的运行，并显示其他运行与它的差异</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Runs compared; choose one and Pin as Baseline</source>
        <translation>已比较各运行；选择一个并“固定为基准”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>Reading %n run(s)…</source>
        <translation>
            <numerusform>正在读取 %n 次运行…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not read the runs: %1</source>
        <translation>无法读取运行：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n run(s) compared</source>
        <translation>
            <numerusform>已比较 %n 次运行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (baseline)</source>
        <translation>%1（基准）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run #%1 of %2</source>
        <translation>项目 %2 的运行 #%1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Tokens (tok)</source>
        <translation>token 数 (tok)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time since start (s)</source>
        <translation>自开始以来的时间 (s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Throughput (tok/s)</source>
        <translation>吞吐量 (tok/s)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss (nats/token)</source>
        <translation>损失 (nats/token)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>thinned: %1 of %2 points</source>
        <translation>已抽稀：显示 %2 个点中的 %1 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no validation stored</source>
        <translation>未存储验证数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no steps stored</source>
        <translation>未存储步数据</translation>
    </message>
</context>
<context>
    <name>RunHistory</name>
    <message>
        <location filename="../gui/bridge/RunHistory.cpp" line="+156"/>
        <location line="+26"/>
        <source>there is no run %1 in %2 any more</source>
        <translation>%2 中已不再有运行 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run %1 is going: stop it before deleting it</source>
        <translation>运行 %1 正在进行：请先停止再删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the run&apos;s rows were deleted, but its folder %1 could not be removed: %2; remove it by hand</source>
        <translation>该运行的行已删除，但无法移除其文件夹 %1：%2；请手动移除</translation>
    </message>
</context>
<context>
    <name>RunService</name>
    <message>
        <location filename="../gui/bridge/RunService.cpp" line="+98"/>
        <source>a run is already going: stop it first</source>
        <translation>已有运行正在进行：请先停止它</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>no project is open</source>
        <translation>没有打开的项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the project has %1 error(s): fix them (see Problems) before running</source>
        <translation>项目有 %1 个错误：请在运行前修复它们（见“问题”）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>cannot resume %1: </source>
        <translation>无法恢复 %1：</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>cannot attach to %1: %2</source>
        <translation>无法附加到 %1：%2</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>the `archi` program was not found next to the console or on PATH; build it or set $ARCHIPELAGO_ARCHI_BIN</source>
        <translation>在控制台旁边或 PATH 中找不到 `archi` 程序；请构建它或设置 $ARCHIPELAGO_ARCHI_BIN</translation>
    </message>
    <message>
        <location filename="../gui/bridge/LauncherFollow.cpp" line="+103"/>
        <source>validation loss %1 → %2</source>
        <translation>验证损失 %1 → %2</translation>
    </message>
</context>
<context>
    <name>RunSettingsDialog</name>
    <message>
        <location filename="../gui/settings/RunSettingsDialog.cpp" line="+41"/>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiny</source>
        <translation>微型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Small</source>
        <translation>小型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>中型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Large</source>
        <translation>大型</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Run Settings — %1</source>
        <translation>运行设置 — %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Size:</source>
        <translation>规模(&amp;S)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A named shape, or Custom when the fields below differ from every one</source>
        <translation>预设的模型形状；当下方字段与所有预设都不同时为“自定义”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Layers:</source>
        <translation>层数(&amp;L)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transformer blocks</source>
        <translation>Transformer 块数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Heads:</source>
        <translation>注意力头数(&amp;H)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attention heads; the width must divide by them</source>
        <translation>注意力头数；宽度必须能被其整除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model dimension (channels)</source>
        <translation>模型维度（通道数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conte&amp;xt:</source>
        <translation>上下文(&amp;X)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sequence length in tokens</source>
        <translation>以 token 计的序列长度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data and budget</source>
        <translation>数据与预算</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a text file for the corpus</source>
        <translation>为语料库选择一个文本文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Corpus:</source>
        <translation>语料库(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A text file or a folder of text files</source>
        <translation>一个文本文件，或一个包含文本文件的文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Token budget:</source>
        <translation>token 预算(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens the whole run trains on, over every datacenter</source>
        <translation>整个运行在所有数据中心上训练的 token 数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synchronisation</source>
        <translation>同步方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DiLoCo — outer rounds over the WAN</source>
        <translation>DiLoCo — 通过 WAN 进行外层轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDP — every step over the WAN</source>
        <translation>DDP — 每步都通过 WAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ync mode:</source>
        <translation>同步模式(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>diloco: datacenters train H steps alone, then average; ddp: all-reduce every step</source>
        <translation>diloco：各数据中心独立训练 H 步后取平均；ddp：每步都进行 all-reduce</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>int8 (¼ of fp32, with error feedback)</source>
        <translation>int8（fp32 的 ¼，带误差反馈）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 (½ of fp32)</source>
        <translation>bf16（fp32 的 ½）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fp32 (uncompressed)</source>
        <translation>fp32（未压缩）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wire format:</source>
        <translation>传输格式(&amp;W)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How pseudo-gradients travel over the WAN</source>
        <translation>伪梯度在 WAN 上的传输方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Inner steps (H):</source>
        <translation>内部步数 (H)(&amp;I)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps of the fastest datacenter per outer round</source>
        <translation>每个外层轮中最快数据中心的步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outer &amp;learning rate:</source>
        <translation>外层学习率(&amp;L)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nesterov step on the averaged pseudo-gradient</source>
        <translation>在平均后的伪梯度上执行 Nesterov 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outer &amp;momentum:</source>
        <translation>外层动量(&amp;M)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In [0, 1)</source>
        <translation>取值范围 [0, 1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> round</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> rounds</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Validate every:</source>
        <translation>校验间隔(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation loss on the held-out set every N outer rounds (ddp: every N × H steps), and at the end</source>
        <translation>每 N 个外层轮（ddp：每 N × H 步）以及结束时，在留出集上计算验证损失</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the project&apos;s current settings again</source>
        <translation>重新显示项目的当前设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>%1 M parameters · %2 per device to train</source>
        <translation>%1 M 参数 · 每台设备训练需 %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Fix the errors shown under the fields first</source>
        <translation>请先修复字段下方显示的错误</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change Run Settings</source>
        <translation>更改运行设置</translation>
    </message>
</context>
<context>
    <name>RunsTableModel</name>
    <message>
        <location filename="../gui/history/RunsTableModel.cpp" line="+40"/>
        <source>○ planned</source>
        <translation>○ 已计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>▶ running</source>
        <translation>▶ 运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✓ completed</source>
        <translation>✓ 已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>■ stopped</source>
        <translation>■ 已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✕ failed</source>
        <translation>✕ 失败</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 tok</source>
        <translation>%1 tok</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (val)</source>
        <translation>%1（验证）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (train)</source>
        <translation>%1（训练）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>emulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>real</source>
        <translation>真实</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Validation loss of the latest validated step (mean over datacenters)</source>
        <translation>最近一次验证步的验证损失（各数据中心的平均值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No validation yet: mean of the datacenters&apos; last training losses</source>
        <translation>尚无验证：各数据中心最近一次训练损失的平均值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measured tokens/s over the ideal (the sum of every device&apos;s standalone speed)</source>
        <translation>实测 token/s 与理想值之比（理想值为每台设备独立运行速度之和）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices and WAN links were emulated on this machine&apos;s CPU</source>
        <translation>设备和 WAN 链路均在本机 CPU 上模拟</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Real devices and links</source>
        <translation>真实的设备和链路</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <location filename="../gui/history/RunsView.cpp" line="+43"/>
        <source>Search runs by name, project or number</source>
        <translation>按名称、项目或编号搜索运行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every state</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every project</source>
        <translation>所有项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Emulated or real</source>
        <translation>模拟或真实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emulated only</source>
        <translation>仅模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Real only</source>
        <translation>仅真实</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the run store again (runs started by `archi run` appear too)</source>
        <translation>重新读取运行存储（由 `archi run` 启动的运行也会显示）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Monitor</source>
        <translation>打开监视器(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected run in the monitor</source>
        <translation>在监视器中显示所选运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Report</source>
        <translation>打开报告(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected run&apos;s report</source>
        <translation>显示所选运行的报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected run&apos;s rows from the store and its folder (asks first; not while it runs)</source>
        <translation>从存储中删除所选运行的行及其文件夹（会先询问；运行期间不可删除）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlay the selected runs&apos; curves and diff their settings (select two or more)</source>
        <translation>叠加所选运行的曲线并比较其设置（选择两个或更多）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;sume</source>
        <translation>恢复(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the selected stopped or failed run from its checkpoints</source>
        <translation>从检查点继续所选的已停止或已失败的运行</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Run %1 deleted.</source>
        <translation>运行 %1 已删除。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+194"/>
        <location line="+15"/>
        <source>Run %1 was not deleted: %2</source>
        <translation>运行 %1 未被删除：%2</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>Store: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No runs yet: %1 does not exist (it is made by the first run)</source>
        <translation>尚无运行：%1 不存在（将由第一次运行创建）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in %2</source>
        <translation>%2 中有 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>run</source>
        <translation>次运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>runs</source>
        <translation>次运行</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>A running run cannot be deleted: stop it first</source>
        <translation>正在进行的运行无法删除：请先停止它</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select two or more runs to compare them.</source>
        <translation>请选择两个或更多运行进行比较。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select one run to delete.</source>
        <translation>请选择一个要删除的运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>run %1 is going: stop it before deleting it</source>
        <translation>运行 %1 正在进行：请先停止再删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete run “%1” (#%2)?

This removes %3 from %4: %5 step metrics, %6 outer rounds, %7 validations, %8 events, %9 samples, %10 checkpoint records and %11 link samples.</source>
        <translation>删除运行“%1”（#%2）？

这将从 %4 中移除 %3：%5 条步指标、%6 条外层轮记录、%7 条验证记录、%8 条事件、%9 条样本、%10 条检查点记录和 %11 条链路采样。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stored row</source>
        <translation>条存储行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stored rows</source>
        <translation>条存储行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Its folder %1 (%2: journals, checkpoints, logs) is deleted as well.</source>
        <translation>其文件夹 %1（%2：事务日志、检查点、日志）也会一并删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It has no folder under %1; files it left elsewhere are kept.</source>
        <translation>它在 %1 下没有文件夹；它留在其他位置的文件将保留。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete Run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 was kept.</source>
        <translation>运行 %1 已保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleting run %1…</source>
        <translation>正在删除运行 %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>SettingsDiff</name>
    <message>
        <location filename="../gui/history/SettingsDiff.cpp" line="+22"/>
        <source>%1 layers · %2 heads · dim %3 · context %4 · vocab %5</source>
        <translation>%1 层 · %2 个头 · 维度 %3 · 上下文 %4 · 词表 %5</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>±0 %</source>
        <translation>±0 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+%1 %</source>
        <translation>+%1 %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>−%1 %</source>
        <translation>−%1 %</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>%1 tok</source>
        <translation>%1 tok</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token budget</source>
        <translation>token 预算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync mode</source>
        <translation>同步模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wire format</source>
        <translation>传输格式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inner steps (H)</source>
        <translation>内部步数 (H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tokens per inner step</source>
        <translation>每个内部步的 token 数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inner learning rate</source>
        <translation>内部学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outer learning rate</source>
        <translation>外层学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outer momentum</source>
        <translation>外层动量</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Share of %1</source>
        <translation>%1 的份额</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 seq/step (%2 %)</source>
        <translation>%1 序列/步（%2 %）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link %1 bandwidth</source>
        <translation>链路 %1 带宽</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Link %1 RTT</source>
        <translation>链路 %1 RTT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>SettingsDiffModel</name>
    <message>
        <location filename="../gui/history/SettingsDiffModel.cpp" line="+34"/>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1  (≠ baseline)</source>
        <translation>%1  (≠ 基准)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This setting differs between the compared runs</source>
        <translation>此设置在所比较的运行之间不同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result of the run (the report&apos;s figures)</source>
        <translation>运行结果（报告中的数据）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (baseline)</source>
        <translation>%1（基准）</translation>
    </message>
</context>
<context>
    <name>StepTimeChart</name>
    <message>
        <location filename="../gui/monitor/StepTimeChart.cpp" line="+22"/>
        <source>Step time per datacenter (mean of the latest %1 steps)</source>
        <translation>各数据中心的步时间（最近 %1 步的平均值）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>intra-DC all-reduce</source>
        <translation>数据中心内 all-reduce</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN</source>
        <translation>WAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>time per step (ms)</source>
        <translation>每步时间 (ms)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · %2: %3 ms per step</source>
        <translation>%1 · %2：每步 %3 ms</translation>
    </message>
</context>
<context>
    <name>ThroughputChart</name>
    <message>
        <location filename="../gui/monitor/ThroughputChart.cpp" line="+17"/>
        <source>wall time since start (s)</source>
        <translation>自开始以来的实际时间 (s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>throughput (tokens/s)</source>
        <translation>吞吐量 (token/s)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+77"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>%1 s since start</source>
        <translation>开始后 %1 s</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>run total</source>
        <translation>运行总计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>plan&apos;s prediction</source>
        <translation>计划预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ideal (sum of standalone speeds)</source>
        <translation>理想值（独立运行速度之和）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · efficiency %1% of ideal</source>
        <translation> · 效率为理想值的 %1%</translation>
    </message>
</context>
<context>
    <name>TopologyScene</name>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="+80"/>
        <source>Datacenter %1 (id %2), region %3
Fabric %4, %5 µs</source>
        <translation>数据中心 %1（ID %2），区域 %3
内部网络 %4，%5 µs</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Node %1, agent at %2:%3, %4</source>
        <translation>节点 %1，代理位于 %2:%3，%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>device</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>devices</source>
        <translation>台设备</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (%1, %2 GiB, %3 dense bf16 each)</source>
        <translation>（%1，%2 GiB，每台稠密 bf16 %3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
emulated: computes on this machine&apos;s CPU, paced to the catalog speed</source>
        <translation>
模拟：在本机 CPU 上计算，按目录速度限速</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
disabled: left out of the run</source>
        <translation>
已禁用：不纳入运行</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>WAN link %1 ↔ %2
%3</source>
        <translation>WAN 链路 %1 ↔ %2
%3</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Draw WAN link</source>
        <translation>绘制 WAN 链路</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+49"/>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+49"/>
        <location line="+35"/>
        <source>datacenter</source>
        <translation>个数据中心</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+49"/>
        <location line="+35"/>
        <source>datacenters</source>
        <translation>个数据中心</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Auto layout</source>
        <translation>自动布局</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Align %1</source>
        <translation>对齐 %1</translation>
    </message>
</context>
<context>
    <name>TopologyView</name>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="+37"/>
        <source>Topology canvas</source>
        <translation>拓扑画布</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add node with %1</source>
        <translation>添加带 %1 的节点</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add datacenter with %1</source>
        <translation>添加带 %1 的数据中心</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>NVIDIA</source>
        <translation>NVIDIA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huawei Ascend</source>
        <translation>华为昇腾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AMD</source>
        <translation>AMD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU / other</source>
        <translation>CPU / 其他</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>emulated</source>
        <translation>模拟</translation>
    </message>
</context>
<context>
    <name>WanChart</name>
    <message>
        <location filename="../gui/monitor/WanChart.cpp" line="+23"/>
        <source>wall time since start (s)</source>
        <translation>自开始以来的实际时间 (s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>throughput (Mbit/s)</source>
        <translation>吞吐量 (Mbit/s)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WAN links — measured, and bandwidth dashed</source>
        <translation>WAN 链路 — 实测值，虚线为带宽</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 s since start</source>
        <translation>开始后 %1 s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 ↔ %2</source>
        <translation>%1 ↔ %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 ↔ %2 bandwidth</source>
        <translation>%1 ↔ %2 带宽</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no link samples stored</source>
        <translation>未存储链路采样</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../gui/app/main.cpp" line="+61"/>
        <source>Train one model across several datacenters with mixed GPUs</source>
        <translation>在多个数据中心的异构 GPU 上训练同一个模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language of the console, e.g. zh_CN or it (default: the system&apos;s, from LANGUAGE, LC_ALL, LANG)</source>
        <translation>控制台的语言，例如 zh_CN 或 it（默认：系统语言，取自 LANGUAGE、LC_ALL、LANG）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>语言代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project file to open (*.archipelago.json)</source>
        <translation>要打开的项目文件 (*.archipelago.json)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GPU catalog unusable</source>
        <translation>GPU 目录不可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GPU catalog could not be loaded, so device types cannot be checked:
%1

Fix the file, or unset $ARCHIPELAGO_GPU_CATALOG if it points to a broken one.</source>
        <translation>无法加载 GPU 目录，因此无法检查设备类型：
%1

请修复该文件；如果 $ARCHIPELAGO_GPU_CATALOG 指向了损坏的文件，请取消设置它。</translation>
    </message>
</context>
<context>
    <name>visual_style</name>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="+55"/>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 Gbit/s</source>
        <translation>%1 Gbit/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2 ms</source>
        <translation>%1 · %2 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · %1% loss</source>
        <translation> · 丢包 %1%</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1M tok/s</source>
        <translation>%1M tok/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1k tok/s</source>
        <translation>%1k tok/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 PFLOPS</source>
        <translation>%1 PFLOPS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 TFLOPS</source>
        <translation>%1 TFLOPS</translation>
    </message>
</context>
</TS>
