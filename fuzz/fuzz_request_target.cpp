// The request line's target, as any client sends it, before routing.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/request_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  auto parsed = scepter::http::parse_target(target);
  if (!parsed) return 0;
  // Routing relies on both views lying inside the target (or the path being the root an absolute
  // form without one names) and on an origin-form path.
  auto inside = [&](std::string_view part) {
    return part.empty() ||
           (part.data() >= target.data() && part.data() + part.size() <= target.data() + size);
  };
  if (!(inside(parsed->path) || parsed->path == "/") || !inside(parsed->query)) std::abort();
  if (parsed->path != "*" && !parsed->path.starts_with('/')) std::abort();
  return 0;
}
