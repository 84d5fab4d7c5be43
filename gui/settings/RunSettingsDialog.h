#pragma once
// Run > Run Settings…: the run's model shape, corpus, token budget, sync mode, wire format,
// inner steps, outer optimiser and validation interval, edited on a copy of the project and
// validated as the project is (engine/core/ProjectValidator): each problem whose JSON pointer
// falls on a field is shown under that field, and OK stays disabled while any is an error.
// Applying is one undoable edit of the project document (applyRunSpec).

#include <QDialog>
#include <QHash>

#include "core/GpuCatalog.h"
#include "core/Project.h"

class ProjectDocument;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

class RunSettingsDialog : public QDialog {
  Q_OBJECT

 public:
  RunSettingsDialog(const archi::Project& project, const archi::GpuCatalog& catalog, QWidget* parent = nullptr);

  // The run as the fields hold it now (fields the dialog does not show keep the project's values).
  archi::RunSpec runSpec() const;
  // The problem shown under the field at this JSON pointer ("/run/train/inner_steps"); empty when none.
  QString problemAt(const QString& pointer) const;
  // The input widget for a pointer (tests and focus on the first error).
  QWidget* field(const QString& pointer) const { return fields_.value(pointer); }
  QPushButton* okButton() const;

  // Replaces the document's run by `run` as one undoable step; false when nothing changed.
  static bool applyRunSpec(ProjectDocument& document, const archi::RunSpec& run);

 private:
  void addRow(class QFormLayout* form, const QString& label, const QString& pointer, QWidget* input, const QString& hint);
  void loadValues(const archi::RunSpec& run);
  void presetChosen(int index);
  void refreshPreset();
  void revalidate();

  archi::Project project_;
  const archi::GpuCatalog& catalog_;
  QComboBox* preset_ = nullptr;
  QLabel* modelSummary_ = nullptr;
  QSpinBox* layers_ = nullptr;
  QSpinBox* heads_ = nullptr;
  QSpinBox* dim_ = nullptr;
  QSpinBox* context_ = nullptr;
  QLineEdit* corpus_ = nullptr;
  QLineEdit* tokens_ = nullptr;
  QComboBox* sync_ = nullptr;
  QComboBox* compression_ = nullptr;
  QSpinBox* innerSteps_ = nullptr;
  QDoubleSpinBox* outerLr_ = nullptr;
  QDoubleSpinBox* outerMomentum_ = nullptr;
  QSpinBox* validateEvery_ = nullptr;
  QLabel* otherProblems_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QHash<QString, QWidget*> fields_;   // by JSON pointer
  QHash<QString, QLabel*> problems_;  // the label under each field, by the same pointer
  bool loading_ = false;
};
