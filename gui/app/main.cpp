// archipelago [PROJECT]: the desktop console.

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTranslator>

#include "app/MainWindow.h"
#include "archipelago/BuildInfo.h"
#include "bridge/ProjectDocument.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("Archipelago");
  QApplication::setOrganizationName("Archipelago");
  QApplication::setApplicationVersion(archi::build::kVersion);

  QTranslator translator;
  if (translator.load(QLocale(), "archipelago", "_", ":/i18n")) QApplication::installTranslator(&translator);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Train one model across several datacenters with mixed GPUs"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("project", QApplication::translate("main", "Project file to open (*.archipelago.json)"));
  parser.process(app);

  ProjectDocument document;
  document.loadCatalog();
  document.newProject();
  MainWindow window(document);
  window.show();
  if (!parser.positionalArguments().isEmpty()) window.openProject(parser.positionalArguments().constFirst());
  return QApplication::exec();
}
