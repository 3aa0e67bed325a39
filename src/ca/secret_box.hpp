#pragma once
// Secrets that must be stored but never shown again (Azure client secrets): sealed with an
// authenticated cipher under a key derived from the master key (DESIGN.md, data model), so that a
// copy of the database alone reveals nothing and a tampered value is refused, not misread.

#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::ca {

class SecretBox {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // The box every process of a data directory derives from its master key, so that what one
  // node sealed another opens. internal error unless the master key has kKeyBytes bytes.
  static Result<SecretBox> from_master_key(ByteView master_key);

  // `purpose` is authenticated with the secret: a value sealed for one purpose (say
  // "azure-account client secret") does not open for another.
  Result<Bytes> seal(std::string_view secret, std::string_view purpose) const;
  // crypto error for a value that is truncated, altered, of another purpose or another key.
  Result<std::string> open(ByteView sealed, std::string_view purpose) const;

 private:
  explicit SecretBox(Bytes key) : key_(std::move(key)) {}
  Bytes key_;
};

}  // namespace scepter::ca
