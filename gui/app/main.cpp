// archipelago [PROJECT]: the desktop console.

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

#include <algorithm>
#include <cstring>

#include "app/MainWindow.h"
#include "archipelago/BuildInfo.h"
#include "bridge/ProjectDocument.h"
#include "ReportPdfMode.h"
#include "monitor/ConsoleBench.h"

namespace {

// The language named by --lang CODE or --lang=CODE; empty: the system's (QLocale() reads
// LC_ALL, LC_MESSAGES and LANG, and its uiLanguages(), which pick the translation, LANGUAGE).
QString requestedLanguage(const QStringList& arguments) {
  for (qsizetype i = 1; i < arguments.size(); ++i) {
    const QString& argument = arguments.at(i);
    if (argument == QLatin1String("--lang") && i + 1 < arguments.size()) return arguments.at(i + 1);
    if (argument.startsWith(QLatin1String("--lang="))) return argument.mid(7);
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  // Hidden mode for `archi bench console`: no window of its own, so no display is needed.
  const auto hasFlag = [&](const char* flag) {
    return std::any_of(argv + 1, argv + argc, [flag](const char* a) { return std::strcmp(a, flag) == 0; });
  };
  const bool bench = hasFlag("--bench-console");
  // Hidden mode for `archi report --pdf`: print a stored run's report, then exit.
  const bool reportPdf = hasFlag("--report-pdf");
  if ((bench || reportPdf) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  if (bench) return runConsoleBench(QApplication::arguments());
  if (reportPdf) return archi::report_pdf::runReportPdfMode(argc, argv);
  QApplication::setApplicationName("Archipelago");
  QApplication::setOrganizationName("Archipelago");
  QApplication::setApplicationVersion(archi::build::kVersion);
  // The desktop entry's name, so that window managers match the window to its entry and icon.
  QGuiApplication::setDesktopFileName(QStringLiteral("archipelago"));
  QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("archipelago"), QIcon(QStringLiteral(":/icons/archipelago.svg"))));

  // The language is chosen before the parser's own texts are made, so --help speaks it too.
  const QString language = requestedLanguage(QApplication::arguments());
  // Digits, separators and dates of every formatter follow the chosen language too.
  if (!language.isEmpty()) QLocale::setDefault(QLocale(language));
  QTranslator translator;
  if (translator.load(QLocale(), "archipelago", "_", ":/i18n")) QApplication::installTranslator(&translator);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Train one model across several datacenters with mixed GPUs"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addOption(QCommandLineOption(
      "lang", QApplication::translate("main", "Language of the console, e.g. zh_CN or it (default: the system's, from LANGUAGE, LC_ALL, LANG)"),
      QApplication::translate("main", "code")));
  parser.addPositionalArgument("project", QApplication::translate("main", "Project file to open (*.archipelago.json)"));
  parser.process(app);

  ProjectDocument document;
  QStringList catalogProblems;
  if (!document.loadCatalog()) {
    for (const archi::Diagnostic& d : document.problems().all()) {
      catalogProblems.append(QString::fromStdString(archi::formatDiagnostic("gpu-catalog.json", d)));
    }
  }
  document.newProject();
  MainWindow window(document);
  window.show();
  if (!catalogProblems.isEmpty()) {
    QMessageBox::critical(&window, QApplication::translate("main", "GPU catalog unusable"),
                          QApplication::translate("main", "The GPU catalog could not be loaded, so device types cannot be checked:\n%1\n\n"
                                                          "Fix the file, or unset $ARCHIPELAGO_GPU_CATALOG if it points to a broken one.")
                              .arg(catalogProblems.join('\n')));
  }
  if (!parser.positionalArguments().isEmpty()) window.openProject(parser.positionalArguments().constFirst());
  return QApplication::exec();
}
