#pragma once
// The console's one palette and number formats (UI.md "Visual language"): vendor colours for
// devices, a stable colour per datacenter shared by canvas, tables and charts, state colours,
// link widths by bandwidth, and unit-bearing labels.

#include <QColor>
#include <QPalette>
#include <QString>

namespace visual_style {

QColor vendorColor(const QString& vendor);
// Black or white, whichever reads better on `background`.
QColor textOn(const QColor& background);
// Datacenter colours follow their order in the project (Tableau 10, reds and greens last so
// they are not mistaken for error or NVIDIA).
QColor datacenterColor(int index);

QColor errorColor();    // down / failed / invalid
QColor warningColor();  // degraded / slow / doubtful
QColor busyColor();     // running
QColor okColor();       // reachable / healthy, where a state needs a mark at all
QColor unknownColor();  // not yet known (grey)

bool isDark(const QPalette& palette);

// Pen width of a WAN link in scene units: grows with log10 of the bandwidth.
double linkWidth(double gbit);
// "1 node", "4 nodes", "1,024 devices": the number in the locale's format, then the word in
// the form the number needs (each form is a translatable string of its own).
QString count(qint64 n, const QString& one, const QString& many);

// "100 Mbit/s", "2.5 Gbit/s"
QString formatBandwidth(double gbit);
// "100 Mbit/s · 50 ms", with " · 0.5% loss" when there is loss.
QString formatLink(double gbit, double rtt_ms, double loss_pct);
// "950 tok/s", "312k tok/s", "1.2M tok/s"
QString formatRate(double tokens_per_s);
// "850 ms", "4.2 s", "3 min 20 s", "1 h 12 min"
QString formatDuration(double ms);
// "512 B", "1.2 MiB", "3.4 GiB"
QString formatBytes(double bytes);
// "1.2 PFLOPS", "624 TFLOPS"
QString formatFlops(double tflops);

}  // namespace visual_style
