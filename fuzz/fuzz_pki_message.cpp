// PKIOperation bytes, as http/ hands them over after base64, through the whole engine.

#include <cstdint>
#include <cstdlib>

#include "crypto/random.hpp"
#include "fuzz_fixture.hpp"
#include "scep/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scepter;
  static const bool initialized = crypto::initialize().has_value();
  static FixedClock clock(fuzz::fuzz_time());
  static auto endpoint = fuzz::fuzz_endpoint();
  if (!initialized || !endpoint) std::abort();
  static fuzz::FuzzAuthority authority(endpoint);
  static scep::Engine engine(authority, clock);

  scep::Outcome outcome;
  scep::Request request{.endpoint = "fuzz",
                        .operation = scep::Operation::pki_operation,
                        .message = {},
                        .pki_message = Bytes(data, data + size),
                        .client_address = "fuzz"};
  auto response = engine.handle(request, outcome);
  // Either a reply or an error with a reason to log: never both empty.
  if (response ? response->body.empty() : response.error().client_text.empty()) std::abort();
  return 0;
}
