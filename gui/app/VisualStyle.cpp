#include "app/VisualStyle.h"

#include "report/ReportPalette.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>

namespace visual_style {

QColor vendorColor(const QString& vendor) {
  if (vendor.compare(QLatin1String("NVIDIA"), Qt::CaseInsensitive) == 0) return QColor(0x76, 0xB9, 0x00);
  if (vendor.compare(QLatin1String("Huawei"), Qt::CaseInsensitive) == 0) return QColor(0xCF, 0x0A, 0x2C);
  if (vendor.compare(QLatin1String("AMD"), Qt::CaseInsensitive) == 0) return QColor(0x4A, 0x5A, 0x6A);
  return QColor(0x8A, 0x8F, 0x98);
}

QColor textOn(const QColor& background) {
  // Relative luminance (sRGB, approximate) decides; threshold picked for legibility at small sizes.
  const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
  return luminance > 0.45 ? QColor(0x10, 0x14, 0x18) : QColor(Qt::white);
}

QColor datacenterColor(int index) {
  // One table for the console and the report (engine/report/ReportPalette.h), so a datacenter
  // keeps its colour from the canvas to the exported report.
  return QColor::fromRgb(archi::report::datacenterRgb(index));
}

QColor errorColor() { return QColor(0xD6, 0x45, 0x41); }
QColor warningColor() { return QColor(0xE0, 0x9B, 0x00); }
QColor busyColor() { return QColor(0x2F, 0x80, 0xED); }
// A bluish green, apart from NVIDIA's yellow-green so a state is not read as a vendor.
QColor okColor() { return QColor(0x1E, 0x9E, 0x6A); }
QColor unknownColor() { return QColor(0x8A, 0x8F, 0x98); }

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightnessF() < 0.5; }

double linkWidth(double gbit) {
  const double mbit = std::max(gbit * 1000.0, 1.0);
  return std::clamp(1.0 + 1.4 * std::log10(mbit), 1.0, 9.0);
}

QString count(qint64 n, const QString& one, const QString& many) {
  return QStringLiteral("%1 %2").arg(QLocale().toString(n), n == 1 ? one : many);
}

QString formatBandwidth(double gbit) {
  const QLocale locale;
  if (gbit < 1.0) {
    const double mbit = gbit * 1000.0;
    return QCoreApplication::translate("visual_style", "%1 Mbit/s").arg(locale.toString(mbit, 'g', mbit < 10 ? 2 : 4));
  }
  return QCoreApplication::translate("visual_style", "%1 Gbit/s").arg(locale.toString(gbit, 'g', 4));
}

QString formatLink(double gbit, double rtt_ms, double loss_pct) {
  const QLocale locale;
  QString text = QCoreApplication::translate("visual_style", "%1 · %2 ms")
                     .arg(formatBandwidth(gbit), locale.toString(rtt_ms, 'g', 4));
  if (loss_pct > 0.0) {
    text += QCoreApplication::translate("visual_style", " · %1% loss").arg(locale.toString(loss_pct, 'g', 3));
  }
  return text;
}

QString formatRate(double tokens_per_s) {
  const QLocale locale;
  if (tokens_per_s >= 1e6) return QCoreApplication::translate("visual_style", "%1M tok/s").arg(locale.toString(tokens_per_s / 1e6, 'g', 3));
  if (tokens_per_s >= 1e4) return QCoreApplication::translate("visual_style", "%1k tok/s").arg(locale.toString(tokens_per_s / 1e3, 'f', 0));
  if (tokens_per_s >= 1e3) return QCoreApplication::translate("visual_style", "%1k tok/s").arg(locale.toString(tokens_per_s / 1e3, 'f', 1));
  return QCoreApplication::translate("visual_style", "%1 tok/s").arg(locale.toString(tokens_per_s, 'f', 0));
}

QString formatDuration(double ms) {
  const QLocale locale;
  if (ms < 1000.0) return QCoreApplication::translate("visual_style", "%1 ms").arg(locale.toString(ms, 'f', ms < 10 ? 1 : 0));
  const double s = ms / 1000.0;
  if (s < 60.0) return QCoreApplication::translate("visual_style", "%1 s").arg(locale.toString(s, 'f', s < 10 ? 2 : 1));
  const qint64 total = qint64(std::llround(s));
  if (total < 3600) {
    return QCoreApplication::translate("visual_style", "%1 min %2 s").arg(locale.toString(total / 60), locale.toString(total % 60));
  }
  // Hours of a long run can pass 999: grouped like every other number.
  return QCoreApplication::translate("visual_style", "%1 h %2 min").arg(locale.toString(total / 3600), locale.toString((total % 3600) / 60));
}

QString formatBytes(double bytes) {
  const QLocale locale;
  if (bytes < 1024.0) return QCoreApplication::translate("visual_style", "%1 B").arg(locale.toString(bytes, 'f', 0));
  if (bytes < 1024.0 * 1024) return QCoreApplication::translate("visual_style", "%1 KiB").arg(locale.toString(bytes / 1024.0, 'f', 1));
  if (bytes < 1024.0 * 1024 * 1024) return QCoreApplication::translate("visual_style", "%1 MiB").arg(locale.toString(bytes / (1024.0 * 1024), 'f', 1));
  return QCoreApplication::translate("visual_style", "%1 GiB").arg(locale.toString(bytes / (1024.0 * 1024 * 1024), 'f', 2));
}

QString formatFlops(double tflops) {
  const QLocale locale;
  if (tflops >= 1000.0) {
    return QCoreApplication::translate("visual_style", "%1 PFLOPS").arg(locale.toString(tflops / 1000.0, 'f', 2));
  }
  return QCoreApplication::translate("visual_style", "%1 TFLOPS").arg(locale.toString(tflops, 'f', 0));
}

}  // namespace visual_style
