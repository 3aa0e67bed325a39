#include "crypto/pkcs10.hpp"

#include <openssl/asn1t.h>

namespace scepter::crypto {

// The template macros are laid out as the ASN.1 they declare (IMPLEMENT_ASN1_FUNCTIONS ends
// without a semicolon, which would throw clang-format off until the end of the file).
// clang-format off
ASN1_SEQUENCE(Pkcs10KeyInfo) = {
    ASN1_SIMPLE(Pkcs10KeyInfo, algorithm, X509_ALGOR),
    ASN1_SIMPLE(Pkcs10KeyInfo, key, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(Pkcs10KeyInfo)

// The attributes are mandatory in RFC 2986, but some clients leave the empty set out; OpenSSL's
// X509_REQ accepts that too.
ASN1_SEQUENCE_enc(Pkcs10Info, encoding, nullptr) = {
    ASN1_SIMPLE(Pkcs10Info, version, ASN1_INTEGER),
    ASN1_SIMPLE(Pkcs10Info, subject, X509_NAME),
    ASN1_SIMPLE(Pkcs10Info, key_info, Pkcs10KeyInfo),
    ASN1_IMP_SET_OF_OPT(Pkcs10Info, attributes, X509_ATTRIBUTE, 0),
} ASN1_SEQUENCE_END_enc(Pkcs10Info, Pkcs10Info)

ASN1_SEQUENCE(Pkcs10Request) = {
    ASN1_SIMPLE(Pkcs10Request, info, Pkcs10Info),
    ASN1_SIMPLE(Pkcs10Request, signature_algorithm, X509_ALGOR),
    ASN1_SIMPLE(Pkcs10Request, signature, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(Pkcs10Request)

IMPLEMENT_ASN1_FUNCTIONS(Pkcs10Request)

int i2d_Pkcs10KeyInfo(const Pkcs10KeyInfo* key_info, unsigned char** out) {
  return ASN1_item_i2d(reinterpret_cast<const ASN1_VALUE*>(key_info), out,
                       ASN1_ITEM_rptr(Pkcs10KeyInfo));
}

}  // namespace scepter::crypto
// clang-format on
