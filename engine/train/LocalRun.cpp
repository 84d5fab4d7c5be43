#include "train/LocalRun.h"

#include <fmt/core.h>

#include <algorithm>
#include <stdexcept>

#include "data/ByteTokenizer.h"
#include "data/Corpus.h"
#include "data/ShardedSampler.h"
#include "data/TokenDataset.h"
#include "model/ModelShape.h"
#include "model/TextSampler.h"
#include "model/cpu/CpuBackend.h"
#include "train/Checkpoint.h"
#include "train/Validation.h"

namespace archi {

LocalRunResult runLocalTraining(const LocalRunOptions& options, const LocalRunCallbacks& callbacks) {
  auto info = [&](const std::string& text) {
    if (callbacks.info) callbacks.info(text);
  };
  const ModelConfig& config = options.spec.model;
  if (const std::string problem = validateModelConfig(config); !problem.empty())
    throw std::runtime_error("model: " + problem);
  if (config.vocab != ByteTokenizer::kVocab)
    throw std::runtime_error(fmt::format("model: vocab must be {} for the byte tokenizer (got {})",
                                         ByteTokenizer::kVocab, config.vocab));
  if (options.batchSequences < 1) throw std::runtime_error("batch must be at least one sequence");

  CorpusLoad corpus = loadCorpus(options.spec.data.corpus);
  if (!corpus.corpus) throw std::runtime_error("corpus: " + corpus.error);
  const std::size_t fileCount = corpus.corpus->files.size();
  std::string error;
  std::optional<TokenDataset> data =
      TokenDataset::create(std::move(corpus.corpus->bytes), config.context, options.spec.data.val_frac, error);
  if (!data) throw std::runtime_error("corpus: " + error);
  info(fmt::format("corpus {}: {} files, {} bytes, {} training and {} validation sequences of {} tokens",
                   options.spec.data.corpus, fileCount, data->tokenCount(), data->trainSequences().size(),
                   data->validationSequences().size(), config.context));

  const std::int64_t tokensPerStep = static_cast<std::int64_t>(options.batchSequences) * config.context;
  std::int64_t totalSteps = std::max<std::int64_t>(1, (options.spec.train.tokens + tokensPerStep - 1) / tokensPerStep);
  OptimizerOptions optimizer;
  optimizer.schedule.peak = options.spec.train.lr;
  optimizer.schedule.totalSteps = totalSteps;
  optimizer.schedule.warmupSteps =
      options.warmupSteps >= 0 ? options.warmupSteps : std::min<std::int64_t>(200, std::max<std::int64_t>(1, totalSteps / 20));
  optimizer.weightDecay = options.weightDecay;
  optimizer.gradClip = options.gradClip;

  cpu::CpuBackend backend(options.threads);
  Trainer trainer(backend, config, optimizer, options.batchSequences, options.spec.seed);
  ShardedSampler sampler =
      ShardedSampler::equal(data->trainSequences(), options.spec.seed, 1, 0, options.batchSequences);
  Rng rng(options.spec.seed ^ 0xA5A5A5A5ull);
  info(fmt::format("model {}: {} parameters; backend {}; {} steps of {} tokens (budget {} tokens)",
                   describeModelConfig(config), trainer.parameterCount(), backend.name(), totalSteps, tokensPerStep,
                   options.spec.train.tokens));

  if (!options.resumeFrom.empty()) {
    CheckpointLoad load = loadCheckpoint(options.resumeFrom, &config);
    if (!load.state) throw std::runtime_error("resume: " + load.error);
    if (load.state->seed != options.spec.seed)
      throw std::runtime_error(fmt::format("resume: {}: incompatible: checkpoint was trained with seed {}, this run uses {}",
                                           options.resumeFrom.string(), load.state->seed, options.spec.seed));
    restoreCheckpoint(trainer, *load.state);
    sampler.setCursor(load.state->cursor);
    rng.setState(load.state->rng);
    info(fmt::format("resumed from {} at step {}", options.resumeFrom.string(), trainer.stepsDone()));
  }

  const std::int64_t lastStep = options.maxSteps >= 0 ? std::min(totalSteps, options.maxSteps) : totalSteps;
  auto saveTo = [&](const std::filesystem::path& path) {
    saveCheckpoint(path, captureCheckpoint(trainer, options.spec.seed, sampler.cursor(), rng));
    if (callbacks.checkpoint) callbacks.checkpoint(trainer.stepsDone(), path);
  };

  LocalRunResult result;
  Batch batch;
  Batch evalBatch;
  const bool haveValidation = !data->validationSequences().empty();
  bool validatedOnce = false;
  auto validate = [&] {
    if (!haveValidation) return;
    const double loss = validationLoss(trainer, *data, options.batchSequences, options.validationBatches, evalBatch);
    if (!validatedOnce) result.firstValidationLoss = loss;
    validatedOnce = true;
    result.lastValidationLoss = loss;
    if (callbacks.validation) callbacks.validation(trainer.stepsDone(), loss);
  };

  if (trainer.stepsDone() == 0) validate();
  while (trainer.stepsDone() < lastStep) {
    data->fill(sampler.next(), batch);
    const StepStats stats = trainer.step(batch);
    if (callbacks.step) callbacks.step(stats, totalSteps);
    const bool last = trainer.stepsDone() == lastStep;
    if (!last && options.validateEvery > 0 && trainer.stepsDone() % options.validateEvery == 0) validate();
    if (!last && !options.checkpointPath.empty() && options.checkpointEvery > 0 &&
        trainer.stepsDone() % options.checkpointEvery == 0)
      saveTo(options.checkpointPath);
  }
  validate();
  if (!options.checkpointPath.empty()) saveTo(options.checkpointPath);
  result.steps = trainer.stepsDone();

  if (options.sampleTokens > 0) {
    SampleOptions sampling;
    sampling.tokens = options.sampleTokens;
    sampling.temperature = options.sampleTemperature;
    sampling.topK = options.sampleTopK;
    Rng sampleRng = rng;  // the saved state stays that of the training loop
    const std::vector<std::int32_t> generated =
        generateTokens(trainer.model(), ByteTokenizer::encode(options.samplePrompt), sampling, sampleRng);
    result.sample = options.samplePrompt + ByteTokenizer::decode(generated);
    if (callbacks.sample) callbacks.sample(result.sample);
  }
  return result;
}

}  // namespace archi
