#include "settings/RunSettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <array>
#include <limits>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"
#include "core/Diagnostic.h"
#include "core/ModelMemory.h"
#include "core/ProjectValidator.h"

namespace {

// Model shapes offered by name. The engine builds any shape validateModelConfig accepts; these
// are the sizes the demos and benchmarks use, smallest first, so an operator need not know
// which dims divide by which head counts.
struct ModelPreset {
  const char* name;
  int layers;
  int heads;
  int dim;
  int context;
};
constexpr std::array<ModelPreset, 5> kPresets{{
    {QT_TRANSLATE_NOOP("RunSettingsDialog", "Demo"), 2, 4, 128, 128},
    {QT_TRANSLATE_NOOP("RunSettingsDialog", "Tiny"), 4, 4, 256, 256},
    {QT_TRANSLATE_NOOP("RunSettingsDialog", "Small"), 6, 6, 384, 256},
    {QT_TRANSLATE_NOOP("RunSettingsDialog", "Medium"), 8, 8, 512, 512},
    {QT_TRANSLATE_NOOP("RunSettingsDialog", "Large"), 12, 12, 768, 1024},
}};

// Pointers of the fields, as validateRunSpec and validateProject name them.
const QString kModel = QStringLiteral("/run/model");
const QString kLayers = QStringLiteral("/run/model/layers");
const QString kHeads = QStringLiteral("/run/model/heads");
const QString kDim = QStringLiteral("/run/model/dim");
const QString kContext = QStringLiteral("/run/model/context");
const QString kCorpus = QStringLiteral("/run/data/corpus");
const QString kTokens = QStringLiteral("/run/train/tokens");
const QString kSync = QStringLiteral("/run/train/sync");
const QString kCompression = QStringLiteral("/run/train/compression");
const QString kInnerSteps = QStringLiteral("/run/train/inner_steps");
const QString kOuterLr = QStringLiteral("/run/train/outer_lr");
const QString kOuterMomentum = QStringLiteral("/run/train/outer_momentum");
const QString kValidateEvery = QStringLiteral("/run/train/validate_every_rounds");

QSpinBox* intField(int minimum, int maximum) {
  auto* box = new QSpinBox;
  box->setRange(minimum, maximum);
  box->setGroupSeparatorShown(true);
  box->setAlignment(Qt::AlignRight);
  return box;
}

QDoubleSpinBox* realField(double minimum, double maximum, double step) {
  auto* box = new QDoubleSpinBox;
  box->setRange(minimum, maximum);
  box->setDecimals(3);
  box->setSingleStep(step);
  box->setAlignment(Qt::AlignRight);
  return box;
}

}  // namespace

