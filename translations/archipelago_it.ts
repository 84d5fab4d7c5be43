<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>AttachRunDialog</name>
    <message>
        <location filename="../gui/app/AttachRunDialog.cpp" line="+14"/>
        <source>Attach to Run</source>
        <translation>Collega a un&apos;esecuzione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for runs still going on node agents in %1…</source>
        <translation>Ricerca delle esecuzioni ancora in corso sugli agenti dei nodi in %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Runs going on node agents</source>
        <translation>Esecuzioni in corso sugli agenti dei nodi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Attach</source>
        <translation>&amp;Collega</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The run store could not be read: %1</source>
        <translation>Impossibile leggere l&apos;archivio delle esecuzioni: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No run is going on node agents. Runs started with Run on This Machine or `archi run` appear here while they train.</source>
        <translation>Nessuna esecuzione in corso sugli agenti dei nodi. Le esecuzioni avviate con Esegui su questa macchina o con `archi run` compaiono qui mentre addestrano.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Runs still going on their node agents; attaching follows one live, as if the console had started it.</source>
        <translation>Esecuzioni ancora in corso sui loro agenti dei nodi; collegandosi se ne segue una dal vivo, come se l&apos;avesse avviata la console.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — project %2, started %3%4</source>
        <translation>%1 — progetto %2, avviata %3%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, on this machine</source>
        <translation>, su questa macchina</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agents: %1</source>
        <translation>Agenti: %1</translation>
    </message>
</context>
<context>
    <name>CatalogPalette</name>
    <message>
        <location filename="../gui/app/CatalogPalette.cpp" line="+33"/>
        <source>GPU catalog</source>
        <translation>Catalogo GPU</translation>
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
        <translation>%1 (%2)
Fonte: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
Figures are not vendor-published</source>
        <translation>
Dati non pubblicati dal produttore</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>

Drag onto a node to add a device, or press Enter to add one to the selected node.</source>
        <translation>

Trascina su un nodo per aggiungere un dispositivo, oppure premi Invio per aggiungerne uno al nodo selezionato.</translation>
    </message>
