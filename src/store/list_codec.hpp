#pragma once
// The list fields of a profile are kept in one text column each, as a JSON array
// (["rsa","ec"], [365,730]), so that any element text round-trips exactly and the
// column stays readable in a SQL shell.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace scepter::store {

std::string encode_list(const std::vector<std::string>& items);
std::string encode_list(const std::vector<int>& items);

// Accept exactly what encode_list writes; anything else is a store error (a damaged row).
Result<std::vector<std::string>> decode_string_list(std::string_view text);
Result<std::vector<int>> decode_int_list(std::string_view text);

}  // namespace scepter::store
