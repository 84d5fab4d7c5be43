#include "core/JsonSyntax.h"

#include <set>
#include <vector>

#include "core/JsonPointer.h"

namespace archi {
namespace {

// Tracks where the parser is, so a repeated key can be named by its pointer.
class DuplicateKeyTracker {
 public:
  explicit DuplicateKeyTracker(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  bool onEvent(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
        enterValue();
        frames_.push_back(Frame{false, 0, {}, {}, currentPointer()});
        break;
      case Event::array_start:
        enterValue();
        frames_.push_back(Frame{true, 0, {}, {}, currentPointer()});
        break;
      case Event::key: {
        Frame& frame = frames_.back();
        frame.pendingKey = parsed.get<std::string>();
        if (!frame.keys.insert(frame.pendingKey).second) {
          diagnostics_.error(pointerChild(frame.pointer, frame.pendingKey),
                             "duplicate key \"" + frame.pendingKey + "\" (only one may appear)");
        }
        break;
      }
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        break;
      case Event::value:
        enterValue();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool isArray = false;
    std::size_t nextIndex = 0;
    std::string pendingKey;
    std::set<std::string> keys;
    std::string pointer;
  };

  // Called when a value starts: inside an array it takes the next index.
  void enterValue() {
    if (frames_.empty()) {
      valuePointer_.clear();
      return;
    }
    Frame& frame = frames_.back();
    valuePointer_ = frame.isArray ? pointerChild(frame.pointer, frame.nextIndex++)
                                  : pointerChild(frame.pointer, frame.pendingKey);
  }
  std::string currentPointer() const { return valuePointer_; }

  Diagnostics& diagnostics_;
  std::vector<Frame> frames_;
  std::string valuePointer_;
};

std::string describeOffset(const std::string& text, std::size_t byteOffset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < byteOffset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
         std::to_string(byteOffset) + ")";
}

}  // namespace

std::optional<nlohmann::json> parseJsonDocument(const std::string& text, Diagnostics& diagnostics) {
  DuplicateKeyTracker tracker(diagnostics);
  try {
    return nlohmann::json::parse(
        text, [&tracker](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return tracker.onEvent(event, parsed);
        });
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 1, column 2: "
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    diagnostics.error("", "not valid JSON at " + describeOffset(text, offset) + ": " + what);
    return std::nullopt;
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double (1e999) is out_of_range.406, not a parse_error.
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
    diagnostics.error("", "not valid JSON: " + what);
    return std::nullopt;
  }
}

}  // namespace archi
