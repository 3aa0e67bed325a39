#include <array>

#include "crypto/key.hpp"

namespace scepter::crypto {
namespace {

struct NamedSpec {
  std::string_view name;
  KeySpec spec;
};

constexpr std::array<NamedSpec, 5> kNamedSpecs{{
    {"rsa2048", {KeyType::rsa, 2048}},
    {"rsa3072", {KeyType::rsa, 3072}},
    {"rsa4096", {KeyType::rsa, 4096}},
    {"ec-p256", {KeyType::ec, 256}},
    {"ec-p384", {KeyType::ec, 384}},
}};

}  // namespace

Result<KeySpec> KeySpec::parse(std::string_view text) {
  for (const auto& named : kNamedSpecs) {
    if (named.name == text) return named.spec;
  }
  return fail(invalid_field("key_type", "unsupported key type '" + std::string(text) +
                                            "' (rsa2048, rsa3072, rsa4096, ec-p256, ec-p384)"));
}

std::string KeySpec::name() const {
  return (type == KeyType::rsa ? "rsa" : "ec-p") + std::to_string(bits);
}

}  // namespace scepter::crypto
