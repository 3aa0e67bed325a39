// PKCS#10 bytes, as a decrypted PKCSReq carries them, through every accessor the Authority uses
// and the form a request held for approval is stored in.

#include <cstdint>

#include "crypto/csr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scepter;
  auto csr = crypto::Csr::from_der(ByteView(data, size));
  if (!csr) return 0;
  (void)csr->verify_signature();
  (void)csr->subject();
  (void)csr->challenge_password();
  (void)csr->requested_alt_names();
  (void)csr->der_without_challenge_password();
  auto key = csr->public_key();
  (void)key.der();
  (void)csr->der();
  return 0;
}
