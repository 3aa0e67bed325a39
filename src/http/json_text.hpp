#pragma once
// JSON rendered for a client without the exception nlohmann::json throws on text that is not
// UTF-8: the API refuses such input, but a stored value or an echoed name may still carry some,
// and an answer with U+FFFD in it beats a 500.

#include <nlohmann/json.hpp>
#include <string>

namespace scepter::http {

inline std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace scepter::http
