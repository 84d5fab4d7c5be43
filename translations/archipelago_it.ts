<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>CatalogPalette</name>
    <message>
        <location filename="../gui/app/CatalogPalette.cpp" line="33"/>
        <source>GPU catalog</source>
        <translation>Catalogo GPU</translation>
    </message>
    <message>
        <location filename="../gui/app/CatalogPalette.cpp" line="39"/>
        <source>%1
%2 · %3 GiB · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/CatalogPalette.cpp" line="43"/>
        <source>%1 (%2)
Source: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/CatalogPalette.cpp" line="44"/>
        <source>
Figures are not vendor-published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/CatalogPalette.cpp" line="46"/>
        <source>

Drag onto a node to add a device, or press Enter to add one to the selected node.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="20"/>
        <source>All levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="21"/>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="22"/>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="24"/>
        <source>Filter events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="29"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="29"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="29"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="29"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="44"/>
        <source>error</source>
        <translation type="unfinished">errore</translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="44"/>
        <source>warning</source>
        <translation type="unfinished">avviso</translation>
    </message>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="44"/>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Datacenter / node / device</source>
        <translation type="vanished">Datacenter / nodo / dispositivo</translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="vanished">Dettagli</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="77"/>
        <source>Topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="78"/>
        <source>Pools</source>
        <translation>Pool</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="79"/>
        <source>Plan</source>
        <translation>Piano</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="113"/>
        <location filename="../gui/app/MainWindow.cpp" line="726"/>
        <location filename="../gui/app/MainWindow.cpp" line="731"/>
        <location filename="../gui/app/MainWindow.cpp" line="745"/>
        <source>run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="114"/>
        <source>Run %1 ended: %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="114"/>
        <source>(not started)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="115"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="115"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="115"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="146"/>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="147"/>
        <source>Properties</source>
        <translation>Proprietà</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="148"/>
        <source>GPU catalog</source>
        <translation>Catalogo GPU</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="150"/>
        <source>Problems</source>
        <translation>Problemi</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="151"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="173"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="174"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="174"/>
        <source>Start a new, empty project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="176"/>
        <source>&amp;Open…</source>
        <translation>&amp;Apri…</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="176"/>
        <source>Open a project file (*.archipelago.json)</source>
        <translation>Apri un file di progetto (*.archipelago.json)</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="183"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="183"/>
        <source>Save the project to its file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="185"/>
        <source>Save &amp;As…</source>
        <translation>Salva &amp;come…</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="185"/>
        <source>Save the project under a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="187"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="187"/>
        <source>Close Archipelago</source>
        <translation>Chiudi Archipelago</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="190"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="200"/>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="201"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="204"/>
        <source>Undo the last edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="206"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ripeti</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="209"/>
        <source>Redo the edit just undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="214"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Taglia</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="214"/>
        <source>Copy the selected items and remove them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="218"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="218"/>
        <source>Copy the selected datacenters, nodes or devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="220"/>
        <source>&amp;Paste</source>
        <translation>&amp;Incolla</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="220"/>
        <source>Paste next to the selection, with fresh ids and ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="222"/>
        <source>&amp;Delete</source>
        <translation>&amp;Elimina</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="222"/>
        <source>Delete the selected items (undoable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="224"/>
        <source>Select &amp;All</source>
        <translation>Seleziona &amp;tutto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="224"/>
        <source>Select every datacenter and link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="234"/>
        <source>Add &amp;Datacenter</source>
        <translation>Aggiungi &amp;datacenter</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="235"/>
        <source>Add a datacenter with one node in the middle of the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="238"/>
        <source>Add &amp;Node</source>
        <translation>Aggiungi &amp;nodo</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="239"/>
        <source>Add a node to the selected datacenter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="240"/>
        <source>&amp;Connect Datacenters</source>
        <translation>&amp;Collega datacenter</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="241"/>
        <source>While on, drag from one datacenter to another to draw a WAN link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="246"/>
        <source>&amp;Link Selected Datacenters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="247"/>
        <source>Draw a WAN link between the two selected datacenters (the keyboard way to connect)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="253"/>
        <source>Select exactly two datacenters to link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="259"/>
        <source>These datacenters are already linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="262"/>
        <source>Draw WAN link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="265"/>
        <source>Auto La&amp;yout</source>
        <translation>Disposizione a&amp;utomatica</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="266"/>
        <source>Arrange every datacenter in a grid (undoable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="270"/>
        <source>A&amp;lign</source>
        <translation>A&amp;llinea</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="277"/>
        <source>&amp;Left Edges</source>
        <translation>Bordi &amp;sinistri</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="278"/>
        <source>&amp;Right Edges</source>
        <translation>Bordi &amp;destri</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="279"/>
        <source>&amp;Top Edges</source>
        <translation>Bordi &amp;superiori</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="280"/>
        <source>&amp;Bottom Edges</source>
        <translation>Bordi &amp;inferiori</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="281"/>
        <source>&amp;Middles</source>
        <translation>&amp;Mezzerie</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="282"/>
        <source>&amp;Centres</source>
        <translation>&amp;Centri</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="286"/>
        <source>Align the selected datacenters (select two or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="287"/>
        <source>Select two or more datacenters to align</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="292"/>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="293"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Ingrandisci</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="293"/>
        <source>Zoom into the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="294"/>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Riduci</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="294"/>
        <source>Zoom out of the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="295"/>
        <source>&amp;Fit to View</source>
        <translation>&amp;Adatta alla vista</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="295"/>
        <source>Show the whole topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="298"/>
        <source>&amp;Actual Size</source>
        <translation>Dimensione &amp;reale</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="299"/>
        <source>Zoom to 100%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="301"/>
        <source>&amp;Topology</source>
        <translation>&amp;Topologia</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="301"/>
        <source>Show the topology canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="303"/>
        <source>&amp;Pools</source>
        <translation>&amp;Pool</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="303"/>
        <source>Show the device pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="305"/>
        <source>P&amp;lan</source>
        <translation>P&amp;iano</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="305"/>
        <source>Show the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="308"/>
        <source>&amp;Docks</source>
        <translation>&amp;Pannelli</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="313"/>
        <source>Show or hide this dock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="318"/>
        <source>&amp;Run</source>
        <translation>&amp;Esegui</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="319"/>
        <source>&amp;Validate</source>
        <translation>&amp;Convalida</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="320"/>
        <source>Check the project and list its problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="323"/>
        <source>&amp;Plan</source>
        <translation>&amp;Pianifica</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="324"/>
        <source>Plan the run: batch shares, inner steps, WAN cost and predicted throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="331"/>
        <source>Run on This &amp;Machine</source>
        <translation>Esegui su &amp;questa macchina</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="332"/>
        <source>Start the run here: one worker process per device, the same path as `archi run --local`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="335"/>
        <source>&amp;Stop</source>
        <translation>&amp;Ferma</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="336"/>
        <source>Stop the run cleanly: workers finish their step, synchronise and checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="343"/>
        <source>&amp;Tools</source>
        <translation>S&amp;trumenti</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="344"/>
        <source>&amp;Reset Window Layout</source>
        <translation>&amp;Ripristina disposizione</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="345"/>
        <source>Put every dock back where it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="354"/>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="355"/>
        <source>&amp;Help for This View</source>
        <translation>&amp;Aiuto per questa vista</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="355"/>
        <source>How to work in the current view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="357"/>
        <source>&amp;About Archipelago</source>
        <translation>&amp;Informazioni su Archipelago</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="357"/>
        <source>Version and purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="358"/>
        <source>About Archipelago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="359"/>
        <source>&lt;b&gt;Archipelago %1&lt;/b&gt;&lt;p&gt;Train one model across several datacenters with mixed GPUs over slow WAN links.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="367"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="402"/>
        <source>Unsaved changes</source>
        <translation>Modifiche non salvate</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="403"/>
        <source>The project “%1” has unsaved changes. Save them first? If you discard them, they are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="414"/>
        <location filename="../gui/app/MainWindow.cpp" line="423"/>
        <location filename="../gui/app/MainWindow.cpp" line="440"/>
        <location filename="../gui/app/MainWindow.cpp" line="463"/>
        <location filename="../gui/app/MainWindow.cpp" line="472"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="414"/>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="424"/>
        <location filename="../gui/app/MainWindow.cpp" line="425"/>
        <source>Opened %1</source>
        <translation>Aperto %1</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="544"/>
        <location filename="../gui/app/MainWindow.cpp" line="547"/>
        <location filename="../gui/app/MainWindow.cpp" line="580"/>
        <source>warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="547"/>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="550"/>
        <source>✓ valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="555"/>
        <location filename="../gui/app/MainWindow.cpp" line="581"/>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="556"/>
        <source>%1 in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="556"/>
        <source>The project is valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="579"/>
        <source>The project is valid: it can be planned and run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="580"/>
        <source>%1, %2: see the Problems list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="591"/>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="591"/>
        <source>item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="591"/>
        <source>items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="599"/>
        <source>Select datacenters, nodes or devices to copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="617"/>
        <source>The clipboard holds no Archipelago topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="623"/>
        <source>Select a node to paste devices into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="624"/>
        <source>Select a datacenter to paste nodes into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="628"/>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="638"/>
        <source>Add datacenter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="653"/>
        <source>Select a datacenter to add a node to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="658"/>
        <source>Add node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="668"/>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="675"/>
        <source>Add node with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="680"/>
        <source>Select a node (or datacenter) to add a %1 to, or drag it onto the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="686"/>
        <source>&lt;h3&gt;Pools&lt;/h3&gt;&lt;p&gt;Every device group of the project. Filter by GPU type and site, or search. Tick &lt;i&gt;Enabled&lt;/i&gt; to include a group in the run; &lt;b&gt;Enable&lt;/b&gt;/&lt;b&gt;Disable&lt;/b&gt; act on the selected rows (or on all shown rows). Totals below count enabled devices only.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="689"/>
        <source>&lt;h3&gt;Topology&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Drag a GPU type from the catalog onto a node to add a device (onto a datacenter: new node; onto empty space: new datacenter).&lt;/li&gt;&lt;li&gt;Keyboard: select items in the Project tree (Ctrl/Shift for several), Enter in the GPU catalog adds that type to the selected node, Ctrl+K links two selected datacenters, Delete removes, Ctrl+1/2/3 switch views.&lt;/li&gt;&lt;li&gt;Drag from a datacenter&apos;s round handle (or with &lt;i&gt;Connect&lt;/i&gt; on, from anywhere in it) to another datacenter to draw a WAN link.&lt;/li&gt;&lt;li&gt;Drag the background or use the middle button to pan; the wheel or Ctrl +/− zooms; Ctrl+0 fits.&lt;/li&gt;&lt;li&gt;Shift+drag selects with a rectangle; Ctrl+click adds to the selection; arrow keys move selected datacenters.&lt;/li&gt;&lt;li&gt;Edit every field in the Properties dock; Ctrl+Z / Ctrl+Shift+Z undo and redo.&lt;/li&gt;&lt;li&gt;Items with problems have a red (error) or amber (warning) outline; click a problem to select its item.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="697"/>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="726"/>
        <location filename="../gui/app/MainWindow.cpp" line="727"/>
        <source>Cannot start the run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="728"/>
        <source>Cannot start the run</source>
        <translation>Impossibile avviare l&apos;esecuzione</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="728"/>
        <source>The run did not start: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="731"/>
        <source>Starting %1 on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="738"/>
        <source>Stop the run?</source>
        <translation>Fermare l&apos;esecuzione?</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="739"/>
        <source>Stop run %1? Its workers finish the current step, synchronise, write final checkpoints and exit; the tokens not yet trained (%2 of %3 done) are not trained. The run can be resumed from its checkpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="745"/>
        <source>Stopping %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="766"/>
        <source>● starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="767"/>
        <source>● running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="768"/>
        <source>■ stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="769"/>
        <source>✓ completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="770"/>
        <source>■ stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="771"/>
        <source>✖ failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="774"/>
        <source>run “%1” %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="777"/>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="779"/>
        <source>%1 loss %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="783"/>
        <source>round %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="800"/>
        <source>A run is going</source>
        <translation>Un&apos;esecuzione è in corso</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="800"/>
        <source>Closing the console stops the run cleanly (its workers checkpoint and exit). Close anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation type="vanished">motivo sconosciuto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="442"/>
        <source>Cannot open project</source>
        <translation>Impossibile aprire il progetto</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation type="vanished">Impossibile aprire %1: %2</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="179"/>
        <source>Open project</source>
        <translation>Apri progetto</translation>
    </message>
    <message>
        <source>Archipelago projects (*.archipelago.json);;JSON (*.json)</source>
        <translation type="vanished">Progetti Archipelago (*.archipelago.json);;JSON (*.json)</translation>
    </message>
    <message>
        <source>%1 — Archipelago</source>
        <translation type="vanished">%1 — Archipelago</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n device(s)</source>
        <translation type="vanished">
            <numerusform>%1 · %n dispositivo</numerusform>
            <numerusform>%1 · %n dispositivi</numerusform>
        </translation>
    </message>
    <message>
        <source>emulated</source>
        <translation type="vanished">emulato</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="424"/>
        <location filename="../gui/app/MainWindow.cpp" line="543"/>
        <location filename="../gui/app/MainWindow.cpp" line="556"/>
        <location filename="../gui/app/MainWindow.cpp" line="580"/>
        <source>error</source>
        <translation>errore</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="424"/>
        <source>Opened %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="424"/>
        <location filename="../gui/app/MainWindow.cpp" line="543"/>
        <location filename="../gui/app/MainWindow.cpp" line="556"/>
        <location filename="../gui/app/MainWindow.cpp" line="580"/>
        <source>errors</source>
        <translation>errori</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="429"/>
        <source>canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="430"/>
        <source>Datacenters overlapped on the canvas: laid out automatically (Undo restores the file&apos;s positions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="439"/>
        <source>the file could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="440"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="443"/>
        <source>%1 could not be opened:
%2

Fix the file in a text editor or choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="458"/>
        <source>Save project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="463"/>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="465"/>
        <source>Cannot save project</source>
        <translation>Impossibile salvare il progetto</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="466"/>
        <source>The project was not saved:
%1

Choose another folder or free some disk space, then save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="472"/>
        <location filename="../gui/app/MainWindow.cpp" line="473"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="501"/>
        <source>No recent projects</source>
        <translation>Nessun progetto recente</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="503"/>
        <source>&amp;Clear List</source>
        <translation>&amp;Svuota elenco</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="513"/>
        <source>%1[*]%2 — Archipelago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="520"/>
        <source>No project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="536"/>
        <source>datacenter</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="536"/>
        <source>datacenters</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="537"/>
        <source>%1 of %2 enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="537"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="537"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="538"/>
        <source>%1 peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="543"/>
        <source>✖ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="544"/>
        <location filename="../gui/app/MainWindow.cpp" line="547"/>
        <location filename="../gui/app/MainWindow.cpp" line="580"/>
        <source>warning</source>
        <translation>avviso</translation>
    </message>
</context>
<context>
    <name>PlanService</name>
    <message>
        <location filename="../gui/bridge/PlanService.cpp" line="34"/>
        <source>No project is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/PlanService.cpp" line="42"/>
        <source>The project has 1 error: fix it (see Problems) to see the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/PlanService.cpp" line="43"/>
        <source>The project has %1 errors: fix them (see Problems) to see the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/PlanService.cpp" line="82"/>
        <source>The planner failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="71"/>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="71"/>
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="71"/>
        <source>Sequences / step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="71"/>
        <source>Inner steps / round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="72"/>
        <source>Step time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="72"/>
        <source>Predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="72"/>
        <source>Standalone sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="78"/>
        <source>Planner warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="78"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="102"/>
        <source>Speeds are catalog priors until devices are measured; emulated devices are paced to their catalog ratios.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="133"/>
        <source>Planning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="139"/>
        <source>Predicted throughput</source>
        <translation>Throughput previsto</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="140"/>
        <source>Synchronisation</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="141"/>
        <source>Inner steps per round</source>
        <translation>Passi interni per round</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="142"/>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="143"/>
        <source>WAN per round</source>
        <translation>WAN per round</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="144"/>
        <source>Outer optimiser</source>
        <translation>Ottimizzatore esterno</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="166"/>
        <source>%1% of the ideal %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="168"/>
        <source>⚠ the links call for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="170"/>
        <location filename="../gui/plan/PlanView.cpp" line="180"/>
        <location filename="../gui/plan/PlanView.cpp" line="197"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="172"/>
        <source>recommended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="173"/>
        <source>fastest datacenter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="175"/>
        <source>WAN %1% of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="177"/>
        <source>per leader · all-reduce %1 · %2 stream(s) per link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="180"/>
        <source>lr %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="181"/>
        <source>momentum %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="195"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="219"/>
        <source>✓ No warnings: every device holds the model and the links suit the sync mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="227"/>
        <source>Batch share per device (sequences per step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="272"/>
        <source>%1 (%2)
%3 sequences per step · %4 standalone (%5)
compute %6 per step%7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="276"/>
        <source>measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="276"/>
        <source>catalog prior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="278"/>
        <source>
left out: cannot hold one sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="288"/>
        <source>sequences per step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolTableModel</name>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="63"/>
        <source>Index of the device on its node (as in the worker ids)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="64"/>
        <source>Memory per device, GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="65"/>
        <source>Peak dense bf16 TFLOPS per device (catalog figure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="66"/>
        <source>Tokens per second measured on this device by a profiling run; the planner prefers it to peak figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="72"/>
        <source>Enabled</source>
        <translation>Attivo</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="73"/>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="74"/>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="75"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="76"/>
        <source>Vendor</source>
        <translation>Produttore</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="77"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="78"/>
        <source>GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="79"/>
        <source>TFLOPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="80"/>
        <source>tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="130"/>
        <source>Measured in run %1 (emulated: paced to the catalog ratio on this CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="131"/>
        <source>Measured in run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="181"/>
        <location filename="../gui/pools/PoolTableModel.cpp" line="182"/>
        <source>device</source>
        <translation type="unfinished">dispositivo</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="181"/>
        <location filename="../gui/pools/PoolTableModel.cpp" line="182"/>
        <source>devices</source>
        <translation type="unfinished">dispositivi</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="vanished">Dispositivi</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="81"/>
        <source>Mode</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="126"/>
        <source>Enabled for the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="126"/>
        <source>Left out of the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="129"/>
        <source>Not measured yet: the planner uses the catalog&apos;s peak figures as a prior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="150"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="158"/>
        <source>emulated</source>
        <translation type="unfinished">emulato</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="158"/>
        <source>hardware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="181"/>
        <source>Enable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="182"/>
        <source>Disable %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolsView</name>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="91"/>
        <source>Search devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="93"/>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="95"/>
        <source>Enable the selected rows for the run (all shown rows when none is selected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="96"/>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="98"/>
        <source>Leave the selected rows out of the run (all shown rows when none is selected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="101"/>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="103"/>
        <source>&amp;Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="128"/>
        <source>GPU type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="129"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="145"/>
        <source>Totals per GPU type (enabled devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="146"/>
        <source>Totals per site (enabled devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="189"/>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="190"/>
        <source>All sites</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="17"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="17"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="17"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="17"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="20"/>
        <source>Problems</source>
        <translation type="unfinished">Problemi</translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="30"/>
        <source>project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="33"/>
        <source>link %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="35"/>
        <source>link %1 ↔ %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="37"/>
        <source>datacenter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="59"/>
        <source>error</source>
        <translation type="unfinished">errore</translation>
    </message>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="59"/>
        <source>warning</source>
        <translation type="unfinished">avviso</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <location filename="../gui/bridge/ProjectDocument.cpp" line="43"/>
        <source>untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/ProjectDocument.cpp" line="79"/>
        <source>there is no project to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/ProjectDocument.cpp" line="132"/>
        <source>Untitled</source>
        <translation>Senza titolo</translation>
    </message>
</context>
<context>
    <name>ProjectTree</name>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="23"/>
        <source>Datacenter / node / device</source>
        <translation type="unfinished">Datacenter / nodo / dispositivo</translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="23"/>
        <source>Details</source>
        <translation type="unfinished">Dettagli</translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="26"/>
        <source>Project tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="43"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="43"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="43"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="53"/>
        <source>emulated</source>
        <translation type="unfinished">emulato</translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="54"/>
        <source>disabled</source>
        <translation type="unfinished">disattivato</translation>
    </message>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="64"/>
        <source>WAN links</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertiesPanel</name>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="94"/>
        <source>No project is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="117"/>
        <source>✖ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="117"/>
        <source>⚠ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="118"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="312"/>
        <source>item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="151"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="165"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="180"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="192"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="206"/>
        <source>Set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="212"/>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="213"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="232"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="216"/>
        <source>Datacenters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="217"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="261"/>
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="218"/>
        <source>WAN links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="219"/>
        <source>Select a datacenter, node, device or link on the canvas to edit it. Drag a GPU type from the catalog onto a node to add devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="228"/>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="229"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="249"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="234"/>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="236"/>
        <source>Position x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="238"/>
        <source>Position y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="240"/>
        <source>Fabric bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="240"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="302"/>
        <source> Gbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="242"/>
        <source>Fabric latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="242"/>
        <source> µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="248"/>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="252"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="255"/>
        <source>Agent port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="264"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="268"/>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="271"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="331"/>
        <source>Emulate on CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="275"/>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="334"/>
        <source>Enabled for the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="281"/>
        <source>Vendor</source>
        <translation>Produttore</translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="282"/>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="282"/>
        <source>%1 GiB each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="283"/>
        <source>Peak bf16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="283"/>
        <source>%1 each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="287"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="295"/>
        <source>WAN link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="298"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="300"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="302"/>
        <source>Bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="304"/>
        <source>Round-trip time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="304"/>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="306"/>
        <source>Packet loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="306"/>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="308"/>
        <source>Shown as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="312"/>
        <source>%1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="312"/>
        <source>items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="325"/>
        <source>Select device groups to change them together, or one item to edit all of its fields.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="56"/>
        <source>Archipelago projects (*.archipelago.json);;JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="31"/>
        <source>DiLoCo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="31"/>
        <source>ddp (every step over the WAN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="36"/>
        <source>int8 + error feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="37"/>
        <source>bf16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="38"/>
        <source>fp32 (uncompressed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="37"/>
        <source>Enabled / devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="37"/>
        <source>Memory (GiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="37"/>
        <source>Peak bf16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="50"/>
        <location filename="../gui/pools/PoolsView.cpp" line="64"/>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="63"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/KeyedItem.cpp" line="31"/>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/KeyedItem.cpp" line="31"/>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/LinkHandleItem.cpp" line="15"/>
        <source>Drag to another datacenter to draw a WAN link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="64"/>
        <source>node</source>
        <translation>nodo</translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="64"/>
        <source>nodes</source>
        <translation>nodi</translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="66"/>
        <location filename="../gui/topology/DatacenterItem.cpp" line="68"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="66"/>
        <location filename="../gui/topology/DatacenterItem.cpp" line="68"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="68"/>
        <source>%1 of %2 enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="70"/>
        <source> · %1 peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/DeviceGroupItem.cpp" line="39"/>
        <source>disabled</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <location filename="../gui/topology/DeviceGroupItem.cpp" line="40"/>
        <source>emulated</source>
        <translation type="unfinished">emulato</translation>
    </message>
    <message>
        <location filename="../gui/topology/DeviceGroupItem.cpp" line="41"/>
        <source>unknown type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/DeviceGroupItem.cpp" line="42"/>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunService</name>
    <message>
        <location filename="../gui/bridge/RunService.cpp" line="89"/>
        <source>a run is already going: stop it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/RunService.cpp" line="90"/>
        <source>no project is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/RunService.cpp" line="92"/>
        <source>the project has %1 error(s): fix them (see Problems) before running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/RunService.cpp" line="96"/>
        <source>the `archi` program was not found next to the console or on PATH; build it or set $ARCHIPELAGO_ARCHI_BIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/bridge/RunService.cpp" line="152"/>
        <source>validation loss %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopologyScene</name>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="76"/>
        <source>Datacenter %1 (id %2), region %3
Fabric %4, %5 µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="110"/>
        <source>Node %1, agent at %2:%3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="113"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="113"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="129"/>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="131"/>
        <source> (%1, %2 GiB, %3 dense bf16 each)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="134"/>
        <source>
emulated: computes on this machine&apos;s CPU, paced to the catalog speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="135"/>
        <source>
disabled: left out of the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="155"/>
        <source>WAN link %1 ↔ %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="270"/>
        <source>Draw WAN link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="294"/>
        <location filename="../gui/topology/TopologyScene.cpp" line="343"/>
        <source>Move %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="294"/>
        <location filename="../gui/topology/TopologyScene.cpp" line="343"/>
        <location filename="../gui/topology/TopologyScene.cpp" line="378"/>
        <source>datacenter</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="294"/>
        <location filename="../gui/topology/TopologyScene.cpp" line="343"/>
        <location filename="../gui/topology/TopologyScene.cpp" line="378"/>
        <source>datacenters</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="323"/>
        <source>Auto layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="378"/>
        <source>Align %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopologyView</name>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="37"/>
        <source>Topology canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="174"/>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="178"/>
        <source>Add node with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="184"/>
        <source>Add datacenter with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="238"/>
        <source>NVIDIA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="239"/>
        <source>Huawei Ascend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="240"/>
        <source>AMD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="241"/>
        <source>CPU / other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="242"/>
        <source>emulated</source>
        <translation type="unfinished">emulato</translation>
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
    <message>
        <location filename="../gui/app/main.cpp" line="40"/>
        <source>GPU catalog unusable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/main.cpp" line="41"/>
        <source>The GPU catalog could not be loaded, so device types cannot be checked:
%1

Fix the file, or unset $ARCHIPELAGO_GPU_CATALOG if it points to a broken one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>visual_style</name>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="50"/>
        <source>%1 Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="52"/>
        <source>%1 Gbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="57"/>
        <source>%1 · %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="60"/>
        <source> · %1% loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="67"/>
        <source>%1M tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="68"/>
        <location filename="../gui/app/VisualStyle.cpp" line="69"/>
        <source>%1k tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="70"/>
        <source>%1 tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="75"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="77"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="79"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="80"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="85"/>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="86"/>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="87"/>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="88"/>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="94"/>
        <source>%1 PFLOPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../gui/app/VisualStyle.cpp" line="96"/>
        <source>%1 TFLOPS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
