#include "crypto/pem.hpp"

#include <cstring>

namespace scepter::crypto {

int refuse_passphrase(char*, int, int, void*) {
  return -1;
}

int supply_passphrase(char* buffer, int size, int, void* user) {
  const auto& passphrase = *static_cast<const std::string_view*>(user);
  if (passphrase.empty() || passphrase.size() > static_cast<std::size_t>(size)) return -1;
  std::memcpy(buffer, passphrase.data(), passphrase.size());
  return static_cast<int>(passphrase.size());
}

BioHandle write_bio() {
  return BioHandle(BIO_new(BIO_s_mem()));
}

std::string bio_text(BIO* bio) {
  char* start = nullptr;
  long size = BIO_get_mem_data(bio, &start);
  if (size <= 0 || start == nullptr) return {};
  return std::string(start, static_cast<std::size_t>(size));
}

}  // namespace scepter::crypto
