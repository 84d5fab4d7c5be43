#include "core/JsonSyntax.h"

#include <vector>

#include "core/JsonPointer.h"

namespace archi {
namespace {

using Json = nlohmann::json;

// Builds the document from nlohmann's SAX events. Unlike its callback parser this keeps no
// pointer string per nesting level (which made a 100 KB file of '[' cost 9.8 GB, issue 15):
// a level is a container and its current key; a pointer is spelled only for a duplicate key.
class DocumentBuilder {
 public:
  DocumentBuilder(std::string_view text, Diagnostics& diagnostics) : text_(text), diagnostics_(diagnostics) {}

  bool null() { return place(Json(nullptr)) != nullptr; }
  bool boolean(bool value) { return place(Json(value)) != nullptr; }
  bool number_integer(Json::number_integer_t value) { return place(Json(value)) != nullptr; }
  bool number_unsigned(Json::number_unsigned_t value) { return place(Json(value)) != nullptr; }
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) { return place(Json(value)) != nullptr; }
  bool string(Json::string_t& value) { return place(Json(std::move(value))) != nullptr; }
  bool binary(Json::binary_t& value) { return place(Json::binary(std::move(value))) != nullptr; }  // not in JSON text

  bool start_object(std::size_t /*elements*/) { return open(Json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& key) {
    Level& level = levels_.back();
    if (level.container->contains(key)) {
      // Once the list is full the problem is only counted: its pointer is not spelled.
      diagnostics_.error(diagnostics_.full() ? std::string() : pointerTo(key),
                         "duplicate key \"" + key + "\" (only one may appear)");
    }
    level.key = std::move(key);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& lastToken, const nlohmann::detail::exception& error) {
    std::string what = error.what();
    std::size_t offset = 0;
    if (error.id >= 100 && error.id < 200) {
      // A parse_error's position is one past the offending character; its text starts
      // "[json.exception.parse_error.101] parse error at line 1, column 2: ".
      offset = position > 0 ? position - 1 : 0;
      if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    } else {
      // A number too large for a double (1e400, out_of_range.406): the position is past its token.
      offset = position >= lastToken.size() ? position - lastToken.size() : 0;
      if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
    }
    diagnostics_.error("", "not valid JSON at " + describeTextOffset(text_, offset) + ": " + what);
    failed_ = true;
    return false;
  }

  bool failed() const { return failed_; }
  Json takeDocument() { return std::move(root_); }

 private:
  struct Level {
    Json* container = nullptr;  // stays valid: only the innermost open container ever grows
    std::string key;            // in an object, the key whose value comes next
  };

  Json* place(Json value) {
    if (levels_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Level& level = levels_.back();
    if (level.container->is_array()) {
      level.container->push_back(std::move(value));
      return &level.container->back();
    }
    Json& slot = (*level.container)[level.key];  // a duplicate key: the last value wins (reported above)
    slot = std::move(value);
    return &slot;
  }

  bool open(Json container) {
    Json* placed = place(std::move(container));
    levels_.push_back(Level{placed, {}});
    return true;
  }

  bool close() {
    levels_.pop_back();
    return true;
  }

  // The pointer of `key` in the innermost object: each enclosing level contributes the index
  // or key of the child that is open in it.
  std::string pointerTo(const std::string& key) const {
    std::string pointer;
    for (std::size_t i = 0; i + 1 < levels_.size(); ++i) {
      const Level& level = levels_[i];
      pointer = level.container->is_array() ? pointerChild(pointer, level.container->size() - 1)
                                            : pointerChild(pointer, level.key);
    }
    return pointerChild(pointer, key);
  }

  std::string_view text_;
  Diagnostics& diagnostics_;
  Json root_;
  std::vector<Level> levels_;
  bool failed_ = false;
};

}  // namespace

std::optional<std::size_t> findExcessiveNesting(std::string_view text, int maxDepth) {
  int depth = 0;
  bool inString = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > maxDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;  // an unbalanced closer is the parser's to report
    }
  }
  return std::nullopt;
}

std::string describeTextOffset(std::string_view text, std::size_t byteOffset) {
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

std::optional<nlohmann::json> parseJsonDocument(std::string_view text, Diagnostics& diagnostics,
                                                const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    diagnostics.error("", "too large: " + std::to_string(text.size()) + " bytes (the limit is " +
                              std::to_string(limits.max_bytes) + ")");
    return std::nullopt;
  }
  if (const auto offset = findExcessiveNesting(text, limits.max_depth)) {
    diagnostics.error("", "nested deeper than " + std::to_string(limits.max_depth) + " levels at " +
                              describeTextOffset(text, *offset));
    return std::nullopt;
  }
  DocumentBuilder builder(text, diagnostics);
  const bool parsed = Json::sax_parse(text.begin(), text.end(), &builder);
  if (!parsed || builder.failed()) return std::nullopt;
  return builder.takeDocument();
}

}  // namespace archi