RunSettingsDialog::RunSettingsDialog(const archi::Project& project, const archi::GpuCatalog& catalog, QWidget* parent)
    : QDialog(parent), project_(project), catalog_(catalog) {
  setObjectName("runSettingsDialog");
  setWindowTitle(tr("Run Settings — %1").arg(QString::fromStdString(project.name)));
  auto* layout = new QVBoxLayout(this);

  // The ranges are wider than the valid values on purpose: the validator, not the spin box,
  // says what is wrong (the same sentence the Problems panel and `archi validate` give).
  auto* modelBox = new QGroupBox(tr("Model"));
  auto* model = new QFormLayout(modelBox);
  preset_ = new QComboBox;
  preset_->setObjectName("modelPreset");
  for (const ModelPreset& p : kPresets) preset_->addItem(tr(p.name));
  preset_->addItem(tr("Custom"));
  modelSummary_ = new QLabel;
  modelSummary_->setObjectName("modelSummary");
  auto* presetRow = new QWidget;
  auto* presetLayout = new QHBoxLayout(presetRow);
  presetLayout->setContentsMargins(0, 0, 0, 0);
  presetLayout->addWidget(preset_);
  presetLayout->addWidget(modelSummary_, 1);
  addRow(model, tr("&Size:"), kModel, presetRow, tr("A named shape, or Custom when the fields below differ from every one"));
  fields_.insert(kModel, preset_);
  layers_ = intField(-1, 1024);
  heads_ = intField(-1, 1024);
  dim_ = intField(-1, 65536);
  context_ = intField(-1, 65536);
  addRow(model, tr("&Layers:"), kLayers, layers_, tr("Transformer blocks"));
  addRow(model, tr("&Heads:"), kHeads, heads_, tr("Attention heads; the width must divide by them"));
  addRow(model, tr("&Width:"), kDim, dim_, tr("Model dimension (channels)"));
  addRow(model, tr("Conte&xt:"), kContext, context_, tr("Sequence length in tokens"));
  layout->addWidget(modelBox);

  auto* dataBox = new QGroupBox(tr("Data and budget"));
  auto* data = new QFormLayout(dataBox);
  corpus_ = new QLineEdit;
  auto* browse = new QToolButton;
  browse->setText(tr("…"));
  browse->setToolTip(tr("Choose a text file for the corpus"));
  auto* corpusRow = new QWidget;
  auto* corpusLayout = new QHBoxLayout(corpusRow);
  corpusLayout->setContentsMargins(0, 0, 0, 0);
  corpusLayout->addWidget(corpus_, 1);
  corpusLayout->addWidget(browse);
  addRow(data, tr("&Corpus:"), kCorpus, corpusRow, tr("A text file or a folder of text files"));
  fields_.insert(kCorpus, corpus_);
  tokens_ = new QLineEdit;
  tokens_->setAlignment(Qt::AlignRight);
  addRow(data, tr("&Token budget:"), kTokens, tokens_, tr("Tokens the whole run trains on, over every datacenter"));
  layout->addWidget(dataBox);

  auto* syncBox = new QGroupBox(tr("Synchronisation"));
  auto* sync = new QFormLayout(syncBox);
  sync_ = new QComboBox;
  sync_->addItem(tr("DiLoCo — outer rounds over the WAN"), int(archi::SyncMode::DiLoCo));
  sync_->addItem(tr("DDP — every step over the WAN"), int(archi::SyncMode::Ddp));
  addRow(sync, tr("S&ync mode:"), kSync, sync_, tr("diloco: datacenters train H steps alone, then average; ddp: all-reduce every step"));
  compression_ = new QComboBox;
  compression_->addItem(tr("int8 (¼ of fp32, with error feedback)"), int(archi::Compression::Int8));
  compression_->addItem(tr("bf16 (½ of fp32)"), int(archi::Compression::Bf16));
  compression_->addItem(tr("fp32 (uncompressed)"), int(archi::Compression::Fp32));
  addRow(sync, tr("&Wire format:"), kCompression, compression_, tr("How pseudo-gradients travel over the WAN"));
  innerSteps_ = intField(-1, 1'000'000);
  addRow(sync, tr("&Inner steps (H):"), kInnerSteps, innerSteps_, tr("Steps of the fastest datacenter per outer round"));
  outerLr_ = realField(-10.0, 10.0, 0.05);
  addRow(sync, tr("Outer &learning rate:"), kOuterLr, outerLr_, tr("Nesterov step on the averaged pseudo-gradient"));
  outerMomentum_ = realField(-1.0, 2.0, 0.05);
  addRow(sync, tr("Outer &momentum:"), kOuterMomentum, outerMomentum_, tr("In [0, 1)"));
  validateEvery_ = intField(-1, 100'000);
  connect(validateEvery_, &QSpinBox::valueChanged, this, [this](int rounds) { validateEvery_->setSuffix(rounds == 1 ? tr(" round") : tr(" rounds")); });
  addRow(sync, tr("&Validate every:"), kValidateEvery, validateEvery_,
         tr("Validation loss on the held-out set every N outer rounds (ddp: every N × H steps), and at the end"));
  layout->addWidget(syncBox);

  otherProblems_ = new QLabel;
  otherProblems_->setObjectName("otherProblems");
  otherProblems_->setWordWrap(true);
  otherProblems_->hide();
  layout->addWidget(otherProblems_);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Reset);
  buttons_->button(QDialogButtonBox::Reset)->setText(tr("&Revert"));
  buttons_->button(QDialogButtonBox::Reset)->setToolTip(tr("Show the project's current settings again"));
  layout->addWidget(buttons_);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons_->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, [this] { loadValues(project_.run); });
  connect(browse, &QToolButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Corpus"), corpus_->text());
    if (!file.isEmpty()) corpus_->setText(file);
  });

  connect(preset_, &QComboBox::activated, this, &RunSettingsDialog::presetChosen);
  for (QSpinBox* box : {layers_, heads_, dim_, context_}) {
    connect(box, &QSpinBox::valueChanged, this, [this] {
      refreshPreset();
      revalidate();
    });
  }
  for (QSpinBox* box : {innerSteps_, validateEvery_}) connect(box, &QSpinBox::valueChanged, this, &RunSettingsDialog::revalidate);
  for (QDoubleSpinBox* box : {outerLr_, outerMomentum_}) connect(box, &QDoubleSpinBox::valueChanged, this, &RunSettingsDialog::revalidate);
  for (QLineEdit* edit : {corpus_, tokens_}) connect(edit, &QLineEdit::textChanged, this, &RunSettingsDialog::revalidate);
  for (QComboBox* box : {sync_, compression_}) connect(box, &QComboBox::currentIndexChanged, this, &RunSettingsDialog::revalidate);
  loadValues(project_.run);
}

