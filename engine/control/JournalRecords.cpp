#include "control/JournalRecords.h"

#include <limits>

#include "core/JsonFieldReader.h"
#include "core/RunEvent.h"

namespace archi::journal {

nlohmann::json stepRecord(const StepMetric& m) {
  return {{"kind", "step"},       {"worker", m.worker_id},     {"step", m.step},         {"wall_time_s", m.wall_time_s},
          {"tokens", m.tokens},   {"loss", m.loss},            {"compute_ms", m.compute_ms}, {"intra_ms", m.intra_ms},
          {"inter_ms", m.inter_ms}, {"idle_ms", m.idle_ms}};
}

nlohmann::json roundRecord(const OuterRound& r) {
  return {{"kind", "round"},         {"datacenter", r.datacenter_id}, {"round", r.round},
          {"wall_time_s", r.wall_time_s}, {"inner_steps", r.inner_steps}, {"tokens", r.tokens},
          {"bytes_on_wire", r.bytes_on_wire}, {"compression_ratio", r.compression_ratio},
          {"duration_ms", r.duration_ms}, {"participants", r.participants}};
}

nlohmann::json validationRecord(const ValidationRecord& v) {
  return {{"kind", "validation"}, {"datacenter", v.datacenter_id}, {"step", v.step}, {"round", v.round},
          {"wall_time_s", v.wall_time_s}, {"tokens", v.tokens}, {"loss", v.loss}};
}

nlohmann::json eventRecord(const EventRecord& e) {
  nlohmann::json fields = nlohmann::json::parse(e.fields, nullptr, false);
  if (fields.is_discarded() || !fields.is_object()) fields = nlohmann::json::object();
  return {{"kind", "event"}, {"wall_time_s", e.wall_time_s}, {"level", e.level}, {"source", e.source},
          {"text", e.text},  {"event", e.kind},            {"fields", std::move(fields)}};
}

nlohmann::json sampleRecord(const SampleRecord& s) {
  return {{"kind", "sample"}, {"step", s.step}, {"prompt", s.prompt}, {"text", s.text}};
}

nlohmann::json linkRecord(const LinkSample& l) {
  return {{"kind", "link"}, {"from", l.link_a}, {"to", l.link_b}, {"wall_time_s", l.wall_time_s}, {"bytes", l.bytes},
          {"mbit_per_s", l.mbit_per_s}, {"rtt_ms", l.rtt_ms}};
}

nlohmann::json checkpointRecord(const CheckpointRecord& c) {
  return {{"kind", "checkpoint"}, {"step", c.step}, {"path", c.path}, {"sha256", c.sha256},
          {"bytes", c.bytes}, {"created_at_s", c.created_at_s}};
}

std::optional<Record> parseRecord(const nlohmann::json& line, std::int64_t runId, const std::string& where,
                                  Diagnostics& problems) {
  Diagnostics local;
  JsonObjectReader r(line, "", local);
  const std::string kind = r.string("kind", Presence::Required).value_or("");
  const auto integer = [&](const char* key) { return r.integer(key, Presence::Required).value_or(0); };
  const auto number = [&](const char* key) { return r.number(key, Presence::Required).value_or(0.0); };
  const auto text = [&](const char* key) { return r.string(key, Presence::Required).value_or(""); };
  std::optional<Record> record;
  if (kind == "step") {
    // A diverged loss (NaN, infinity) is written as null: it is data, not a malformed line.
    const double loss = r.isNull("loss") ? std::numeric_limits<double>::quiet_NaN() : number("loss");
    record = StepMetric{runId, text("worker"), integer("step"), number("wall_time_s"), integer("tokens"), loss,
                        number("compute_ms"), number("intra_ms"), number("inter_ms"), number("idle_ms")};
  } else if (kind == "round") {
    const std::int64_t participants = integer("participants");
    if (participants < 0 || participants > std::numeric_limits<int>::max()) local.error("/participants", "is out of range");
    record = OuterRound{runId, integer("round"), text("datacenter"), number("wall_time_s"), integer("inner_steps"),
                        integer("tokens"), integer("bytes_on_wire"), number("compression_ratio"), number("duration_ms"),
                        static_cast<int>(participants)};
  } else if (kind == "validation") {
    record = ValidationRecord{runId, text("datacenter"), integer("step"), integer("round"), number("wall_time_s"),
                              integer("tokens"), number("loss")};
  } else if (kind == "event") {
    EventRecord event{runId, number("wall_time_s"), text("level"), text("source"), text("text")};
    // The store accepts only these levels (a CHECK constraint): anything else is a bad record here.
    const bool levelIsText = line.is_object() && line.contains("level") && line["level"].is_string();
    if (levelIsText && !parseEventLevel(event.level)) {
      local.error("/level", "must be debug, info, warning or error (got \"" + event.level.substr(0, 32) + "\")");
    }
    // Kind and fields arrived with typed events; a journal written before them has neither.
    event.kind = r.string("event", Presence::Optional).value_or("note");
    if (const nlohmann::json* fields = r.object("fields", Presence::Optional)) event.fields = fields->dump();
    record = std::move(event);
  } else if (kind == "sample") {
    record = SampleRecord{runId, integer("step"), text("prompt"), text("text")};
  } else if (kind == "checkpoint") {
    record = CheckpointRecord{runId, integer("step"), text("path"), text("sha256"), integer("bytes"), number("created_at_s")};
  } else if (kind == "link") {
    record = LinkSample{runId, text("from"), text("to"), number("wall_time_s"), integer("bytes"), number("mbit_per_s"),
                        number("rtt_ms")};
  } else if (!kind.empty()) {
    local.error("/kind", "unknown record kind \"" + kind + "\"");
  }
  r.rejectUnknownKeys();
  if (local.hasErrors()) {
    // One problem per bad line, listing what is wrong with it.
    std::string message = where + ": record skipped:";
    for (const Diagnostic& d : local.all()) message += " " + (d.pointer.empty() ? "/" : d.pointer) + " " + d.message + ";";
    message.pop_back();
    problems.error("", message);
    return std::nullopt;
  }
  return record;
}

}  // namespace archi::journal
