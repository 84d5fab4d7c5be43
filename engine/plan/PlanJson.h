#pragma once
// A plan as JSON: stored beside each run (run_plans) so reports can put predicted next to
// measured figures, and read by the console's plan view.

#include <nlohmann/json.hpp>

#include "plan/Planner.h"

namespace archi {

nlohmann::ordered_json planToJson(const Plan& plan);

}  // namespace archi
