#include "crypto/builtin_public_key.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/der.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::test_key;

struct KeyInfo {
  X509AlgorHandle algorithm;
  Asn1BitStringHandle bits;
};

// The two parts of a SubjectPublicKeyInfo, as a certificate or request carries them.
KeyInfo key_info_of(const PublicKey& key) {
  auto spki = key.der();
  const unsigned char* cursor = spki.data();
  long length = 0;
  int tag = 0, object_class = 0;
  ASN1_get_object(&cursor, &length, &tag, &object_class, static_cast<long>(spki.size()));
  const unsigned char* end = cursor + length;
  KeyInfo info;
  info.algorithm.reset(d2i_X509_ALGOR(nullptr, &cursor, end - cursor));
  info.bits.reset(d2i_ASN1_BIT_STRING(nullptr, &cursor, end - cursor));
  EXPECT_TRUE(info.algorithm && info.bits);
  return info;
}

void set_bits(KeyInfo& info, ByteView bits) {
  ASSERT_EQ(ASN1_BIT_STRING_set(info.bits.get(), const_cast<unsigned char*>(bits.data()),
                                static_cast<int>(bits.size())),
            1);
}

Bytes integer_der(const BIGNUM* value) {
  Asn1IntegerHandle integer(BN_to_ASN1_INTEGER(value, nullptr));
  return encode_der<ASN1_INTEGER>(i2d_ASN1_INTEGER, integer.get());
}

// The DER INTEGER of the modulus of `key`.
Bytes modulus_der(const PrivateKey& key) {
  BIGNUM* modulus = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key.native(), "n", &modulus), 1);
  BignumHandle owned(modulus);
  return integer_der(modulus);
}

// RSAPublicKey ::= SEQUENCE { modulus, publicExponent }, from the two encoded INTEGERs.
Bytes rsa_public_key(ByteView modulus, ByteView exponent) {
  std::size_t length = modulus.size() + exponent.size();
  Bytes sequence(4 + length);
  sequence[0] = 0x30;
  sequence[1] = 0x82;
  sequence[2] = static_cast<std::uint8_t>(length >> 8);
  sequence[3] = static_cast<std::uint8_t>(length);
  auto end = std::copy(modulus.begin(), modulus.end(), sequence.begin() + 4);
  std::copy(exponent.begin(), exponent.end(), end);
  return sequence;
}

// With the modulus of `key`.
Bytes rsa_public_key_with_exponent(const PrivateKey& key, unsigned long exponent,
                                   bool negative = false) {
  BignumHandle e(BN_new());
  BN_set_word(e.get(), exponent);
  BN_set_negative(e.get(), negative ? 1 : 0);
  return rsa_public_key(modulus_der(key), integer_der(e.get()));
}

TEST(BuiltinPublicKey, RsaAndNamedCurveKeysAreReadAsTheSameKeys) {
  for (const char* spec : {"rsa2048", "ec-p256", "ec-p384"}) {
    const auto& key = test_key(spec);
    auto info = key_info_of(key.public_key());
    EXPECT_TRUE(supported_key_algorithm(*info.algorithm)) << spec;
    auto read = builtin_public_key(*info.algorithm, *info.bits);
    ASSERT_TRUE(read) << spec;
    EXPECT_EQ(EVP_PKEY_eq(read.get(), key.native()), 1) << spec;
  }
}

TEST(BuiltinPublicKey, RsaExponentsOfOneOrEvenOrNegativeAreRefused) {
  const auto& key = test_key("rsa2048");
  auto info = key_info_of(key.public_key());
  set_bits(info, rsa_public_key_with_exponent(key, 65537));
  EXPECT_TRUE(builtin_public_key(*info.algorithm, *info.bits));  // the construction is sound
  for (unsigned long exponent : {1ul, 2ul, 65536ul}) {
    set_bits(info, rsa_public_key_with_exponent(key, exponent));
    EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits)) << exponent;
  }
  set_bits(info, rsa_public_key_with_exponent(key, 65537, true));
  EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits));
  ERR_clear_error();
}

