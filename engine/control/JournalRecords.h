#pragma once
// The records a worker appends to its journal, one JSON object per line with a "kind":
//   step        one inner step of one worker (loss, tokens, compute / intra / inter / idle ms)
//   round       one DiLoCo outer round as seen by a datacenter leader (bytes on wire, ...)
//   validation  a validation loss measured by a datacenter leader
//   event       something an operator should read (level, source, text)
//   sample      generated text
//   checkpoint  a checkpoint written
//   link        a leader's WAN traffic to one peer datacenter over one outer round
// Writers build them with these helpers; the collector converts them back into store rows.

#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"
#include "store/RunStore.h"

namespace archi::journal {

nlohmann::json stepRecord(const StepMetric& metric);
nlohmann::json roundRecord(const OuterRound& round);
nlohmann::json validationRecord(const ValidationRecord& record);
nlohmann::json eventRecord(const EventRecord& event);
nlohmann::json sampleRecord(const SampleRecord& sample);
nlohmann::json checkpointRecord(const CheckpointRecord& checkpoint);
nlohmann::json linkRecord(const LinkSample& sample);

using Record = std::variant<StepMetric, OuterRound, ValidationRecord, EventRecord, SampleRecord, CheckpointRecord, LinkSample>;

// Converts a journal line for run `runId`; a record of unknown kind or with missing/mistyped
// fields is reported in `problems` (prefixed by `where`) and yields nullopt.
std::optional<Record> parseRecord(const nlohmann::json& line, std::int64_t runId, const std::string& where,
                                  Diagnostics& problems);

}  // namespace archi::journal
