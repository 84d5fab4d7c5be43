<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="20"/>
        <source>Datacenter / node / device</source>
        <translation>数据中心 / 节点 / 设备</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="20"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="24"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="40"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="41"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="43"/>
        <source>Open a project file (*.archipelago.json)</source>
        <translation>打开项目文件 (*.archipelago.json)</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="45"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="47"/>
        <source>Close Archipelago</source>
        <translation>关闭 Archipelago</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="52"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="56"/>
        <source>unknown reason</source>
        <translation>未知原因</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="58"/>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="58"/>
        <source>%1 could not be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="63"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="64"/>
        <source>Archipelago projects (*.archipelago.json);;JSON (*.json)</source>
        <translation>Archipelago 项目 (*.archipelago.json);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="69"/>
        <source>%1 — Archipelago</source>
        <translation>%1 — Archipelago</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/app/MainWindow.cpp" line="77"/>
        <source>%1 · %n device(s)</source>
        <translation>
            <numerusform>%1 · %n 个设备</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="84"/>
        <source>emulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="94"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="94"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <location filename="../gui/bridge/ProjectDocument.cpp" line="34"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../gui/app/main.cpp" line="23"/>
        <source>Train one model across several datacenters with mixed GPUs</source>
        <translation>在多个数据中心的异构 GPU 上训练同一个模型</translation>
    </message>
    <message>
        <location filename="../gui/app/main.cpp" line="26"/>
        <source>Project file to open (*.archipelago.json)</source>
        <translation>要打开的项目文件 (*.archipelago.json)</translation>
    </message>
</context>
</TS>