// d2i_PublicKey takes both; a second encoding of one key would give it a second digest.
TEST(BuiltinPublicKey, RsaIntegersThatAreNotDerAreRefusedLeavingNoError) {
  const auto& key = test_key("rsa2048");
  auto info = key_info_of(key.public_key());
  auto modulus = modulus_der(key);
  ASSERT_EQ(Bytes(modulus.begin(), modulus.begin() + 5), (Bytes{0x02, 0x82, 0x01, 0x01, 0x00}));
  // The same 256 bytes without the 0x00 that keeps them positive.
  Bytes negative_modulus{0x02, 0x82, 0x01, 0x00};
  negative_modulus.insert(negative_modulus.end(), modulus.begin() + 5, modulus.end());
  const Bytes exponent{0x02, 0x03, 0x01, 0x00, 0x01};
  const Bytes padded_exponent{0x02, 0x04, 0x00, 0x01, 0x00, 0x01};
  set_bits(info, rsa_public_key(modulus, exponent));
  EXPECT_TRUE(builtin_public_key(*info.algorithm, *info.bits));  // the construction is sound
  ERR_clear_error();
  for (const auto& bits :
       {rsa_public_key(modulus, padded_exponent), rsa_public_key(negative_modulus, exponent)}) {
    set_bits(info, bits);
    EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits));
    EXPECT_EQ(ERR_peek_error(), 0ul) << drain_openssl_errors();
  }
}

TEST(BuiltinPublicKey, BytesAfterTheRsaKeyAreRefused) {
  auto info = key_info_of(test_key("rsa2048").public_key());
  Bytes bits(ASN1_STRING_get0_data(info.bits.get()),
             ASN1_STRING_get0_data(info.bits.get()) + ASN1_STRING_length(info.bits.get()));
  bits.push_back(0x00);
  set_bits(info, bits);
  EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits));
  ERR_clear_error();
}

TEST(BuiltinPublicKey, EcPointsAtInfinityOrOffTheCurveAreRefused) {
  auto info = key_info_of(test_key("ec-p256").public_key());
  Bytes point(ASN1_STRING_get0_data(info.bits.get()),
              ASN1_STRING_get0_data(info.bits.get()) + ASN1_STRING_length(info.bits.get()));
  set_bits(info, Bytes{0x00});
  EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits));
  auto off_curve = point;
  off_curve.back() ^= 0x01;  // y no longer matches x
  set_bits(info, off_curve);
  EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits));
  set_bits(info, {});
  EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits));
  ERR_clear_error();
}

TEST(BuiltinPublicKey, OtherCurvesSpecifiedCurvesAndOtherAlgorithmsAreUnsupported) {
  auto info = key_info_of(test_key("ec-p256").public_key());
  X509_ALGOR_set0(info.algorithm.get(), OBJ_nid2obj(NID_X9_62_id_ecPublicKey), V_ASN1_OBJECT,
                  OBJ_nid2obj(NID_secp256k1));
  EXPECT_FALSE(supported_key_algorithm(*info.algorithm));
  EXPECT_FALSE(builtin_public_key(*info.algorithm, *info.bits));

  Asn1StringHandle parameters(ASN1_STRING_type_new(V_ASN1_SEQUENCE));
  ASN1_STRING_set(parameters.get(), "\x30\x00", 2);
  X509_ALGOR_set0(info.algorithm.get(), OBJ_nid2obj(NID_X9_62_id_ecPublicKey), V_ASN1_SEQUENCE,
                  parameters.release());
  EXPECT_FALSE(supported_key_algorithm(*info.algorithm));

  X509_ALGOR_set0(info.algorithm.get(), OBJ_nid2obj(NID_ED25519), V_ASN1_UNDEF, nullptr);
  EXPECT_FALSE(supported_key_algorithm(*info.algorithm));
  X509_ALGOR_set0(info.algorithm.get(), OBJ_nid2obj(NID_rsassaPss), V_ASN1_UNDEF, nullptr);
  EXPECT_FALSE(supported_key_algorithm(*info.algorithm));
}

}  // namespace
}  // namespace scepter::crypto