void RunSettingsDialog::addRow(QFormLayout* form, const QString& label, const QString& pointer, QWidget* input,
                               const QString& hint) {
  auto* cell = new QWidget;
  auto* column = new QVBoxLayout(cell);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(2);
  column->addWidget(input);
  auto* problem = new QLabel;
  problem->setObjectName(QStringLiteral("problem:") + pointer);
  problem->setWordWrap(true);
  problem->hide();
  column->addWidget(problem);
  input->setToolTip(hint);
  input->setStatusTip(hint);
  form->addRow(label, cell);
  if (auto* buddy = qobject_cast<QLabel*>(form->labelForField(cell))) buddy->setBuddy(input);
  fields_.insert(pointer, input);
  problems_.insert(pointer, problem);
}

void RunSettingsDialog::loadValues(const archi::RunSpec& run) {
  loading_ = true;
  layers_->setValue(run.model.layers);
  heads_->setValue(run.model.heads);
  dim_->setValue(run.model.dim);
  context_->setValue(run.model.context);
  corpus_->setText(QString::fromStdString(run.data.corpus));
  tokens_->setText(QLocale().toString(qint64(run.train.tokens)));
  sync_->setCurrentIndex(sync_->findData(int(run.train.sync)));
  compression_->setCurrentIndex(compression_->findData(int(run.train.compression)));
  innerSteps_->setValue(run.train.inner_steps);
  outerLr_->setValue(run.train.outer_lr);
  outerMomentum_->setValue(run.train.outer_momentum);
  validateEvery_->setValue(run.train.validate_every_rounds);
  loading_ = false;
  refreshPreset();
  revalidate();
}

archi::RunSpec RunSettingsDialog::runSpec() const {
  archi::RunSpec run = project_.run;
  run.model.layers = layers_->value();
  run.model.heads = heads_->value();
  run.model.dim = dim_->value();
  run.model.context = context_->value();
  run.data.corpus = corpus_->text().trimmed().toStdString();
  // Accept the locale's separators ("1,500,000", "1.500.000") and plain digits alike.
  bool ok = false;
  const qint64 tokens = QLocale().toLongLong(tokens_->text().trimmed(), &ok);
  run.train.tokens = ok ? tokens : QLocale::c().toLongLong(tokens_->text().trimmed(), &ok);
  if (!ok) run.train.tokens = 0;
  run.train.sync = archi::SyncMode(sync_->currentData().toInt());
  run.train.compression = archi::Compression(compression_->currentData().toInt());
  run.train.inner_steps = innerSteps_->value();
  run.train.outer_lr = outerLr_->value();
  run.train.outer_momentum = outerMomentum_->value();
  run.train.validate_every_rounds = validateEvery_->value();
  return run;
}

void RunSettingsDialog::presetChosen(int index) {
  if (index < 0 || index >= int(kPresets.size())) return;  // Custom: keep the fields as they are
  const ModelPreset& p = kPresets[std::size_t(index)];
  loading_ = true;
  layers_->setValue(p.layers);
  heads_->setValue(p.heads);
  dim_->setValue(p.dim);
  context_->setValue(p.context);
  loading_ = false;
  refreshPreset();
  revalidate();
}

