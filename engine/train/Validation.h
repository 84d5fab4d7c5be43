#pragma once
// Validation loss: the mean nats per token over the first batches of the validation split,
// the same sequences every time so that losses are comparable across steps and runs.

#include "data/TokenDataset.h"
#include "train/Trainer.h"

namespace archi {

double validationLoss(Trainer& trainer, const TokenDataset& data, int batchSequences, int batches, Batch& scratch);

}  // namespace archi
