// EngineLoadResponse: line-delimited JSON messages → loaded names, IDs and the Engine's error.
#include "registry/engine_load_response.hpp"

#include <nlohmann/json.hpp>

#include "util/terminal_text.hpp"

namespace manifold::registry {

namespace {

constexpr std::string_view kLoadedImage = "Loaded image: ";
constexpr std::string_view kLoadedImageId = "Loaded image ID: ";

std::string_view TrimLine(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

}  // namespace

util::Status EngineLoadResponse::Feed(std::string_view bytes) {
  while (!bytes.empty()) {
    auto newline = bytes.find('\n');
    std::string_view piece = bytes.substr(0, newline);
    if (pending_.size() + piece.size() > kMaxLine) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "the Docker Engine's answer to the image load has a line over {} bytes", kMaxLine);
    }
    pending_.append(piece);
    if (newline == std::string_view::npos) break;
    Line(pending_);
    pending_.clear();
    bytes.remove_prefix(newline + 1);
  }
  return {};
}

util::Status EngineLoadResponse::Finish() {
  if (!pending_.empty()) {
    Line(pending_);
    pending_.clear();
  }
  if (!error_.empty()) return util::Fail(util::ErrorKind::kInvalidArgument, "{}", error_);
  return {};
}

void EngineLoadResponse::Line(std::string_view line) {
  line = TrimLine(line);
  if (line.empty()) return;
  auto json = nlohmann::json::parse(line, nullptr, false);
  if (!json.is_object()) return;
  // errorDetail.message is the newer field, error the older one; they carry the same text.
  std::string message;
  if (auto detail = json.find("errorDetail"); detail != json.end() && detail->is_object()) {
    if (auto m = detail->find("message"); m != detail->end() && m->is_string()) message = m->get<std::string>();
  }
  if (auto e = json.find("error"); message.empty() && e != json.end() && e->is_string()) message = e->get<std::string>();
  if (!message.empty()) {
    // The text comes from the Engine: no terminal escapes reach the user's screen.
    if (error_.empty()) error_ = util::SanitizeForTerminal(message);
    return;
  }
  auto stream = json.find("stream");
  if (stream == json.end() || !stream->is_string()) return;
  std::string_view text = TrimLine(stream->get_ref<const std::string&>());
  if (text.starts_with(kLoadedImageId)) {
    ids_.push_back(util::SanitizeForTerminal(TrimLine(text.substr(kLoadedImageId.size()))));
  } else if (text.starts_with(kLoadedImage)) {
    names_.push_back(util::SanitizeForTerminal(TrimLine(text.substr(kLoadedImage.size()))));
  }
}

}  // namespace manifold::registry