void RunSettingsDialog::refreshPreset() {
  if (loading_) return;
  int match = int(kPresets.size());
  for (std::size_t i = 0; i < kPresets.size(); ++i) {
    const ModelPreset& p = kPresets[i];
    if (p.layers == layers_->value() && p.heads == heads_->value() && p.dim == dim_->value() && p.context == context_->value()) {
      match = int(i);
    }
  }
  preset_->setCurrentIndex(match);
  const archi::ModelConfig model = runSpec().model;
  if (model.layers > 0 && model.dim > 0 && model.context > 0) {
    const double millions = double(archi::parameterCount(model)) / 1e6;
    modelSummary_->setText(tr("%1 M parameters · %2 per device to train")
                               .arg(QLocale().toString(millions, 'f', 2), visual_style::formatBytes(double(archi::trainingBytesPerDevice(model)))));
  } else {
    modelSummary_->clear();
  }
}

void RunSettingsDialog::revalidate() {
  if (loading_) return;
  archi::Project edited = project_;
  edited.run = runSpec();
  archi::Diagnostics diagnostics;
  archi::validateProject(edited, catalog_, diagnostics);
  const bool tokensReadable = [&] {
    bool ok = false;
    QLocale().toLongLong(tokens_->text().trimmed(), &ok);
    if (!ok) QLocale::c().toLongLong(tokens_->text().trimmed(), &ok);
    return ok;
  }();
  if (!tokensReadable) diagnostics.error(kTokens.toStdString(), "must be a whole number of tokens");

  QHash<QString, QStringList> shown;
  QSet<QString> withErrors;
  QStringList elsewhere;
  bool errors = false;
  for (const archi::Diagnostic& d : diagnostics.all()) {
    const QString pointer = QString::fromStdString(d.pointer);
    // Problems of the topology are not this dialog's to fix (and do not block changing the run).
    if (!pointer.startsWith(QStringLiteral("/run"))) continue;
    const bool error = d.severity == archi::Severity::Error;
    errors = errors || error;
    // The deepest field whose pointer holds the problem's: /run/model/dim → the width field.
    QString owner;
    for (auto it = problems_.constBegin(); it != problems_.constEnd(); ++it) {
      const QString& field = it.key();
      if ((pointer == field || pointer.startsWith(field + '/')) && field.size() > owner.size()) owner = field;
    }
    const QString line = (error ? tr("Error: %1") : tr("Warning: %1")).arg(QString::fromStdString(d.message));
    if (owner.isEmpty()) {
      elsewhere.append(QStringLiteral("%1: %2").arg(pointer, line));
    } else {
      shown[owner].append(line);
      if (error) withErrors.insert(owner);
    }
  }
  for (auto it = problems_.constBegin(); it != problems_.constEnd(); ++it) {
    QLabel* label = it.value();
    const QStringList lines = shown.value(it.key());
    const bool anyError = withErrors.contains(it.key());
    label->setText(lines.join('\n'));
    label->setVisible(!lines.isEmpty());
    // Colour repeats what the "Error:" / "Warning:" word already says.
    label->setStyleSheet(QStringLiteral("color: %1").arg((anyError ? visual_style::errorColor() : visual_style::warningColor()).name()));
    fields_.value(it.key())->setProperty("hasProblem", !lines.isEmpty());
  }
  otherProblems_->setText(elsewhere.join('\n'));
  otherProblems_->setVisible(!elsewhere.isEmpty());
  okButton()->setEnabled(!errors);
  okButton()->setToolTip(errors ? tr("Fix the errors shown under the fields first") : QString());
}

QString RunSettingsDialog::problemAt(const QString& pointer) const {
  const QLabel* label = problems_.value(pointer);
  return label && !label->isHidden() ? label->text() : QString();
}

QPushButton* RunSettingsDialog::okButton() const { return buttons_->button(QDialogButtonBox::Ok); }

bool RunSettingsDialog::applyRunSpec(ProjectDocument& document, const archi::RunSpec& run) {
  if (!document.project() || document.project()->run == run) return false;
  archi::Project after = *document.project();
  after.run = run;
  document.applyEdit(tr("Change Run Settings"), after);
  return true;
}
