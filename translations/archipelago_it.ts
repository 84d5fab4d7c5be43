<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="20"/>
        <source>Datacenter / node / device</source>
        <translation>Datacenter / nodo / dispositivo</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="20"/>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="24"/>
        <source>Problems</source>
        <translation>Problemi</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="40"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="41"/>
        <source>&amp;Open…</source>
        <translation>&amp;Apri…</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="43"/>
        <source>Open a project file (*.archipelago.json)</source>
        <translation>Apri un file di progetto (*.archipelago.json)</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="45"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="47"/>
        <source>Close Archipelago</source>
        <translation>Chiudi Archipelago</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="52"/>
        <source>Opened %1</source>
        <translation>Aperto %1</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="56"/>
        <source>unknown reason</source>
        <translation>motivo sconosciuto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="58"/>
        <source>Cannot open project</source>
        <translation>Impossibile aprire il progetto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="58"/>
        <source>%1 could not be opened: %2</source>
        <translation>Impossibile aprire %1: %2</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="63"/>
        <source>Open project</source>
        <translation>Apri progetto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="64"/>
        <source>Archipelago projects (*.archipelago.json);;JSON (*.json)</source>
        <translation>Progetti Archipelago (*.archipelago.json);;JSON (*.json)</translation>
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
            <numerusform>%1 · %n dispositivo</numerusform>
            <numerusform>%1 · %n dispositivi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="84"/>
        <source>emulated</source>
        <translation>emulato</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="94"/>
        <source>error</source>
        <translation>errore</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="94"/>
        <source>warning</source>
        <translation>avviso</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <location filename="../gui/bridge/ProjectDocument.cpp" line="34"/>
        <source>Untitled</source>
        <translation>Senza titolo</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../gui/app/main.cpp" line="23"/>
        <source>Train one model across several datacenters with mixed GPUs</source>
        <translation>Addestra un unico modello su più datacenter con GPU eterogenee</translation>
    </message>
    <message>
        <location filename="../gui/app/main.cpp" line="26"/>
        <source>Project file to open (*.archipelago.json)</source>
        <translation>File di progetto da aprire (*.archipelago.json)</translation>
    </message>
</context>
</TS>
