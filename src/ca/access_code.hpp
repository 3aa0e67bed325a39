#pragma once
// Access codes: the SCEP challenge passwords of accounts. Only a keyed digest is ever stored, so
// that a copy of the database does not reveal a code and the lookup is an index probe.

#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::ca {

class AccessCodes {
 public:
  static constexpr std::size_t kGeneratedLength = 24;
  static constexpr std::size_t kMinLength = 12;
  static constexpr std::size_t kMaxLength = 128;

  explicit AccessCodes(Bytes digest_key) : key_(std::move(digest_key)) {}

  Bytes digest(std::string_view code) const;
  // Letters and digits only: a subset of PrintableString that needs no escaping anywhere.
  static std::string generate();
  // Length within bounds and every character from the PrintableString alphabet (Windows refuses
  // challenge passwords outside it). invalid error with field "access_code" otherwise.
  static Status validate(std::string_view code);

 private:
  Bytes key_;
};

}  // namespace scepter::ca
