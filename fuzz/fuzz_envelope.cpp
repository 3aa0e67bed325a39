// EnvelopedData bytes straight into open_envelope. Inside a pkiMessage the envelope is signed, so
// mutations of it stop at the signature check in fuzz_pki_message and never reach this parser.

#include <cstdint>
#include <cstdlib>

#include "crypto/cms_enveloped.hpp"
#include "crypto/random.hpp"
#include "fuzz_fixture.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scepter;
  static const bool initialized = crypto::initialize().has_value();
  static auto endpoint = fuzz::fuzz_endpoint();
  if (!initialized || !endpoint) std::abort();
  auto opened =
      crypto::open_envelope(ByteView(data, size), endpoint->ra_certificate, endpoint->ra_key);
  // A refusal always says why.
  if (!opened && opened.error().client_text.empty()) std::abort();
  return 0;
}