</context>
<context>
    <name>DeviceHeatMap</name>
    <message>
        <location filename="../gui/monitor/DeviceHeatMap.cpp" line="+52"/>
        <source>Device utilisation (compute / step time)</source>
        <translation>Utilizzo dei dispositivi (calcolo / tempo per passo)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no step metrics stored yet</source>
        <translation>ancora nessuna metrica di passo memorizzata</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>0 s</source>
        <translation>0 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wall time since start (s)</source>
        <translation>tempo reale dall&apos;avvio (s)</translation>
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
        <translation>nessun passo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>utilisation %1%</source>
        <translation>utilizzo %1%</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <location filename="../gui/app/EventLog.cpp" line="+21"/>
        <source>All levels</source>
        <translation>Tutti i livelli</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Avvisi ed errori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>Errori</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter events…</source>
        <translation>Filtra eventi…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>Livello</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>error</source>
        <translation>errore</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>avviso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>info</source>
        <translation>info</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <location filename="../gui/bridge/EventText.cpp" line="+52"/>
        <source>worker %1 starting: %2 rank %L3/%L4 in %5 (emulated: computes on this CPU, paced to %6 tok/s)</source>
        <translation>worker %1 in avvio: %2 rank %L3/%L4 in %5 (emulato: calcola su questa CPU, cadenzato a %6 tok/s)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>worker %1 starting: %2 rank %L3/%L4 in %5</source>
        <translation>worker %1 in avvio: %2 rank %L3/%L4 in %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>worker %1 stopped before its datacenter&apos;s group formed</source>
        <translation>il worker %1 si è fermato prima che si formasse il gruppo del suo datacenter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker %1 done: %L2 steps, %L3 rounds, %L4 tokens in the run (stopped on request)</source>
        <translation>worker %1 terminato: %L2 passi, %L3 round, %L4 token nell&apos;esecuzione (fermato su richiesta)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>worker %1 done: %L2 steps, %L3 rounds, %L4 tokens in the run</source>
        <translation>worker %1 terminato: %L2 passi, %L3 round, %L4 token nell&apos;esecuzione</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker %1 failed: %2</source>
        <translation>worker %1 non riuscito: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n worker(s) in %1, %L2 sequences of %L3 tokens per step; %L4 datacenter(s); sync %5; emulated device pacing on</source>
        <translation>
            <numerusform>%n worker in %1, %L2 sequenze da %L3 token per passo; %L4 datacenter; sincronizzazione %5; cadenza dei dispositivi emulati attiva</numerusform>
            <numerusform>%n worker in %1, %L2 sequenze da %L3 token per passo; %L4 datacenter; sincronizzazione %5; cadenza dei dispositivi emulati attiva</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n worker(s) in %1, %L2 sequences of %L3 tokens per step; %L4 datacenter(s); sync %5</source>
        <translation>
            <numerusform>%n worker in %1, %L2 sequenze da %L3 token per passo; %L4 datacenter; sincronizzazione %5</numerusform>
            <numerusform>%n worker in %1, %L2 sequenze da %L3 token per passo; %L4 datacenter; sincronizzazione %5</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>datacenter group failed at step %L1: %2; regrouping</source>
        <translation>gruppo del datacenter non riuscito al passo %L1: %2; riorganizzazione in corso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>regroup into generation %L1 failed while syncing state: %2; regrouping again</source>
        <translation>riorganizzazione nella generazione %L1 non riuscita durante la sincronizzazione dello stato: %2; nuova riorganizzazione</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>datacenter leader lost at step %L1: re-joined its restarted leader after %2 s with %L3 workers</source>
        <translation>leader del datacenter perso al passo %L1: ricongiunto al leader riavviato dopo %2 s con %L3 worker</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>worker %1 lost at step %L2: datacenter continues with %L3 workers, %L4 sequences per step (regroup took %5 s)</source>
        <translation>worker %1 perso al passo %L2: il datacenter continua con %L3 worker, %L4 sequenze per passo (riorganizzazione in %5 s)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>worker %1 re-joined at step %L2 (down for %3 s; regroup took %4 s); %L5 workers, %L6 sequences per step</source>
        <translation>worker %1 rientrato al passo %L2 (assente per %3 s; riorganizzazione in %4 s); %L5 worker, %L6 sequenze per passo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>worker %1 re-joined at step %L2 (down for an unknown time; regroup took %3 s); %L4 workers, %L5 sequences per step</source>
        <translation>worker %1 rientrato al passo %L2 (assente per un tempo sconosciuto; riorganizzazione in %3 s); %L4 worker, %L5 sequenze per passo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>datacenter regrouped at step %L1 with the same %L2 workers (regroup took %3 s)</source>
        <translation>datacenter riorganizzato al passo %L1 con gli stessi %L2 worker (riorganizzazione in %3 s)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>leader %1 (re)started and took the datacenter&apos;s state at step %L2 from worker %3 (step, AdamW moments, data cursor, parameters; outer momentum reset); %L4 workers</source>
        <translation>il leader %1 è (ri)partito e ha preso lo stato del datacenter al passo %L2 dal worker %3 (passo, momenti AdamW, cursore dei dati, parametri; momento esterno azzerato); %L4 worker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>leader %1 (re)started and took the datacenter&apos;s state at step %L2 from worker %3 (step, AdamW moments, data cursor); %L4 workers</source>
        <translation>il leader %1 è (ri)partito e ha preso lo stato del datacenter al passo %L2 dal worker %3 (passo, momenti AdamW, cursore dei dati); %L4 worker</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>emulated throttle: worker %1 now paced to %2 tok/s (%3× its device&apos;s pace)</source>
        <translation>rallentamento emulato: il worker %1 ora è cadenzato a %2 tok/s (%3× la cadenza del suo dispositivo)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>re-balanced shares at step %L1: %2 (device %3 measured %4 tok/s, planned %5)</source>
        <translation>quote ribilanciate al passo %L1: %2 (il dispositivo %3 ha misurato %4 tok/s, previsti %5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>re-balanced shares at step %L1: %2 (the group&apos;s members changed)</source>
        <translation>quote ribilanciate al passo %L1: %2 (i membri del gruppo sono cambiati)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WAN: %L1 datacenter leaders over TLS 1.3, %L2 stream(s) per peer; a leader missing a round for %3 s is left out of it</source>
        <translation>WAN: %L1 leader di datacenter su TLS 1.3, %L2 flussi per peer; un leader che manca un round per %3 s ne viene escluso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAN: %L1 datacenter leaders over TLS 1.3, %L2 stream(s) per peer; a leader missing a round for %3 s is left out of it; emulated link cuts (fault injection) read from %4</source>
        <translation>WAN: %L1 leader di datacenter su TLS 1.3, %L2 flussi per peer; un leader che manca un round per %3 s ne viene escluso; interruzioni emulate dei collegamenti (iniezione di guasti) lette da %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WAN emulation (emulated, user space): sends shaped to %1</source>
        <translation>emulazione WAN (emulata, spazio utente): invii modellati su %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>WAN group (%1): group of %n leaders (%2)</source>
        <translation>
            <numerusform>gruppo WAN (%1): gruppo di %n leader (%2)</numerusform>
            <numerusform>gruppo WAN (%1): gruppo di %n leader (%2)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; left out: %1</source>
        <translation>; esclusi: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> in %1 s</source>
        <translation> in %1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; back in after %1 s outside</source>
        <translation>; rientrato dopo %1 s fuori</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>; %n leader(s) knocked meanwhile</source>
        <translation>
            <numerusform>; nel frattempo ha bussato %n leader</numerusform>
            <numerusform>; nel frattempo hanno bussato %n leader</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WAN group (%1): no group with a quorum of %L2 leaders includes this one</source>
        <translation>gruppo WAN (%1): nessun gruppo con un quorum di %L2 leader include questo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; outside: %1</source>
        <translation>; fuori: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; the leaders disagreed: %1</source>
        <translation>; i leader non erano d&apos;accordo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> after %1 s; this datacenter trains on alone</source>
        <translation> dopo %1 s; questo datacenter continua ad addestrare da solo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>outer round %L1: WAN all-reduce failed after %2 s: %3; re-forming among the reachable leaders</source>
        <translation>round esterno %L1: all-reduce WAN non riuscito dopo %2 s: %3; nuova formazione tra i leader raggiungibili</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>outer round %L1 completed by %n leader(s) after a WAN fault; the fault cost %2 s (%3)</source>
        <translation>
            <numerusform>round esterno %L1 completato da %n leader dopo un guasto WAN; il guasto è costato %2 s (%3)</numerusform>
            <numerusform>round esterno %L1 completato da %n leader dopo un guasto WAN; il guasto è costato %2 s (%3)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>outer round %L1: the global state taken from a peer (outer step %L2) already holds this datacenter&apos;s contribution from outer step %L3; not applied again</source>
        <translation>round esterno %L1: lo stato globale preso da un peer (passo esterno %L2) contiene già il contributo di questo datacenter dal passo esterno %L3; non viene applicato di nuovo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>left out of outer round %L1: no group with a quorum of leaders is reachable; training on locally (%L2 tokens to contribute when back)</source>
        <translation>escluso dal round esterno %L1: nessun gruppo con un quorum di leader è raggiungibile; l&apos;addestramento continua in locale (%L2 token da contribuire al rientro)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>left out of outer round %L1: the round failed three times; training on locally (%L2 tokens to contribute when back)</source>
        <translation>escluso dal round esterno %L1: il round non è riuscito tre volte; l&apos;addestramento continua in locale (%L2 token da contribuire al rientro)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>round %L1: WAN exchange failed: %2; re-forming</source>
        <translation>round %L1: scambio WAN non riuscito: %2; nuova formazione</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ddp WAN all-reduce failed: %1; re-forming</source>
        <translation>all-reduce WAN ddp non riuscito: %1; nuova formazione</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sharing the global state failed: %1; re-forming at the next round</source>
        <translation>condivisione dello stato globale non riuscita: %1; nuova formazione al prossimo round</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>took the global state from leader %1 (outer step %L2 where this leader had %L3, %L4 tokens in the run); %L5 tokens of our own progress carried over</source>
        <translation>preso lo stato globale dal leader %1 (passo esterno %L2, dove questo leader era a %L3, %L4 token nell&apos;esecuzione); %L5 token del nostro avanzamento riportati</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>worker %1 %2 after its datacenter&apos;s run ended (log: %3)</source>
        <translation>il worker %1 %2 dopo la fine dell&apos;esecuzione del suo datacenter (log: %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>worker %1 %2; restarting (attempt %L3) in %4 s (log: %5)</source>
        <translation>worker %1 %2; riavvio (tentativo %L3) tra %4 s (log: %5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>worker %1 restarted (attempt %L2); it re-joins %3</source>
        <translation>worker %1 riavviato (tentativo %L2); rientra in %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fault injection: %1%2</source>
        <translation>iniezione di guasti: %1%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fault injection: %1 skipped: %2</source>
        <translation>iniezione di guasti: %1 saltato: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>worker %1 adopted after an agent restart (pid %2)</source>
        <translation>worker %1 adottato dopo un riavvio dell&apos;agente (pid %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>worker %1 started (pid %2)</source>
        <translation>worker %1 avviato (pid %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>worker %1 %2</source>
        <translation>worker %1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fault injection: the WAN link %1–%2 carries traffic again (emulated cut ended)</source>
        <translation>iniezione di guasti: il collegamento WAN %1–%2 trasporta di nuovo traffico (interruzione emulata terminata)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop requested: workers finish their step and checkpoint</source>
        <translation>arresto richiesto: i worker finiscono il passo e salvano un checkpoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>workers did not stop in time and were killed</source>
        <translation>i worker non si sono fermati in tempo e sono stati terminati</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a launcher re-attached to run %1 and back-fills what it missed</source>
        <translation>un launcher si è ricollegato all&apos;esecuzione %1 e recupera ciò che si è perso</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 continues from its checkpoint of round %L2 (global version %L3, step %L4, %L5 run tokens): %6</source>
        <translation>%1 riprende dal suo checkpoint del round %L2 (versione globale %L3, passo %L4, %L5 token dell&apos;esecuzione): %6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 passed over a checkpoint that does not load: %2</source>
        <translation>%1 ha scartato un checkpoint che non si carica: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run %1 resumed from its checkpoints (%2)</source>
        <translation>esecuzione %1 ripresa dai suoi checkpoint (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>alert: worker %1 reached a non-finite loss (NaN) at step %L2</source>
        <translation>allarme: il worker %1 ha una loss non finita (NaN) al passo %L2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>alert: loss spike on worker %1 at step %L2: loss %3, z-score %4</source>
        <translation>allarme: picco di loss sul worker %1 al passo %L2: loss %3, z-score %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>alert: worker %1 stalled, no step for %2 s</source>
        <translation>allarme: il worker %1 è bloccato, nessun passo da %2 s</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>alert: throughput at %1% of the plan for %n round(s)</source>
        <translation>
            <numerusform>allarme: throughput al %1% del piano per %n round</numerusform>
            <numerusform>allarme: throughput al %1% del piano per %n round</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>alert: link %1 carries %2% of its bandwidth</source>
        <translation>allarme: il collegamento %1 trasporta il %2% della sua banda</translation>
    </message>
</context>
<context>
    <name>LaunchConfirmation</name>
    <message>
        <location filename="../gui/settings/LaunchConfirmation.cpp" line="+55"/>
        <source>⚠ left out: its memory cannot hold one sequence</source>
        <translation>⚠ escluso: la sua memoria non può contenere una sequenza</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ fits: %1 of at most %2 sequences per step</source>
        <translation>✓ ci sta: %1 su al massimo %2 sequenze per passo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Launch %1?</source>
        <translation>Avviare %1?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The plan this run will follow on this machine. Nothing has started yet.</source>
        <translation>Il piano che questa esecuzione seguirà su questa macchina. Non è ancora partito nulla.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Predicted throughput:</source>
        <translation>Throughput previsto:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of an ideal %2 (%3% efficiency)</source>
        <translation>%1 su un ideale di %2 (efficienza %3%)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DiLoCo, H = %1 inner steps</source>
        <translation>DiLoCo, H = %1 passi interni</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DDP, every step</source>
        <translation>DDP, a ogni passo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round time:</source>
        <translation>Tempo per round:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step time:</source>
        <translation>Tempo per passo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2, %3 on the wire)</source>
        <translation>%1 (%2, trasmissione in %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN share:</source>
        <translation>Quota WAN:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1% of each round · %2 per leader per round</source>
        <translation>%1% di ogni round · %2 per leader per round</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token budget:</source>
        <translation>Budget di token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens, about %2 at that speed</source>
        <translation>%1 token, circa %2 a quella velocità</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Quota</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memory fit</source>
        <translation>Capienza della memoria</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (emulated)</source>
        <translation>%1 (emulato)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 seq/step</source>
        <translation>%1 seq/passo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 in %2: memory holds %3 sequences per step, the plan gives it %4</source>
        <translation>%1 in %2: la memoria contiene %3 sequenze per passo, il piano gliene assegna %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 device cannot take part: its memory cannot hold one sequence.</source>
        <translation>1 dispositivo non può partecipare: la sua memoria non può contenere una sequenza.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 devices cannot take part: their memory cannot hold one sequence.</source>
        <translation>%1 dispositivi non possono partecipare: la loro memoria non può contenere una sequenza.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warnings:</source>
        <translation>Avvisi:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Launch</source>
        <translation>&amp;Avvia</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <location filename="../gui/monitor/LossChart.cpp" line="+21"/>
        <source>loss (nats per token)</source>
        <translation>loss (nats per token)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loss — smoothed (raw faint), validation as squares</source>
        <translation>Loss — smussata (grezza in tenue), validazione come quadrati</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>step</source>
        <translation>passo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step %1</source>
        <translation>passo %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tokens (whole run)</source>
        <translation>token (intera esecuzione)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wall time since start (s)</source>
        <translation>tempo reale dall&apos;avvio (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s since start</source>
        <translation>%1 s dall&apos;avvio</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 raw</source>
        <translation>%1 grezza</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 validation</source>
        <translation>%1 validazione</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>outer rounds</source>
        <translation>round esterni</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="+82"/>
        <source>Topology</source>
        <translation>Topologia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pools</source>
        <translation>Pool</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan</source>
        <translation>Piano</translation>
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
        <translation>esecuzione</translation>
    </message>
    <message>
        <location line="-642"/>
        <source>Run %1 ended: %2%3</source>
        <translation>Esecuzione %1 terminata: %2%3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(not started)</source>
        <translation>(non avviata)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>non riuscita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>fermata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>detached (it goes on on its agents)</source>
        <translation>scollegata (prosegue sui suoi agenti)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>completata</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Properties</source>
        <translation>Proprietà</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU catalog</source>
        <translation>Catalogo GPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problems</source>
        <translation>Problemi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events</source>
        <translation>Eventi</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New</source>
        <translation>&amp;Nuovo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start a new, empty project</source>
        <translation>Inizia un nuovo progetto vuoto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open…</source>
        <translation>&amp;Apri…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a project file (*.archipelago.json)</source>
        <translation>Apri un file di progetto (*.archipelago.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the project to its file</source>
        <translation>Salva il progetto nel suo file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;As…</source>
        <translation>Salva &amp;come…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the project under a new name</source>
        <translation>Salva il progetto con un nuovo nome</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close Archipelago</source>
        <translation>Chiudi Archipelago</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>Apri &amp;recenti</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo the last edit</source>
        <translation>Annulla l&apos;ultima modifica</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ripeti</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redo the edit just undone</source>
        <translation>Ripeti la modifica appena annullata</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Taglia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the selected items and remove them</source>
        <translation>Copia gli elementi selezionati e li rimuove</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the selected datacenters, nodes or devices</source>
        <translation>Copia i datacenter, i nodi o i dispositivi selezionati</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste</source>
        <translation>&amp;Incolla</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paste next to the selection, with fresh ids and ports</source>
        <translation>Incolla accanto alla selezione, con nuovi id e porte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Elimina</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected items (undoable)</source>
        <translation>Elimina gli elementi selezionati (annullabile)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All</source>
        <translation>Seleziona &amp;tutto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select every datacenter and link</source>
        <translation>Seleziona tutti i datacenter e i collegamenti</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add &amp;Datacenter</source>
        <translation>Aggiungi &amp;datacenter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a datacenter with one node in the middle of the view</source>
        <translation>Aggiunge un datacenter con un nodo al centro della vista</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;Node</source>
        <translation>Aggiungi &amp;nodo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a node to the selected datacenter</source>
        <translation>Aggiunge un nodo al datacenter selezionato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect Datacenters</source>
        <translation>&amp;Collega datacenter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>While on, drag from one datacenter to another to draw a WAN link</source>
        <translation>Se attivo, trascina da un datacenter a un altro per disegnare un collegamento WAN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Link Selected Datacenters</source>
        <translation>Co&amp;llega i datacenter selezionati</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a WAN link between the two selected datacenters (the keyboard way to connect)</source>
        <translation>Disegna un collegamento WAN tra i due datacenter selezionati (il modo di collegare da tastiera)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select exactly two datacenters to link</source>
        <translation>Seleziona esattamente due datacenter da collegare</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These datacenters are already linked</source>
        <translation>Questi datacenter sono già collegati</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw WAN link</source>
        <translation>Disegna collegamento WAN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto La&amp;yout</source>
        <translation>Disposizione a&amp;utomatica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrange every datacenter in a grid (undoable)</source>
        <translation>Dispone tutti i datacenter in una griglia (annullabile)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;lign</source>
        <translation>A&amp;llinea</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Left Edges</source>
        <translation>Bordi &amp;sinistri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Right Edges</source>
        <translation>Bordi &amp;destri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top Edges</source>
        <translation>Bordi &amp;superiori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bottom Edges</source>
        <translation>Bordi &amp;inferiori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Middles</source>
        <translation>&amp;Mezzerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Centres</source>
        <translation>&amp;Centri</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Align the selected datacenters (select two or more)</source>
        <translation>Allinea i datacenter selezionati (selezionane due o più)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select two or more datacenters to align</source>
        <translation>Seleziona due o più datacenter da allineare</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Ingrandisci</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom into the canvas</source>
        <translation>Ingrandisce l&apos;area di disegno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Riduci</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out of the canvas</source>
        <translation>Riduce l&apos;area di disegno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit to View</source>
        <translation>&amp;Adatta alla vista</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole topology</source>
        <translation>Mostra l&apos;intera topologia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Actual Size</source>
        <translation>Dimensione &amp;reale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom to 100%</source>
        <translation>Zoom al 100%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Topology</source>
        <translation>&amp;Topologia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the topology canvas</source>
        <translation>Mostra l&apos;area di disegno della topologia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pools</source>
        <translation>&amp;Pool</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the device pools</source>
        <translation>Mostra i pool di dispositivi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P&amp;lan</source>
        <translation>P&amp;iano</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the plan</source>
        <translation>Mostra il piano</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Docks</source>
        <translation>&amp;Pannelli</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show or hide this dock</source>
        <translation>Mostra o nasconde questo pannello</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Run</source>
        <translation>&amp;Esegui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Validate</source>
        <translation>&amp;Convalida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the project and list its problems</source>
        <translation>Controlla il progetto ed elenca i suoi problemi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Plan</source>
        <translation>&amp;Pianifica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan the run: batch shares, inner steps, WAN cost and predicted throughput</source>
        <translation>Pianifica l&apos;esecuzione: quote del batch, passi interni, costo WAN e throughput previsto</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run on This &amp;Machine</source>
        <translation>Esegui su &amp;questa macchina</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the run here through one loopback node agent per node, the same path as `archi run --local`</source>
        <translation>Avvia l&apos;esecuzione qui tramite un agente di nodo in loopback per nodo, lo stesso percorso di `archi run --local`</translation>
    </message>
    <message>
        <location line="+466"/>
        <source>%1: Slurm job %2 pending (%3)</source>
        <translation>%1: job Slurm %2 in attesa (%3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: Slurm job %2 %3</source>
        <translation>%1: job Slurm %2 %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Run %1 keeps training after the console closes: its node agents (on this machine for Run on This Machine) go on running its workers and writing checkpoints. To follow it again, reopen the project and click Attach in the status bar, use File &gt; Attach to Run…, or run `archi run --attach %1`. To end it instead, cancel and use Run &gt; Stop. Close the console?</source>
        <translation>L&apos;esecuzione %1 continua ad addestrare dopo la chiusura della console: i suoi agenti dei nodi (su questa macchina per Esegui su questa macchina) continuano a far girare i worker e a scrivere i checkpoint. Per seguirla di nuovo, riapri il progetto e fai clic su Collega nella barra di stato, usa File &gt; Collega a un&apos;esecuzione…, oppure esegui `archi run --attach %1`. Per terminarla invece, annulla e usa Esegui &gt; Ferma. Chiudere la console?</translation>
    </message>
    <message>
        <location line="-484"/>
        <source>&amp;Stop</source>
        <translation>&amp;Ferma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the run cleanly: workers finish their step, synchronise and checkpoint</source>
        <translation>Ferma l&apos;esecuzione in modo pulito: i worker finiscono il passo, si sincronizzano e salvano un checkpoint</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Tools</source>
        <translation>S&amp;trumenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset Window Layout</source>
        <translation>&amp;Ripristina disposizione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put every dock back where it started</source>
        <translation>Riporta ogni pannello nella posizione iniziale</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help for This View</source>
        <translation>&amp;Aiuto per questa vista</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How to work in the current view</source>
        <translation>Come lavorare nella vista corrente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Archipelago</source>
        <translation>&amp;Informazioni su Archipelago</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version and purpose</source>
        <translation>Versione e scopo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Archipelago</source>
        <translation>Informazioni su Archipelago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Archipelago %1&lt;/b&gt;&lt;p&gt;Train one model across several datacenters with mixed GPUs over slow WAN links.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Archipelago %1&lt;/b&gt;&lt;p&gt;Addestra un unico modello su più datacenter con GPU eterogenee attraverso collegamenti WAN lenti.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Unsaved changes</source>
        <translation>Modifiche non salvate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project “%1” has unsaved changes. Save them first? If you discard them, they are lost.</source>
        <translation>Il progetto «%1» ha modifiche non salvate. Salvarle prima? Se le scarti, andranno perse.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+9"/>
        <location line="+18"/>
        <location line="+23"/>
        <location line="+9"/>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>New project</source>
        <translation>Nuovo progetto</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Opened %1</source>
        <translation>Aperto %1</translation>
    </message>
    <message>
        <location line="+120"/>
        <location line="+3"/>
        <location line="+33"/>
        <source>warnings</source>
        <translation>avvisi</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ valid</source>
        <translation>✓ valido</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+26"/>
        <source>validation</source>
        <translation>convalida</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>%1 in the project</source>
        <translation>%1 nel progetto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The project is valid</source>
        <translation>Il progetto è valido</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The project is valid: it can be planned and run</source>
        <translation>Il progetto è valido: può essere pianificato ed eseguito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2: see the Problems list</source>
        <translation>%1, %2: vedi l&apos;elenco dei problemi</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete %1</source>
        <translation>Elimina %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>item</source>
        <translation>elemento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>items</source>
        <translation>elementi</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select datacenters, nodes or devices to copy</source>
        <translation>Seleziona datacenter, nodi o dispositivi da copiare</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The clipboard holds no Archipelago topology</source>
        <translation>Gli appunti non contengono una topologia Archipelago</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a node to paste devices into</source>
        <translation>Seleziona un nodo in cui incollare i dispositivi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a datacenter to paste nodes into</source>
        <translation>Seleziona un datacenter in cui incollare i nodi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste</source>
        <translation>Incolla</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add datacenter</source>
        <translation>Aggiungi datacenter</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a datacenter to add a node to</source>
        <translation>Seleziona un datacenter a cui aggiungere un nodo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add node</source>
        <translation>Aggiungi nodo</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add %1</source>
        <translation>Aggiungi %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add node with %1</source>
        <translation>Aggiungi nodo con %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select a node (or datacenter) to add a %1 to, or drag it onto the canvas</source>
        <translation>Seleziona un nodo (o un datacenter) a cui aggiungere un %1, oppure trascinalo sull&apos;area di disegno</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h3&gt;Pools&lt;/h3&gt;&lt;p&gt;Every device group of the project. Filter by GPU type and site, or search. Tick &lt;i&gt;Enabled&lt;/i&gt; to include a group in the run; &lt;b&gt;Enable&lt;/b&gt;/&lt;b&gt;Disable&lt;/b&gt; act on the selected rows (or on all shown rows). Totals below count enabled devices only.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pool&lt;/h3&gt;&lt;p&gt;Ogni gruppo di dispositivi del progetto. Filtra per tipo di GPU e sito, oppure cerca. Spunta &lt;i&gt;Attivo&lt;/i&gt; per includere un gruppo nell&apos;esecuzione; &lt;b&gt;Attiva&lt;/b&gt;/&lt;b&gt;Disattiva&lt;/b&gt; agiscono sulle righe selezionate (o su tutte le righe mostrate). I totali qui sotto contano solo i dispositivi attivi.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h3&gt;Topology&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Drag a GPU type from the catalog onto a node to add a device (onto a datacenter: new node; onto empty space: new datacenter).&lt;/li&gt;&lt;li&gt;Keyboard: select items in the Project tree (Ctrl/Shift for several), Enter in the GPU catalog adds that type to the selected node, Ctrl+K links two selected datacenters, Delete removes, Ctrl+1/2/3 switch views.&lt;/li&gt;&lt;li&gt;Drag from a datacenter&apos;s round handle (or with &lt;i&gt;Connect&lt;/i&gt; on, from anywhere in it) to another datacenter to draw a WAN link.&lt;/li&gt;&lt;li&gt;Drag the background or use the middle button to pan; the wheel or Ctrl +/− zooms; Ctrl+0 fits.&lt;/li&gt;&lt;li&gt;Shift+drag selects with a rectangle; Ctrl+click adds to the selection; arrow keys move selected datacenters.&lt;/li&gt;&lt;li&gt;Edit every field in the Properties dock; Ctrl+Z / Ctrl+Shift+Z undo and redo.&lt;/li&gt;&lt;li&gt;Items with problems have a red (error) or amber (warning) outline; click a problem to select its item.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Topologia&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Trascina un tipo di GPU dal catalogo su un nodo per aggiungere un dispositivo (su un datacenter: nuovo nodo; su uno spazio vuoto: nuovo datacenter).&lt;/li&gt;&lt;li&gt;Tastiera: seleziona gli elementi nell&apos;albero del progetto (Ctrl/Shift per sceglierne più d&apos;uno), Invio nel catalogo GPU aggiunge quel tipo al nodo selezionato, Ctrl+K collega due datacenter selezionati, Delete rimuove, Ctrl+1/2/3 cambiano vista.&lt;/li&gt;&lt;li&gt;Trascina dalla maniglia rotonda di un datacenter (o, con &lt;i&gt;Collega&lt;/i&gt; attivo, da un punto qualsiasi al suo interno) verso un altro datacenter per disegnare un collegamento WAN.&lt;/li&gt;&lt;li&gt;Trascina lo sfondo o usa il tasto centrale per spostare la vista; la rotellina o Ctrl +/− regolano lo zoom; Ctrl+0 adatta alla vista.&lt;/li&gt;&lt;li&gt;Shift+trascinamento seleziona con un rettangolo; Ctrl+clic aggiunge alla selezione; i tasti freccia spostano i datacenter selezionati.&lt;/li&gt;&lt;li&gt;Modifica ogni campo nel pannello Proprietà; Ctrl+Z / Ctrl+Shift+Z annullano e ripetono.&lt;/li&gt;&lt;li&gt;Gli elementi con problemi hanno un contorno rosso (errore) o ambra (avviso); fai clic su un problema per selezionarne l&apos;elemento.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Help</source>
        <translation>Aiuto</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+1"/>
        <source>Cannot start the run: %1</source>
        <translation>Impossibile avviare l&apos;esecuzione: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot start the run</source>
        <translation>Impossibile avviare l&apos;esecuzione</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The run did not start: %1.</source>
        <translation>L&apos;esecuzione non è partita: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting %1 on this machine</source>
        <translation>Avvio di %1 su questa macchina</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop the run?</source>
        <translation>Fermare l&apos;esecuzione?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop run %1? Its workers finish the current step, synchronise, write final checkpoints and exit; the tokens not yet trained (%2 of %3 done) are not trained. The run can be resumed from its checkpoints.</source>
        <translation>Fermare l&apos;esecuzione %1? I suoi worker finiscono il passo corrente, si sincronizzano, scrivono i checkpoint finali ed escono; i token non ancora addestrati (%2 di %3 completati) non verranno addestrati. L&apos;esecuzione può essere ripresa dai suoi checkpoint.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopping %1</source>
        <translation>Arresto di %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>● starting</source>
        <translation>● in avvio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● running</source>
        <translation>● in esecuzione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>■ stopping</source>
        <translation>■ in arresto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✓ completed</source>
        <translation>✓ completata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>■ stopped</source>
        <translation>■ fermata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ failed</source>
        <translation>✖ non riuscita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⇢ detached, still going on its agents</source>
        <translation>⇢ scollegata, ancora in corso sui suoi agenti</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run “%1” %2</source>
        <translation>esecuzione «%1» %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 loss %2</source>
        <translation>%1 loss %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>round %1</source>
        <translation>round %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A run is going</source>
        <translation>Un&apos;esecuzione è in corso</translation>
    </message>
    <message>
        <location line="-371"/>
        <source>Cannot open project</source>
        <translation>Impossibile aprire il progetto</translation>
    </message>
    <message>
        <location line="-270"/>
        <source>Open project</source>
        <translation>Apri progetto</translation>
    </message>
    <message>
        <location line="+251"/>
        <location line="+120"/>
        <location line="+13"/>
        <location line="+24"/>
        <source>error</source>
        <translation>errore</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Opened %1 with %2</source>
        <translation>Aperto %1 con %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+120"/>
        <location line="+13"/>
        <location line="+24"/>
        <source>errors</source>
        <translation>errori</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>canvas</source>
        <translation>area di disegno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datacenters overlapped on the canvas: laid out automatically (Undo restores the file&apos;s positions)</source>
        <translation>I datacenter si sovrapponevano nell&apos;area di disegno: disposti automaticamente (Annulla ripristina le posizioni del file)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the file could not be read</source>
        <translation>il file non è leggibile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot open %1: %2</source>
        <translation>Impossibile aprire %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be opened:
%2

Fix the file in a text editor or choose another one.</source>
        <translation>Impossibile aprire %1:
%2

Correggi il file in un editor di testo o scegline un altro.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save project</source>
        <translation>Salva progetto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save %1: %2</source>
        <translation>Impossibile salvare %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot save project</source>
        <translation>Impossibile salvare il progetto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project was not saved:
%1

Choose another folder or free some disk space, then save again.</source>
        <translation>Il progetto non è stato salvato:
%1

Scegli un&apos;altra cartella o libera spazio su disco, poi salva di nuovo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Saved %1</source>
        <translation>Salvato %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No recent projects</source>
        <translation>Nessun progetto recente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clear List</source>
        <translation>&amp;Svuota elenco</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1[*]%2 — Archipelago</source>
        <translation>%1[*]%2 — Archipelago</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No project</source>
        <translation>Nessun progetto</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>datacenter</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>datacenters</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 enabled</source>
        <translation>%1 di %2 attivi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 peak</source>
        <translation>%1 di picco</translation>
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
        <translation>avviso</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_Agents.cpp" line="-93"/>
        <source>&amp;Attach to Run…</source>
        <translation>&amp;Collega a un&apos;esecuzione…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow a run that is still going on its node agents (started earlier, or by `archi run`)</source>
        <translation>Segui un&apos;esecuzione ancora in corso sui suoi agenti dei nodi (avviata in precedenza o da `archi run`)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check &amp;Nodes</source>
        <translation>Controlla &amp;nodi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask every node&apos;s agent now whether it answers and holds the project&apos;s devices</source>
        <translation>Chiedi ora all&apos;agente di ogni nodo se risponde e se dispone dei dispositivi del progetto</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Approve Node…</source>
        <translation>A&amp;pprova nodo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign a node&apos;s certificate request (node.csr from `archi agent enroll`) with the console&apos;s CA</source>
        <translation>Firma la richiesta di certificato di un nodo (node.csr da `archi agent enroll`) con la CA della console</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Run “%1” is still going — Attach</source>
        <translation>L&apos;esecuzione «%1» è ancora in corso — Collega</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 of this project is still training on its node agents (%2). Click to follow it live.</source>
        <translation>L&apos;esecuzione %1 di questo progetto sta ancora addestrando sui suoi agenti dei nodi (%2). Fai clic per seguirla dal vivo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1 of this project is still going on its node agents: Attach in the status bar follows it</source>
        <translation>L&apos;esecuzione %1 di questo progetto è ancora in corso sui suoi agenti dei nodi: Collega nella barra di stato la segue</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Asking every node&apos;s agent…</source>
        <translation>Interrogazione degli agenti di tutti i nodi…</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+1"/>
        <source>Cannot attach to %1: %2</source>
        <translation>Impossibile collegarsi a %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attaching to %1 on %2</source>
        <translation>Collegamento a %1 su %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approve node: certificate request</source>
        <translation>Approva nodo: richiesta di certificato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate requests (*.csr);;All files (*)</source>
        <translation>Richieste di certificato (*.csr);;Tutti i file (*)</translation>
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
        <translation>Rifiutato %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>Cannot approve</source>
        <translation>Impossibile approvare</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1 is not a node request the console accepts:
%2</source>
        <translation>%1 non è una richiesta di nodo che la console accetta:
%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve node %1?</source>
        <translation>Approvare il nodo %1?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node: %1
Datacenter: %2
Key fingerprint:
%3

Compare the fingerprint with the one `archi agent enroll` printed on the node. Approve only when they are the same: the console will trust this key as node %1.</source>
        <translation>Nodo: %1
Datacenter: %2
Impronta della chiave:
%3

Confronta l&apos;impronta con quella stampata da `archi agent enroll` sul nodo. Approva solo se sono uguali: la console considererà attendibile questa chiave come nodo %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not approve node %1: %2</source>
        <translation>Impossibile approvare il nodo %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node %1 was not approved: %2</source>
        <translation>Il nodo %1 non è stato approvato: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved node %1: certificate %2</source>
        <translation>Nodo %1 approvato: certificato %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Node %1 is approved%2.

Certificate: %3
CA certificate: %4

Copy both to the node and run there:
%5</source>
        <translation>Il nodo %1 è approvato%2.

Certificato: %3
Certificato della CA: %4

Copia entrambi sul nodo ed esegui lì:
%5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (its earlier key is replaced)</source>
        <translation> (la sua chiave precedente è sostituita)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Node approved</source>
        <translation>Nodo approvato</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_Settings.cpp" line="-47"/>
        <source>Run &amp;Settings…</source>
        <translation>&amp;Impostazioni dell&apos;esecuzione…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model size, corpus, token budget, sync mode, wire format, inner steps, outer optimiser, validation</source>
        <translation>Dimensione del modello, corpus, budget di token, modalità di sincronizzazione, formato di trasmissione, passi interni, ottimizzatore esterno, convalida</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Run settings changed (Edit &gt; Undo restores them)</source>
        <translation>Impostazioni dell&apos;esecuzione modificate (Modifica &gt; Annulla le ripristina)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Launch of %1 cancelled: nothing was started</source>
        <translation>Avvio di %1 annullato: non è partito nulla</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_History.cpp" line="-26"/>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Report</source>
        <translation>Rapporto</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>Cannot resume %1: %2</source>
        <translation>Impossibile riprendere %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resuming %1 from its checkpoints</source>
        <translation>Ripresa di %1 dai suoi checkpoint</translation>
    </message>
    <message>
        <location filename="../gui/app/MainWindow_Monitor.cpp" line="+15"/>
        <source>Monitor</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Monitor</source>
        <translation>&amp;Monitor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the monitor of the current run</source>
        <translation>Mostra il monitor dell&apos;esecuzione corrente</translation>
    </message>
</context>
<context>
    <name>MonitorChartView</name>
    <message>
        <location filename="../gui/monitor/MonitorChartView.cpp" line="+67"/>
        <source>thinned: %1 of %2 points</source>
        <translation>sfoltito: %1 di %2 punti</translation>
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
        <translation>Tempo dall&apos;avvio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Livello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
</context>
<context>
    <name>MonitorEventsPanel</name>
    <message>
        <location filename="../gui/monitor/MonitorEventsPanel.cpp" line="+26"/>
        <source>All levels</source>
        <translation>Tutti i livelli</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All sources</source>
        <translation>Tutte le origini</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All kinds</source>
        <translation>Tutti i tipi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search events…</source>
        <translation>Cerca eventi…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Step</source>
        <translation>Passo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Generated text</source>
        <translation>Testo generato</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Events</source>
        <translation>Eventi</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Samples (newest first)</source>
        <translation>Campioni (prima i più recenti)</translation>
    </message>
</context>
<context>
    <name>MonitorView</name>
    <message>
        <location filename="../gui/monitor/MonitorView.cpp" line="+35"/>
        <source>No run followed. Start a run, or open one from History.</source>
        <translation>Nessuna esecuzione seguita. Avviane una, o aprine una dalla Cronologia.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Step</source>
        <translation>Passo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time</source>
        <translation>Tempo reale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the loss chart&apos;s X axis shows</source>
        <translation>Cosa mostra l&apos;asse X del grafico della loss</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Weight of the bias-corrected moving average drawn over the raw loss (0: none, 0.99: strongest)</source>
        <translation>Peso della media mobile con correzione del bias tracciata sulla loss grezza (0: nessuna, 0,99: la più forte)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss X axis:</source>
        <translation>Asse X della loss:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smoothing:</source>
        <translation>Smussamento:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Charts</source>
        <translation>Grafici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events and samples</source>
        <translation>Eventi e campioni</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Run %1: reading the store…</source>
        <translation>Esecuzione %1: lettura dell&apos;archivio…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Run %1 cannot be shown</source>
        <translation>Impossibile mostrare l&apos;esecuzione %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>● running</source>
        <translation>● in corso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run “%1” (%2) — %3</source>
        <translation>Esecuzione «%1» (%2) — %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step %1</source>
        <translation>passo %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rounds</source>
        <translation>%1 round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 elapsed</source>
        <translation>%1 trascorsi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not known</source>
        <translation>non noto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>measured %1</source>
        <translation>misurato %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted %1</source>
        <translation>previsto %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ideal %1</source>
        <translation>ideale %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>efficiency %1 of ideal</source>
        <translation>efficienza %1 dell&apos;ideale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss %1</source>
        <translation>loss %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dilated rehearsal ×%1: real-time equivalent %2</source>
        <translation>prova dilatata ×%1: equivalente in tempo reale %2</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <location filename="../gui/topology/NodeItem.cpp" line="+52"/>
        <source>Slurm: free</source>
        <translation>Slurm: libero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm: would wait</source>
        <translation>Slurm: in attesa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm unreachable</source>
        <translation>Slurm irraggiungibile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm</source>
        <translation>Slurm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>agent up</source>
        <translation>agente attivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>agent %1</source>
        <translation>agente %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>local</source>
        <translation>locale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not enrolled</source>
        <translation>non registrato</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unreachable</source>
        <translation>irraggiungibile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mismatch</source>
        <translation>non corrispondente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not checked</source>
        <translation>non controllato</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Slurm %1 at %2: %3; the datacenter&apos;s job fits what is free now</source>
        <translation>Slurm %1 su %2: %3; il job del datacenter rientra in ciò che è libero ora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slurm %1 at %2: %3; the job would wait:
%4</source>
        <translation>Slurm %1 su %2: %3; il job resterebbe in attesa:
%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slurm: %1</source>
        <translation>Slurm: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slurm: not checked yet</source>
        <translation>Slurm: non ancora controllato</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Agent: reachable, archi %1</source>
        <translation>Agente: raggiungibile, archi %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agent: none at the project&apos;s address between runs; Run on This Machine starts this node&apos;s agent on a port of its own.
(%1)</source>
        <translation>Agente: nessuno all&apos;indirizzo del progetto tra un&apos;esecuzione e l&apos;altra; Esegui su questa macchina avvia l&apos;agente di questo nodo su una porta propria.
(%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agent: %1</source>
        <translation>Agente: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agent: reachable (archi %1), inventory mismatch:
%2</source>
        <translation>Agente: raggiungibile (archi %1), inventario non corrispondente:
%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent: not checked yet</source>
        <translation>Agente: non ancora controllato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
Asked at %1, the agent of the live run</source>
        <translation>
Interrogato alle %1, l&apos;agente dell&apos;esecuzione in corso</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+20"/>
        <source>
Checked at %1</source>
        <translation>
Controllato alle %1</translation>
    </message>
</context>
<context>
    <name>NodeStatusService</name>
    <message>
        <location filename="../gui/bridge/NodeStatusService.cpp" line="+78"/>
        <source>revoked: the console no longer trusts this node; enroll it again (`archi agent enroll --replace-key`) and approve it (`archi pki approve`)</source>
        <translation>revocato: la console non considera più attendibile questo nodo; registralo di nuovo (`archi agent enroll --replace-key`) e approvalo (`archi pki approve`)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not enrolled: run `archi agent enroll` on the node and `archi pki approve` here</source>
        <translation>non registrato: esegui `archi agent enroll` sul nodo e `archi pki approve` qui</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+9"/>
        <location line="+12"/>
        <source>unreachable: %1</source>
        <translation>irraggiungibile: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>datacenter %1: %2</source>
        <translation>datacenter %1: %2</translation>
    </message>
</context>
<context>
    <name>PlanService</name>
    <message>
        <location filename="../gui/bridge/PlanService.cpp" line="+36"/>
        <source>No project is open</source>
        <translation>Nessun progetto aperto</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The project has 1 error: fix it (see Problems) to see the plan</source>
        <translation>Il progetto ha 1 errore: correggilo (vedi Problemi) per vedere il piano</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project has %1 errors: fix them (see Problems) to see the plan</source>
        <translation>Il progetto ha %1 errori: correggili (vedi Problemi) per vedere il piano</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The planner failed: %1</source>
        <translation>Il pianificatore non è riuscito: %1</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="+71"/>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sequences / step</source>
        <translation>Sequenze / passo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inner steps / round</source>
        <translation>Passi interni / round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step time</source>
        <translation>Tempo per passo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Predicted</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Standalone sum</source>
        <translation>Somma in autonomia</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planner warnings</source>
        <translation>Avvisi del pianificatore</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Dove</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Speeds are catalog priors until devices are measured; emulated devices are paced to their catalog ratios.</source>
        <translation>Le velocità sono stime a priori del catalogo finché i dispositivi non vengono misurati; i dispositivi emulati sono cadenzati secondo i rapporti del catalogo.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Planning…</source>
        <translation>Pianificazione…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Predicted throughput</source>
        <translation>Throughput previsto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synchronisation</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inner steps per round</source>
        <translation>Passi interni per round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN per round</source>
        <translation>WAN per round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outer optimiser</source>
        <translation>Ottimizzatore esterno</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Dilated rehearsal ×%1 (devices emulated): links are shaped %1 times slower, and the times below are on the emulated clock; divide them by %1 for real time.</source>
        <translation>Prova dilatata ×%1 (dispositivi emulati): i collegamenti sono limitati %1 volte più lenti e i tempi qui sotto sono sull&apos;orologio emulato; dividerli per %1 per il tempo reale.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1% of the ideal %2</source>
        <translation>%1% dell&apos;ideale %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ the links call for %1</source>
        <translation>⚠ i collegamenti richiedono %1</translation>
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
        <translation>consigliato: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fastest datacenter</source>
        <translation>datacenter più veloce</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAN %1% of it</source>
        <translation>di cui WAN %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per leader · all-reduce %1 · %2 stream(s) per link</source>
        <translation>per leader · all-reduce %1 · %2 flussi per collegamento</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lr %1</source>
        <translation>lr %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum %1</source>
        <translation>momento %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 of %2</source>
        <translation>%1 di %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>✓ No warnings: every device holds the model and the links suit the sync mode</source>
        <translation>✓ Nessun avviso: ogni dispositivo contiene il modello e i collegamenti si adattano alla modalità di sincronizzazione</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Batch share per device (sequences per step)</source>
        <translation>Quota del batch per dispositivo (sequenze per passo)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 (%2)
%3 sequences per step · %4 standalone (%5)
compute %6 per step%7</source>
        <translation>%1 (%2)
%3 sequenze per passo · %4 in autonomia (%5)
calcolo %6 per passo%7</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>measured</source>
        <translation>misurato</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>catalog prior</source>
        <translation>stima del catalogo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
left out: cannot hold one sequence</source>
        <translation>
escluso: non può contenere una sequenza</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>sequences per step</source>
        <translation>sequenze per passo</translation>
    </message>
</context>
<context>
    <name>PoolTableModel</name>
    <message>
        <location filename="../gui/pools/PoolTableModel.cpp" line="+63"/>
        <source>Index of the device on its node (as in the worker ids)</source>
        <translation>Indice del dispositivo sul suo nodo (come negli id dei worker)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory per device, GiB</source>
        <translation>Memoria per dispositivo, GiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak dense bf16 TFLOPS per device (catalog figure)</source>
        <translation>TFLOPS bf16 densi di picco per dispositivo (dato del catalogo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens per second measured on this device by a profiling run; the planner prefers it to peak figures</source>
        <translation>Token al secondo misurati su questo dispositivo da un&apos;esecuzione di profilazione; il pianificatore li preferisce ai valori di picco</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enabled</source>
        <translation>Attivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor</source>
        <translation>Produttore</translation>
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
        <translation>Misurato nell&apos;esecuzione %1 (emulato: cadenzato al rapporto del catalogo su questa CPU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured in run %1</source>
        <translation>Misurato nell&apos;esecuzione %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+1"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Mode</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Enabled for the run</source>
        <translation>Incluso nell&apos;esecuzione</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left out of the run</source>
        <translation>Escluso dall&apos;esecuzione</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not measured yet: the planner uses the catalog&apos;s peak figures as a prior</source>
        <translation>Non ancora misurato: il pianificatore usa i valori di picco del catalogo come stima a priori</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown</source>
        <translation>sconosciuto</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>emulated</source>
        <translation>emulato</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hardware</source>
        <translation>hardware</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Enable %1</source>
        <translation>Attiva %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1</source>
        <translation>Disattiva %1</translation>
    </message>
</context>
<context>
    <name>PoolsView</name>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="+91"/>
        <source>Search devices…</source>
        <translation>Cerca dispositivi…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Enable</source>
        <translation>&amp;Attiva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable the selected rows for the run (all shown rows when none is selected)</source>
        <translation>Include nell&apos;esecuzione le righe selezionate (tutte le righe mostrate se nessuna è selezionata)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Disable</source>
        <translation>&amp;Disattiva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the selected rows out of the run (all shown rows when none is selected)</source>
        <translation>Esclude dall&apos;esecuzione le righe selezionate (tutte le righe mostrate se nessuna è selezionata)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Type:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Site:</source>
        <translation>&amp;Sito:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>GPU type</source>
        <translation>Tipo di GPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Sito</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Totals per GPU type (enabled devices)</source>
        <translation>Totali per tipo di GPU (dispositivi attivi)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals per site (enabled devices)</source>
        <translation>Totali per sito (dispositivi attivi)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>All types</source>
        <translation>Tutti i tipi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>Tutti i siti</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../gui/app/ProblemsPanel.cpp" line="+20"/>
        <source>Severity</source>
        <translation>Gravità</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item</source>
        <translation>Elemento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problems</source>
        <translation>Problemi</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>project</source>
        <translation>progetto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>link %1</source>
        <translation>collegamento %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>link %1 ↔ %2</source>
        <translation>collegamento %1 ↔ %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>datacenter %1</source>
        <translation>datacenter %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>error</source>
        <translation>errore</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+53"/>
        <source>warning</source>
        <translation>avviso</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>node %1: %2</source>
        <translation>nodo %1: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>agent</source>
        <translation>agente</translation>
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
        <translation>senza titolo</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>there is no project to save</source>
        <translation>non c&apos;è alcun progetto da salvare</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Untitled</source>
        <translation>Senza titolo</translation>
    </message>
</context>
<context>
    <name>ProjectTree</name>
    <message>
        <location filename="../gui/app/ProjectTree.cpp" line="+24"/>
        <source>Datacenter / node / device</source>
        <translation>Datacenter / nodo / dispositivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Project tree</source>
        <translation>Albero del progetto</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>emulated</source>
        <translation>emulato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disabled</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>WAN links</source>
        <translation>Collegamenti WAN</translation>
    </message>
</context>
<context>
    <name>PropertiesPanel</name>
    <message>
        <location filename="../gui/topology/PropertiesPanel.cpp" line="+94"/>
        <source>No project is open.</source>
        <translation>Nessun progetto aperto.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>✖ %1: %2</source>
        <translation>✖ %1: %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>⚠ %1: %2</source>
        <translation>⚠ %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+194"/>
        <source>item</source>
        <translation>elemento</translation>
    </message>
    <message>
        <location line="-161"/>
        <location line="+14"/>
        <location line="+15"/>
        <location line="+12"/>
        <location line="+14"/>
        <source>Set %1</source>
        <translation>Imposta %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Datacenters</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>WAN links</source>
        <translation>Collegamenti WAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a datacenter, node, device or link on the canvas to edit it. Drag a GPU type from the catalog onto a node to add devices.</source>
        <translation>Seleziona un datacenter, un nodo, un dispositivo o un collegamento nell&apos;area di disegno per modificarlo. Trascina un tipo di GPU dal catalogo su un nodo per aggiungere dispositivi.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Region</source>
        <translation>Regione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Position x</source>
        <translation>Posizione x</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Position y</source>
        <translation>Posizione y</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fabric bandwidth</source>
        <translation>Banda della rete interna</translation>
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
        <translation>Latenza della rete interna</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> µs</source>
        <translation> µs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agent port</source>
        <translation>Porta dell&apos;agente</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count</source>
        <translation>Numero</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+60"/>
        <source>Emulate on CPU</source>
        <translation>Emula su CPU</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+59"/>
        <source>Enabled for the run</source>
        <translation>Incluso nell&apos;esecuzione</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Vendor</source>
        <translation>Produttore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory</source>
        <translation>Memoria</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 GiB each</source>
        <translation>%1 GiB ciascuno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak bf16</source>
        <translation>Picco bf16</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 each</source>
        <translation>%1 ciascuno</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>WAN link</source>
        <translation>Collegamento WAN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>Da</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bandwidth</source>
        <translation>Banda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Round-trip time</source>
        <translation>Tempo di andata e ritorno</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packet loss</source>
        <translation>Perdita di pacchetti</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown as</source>
        <translation>Mostrato come</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 selected</source>
        <translation>%1 selezionati</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>items</source>
        <translation>elementi</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select device groups to change them together, or one item to edit all of its fields.</source>
        <translation>Seleziona più gruppi di dispositivi per modificarli insieme, oppure un solo elemento per modificarne tutti i campi.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../gui/app/MainWindow.cpp" line="-546"/>
        <source>Archipelago projects (*.archipelago.json);;JSON files (*.json);;All files (*)</source>
        <translation>Progetti Archipelago (*.archipelago.json);;File JSON (*.json);;Tutti i file (*)</translation>
    </message>
    <message>
        <location filename="../gui/plan/PlanView.cpp" line="-268"/>
        <source>DiLoCo</source>
        <translation>DiLoCo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ddp (every step over the WAN)</source>
        <translation>ddp (ogni passo attraverso la WAN)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>int8 + error feedback</source>
        <translation>int8 + retroazione dell&apos;errore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fp32 (uncompressed)</source>
        <translation>fp32 (non compresso)</translation>
    </message>
    <message>
        <location filename="../gui/pools/PoolsView.cpp" line="-153"/>
        <source>Enabled / devices</source>
        <translation>Attivi / dispositivi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memory (GiB)</source>
        <translation>Memoria (GiB)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Peak bf16</source>
        <translation>Picco bf16</translation>
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
        <translation>Totale</translation>
    </message>
    <message>
        <location filename="../gui/topology/KeyedItem.cpp" line="+36"/>
        <source>Error: %1</source>
        <translation>Errore: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning: %1</source>
        <translation>Avviso: %1</translation>
    </message>
    <message>
        <location filename="../gui/topology/LinkHandleItem.cpp" line="+15"/>
        <source>Drag to another datacenter to draw a WAN link</source>
        <translation>Trascina su un altro datacenter per disegnare un collegamento WAN</translation>
    </message>
    <message>
        <location filename="../gui/topology/DatacenterItem.cpp" line="+66"/>
        <source>node</source>
        <translation>nodo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nodes</source>
        <translation>nodi</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+2"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 of %2 enabled</source>
        <translation>%1 di %2 attivi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · %1 peak</source>
        <translation> · %1 di picco</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>left out</source>
        <translation>escluso</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1: round %2 · %3</source>
        <translation>Esecuzione %1: round %2 · %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
left out of the latest outer group (cut off, or re-joining): its steps do not reach the global model until it is back</source>
        <translation>
escluso dall&apos;ultimo gruppo esterno (isolato o in fase di rientro): i suoi passi non raggiungono il modello globale finché non rientra</translation>
    </message>
    <message>
        <location filename="../gui/topology/DeviceGroupItem.cpp" line="+45"/>
        <source>disabled</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>emulated</source>
        <translation>emulato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown type</source>
        <translation>tipo sconosciuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1: no figures yet</source>
        <translation>%1: ancora nessun dato</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2% busy · %3 · step %4</source>
        <translation>%1: occupato al %2% · %3 · passo %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · stalled</source>
        <translation> · bloccato</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1% stalled</source>
        <translation>%1% bloccato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1% emul.</source>
        <translation>%1% emul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run %1: no figures for these devices yet</source>
        <translation>Esecuzione %1: ancora nessun dato per questi dispositivi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1: utilisation %2% (compute time / step time)</source>
        <translation>Esecuzione %1: utilizzo %2% (tempo di calcolo / tempo per passo)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
emulated: the share of each step spent computing on this machine&apos;s CPU</source>
        <translation>
emulato: la quota di ogni passo spesa a calcolare sulla CPU di questa macchina</translation>
    </message>
    <message>
        <location filename="../gui/topology/LinkItem.cpp" line="+117"/>
        <source>%1 · %2% · waited on</source>
        <translation>%1 · %2% · atteso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 · %2%</source>
        <translation>%1 · %2%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1: %2 of %3 (%4% of the bandwidth)</source>
        <translation>Esecuzione %1: %2 di %3 (%4% della banda)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
the latest outer round waited on this link longer than on the others</source>
        <translation>
l&apos;ultimo round esterno ha atteso questo collegamento più a lungo degli altri</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../gui/history/ReportView.cpp" line="+25"/>
        <source>No run selected.</source>
        <translation>Nessuna esecuzione selezionata.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export HTML…</source>
        <translation>Esporta HTML…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as one self-contained HTML file</source>
        <translation>Salva il report come un unico file HTML autonomo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PDF…</source>
        <translation>Esporta PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as an A4 PDF</source>
        <translation>Salva il report come PDF A4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Esporta CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every stored row of the run as CSV files into a folder</source>
        <translation>Salva ogni riga memorizzata dell&apos;esecuzione come file CSV in una cartella</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading the report of run %1…</source>
        <translation>Lettura del report dell&apos;esecuzione %1…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not read the report of run %1 from %2: %3</source>
        <translation>Impossibile leggere il report dell&apos;esecuzione %1 da %2: %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run %1 (id %2)</source>
        <translation>Esecuzione %1 (id %2)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Writing %1…</source>
        <translation>Scrittura di %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrote %1</source>
        <translation>Scritto %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export failed: %1</source>
        <translation>Esportazione non riuscita: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export failed</source>
        <translation>Esportazione non riuscita</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not write %1:
%2</source>
        <translation>Impossibile scrivere %1:
%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the report as HTML</source>
        <translation>Esporta il report come HTML</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTML files (*.html)</source>
        <translation>File HTML (*.html)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export the report as PDF</source>
        <translation>Esporta il report come PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export every stored row as CSV into a folder</source>
        <translation>Esporta ogni riga memorizzata come CSV in una cartella</translation>
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
        <translation>round %1: passi interni, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round %1: WAN all-reduce, %2</source>
        <translation>round %1: all-reduce WAN, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round %1: waiting for the other datacenters, %2</source>
        <translation>round %1: attesa degli altri datacenter, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round %1: left out of the group, %2</source>
        <translation>round %1: escluso dal gruppo, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fault at %1 s: %2</source>
        <translation>guasto a %1 s: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Outer rounds per datacenter</source>
        <translation>Round esterni per datacenter</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>inner steps</source>
        <translation>passi interni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting</source>
        <translation>attesa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN all-reduce</source>
        <translation>all-reduce WAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+50"/>
        <source>left out</source>
        <translation>escluso</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>fault</source>
        <translation>guasto</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>no outer round stored yet</source>
        <translation>ancora nessun round esterno memorizzato</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>0 s</source>
        <translation>0 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wall time since start (s)</source>
        <translation>tempo reale dall&apos;avvio (s)</translation>
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
        <translation>Allinea per:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time since start</source>
        <translation>Tempo reale dall&apos;avvio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the runs&apos; curves side by side by tokens processed, or by time since each run started</source>
        <translation>Affianca le curve delle esecuzioni per token elaborati, o per tempo trascorso dall&apos;avvio di ciascuna</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pin as &amp;Baseline</source>
        <translation>Fissa come &amp;riferimento</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw the run chosen in the list thicker and show the other runs&apos; differences to it</source>
        <translation>Disegna più spessa l&apos;esecuzione scelta nell&apos;elenco e mostra le differenze delle altre rispetto a essa</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Runs compared; choose one and Pin as Baseline</source>
        <translation>Esecuzioni confrontate; scegline una e usa Fissa come riferimento</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training loss</source>
        <translation>Loss di addestramento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation loss</source>
        <translation>Loss di validazione</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Throughput</source>
        <translation>Throughput</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>Reading %n run(s)…</source>
        <translation>
            <numerusform>Lettura di %n esecuzione…</numerusform>
            <numerusform>Lettura di %n esecuzioni…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not read the runs: %1</source>
        <translation>Impossibile leggere le esecuzioni: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n run(s) compared</source>
        <translation>
            <numerusform>%n esecuzione confrontata</numerusform>
            <numerusform>%n esecuzioni confrontate</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (baseline)</source>
        <translation>%1 (riferimento)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run #%1 of %2</source>
        <translation>Esecuzione n. %1 del progetto %2</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Tokens (tok)</source>
        <translation>Token (tok)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time since start (s)</source>
        <translation>Tempo dall&apos;avvio (s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Throughput (tok/s)</source>
        <translation>Throughput (tok/s)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss (nats/token)</source>
        <translation>Loss (nats/token)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>thinned: %1 of %2 points</source>
        <translation>sfoltito: %1 di %2 punti</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no validation stored</source>
        <translation>nessuna validazione memorizzata</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no steps stored</source>
        <translation>nessun passo memorizzato</translation>
    </message>
</context>
<context>
    <name>RunHistory</name>
    <message>
        <location filename="../gui/bridge/RunHistory.cpp" line="+156"/>
        <location line="+26"/>
        <source>there is no run %1 in %2 any more</source>
        <translation>non c&apos;è più alcuna esecuzione %1 in %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run %1 is going: stop it before deleting it</source>
        <translation>l&apos;esecuzione %1 è in corso: fermala prima di eliminarla</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the run&apos;s rows were deleted, but its folder %1 could not be removed: %2; remove it by hand</source>
        <translation>le righe dell&apos;esecuzione sono state eliminate, ma non è stato possibile rimuovere la sua cartella %1: %2; rimuovila a mano</translation>
    </message>
</context>
<context>
    <name>RunService</name>
    <message>
        <location filename="../gui/bridge/RunService.cpp" line="+98"/>
        <source>a run is already going: stop it first</source>
        <translation>un&apos;esecuzione è già in corso: fermala prima</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>no project is open</source>
        <translation>nessun progetto aperto</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the project has %1 error(s): fix them (see Problems) before running</source>
        <translation>il progetto ha errori (%1): correggili (vedi Problemi) prima di eseguire</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>cannot resume %1: </source>
        <translation>impossibile riprendere %1: </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>cannot attach to %1: %2</source>
        <translation>impossibile collegarsi a %1: %2</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>the `archi` program was not found next to the console or on PATH; build it or set $ARCHIPELAGO_ARCHI_BIN</source>
        <translation>il programma `archi` non è stato trovato accanto alla console né nel PATH; compilalo o imposta $ARCHIPELAGO_ARCHI_BIN</translation>
    </message>
    <message>
        <location filename="../gui/bridge/LauncherFollow.cpp" line="+103"/>
        <source>validation loss %1 → %2</source>
        <translation>loss di validazione %1 → %2</translation>
    </message>
</context>
<context>
    <name>RunSettingsDialog</name>
    <message>
        <location filename="../gui/settings/RunSettingsDialog.cpp" line="+41"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiny</source>
        <translation>Minuscolo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Small</source>
        <translation>Piccolo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Large</source>
        <translation>Grande</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Run Settings — %1</source>
        <translation>Impostazioni dell&apos;esecuzione — %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Custom</source>
        <translation>Personalizzato</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Size:</source>
        <translation>&amp;Dimensione:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A named shape, or Custom when the fields below differ from every one</source>
        <translation>Una forma predefinita, oppure Personalizzato quando i campi sotto differiscono da tutte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Layers:</source>
        <translation>&amp;Livelli:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transformer blocks</source>
        <translation>Blocchi transformer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Heads:</source>
        <translation>&amp;Teste:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attention heads; the width must divide by them</source>
        <translation>Teste di attenzione; la larghezza deve essere divisibile per il loro numero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Width:</source>
        <translation>Lar&amp;ghezza:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model dimension (channels)</source>
        <translation>Dimensione del modello (canali)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conte&amp;xt:</source>
        <translation>Conte&amp;sto:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sequence length in tokens</source>
        <translation>Lunghezza della sequenza in token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data and budget</source>
        <translation>Dati e budget</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a text file for the corpus</source>
        <translation>Scegli un file di testo per il corpus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Corpus:</source>
        <translation>&amp;Corpus:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A text file or a folder of text files</source>
        <translation>Un file di testo o una cartella di file di testo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Token budget:</source>
        <translation>&amp;Budget di token:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens the whole run trains on, over every datacenter</source>
        <translation>Token su cui si addestra l&apos;intera esecuzione, su tutti i datacenter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synchronisation</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DiLoCo — outer rounds over the WAN</source>
        <translation>DiLoCo — round esterni sulla WAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDP — every step over the WAN</source>
        <translation>DDP — ogni passo sulla WAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ync mode:</source>
        <translation>Modalità di si&amp;ncronizzazione:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>diloco: datacenters train H steps alone, then average; ddp: all-reduce every step</source>
        <translation>diloco: i datacenter addestrano da soli per H passi, poi fanno la media; ddp: all-reduce a ogni passo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>int8 (¼ of fp32, with error feedback)</source>
        <translation>int8 (¼ di fp32, con retroazione dell&apos;errore)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 (½ of fp32)</source>
        <translation>bf16 (½ di fp32)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fp32 (uncompressed)</source>
        <translation>fp32 (non compresso)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wire format:</source>
        <translation>&amp;Formato di trasmissione:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How pseudo-gradients travel over the WAN</source>
        <translation>Come gli pseudo-gradienti viaggiano sulla WAN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Inner steps (H):</source>
        <translation>Passi &amp;interni (H):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps of the fastest datacenter per outer round</source>
        <translation>Passi del datacenter più veloce per round esterno</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outer &amp;learning rate:</source>
        <translation>Tasso di &amp;apprendimento esterno:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nesterov step on the averaged pseudo-gradient</source>
        <translation>Passo di Nesterov sullo pseudo-gradiente medio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outer &amp;momentum:</source>
        <translation>&amp;Momento esterno:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In [0, 1)</source>
        <translation>In [0, 1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> round</source>
        <translation> round</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> rounds</source>
        <translation> round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Validate every:</source>
        <translation>Con&amp;valida ogni:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation loss on the held-out set every N outer rounds (ddp: every N × H steps), and at the end</source>
        <translation>Loss di validazione sull&apos;insieme tenuto da parte ogni N round esterni (ddp: ogni N × H passi) e alla fine</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Revert</source>
        <translation>&amp;Ripristina</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the project&apos;s current settings again</source>
        <translation>Mostra di nuovo le impostazioni correnti del progetto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Corpus</source>
        <translation>Corpus</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>%1 M parameters · %2 per device to train</source>
        <translation>%1 M parametri · %2 per dispositivo per l&apos;addestramento</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Error: %1</source>
        <translation>Errore: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning: %1</source>
        <translation>Avviso: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Fix the errors shown under the fields first</source>
        <translation>Correggi prima gli errori mostrati sotto i campi</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change Run Settings</source>
        <translation>Modifica le impostazioni dell&apos;esecuzione</translation>
    </message>
</context>
<context>
    <name>RunsTableModel</name>
    <message>
        <location filename="../gui/history/RunsTableModel.cpp" line="+40"/>
        <source>○ planned</source>
        <translation>○ pianificata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>▶ running</source>
        <translation>▶ in corso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✓ completed</source>
        <translation>✓ completata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>■ stopped</source>
        <translation>■ fermata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✕ failed</source>
        <translation>✕ non riuscita</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 tok</source>
        <translation>%1 tok</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (val)</source>
        <translation>%1 (val.)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (train)</source>
        <translation>%1 (addestr.)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>emulated</source>
        <translation>emulati</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>real</source>
        <translation>reali</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Validation loss of the latest validated step (mean over datacenters)</source>
        <translation>Loss di validazione dell&apos;ultimo passo validato (media sui datacenter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No validation yet: mean of the datacenters&apos; last training losses</source>
        <translation>Nessuna validazione ancora: media delle ultime loss di addestramento dei datacenter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measured tokens/s over the ideal (the sum of every device&apos;s standalone speed)</source>
        <translation>Token/s misurati rispetto all&apos;ideale (la somma delle velocità in autonomia di ogni dispositivo)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices and WAN links were emulated on this machine&apos;s CPU</source>
        <translation>Dispositivi e collegamenti WAN sono stati emulati sulla CPU di questa macchina</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Real devices and links</source>
        <translation>Dispositivi e collegamenti reali</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run</source>
        <translation>Esecuzione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Avviata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>Terminata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throughput</source>
        <translation>Throughput</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final loss</source>
        <translation>Loss finale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficiency</source>
        <translation>Efficienza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <location filename="../gui/history/RunsView.cpp" line="+43"/>
        <source>Search runs by name, project or number</source>
        <translation>Cerca esecuzioni per nome, progetto o numero</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every state</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every project</source>
        <translation>Tutti i progetti</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Emulated or real</source>
        <translation>Emulate o reali</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emulated only</source>
        <translation>Solo emulate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Real only</source>
        <translation>Solo reali</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aggiorna</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the run store again (runs started by `archi run` appear too)</source>
        <translation>Rileggi l&apos;archivio delle esecuzioni (compaiono anche quelle avviate da `archi run`)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Monitor</source>
        <translation>Apri &amp;monitor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected run in the monitor</source>
        <translation>Mostra l&apos;esecuzione selezionata nel monitor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Report</source>
        <translation>Apri &amp;report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected run&apos;s report</source>
        <translation>Mostra il report dell&apos;esecuzione selezionata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Elimina…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected run&apos;s rows from the store and its folder (asks first; not while it runs)</source>
        <translation>Elimina dall&apos;archivio le righe dell&apos;esecuzione selezionata e la sua cartella (chiede prima; non mentre è in corso)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Compare</source>
        <translation>&amp;Confronta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlay the selected runs&apos; curves and diff their settings (select two or more)</source>
        <translation>Sovrapponi le curve delle esecuzioni selezionate e confronta le loro impostazioni (selezionane due o più)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;sume</source>
        <translation>Ri&amp;prendi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the selected stopped or failed run from its checkpoints</source>
        <translation>Continua dai suoi checkpoint l&apos;esecuzione selezionata, fermata o fallita</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Run %1 deleted.</source>
        <translation>Esecuzione %1 eliminata.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+194"/>
        <location line="+15"/>
        <source>Run %1 was not deleted: %2</source>
        <translation>L&apos;esecuzione %1 non è stata eliminata: %2</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>Store: %1</source>
        <translation>Archivio: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not read %1: %2</source>
        <translation>Impossibile leggere %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No runs yet: %1 does not exist (it is made by the first run)</source>
        <translation>Ancora nessuna esecuzione: %1 non esiste (viene creato dalla prima esecuzione)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>run</source>
        <translation>esecuzione</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>runs</source>
        <translation>esecuzioni</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>A running run cannot be deleted: stop it first</source>
        <translation>Un&apos;esecuzione in corso non può essere eliminata: fermala prima</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select two or more runs to compare them.</source>
        <translation>Seleziona due o più esecuzioni per confrontarle.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select one run to delete.</source>
        <translation>Seleziona un&apos;esecuzione da eliminare.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>run %1 is going: stop it before deleting it</source>
        <translation>l&apos;esecuzione %1 è in corso: fermala prima di eliminarla</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete run “%1” (#%2)?

This removes %3 from %4: %5 step metrics, %6 outer rounds, %7 validations, %8 events, %9 samples, %10 checkpoint records and %11 link samples.</source>
        <translation>Eliminare l&apos;esecuzione «%1» (n. %2)?

Questo rimuove %3 da %4: %5 metriche di passo, %6 round esterni, %7 validazioni, %8 eventi, %9 campioni, %10 record di checkpoint e %11 campioni dei collegamenti.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stored row</source>
        <translation>riga memorizzata</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stored rows</source>
        <translation>righe memorizzate</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Its folder %1 (%2: journals, checkpoints, logs) is deleted as well.</source>
        <translation>Viene eliminata anche la sua cartella %1 (%2: journal, checkpoint, log).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It has no folder under %1; files it left elsewhere are kept.</source>
        <translation>Non ha una cartella in %1; i file lasciati altrove vengono conservati.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This cannot be undone.</source>
        <translation>L&apos;operazione non può essere annullata.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete Run</source>
        <translation>Elimina esecuzione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 was kept.</source>
        <translation>L&apos;esecuzione %1 è stata mantenuta.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>annullato</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleting run %1…</source>
        <translation>Eliminazione dell&apos;esecuzione %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
</context>
<context>
    <name>SettingsDiff</name>
    <message>
        <location filename="../gui/history/SettingsDiff.cpp" line="+22"/>
        <source>%1 layers · %2 heads · dim %3 · context %4 · vocab %5</source>
        <translation>%1 livelli · %2 teste · dim. %3 · contesto %4 · vocabolario %5</translation>
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
        <translation>Durata</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens</source>
        <translation>Token</translation>
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
        <translation>Throughput</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Efficiency</source>
        <translation>Efficienza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final loss</source>
        <translation>Loss finale</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>Parametri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corpus</source>
        <translation>Corpus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token budget</source>
        <translation>Budget di token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync mode</source>
        <translation>Modalità di sincronizzazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wire format</source>
        <translation>Formato di trasmissione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inner steps (H)</source>
        <translation>Passi interni (H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tokens per inner step</source>
        <translation>Token per passo interno</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inner learning rate</source>
        <translation>Tasso di apprendimento interno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outer learning rate</source>
        <translation>Tasso di apprendimento esterno</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outer momentum</source>
        <translation>Momento esterno</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Share of %1</source>
        <translation>Quota di %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 seq/step (%2 %)</source>
        <translation>%1 seq/passo (%2 %)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link %1 bandwidth</source>
        <translation>Banda del collegamento %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Link %1 RTT</source>
        <translation>RTT del collegamento %1</translation>
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
        <translation>%1  (≠ riferimento)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This setting differs between the compared runs</source>
        <translation>Questa impostazione differisce tra le esecuzioni confrontate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result of the run (the report&apos;s figures)</source>
        <translation>Risultato dell&apos;esecuzione (i dati del report)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Diff</source>
        <translation>Diff.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>Impostazione</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (baseline)</source>
        <translation>%1 (riferimento)</translation>
    </message>
</context>
<context>
    <name>StepTimeChart</name>
    <message>
        <location filename="../gui/monitor/StepTimeChart.cpp" line="+22"/>
        <source>Step time per datacenter (mean of the latest %1 steps)</source>
        <translation>Tempo per passo per datacenter (media degli ultimi %1 passi)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>compute</source>
        <translation>calcolo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>intra-DC all-reduce</source>
        <translation>all-reduce interno al DC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAN</source>
        <translation>WAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle</source>
        <translation>inattivo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>time per step (ms)</source>
        <translation>tempo per passo (ms)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · %2: %3 ms per step</source>
        <translation>%1 · %2: %3 ms per passo</translation>
    </message>
</context>
<context>
    <name>ThroughputChart</name>
    <message>
        <location filename="../gui/monitor/ThroughputChart.cpp" line="+17"/>
        <source>wall time since start (s)</source>
        <translation>tempo reale dall&apos;avvio (s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>throughput (tokens/s)</source>
        <translation>throughput (token/s)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+77"/>
        <source>Throughput</source>
        <translation>Throughput</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>%1 s since start</source>
        <translation>%1 s dall&apos;avvio</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>run total</source>
        <translation>totale dell&apos;esecuzione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>plan&apos;s prediction</source>
        <translation>previsione del piano</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ideal (sum of standalone speeds)</source>
        <translation>ideale (somma delle velocità in autonomia)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · efficiency %1% of ideal</source>
        <translation> · efficienza %1% dell&apos;ideale</translation>
    </message>
</context>
<context>
    <name>TopologyScene</name>
    <message>
        <location filename="../gui/topology/TopologyScene.cpp" line="+80"/>
        <source>Datacenter %1 (id %2), region %3
Fabric %4, %5 µs</source>
        <translation>Datacenter %1 (id %2), regione %3
Rete interna %4, %5 µs</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Node %1, agent at %2:%3, %4</source>
        <translation>Nodo %1, agente su %2:%3, %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>devices</source>
        <translation>dispositivi</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (%1, %2 GiB, %3 dense bf16 each)</source>
        <translation> (%1, %2 GiB, %3 bf16 densi ciascuno)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
emulated: computes on this machine&apos;s CPU, paced to the catalog speed</source>
        <translation>
emulato: calcola sulla CPU di questa macchina, cadenzato alla velocità del catalogo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
disabled: left out of the run</source>
        <translation>
disattivato: escluso dall&apos;esecuzione</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>WAN link %1 ↔ %2
%3</source>
        <translation>Collegamento WAN %1 ↔ %2
%3</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Draw WAN link</source>
        <translation>Disegna collegamento WAN</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+49"/>
        <source>Move %1</source>
        <translation>Sposta %1</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+49"/>
        <location line="+35"/>
        <source>datacenter</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+49"/>
        <location line="+35"/>
        <source>datacenters</source>
        <translation>datacenter</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Auto layout</source>
        <translation>Disposizione automatica</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Align %1</source>
        <translation>Allinea %1</translation>
    </message>
</context>
<context>
    <name>TopologyView</name>
    <message>
        <location filename="../gui/topology/TopologyView.cpp" line="+37"/>
        <source>Topology canvas</source>
        <translation>Area di disegno della topologia</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Add %1</source>
        <translation>Aggiungi %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add node with %1</source>
        <translation>Aggiungi nodo con %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add datacenter with %1</source>
        <translation>Aggiungi datacenter con %1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>NVIDIA</source>
        <translation>NVIDIA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huawei Ascend</source>
        <translation>Huawei Ascend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AMD</source>
        <translation>AMD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU / other</source>
        <translation>CPU / altro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>emulated</source>
        <translation>emulato</translation>
    </message>
</context>
<context>
    <name>WanChart</name>
    <message>
        <location filename="../gui/monitor/WanChart.cpp" line="+23"/>
        <source>wall time since start (s)</source>
        <translation>tempo reale dall&apos;avvio (s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>throughput (Mbit/s)</source>
        <translation>throughput (Mbit/s)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WAN links — measured, and bandwidth dashed</source>
        <translation>Collegamenti WAN — misurati, e banda tratteggiata</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 s since start</source>
        <translation>%1 s dall&apos;avvio</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 ↔ %2</source>
        <translation>%1 ↔ %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 ↔ %2 bandwidth</source>
        <translation>banda %1 ↔ %2</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no link samples stored</source>
        <translation>nessun campione dei collegamenti memorizzato</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../gui/app/main.cpp" line="+61"/>
        <source>Train one model across several datacenters with mixed GPUs</source>
        <translation>Addestra un unico modello su più datacenter con GPU eterogenee</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language of the console, e.g. zh_CN or it (default: the system&apos;s, from LANGUAGE, LC_ALL, LANG)</source>
        <translation>Lingua della console, ad es. zh_CN o it (predefinita: quella del sistema, da LANGUAGE, LC_ALL, LANG)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>codice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project file to open (*.archipelago.json)</source>
        <translation>File di progetto da aprire (*.archipelago.json)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GPU catalog unusable</source>
        <translation>Catalogo GPU inutilizzabile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GPU catalog could not be loaded, so device types cannot be checked:
%1

Fix the file, or unset $ARCHIPELAGO_GPU_CATALOG if it points to a broken one.</source>
        <translation>Impossibile caricare il catalogo GPU, quindi i tipi di dispositivo non possono essere controllati:
%1

Correggi il file, oppure annulla $ARCHIPELAGO_GPU_CATALOG se punta a un file danneggiato.</translation>
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
        <translation> · %1% di perdita</translation>
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
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
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
