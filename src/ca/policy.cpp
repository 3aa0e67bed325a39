#include "ca/policy.hpp"

#include <algorithm>

#include "ca/pki.hpp"

namespace scepter::ca {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// Tolerance for clients whose clocks run a little behind.
constexpr auto kBackdate = minutes(5);

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string_view key_type_name(crypto::KeyType type) {
  return type == crypto::KeyType::rsa ? "rsa" : "ec";
}

Status check_key(const crypto::PublicKey& key, const store::Profile& profile) {
  auto type = key_type_name(key.type());
  if (!contains(profile.key_types, type)) {
    return fail(invalid_field("key", "key type " + std::string(type) + " not allowed by profile"));
  }
  int minimum = key.type() == crypto::KeyType::rsa ? profile.min_rsa_bits : profile.min_ec_bits;
  if (key.bits() < minimum) {
    return fail(invalid_field("key", "key size " + std::to_string(key.bits()) +
                                         " below the minimum " + std::to_string(minimum)));
  }
  return {};
}

}  // namespace

bool is_intune_strong_mapping(const crypto::SubjectAltName& name) {
  return name.type == crypto::SanType::uri && name.value.starts_with(kIntuneStrongMappingPrefix);
}

crypto::DistinguishedName allowed_subject(const crypto::DistinguishedName& requested,
                                          const store::Profile& profile) {
  crypto::DistinguishedName kept;
  for (const auto& attribute : requested) {
    if (contains(profile.subject_attributes, attribute.type)) kept.push_back(attribute);
  }
  return kept;
}

Result<std::vector<crypto::SubjectAltName>> allowed_alt_names(const crypto::Csr& csr,
                                                              const store::Profile& profile) {
  std::vector<crypto::SubjectAltName> alt_names;
  for (auto& name : csr.requested_alt_names()) {
    auto type = crypto::to_string(name.type);
    if (contains(profile.san_types, type)) {
      alt_names.push_back(std::move(name));
    } else if (!is_intune_strong_mapping(name)) {
      return fail(
          invalid_field("subject_alt_name", "SAN type " + type + " not allowed by profile"));
    }
    // Intune puts its strong-mapping URI into every request; a device cannot leave it out, so
    // a profile without URI SANs drops it rather than refusing the device.
  }
  return alt_names;
}

unsigned default_key_usage(std::string_view cert_type) {
  (void)cert_type;  // both types sign (TLS client auth) and may receive encrypted keys (RSA TLS)
  return crypto::digital_signature | crypto::key_encipherment;
}

std::vector<std::string> default_extended_key_usage(std::string_view cert_type) {
  if (cert_type == "device") return {std::string(kEkuClientAuth)};
  return {std::string(kEkuClientAuth), std::string(kEkuEmailProtection)};
}

Result<crypto::CertificateSpec> certificate_spec_for(const crypto::Csr& csr,
                                                     const IssuanceContext& context) {
  const auto& profile = context.profile;
  auto key = csr.public_key();
  SCEPTER_CHECK(check_key(key, profile));

  auto subject = allowed_subject(csr.subject(), profile);
  if (subject.empty()) {
    return fail(
        invalid_field("subject", "the request's subject has no attribute the profile allows"));
  }

  SCEPTER_TRY(auto alt_names, allowed_alt_names(csr, profile));

  unsigned key_usage = profile.key_usage ? profile.key_usage : default_key_usage(profile.cert_type);
  // keyEncipherment is meaningless for EC keys (RFC 5480 section 3): EC uses key agreement.
  if (key.type() == crypto::KeyType::ec && (key_usage & crypto::key_encipherment)) {
    key_usage = (key_usage & ~crypto::key_encipherment) | crypto::key_agreement;
  }

  return crypto::CertificateSpec{
      .subject = std::move(subject),
      .serial = new_serial(),
      .not_before = context.now - kBackdate,
      .not_after = context.now + hours(24) * context.term_days,
      .public_key = key,
      .key_usage = key_usage,
      .extended_key_usage = profile.extended_key_usage.empty()
                                ? default_extended_key_usage(profile.cert_type)
                                : profile.extended_key_usage,
      .alt_names = std::move(alt_names),
      .crl_distribution_points =
          context.crl_url.empty() ? std::vector<std::string>{} : std::vector{context.crl_url},
  };
}

}  // namespace scepter::ca
