#include "crypto/extensions.hpp"

#include "crypto/general_names.hpp"

namespace scepter::crypto {
namespace {

constexpr unsigned kKnownKeyUsageBits = (1u << 7) - 1;

Status add_extension(X509* cert, int nid, void* value, bool critical) {
  if (X509_add1_ext_i2d(cert, nid, value, critical ? 1 : 0, X509V3_ADD_DEFAULT) != 1) {
    return fail(openssl_error(ErrorCategory::crypto,
                              std::string("cannot add extension ") + OBJ_nid2sn(nid)));
  }
  return {};
}

Result<Asn1OctetStringHandle> make_octet_string(ByteView bytes) {
  Asn1OctetStringHandle out(ASN1_OCTET_STRING_new());
  if (!out || ASN1_OCTET_STRING_set(out.get(), bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode key identifier"));
  }
  return out;
}

Error encoding_error(const char* what) {
  return openssl_error(ErrorCategory::crypto, std::string("cannot encode ") + what);
}

}  // namespace

Status add_basic_constraints(X509* cert, bool is_ca, std::optional<int> path_length) {
  BasicConstraintsHandle constraints(BASIC_CONSTRAINTS_new());
  if (!constraints) return fail(encoding_error("basicConstraints"));
  constraints->ca = is_ca ? 0xff : 0;
  if (is_ca && path_length) {
    if (*path_length < 0) return fail(invalid_field("path_length", "must not be negative"));
    constraints->pathlen = ASN1_INTEGER_new();
    if (constraints->pathlen == nullptr ||
        ASN1_INTEGER_set(constraints->pathlen, *path_length) != 1) {
      return fail(encoding_error("basicConstraints"));
    }
  }
  return add_extension(cert, NID_basic_constraints, constraints.get(), true);
}

Status add_key_usage(X509* cert, unsigned bits) {
  if (bits == 0) return {};
  if ((bits & ~kKnownKeyUsageBits) != 0) {
    return fail(invalid_field("key_usage", "unknown key usage bits"));
  }
  Asn1BitStringHandle usage(ASN1_BIT_STRING_new());
  if (!usage) return fail(encoding_error("keyUsage"));
  // KeyUsage bit n is RFC 5280's named bit n (digitalSignature(0) ... cRLSign(6)).
  for (int bit = 0; bit < 7; ++bit) {
    if ((bits & (1u << bit)) != 0 && ASN1_BIT_STRING_set_bit(usage.get(), bit, 1) != 1) {
      return fail(encoding_error("keyUsage"));
    }
  }
  return add_extension(cert, NID_key_usage, usage.get(), true);
}

Status add_extended_key_usage(X509* cert, const std::vector<std::string>& oids) {
  if (oids.empty()) return {};
  ExtendedKeyUsageHandle usage(sk_ASN1_OBJECT_new_null());
  if (!usage) return fail(encoding_error("extendedKeyUsage"));
  for (const auto& oid : oids) {
    Asn1ObjectHandle object;
    {
      ErrorQueueMark mark;  // a malformed OID is the caller's mistake, not an OpenSSL fault
      object.reset(OBJ_txt2obj(oid.c_str(), 1));
    }
    if (!object) {
      return fail(invalid_field("extended_key_usage", "'" + oid + "' is not a dotted OID"));
    }
    if (sk_ASN1_OBJECT_push(usage.get(), object.get()) <= 0) {
      return fail(encoding_error("extendedKeyUsage"));
    }
    object.release();
  }
  return add_extension(cert, NID_ext_key_usage, usage.get(), false);
}

Status add_subject_alt_names(X509* cert, const std::vector<SubjectAltName>& names,
                             bool subject_is_empty) {
  if (names.empty()) return {};
  SCEPTER_TRY(auto general_names, to_general_names(names, "alt_names"));
  return add_extension(cert, NID_subject_alt_name, general_names.get(), subject_is_empty);
}

Status add_crl_distribution_points(X509* cert, const std::vector<std::string>& urls) {
  if (urls.empty()) return {};
  CrlDistPointsHandle points(CRL_DIST_POINTS_new());
  if (!points) return fail(encoding_error("cRLDistributionPoints"));
  for (const auto& url : urls) {
    SCEPTER_TRY(auto full_name, to_general_names({{SanType::uri, url}}, "crl_distribution_points"));
    DistPointHandle point(DIST_POINT_new());
    if (!point || (point->distpoint = DIST_POINT_NAME_new()) == nullptr) {
      return fail(encoding_error("cRLDistributionPoints"));
    }
    point->distpoint->type = 0;  // fullName
    point->distpoint->name.fullname = full_name.release();
    if (sk_DIST_POINT_push(points.get(), point.get()) <= 0) {
      return fail(encoding_error("cRLDistributionPoints"));
    }
    point.release();
  }
  return add_extension(cert, NID_crl_distribution_points, points.get(), false);
}

Status add_subject_key_identifier(X509* cert, ByteView key_id) {
  SCEPTER_TRY(auto value, make_octet_string(key_id));
  return add_extension(cert, NID_subject_key_identifier, value.get(), false);
}

Bytes issuer_key_identifier(const Certificate& issuer) {
  if (const ASN1_OCTET_STRING* own = X509_get0_subject_key_id(issuer.native())) {
    const unsigned char* data = ASN1_STRING_get0_data(own);
    return Bytes(data, data + ASN1_STRING_length(own));
  }
  return issuer.public_key().key_identifier();
}

Result<AuthorityKeyIdHandle> make_authority_key_identifier(ByteView key_id) {
  AuthorityKeyIdHandle authority(AUTHORITY_KEYID_new());
  if (!authority) return fail(encoding_error("authorityKeyIdentifier"));
  SCEPTER_TRY(auto value, make_octet_string(key_id));
  authority->keyid = value.release();
  return authority;
}

}  // namespace scepter::crypto
