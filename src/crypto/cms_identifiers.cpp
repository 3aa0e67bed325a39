#include "crypto/cms_identifiers.hpp"

#include <climits>

#include "crypto/asn1.hpp"
#include "crypto/der.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

using IssuerAndSerialHandle = Handle<PKCS7_ISSUER_AND_SERIAL, PKCS7_ISSUER_AND_SERIAL_free>;

Result<X509NameHandle> parse_name(ByteView der) {
  ErrorQueueMark mark;
  auto name = decode_der<X509_NAME, X509_NAME_free>(d2i_X509_NAME, der);
  if (!name) return fail(ErrorCategory::bad_request, "malformed distinguished name");
  return name;
}

// The content of a definite-length DER SEQUENCE that fills all of `der`.
Result<ByteView> sequence_content(ByteView der) {
  if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) {
    return fail(ErrorCategory::bad_request, "empty or oversized structure");
  }
  const unsigned char* cursor = der.data();
  long length = 0;
  int tag = 0;
  int tag_class = 0;
  int flags = ASN1_get_object(&cursor, &length, &tag, &tag_class, static_cast<long>(der.size()));
  ERR_clear_error();
  if (flags != V_ASN1_CONSTRUCTED || tag != V_ASN1_SEQUENCE || tag_class != V_ASN1_UNIVERSAL ||
      cursor + length != der.data() + der.size()) {
    return fail(ErrorCategory::bad_request, "expected one DER SEQUENCE");
  }
  return ByteView(cursor, static_cast<std::size_t>(length));
}

}  // namespace

Result<IssuerAndSerial> parse_issuer_and_serial(ByteView der) {
  ErrorQueueMark mark;
  auto parsed = decode_der<PKCS7_ISSUER_AND_SERIAL, PKCS7_ISSUER_AND_SERIAL_free>(
      d2i_PKCS7_ISSUER_AND_SERIAL, der);
  if (!parsed) return fail(ErrorCategory::bad_request, "malformed IssuerAndSerialNumber");
  return IssuerAndSerial{encode_der(i2d_X509_NAME, parsed->issuer),
                         integer_magnitude(parsed->serial)};
}

Result<IssuerAndSubject> parse_issuer_and_subject(ByteView der) {
  SCEPTER_TRY(auto content, sequence_content(der));
  ErrorQueueMark mark;
  const unsigned char* cursor = content.data();
  const unsigned char* end = content.data() + content.size();
  X509NameHandle issuer(d2i_X509_NAME(nullptr, &cursor, end - cursor));
  const unsigned char* subject_start = cursor;
  X509NameHandle subject(issuer ? d2i_X509_NAME(nullptr, &cursor, end - cursor) : nullptr);
  if (!subject || cursor != end) {
    return fail(ErrorCategory::bad_request, "malformed IssuerAndSubject");
  }
  return IssuerAndSubject{Bytes(content.data(), subject_start), Bytes(subject_start, end),
                          from_x509_name(issuer.get()), from_x509_name(subject.get())};
}

Result<Bytes> encode_issuer_and_serial(ByteView issuer_der, ByteView serial) {
  SCEPTER_TRY(auto issuer, parse_name(issuer_der));
  SCEPTER_TRY(auto number, make_positive_integer(serial, "serial"));
  IssuerAndSerialHandle encoded(PKCS7_ISSUER_AND_SERIAL_new());
  if (!encoded || X509_NAME_set(&encoded->issuer, issuer.get()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot build IssuerAndSerialNumber"));
  }
  ASN1_INTEGER_free(encoded->serial);
  encoded->serial = number.release();
  auto der = encode_der(i2d_PKCS7_ISSUER_AND_SERIAL, encoded.get());
  if (der.empty()) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode IssuerAndSerialNumber"));
  }
  return der;
}

Result<Bytes> encode_issuer_and_subject(ByteView issuer_der, ByteView subject_der) {
  SCEPTER_CHECK(parse_name(issuer_der));
  SCEPTER_CHECK(parse_name(subject_der));
  int content_length = static_cast<int>(issuer_der.size() + subject_der.size());
  Bytes der(static_cast<std::size_t>(ASN1_object_size(1, content_length, V_ASN1_SEQUENCE)));
  unsigned char* cursor = der.data();
  ASN1_put_object(&cursor, 1, content_length, V_ASN1_SEQUENCE, V_ASN1_UNIVERSAL);
  cursor = std::copy(issuer_der.begin(), issuer_der.end(), cursor);
  std::copy(subject_der.begin(), subject_der.end(), cursor);
  return der;
}

}  // namespace scepter::crypto
