#pragma once
// `archi bench console` (issue 13, Monitor 8), run inside the console's own binary as the
// hidden `archipelago --bench-console` mode so that `archi` stays free of Qt: a writer thread
// stores step metrics of W workers at H Hz (plus rounds, link samples, validations and
// events) into a scratch store while a MonitorView follows the run; a 10 ms timer on the GUI
// thread records how late it fires. The same probe without a monitor, in the same process
// and under the same writer, is the baseline.

#include <QStringList>

// Runs the bench with the arguments after --bench-console; returns the process exit code.
int runConsoleBench(const QStringList& arguments);
