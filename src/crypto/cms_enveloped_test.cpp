#include "crypto/cms_enveloped.hpp"

#include <gtest/gtest.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "crypto/asn1.hpp"
#include "crypto/cms_enveloped_data.hpp"
#include "crypto/cms_signed.hpp"
#include "crypto/cms_support.hpp"
#include "crypto/cms_test_support.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/public_key_operations.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::Identity;
using testing::must;
using testing::shared_identity;

// Ends a test whose OpenSSL set-up failed, with the reason.
void require(bool ok, const char* what) {
  if (!ok) {
    ADD_FAILURE() << what << ": " << drain_openssl_errors();
    std::abort();
  }
}

// OpenSSL's own CMS code, as seal_envelope and open_envelope used it before they had their own
// templates: interop with it shows that the two do not only agree with each other.
CmsHandle openssl_envelope(ByteView content, ContentCipher cipher, unsigned flags) {
  BioHandle data = read_bio(content);
  const EVP_CIPHER* implementation = EVP_get_cipherbyname(std::string(to_string(cipher)).c_str());
  require(data && implementation != nullptr, "no cipher");
  CmsHandle cms(CMS_encrypt(nullptr, data.get(), implementation, flags | CMS_PARTIAL));
  require(cms != nullptr, "CMS_encrypt");
  return cms;
}

void add_openssl_recipient(CMS_ContentInfo* cms, const Certificate& recipient,
                           const EnvelopeAlgorithms& algorithms, unsigned flags = 0) {
  CMS_RecipientInfo* info = CMS_add1_recipient_cert(cms, recipient.native(), flags | CMS_KEY_PARAM);
  require(info != nullptr, "CMS_add1_recipient_cert");
  if (auto oaep = algorithms.oaep()) {
    EVP_PKEY_CTX* context = CMS_RecipientInfo_get0_pkey_ctx(info);
    require(context != nullptr &&
                EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1 &&
                EVP_PKEY_CTX_set_rsa_oaep_md(context, message_digest(oaep->digest)) == 1 &&
                EVP_PKEY_CTX_set_rsa_mgf1_md(context, message_digest(oaep->mask_digest)) == 1,
            "OAEP");
  }
}

Bytes openssl_finish(CMS_ContentInfo* cms, ByteView content) {
  BioHandle data = read_bio(content);
  require(data && CMS_final(cms, data.get(), nullptr, CMS_BINARY) == 1, "CMS_final");
  return encode_der(i2d_CMS_ContentInfo, cms);
}

Bytes openssl_seal(ByteView content, const Certificate& recipient,
                   const EnvelopeAlgorithms& algorithms, unsigned recipient_flags = 0) {
  auto cms = openssl_envelope(content, algorithms.cipher, CMS_BINARY);
  add_openssl_recipient(cms.get(), recipient, algorithms, recipient_flags);
  return openssl_finish(cms.get(), content);
}

std::optional<Bytes> openssl_open(ByteView der, const Identity& recipient) {
  auto cms = decode_der<CMS_ContentInfo, CMS_ContentInfo_free>(d2i_CMS_ContentInfo, der);
  BioHandle plain(BIO_new(BIO_s_mem()));
  require(cms && plain, "d2i_CMS_ContentInfo");
  // CMS_DEBUG_DECRYPT: a key that does not decrypt fails here rather than yielding garbage.
  if (CMS_decrypt(cms.get(), recipient.key.native(), recipient.certificate.native(), nullptr,
                  plain.get(), CMS_BINARY | CMS_DEBUG_DECRYPT) != 1) {
    ADD_FAILURE() << "CMS_decrypt: " << drain_openssl_errors();
    return std::nullopt;
  }
  return bio_contents(plain.get());
}

// Decodes an envelope with scepter's templates, lets `edit` change it, and encodes it again.
Bytes edited(ByteView der, const std::function<void(CmsEnvelopedDataFields&)>& edit) {
  auto info = decode_der<CmsEnvelopedContentInfo, CmsEnvelopedContentInfo_free>(
      d2i_CmsEnvelopedContentInfo, der);
  require(info != nullptr, "decoding the envelope");
  edit(*info->enveloped_data);
  auto out = encode_der(i2d_CmsEnvelopedContentInfo, info.get());
  require(!out.empty(), "encoding the envelope");
  return out;
}

// The same for the envelope's first RecipientInfo, a KeyTransRecipientInfo.
Bytes edited_recipient(ByteView der, const std::function<void(CmsKeyTransRecipient&)>& edit) {
  return edited(der, [&](CmsEnvelopedDataFields& envelope) {
    const ASN1_TYPE* info = sk_ASN1_TYPE_value(envelope.recipient_infos, 0);
    require(ASN1_TYPE_get(info) == V_ASN1_SEQUENCE, "not a KeyTransRecipientInfo");
    auto recipient = decode_der<CmsKeyTransRecipient, CmsKeyTransRecipient_free>(
        d2i_CmsKeyTransRecipient, string_bytes(info->value.sequence));
    require(recipient != nullptr, "decoding the KeyTransRecipientInfo");
    edit(*recipient);
    // sk_set answers the new value: the old one is freed from here.
    Asn1TypeHandle replaced(sk_ASN1_TYPE_value(envelope.recipient_infos, 0));
    auto any = sequence_any(encode_der(i2d_CmsKeyTransRecipient, recipient.get()));
    require(any && sk_ASN1_TYPE_set(envelope.recipient_infos, 0, any.release()) != nullptr,
            "replacing the KeyTransRecipientInfo");
  });
}

CmsKeyTransRecipientHandle first_recipient(ByteView der) {
  CmsKeyTransRecipientHandle found;
  edited_recipient(der, [&](CmsKeyTransRecipient& recipient) {
    found = decode_der<CmsKeyTransRecipient, CmsKeyTransRecipient_free>(
        d2i_CmsKeyTransRecipient, encode_der(i2d_CmsKeyTransRecipient, &recipient));
  });
  require(found != nullptr, "copying the KeyTransRecipientInfo");
  return found;
}

// The envelope without what is random in it (IV, encrypted key, ciphertext): its structure,
// versions, recipient identifier and algorithm identifiers.
Bytes shape_of(ByteView der) {
  auto without_key = edited_recipient(der, [](CmsKeyTransRecipient& recipient) {
    require(ASN1_OCTET_STRING_set(recipient.encrypted_key, nullptr, 0) == 1, "emptying");
  });
  return edited(without_key, [](CmsEnvelopedDataFields& envelope) {
    CmsEncryptedContent& content = *envelope.encrypted_content_info;
    ASN1_TYPE* iv = content.content_encryption_algorithm->parameter;
    require(iv != nullptr && ASN1_TYPE_get(iv) == V_ASN1_OCTET_STRING, "IV");
    require(ASN1_OCTET_STRING_set(iv->value.octet_string, nullptr, 0) == 1 &&
                ASN1_OCTET_STRING_set(content.encrypted_content, nullptr, 0) == 1,
            "emptying");
  });
}

// RSAES-OAEP-params built by hand, for parameters that seal_envelope never writes.
void set_oaep_parameters(X509_ALGOR* algorithm, DigestAlg hash, DigestAlg mask_hash,
                         std::string_view label = {}, int mask_function = NID_mgf1) {
  RsaOaepParamsHandle params(RSA_OAEP_PARAMS_new());
  X509AlgorHandle mask(X509_ALGOR_new());
  require(params && mask, "allocating");
  params->hashFunc = X509_ALGOR_new();
  params->maskGenFunc = X509_ALGOR_new();
  require(params->hashFunc != nullptr && params->maskGenFunc != nullptr, "allocating");
  X509_ALGOR_set_md(params->hashFunc, message_digest(hash));
  X509_ALGOR_set_md(mask.get(), message_digest(mask_hash));
  Asn1StringHandle packed_mask(ASN1_item_pack(mask.get(), ASN1_ITEM_rptr(X509_ALGOR), nullptr));
  require(packed_mask && X509_ALGOR_set0(params->maskGenFunc, OBJ_nid2obj(mask_function),
                                         V_ASN1_SEQUENCE, packed_mask.get()) == 1,
          "MGF1");
  packed_mask.release();
  if (!label.empty()) {
    params->pSourceFunc = X509_ALGOR_new();
    Asn1OctetStringHandle text(ASN1_OCTET_STRING_new());
    require(params->pSourceFunc != nullptr && text &&
                ASN1_OCTET_STRING_set(text.get(), as_bytes(label).data(),
                                      static_cast<int>(label.size())) == 1 &&
                X509_ALGOR_set0(params->pSourceFunc, OBJ_nid2obj(NID_pSpecified),
                                V_ASN1_OCTET_STRING, text.get()) == 1,
            "label");
    text.release();
  }
  Asn1StringHandle packed(ASN1_item_pack(params.get(), ASN1_ITEM_rptr(RSA_OAEP_PARAMS), nullptr));
  require(packed && X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_rsaesOaep), V_ASN1_SEQUENCE,
                                    packed.get()) == 1,
          "OAEP parameters");
  packed.release();
}

// A refusal leaves nothing on OpenSSL's error queue for the next error on the thread to report.
void expect_failure(const Result<OpenedEnvelope>& opened, ErrorCategory category) {
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, category) << opened.error().client_text;
  EXPECT_EQ(ERR_peek_error(), 0ul) << drain_openssl_errors();
}

struct EnvelopeCase {
  ContentCipher cipher;
  KeyTransport transport;
  DigestAlg oaep_digest;
};

class EnvelopeAlgorithmsTest : public ::testing::TestWithParam<EnvelopeCase> {};

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.2
TEST_P(EnvelopeAlgorithmsTest, RoundTripsAndReportsTheAlgorithms) {
  const auto& ra = shared_identity("ra");
  EnvelopeAlgorithms algorithms{GetParam().cipher, GetParam().transport, GetParam().oaep_digest};
  auto content = to_bytes("a PKCS#10 request, or anything else");
  auto der = must(seal_envelope(content, ra.certificate, algorithms));
  auto opened = must(open_envelope(der, ra.certificate, ra.key));
  EXPECT_EQ(opened.content, content);
  EXPECT_EQ(opened.algorithms, algorithms)
      << to_string(opened.algorithms.cipher) << " " << to_string(opened.algorithms.key_transport);
}

INSTANTIATE_TEST_SUITE_P(
    AllCiphers, EnvelopeAlgorithmsTest,
    ::testing::Values(
        EnvelopeCase{ContentCipher::aes128_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes192_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes256_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::des_ede3_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::des_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes128_cbc, KeyTransport::rsa_oaep, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes256_cbc, KeyTransport::rsa_oaep, DigestAlg::sha256},
        EnvelopeCase{ContentCipher::des_cbc, KeyTransport::rsa_oaep, DigestAlg::sha512}));

TEST(Envelope, EncryptedToAnotherCertificateIsNotOurs) {
  const auto& ra = shared_identity("ra");
  const auto& other = shared_identity("other-ra");
  auto der = must(seal_envelope(as_bytes("x"), other.certificate, {}));
  auto opened = open_envelope(der, ra.certificate, ra.key);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::bad_cert_id);
  EXPECT_EQ(opened.error().client_text, not_our_recipient_text);
}

TEST(Envelope, SameIssuerWithAnotherSerialIsNotOurs) {
  auto ca = testing::make_identity({.common_name = "envelope-ca", .is_ca = true});
  auto ours = testing::make_identity({.common_name = "same-name", .issuer = &ca});
  auto sibling = testing::make_identity({.common_name = "same-name", .issuer = &ca});
  auto der = must(seal_envelope(as_bytes("x"), sibling.certificate, {}));
  auto opened = open_envelope(der, ours.certificate, ours.key);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::bad_cert_id);
  EXPECT_EQ(must(open_envelope(der, sibling.certificate, sibling.key)).content, to_bytes("x"));
}

TEST(Envelope, WrongPrivateKeyDoesNotDecrypt) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  auto opened = open_envelope(der, ra.certificate, shared_identity("other-ra").key);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::bad_message_check);
}

TEST(Envelope, UnsupportedContentCipherIsBadAlg) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate,
                                {ContentCipher::aes256_cbc, KeyTransport::rsa_pkcs1_v15}));
  // id-aes256-CBC is 2.16.840.1.101.3.4.1.42; .44 is id-aes256-CFB.
  const Bytes cbc{0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A};
  auto at = std::search(der.begin(), der.end(), cbc.begin(), cbc.end());
  ASSERT_NE(at, der.end());
  at[10] = 0x2C;
  auto opened = open_envelope(der, ra.certificate, ra.key);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::bad_alg);
}

TEST(Envelope, CorruptedCiphertextIsBadMessageCheck) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(Bytes(64, 0x11), ra.certificate, {}));
  der[der.size() - 3] ^= 0xFF;  // last ciphertext block: the padding no longer checks out
  auto opened = open_envelope(der, ra.certificate, ra.key);
  if (opened) {
    EXPECT_NE(opened->content, Bytes(64, 0x11));  // padding can pass by chance; content cannot
  } else {
    EXPECT_EQ(opened.error().category, ErrorCategory::bad_message_check);
  }
}

TEST(Envelope, GarbageIsBadRequest) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  std::vector<Bytes> inputs{{},
                            {0x30, 0x03, 0x02, 0x01, 0x00},
                            to_bytes("garbage"),
                            Bytes(der.begin(), der.begin() + 40)};
  for (const auto& input : inputs) {
    auto opened = open_envelope(input, ra.certificate, ra.key);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().category, ErrorCategory::bad_request);
  }
}

const std::vector<EnvelopeAlgorithms> every_algorithm = [] {
  std::vector<EnvelopeAlgorithms> all;
  for (auto cipher :
       {ContentCipher::aes128_cbc, ContentCipher::aes192_cbc, ContentCipher::aes256_cbc,
        ContentCipher::des_ede3_cbc, ContentCipher::des_cbc}) {
    all.push_back({cipher, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1});
    for (auto digest : {DigestAlg::sha1, DigestAlg::sha256, DigestAlg::sha384, DigestAlg::sha512}) {
      all.push_back({cipher, KeyTransport::rsa_oaep, digest});
    }
    // Java's OAEPWithSHA-256AndMGF1Padding
    all.push_back({cipher, KeyTransport::rsa_oaep, DigestAlg::sha256, DigestAlg::sha1});
  }
  return all;
}();

std::string describe(const EnvelopeAlgorithms& algorithms) {
  std::string text = std::string(to_string(algorithms.cipher)) + " " +
                     std::string(to_string(algorithms.key_transport));
  if (auto oaep = algorithms.oaep()) {
    text += " digest " + std::to_string(static_cast<int>(oaep->digest)) + " mask " +
            std::to_string(static_cast<int>(oaep->mask_digest));
  }
  return text;
}

TEST(EnvelopeInterop, WhatWeSealOpenSslOpensAndWritesAlike) {
  const auto& ra = shared_identity("ra");
  auto content = random_bytes(1000);
  for (const auto& algorithms : every_algorithm) {
    SCOPED_TRACE(describe(algorithms));
    auto ours = must(seal_envelope(content, ra.certificate, algorithms));
    EXPECT_EQ(openssl_open(ours, ra), content);
    // DER: OpenSSL's encoder writes the same bytes back.
    auto reparsed = decode_der<CMS_ContentInfo, CMS_ContentInfo_free>(d2i_CMS_ContentInfo, ours);
    ASSERT_TRUE(reparsed);
    EXPECT_EQ(encode_der(i2d_CMS_ContentInfo, reparsed.get()), ours);
    // Versions, identifiers and algorithm parameters exactly as OpenSSL's CMS code writes them.
    EXPECT_EQ(shape_of(ours), shape_of(openssl_seal(content, ra.certificate, algorithms)));
  }
}

TEST(EnvelopeInterop, WhatOpenSslSealsWeOpen) {
  const auto& ra = shared_identity("ra");
  auto content = random_bytes(1000);
  for (const auto& algorithms : every_algorithm) {
    SCOPED_TRACE(describe(algorithms));
    auto opened = must(
        open_envelope(openssl_seal(content, ra.certificate, algorithms), ra.certificate, ra.key));
    EXPECT_EQ(opened.content, content);
    EXPECT_EQ(opened.algorithms, algorithms);
  }
}

TEST(EnvelopeInterop, OpensBerFromAStreamingEncoder) {
  const auto& ra = shared_identity("ra");
  auto content = random_bytes(5000);
  EnvelopeAlgorithms algorithms{ContentCipher::aes128_cbc, KeyTransport::rsa_oaep,
                                DigestAlg::sha256};
  auto cms = openssl_envelope(content, algorithms.cipher, CMS_BINARY | CMS_STREAM);
  add_openssl_recipient(cms.get(), ra.certificate, algorithms);
  BioHandle in = read_bio(content);
  BioHandle out(BIO_new(BIO_s_mem()));
  require(
      in && out && i2d_CMS_bio_stream(out.get(), cms.get(), in.get(), CMS_BINARY | CMS_STREAM) == 1,
      "i2d_CMS_bio_stream");
  auto ber = bio_contents(out.get());
  ASSERT_GE(ber.size(), 2u);
  EXPECT_EQ(ber[1], 0x80) << "not an indefinite length";
  const Bytes constructed_content{0xA0, 0x80, 0x04};  // [0] in OCTET STRING pieces
  EXPECT_NE(
      std::search(ber.begin(), ber.end(), constructed_content.begin(), constructed_content.end()),
      ber.end());
  auto opened = must(open_envelope(ber, ra.certificate, ra.key));
  EXPECT_EQ(opened.content, content);
  EXPECT_EQ(opened.algorithms, algorithms);
}

TEST(EnvelopeInterop, OtherRecipientsAreSkipped) {
  const auto& ra = shared_identity("ra");
  const auto& other = shared_identity("other-ra");
  auto content = to_bytes("for several recipients");
  EnvelopeAlgorithms algorithms{};
  auto cms = openssl_envelope(content, algorithms.cipher, CMS_BINARY);
  add_openssl_recipient(cms.get(), other.certificate, algorithms);
  OpensslBufferHandle kek(static_cast<unsigned char*>(OPENSSL_memdup(Bytes(16, 7).data(), 16)));
  OpensslBufferHandle kek_id(static_cast<unsigned char*>(OPENSSL_memdup("kek", 3)));
  require(kek && kek_id &&
              CMS_add0_recipient_key(cms.get(), NID_undef, kek.get(), 16, kek_id.get(), 3, nullptr,
                                     nullptr, nullptr) != nullptr,
          "CMS_add0_recipient_key");
  kek.release();
  kek_id.release();
  add_openssl_recipient(cms.get(), ra.certificate, algorithms);
  auto der = openssl_finish(cms.get(), content);

  int tagged = 0;
  edited(der, [&](CmsEnvelopedDataFields& envelope) {
    ASSERT_EQ(sk_ASN1_TYPE_num(envelope.recipient_infos), 3);
    for (int i = 0; i < 3; ++i) {
      tagged += ASN1_TYPE_get(sk_ASN1_TYPE_value(envelope.recipient_infos, i)) == V_ASN1_OTHER;
    }
  });
  EXPECT_EQ(tagged, 1);  // the KEKRecipientInfo
  // Looking for a recipient that is not there goes past the KEKRecipientInfo, which DER sorts last.
  auto third = open_envelope(der, shared_identity("third-ra").certificate, ra.key);
  expect_failure(third, ErrorCategory::bad_cert_id);
  EXPECT_EQ(must(open_envelope(der, ra.certificate, ra.key)).content, content);
  EXPECT_EQ(must(open_envelope(der, other.certificate, other.key)).content, content);
}

// A universal type other than SEQUENCE is no RecipientInfo at all: the envelope is malformed.
TEST(Envelope, AUniversalNonSequenceRecipientIsBadRequest) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  auto with_integer = edited(der, [](CmsEnvelopedDataFields& envelope) {
    auto integer = decode_der<ASN1_TYPE, ASN1_TYPE_free>(d2i_ASN1_TYPE, Bytes{0x02, 0x01, 0x01});
    require(integer && sk_ASN1_TYPE_push(envelope.recipient_infos, integer.get()) > 0, "push");
    integer.release();
  });
  expect_failure(open_envelope(with_integer, ra.certificate, ra.key), ErrorCategory::bad_request);
}

TEST(EnvelopeInterop, RecipientNamedBySubjectKeyIdentifierOpens) {
  const auto& ra = shared_identity("ra");
  ASSERT_NE(X509_get0_subject_key_id(ra.certificate.native()), nullptr);
  auto content = to_bytes("named by key identifier");
  auto der = openssl_seal(content, ra.certificate, {}, CMS_USE_KEYID);
  EXPECT_EQ(first_recipient(der)->recipient_id->type, CmsCertificateId::key_id_choice);
  EXPECT_EQ(must(open_envelope(der, ra.certificate, ra.key)).content, content);
  auto other = open_envelope(der, shared_identity("other-ra").certificate, ra.key);
  expect_failure(other, ErrorCategory::bad_cert_id);
}

TEST(Envelope, IvOfTheWrongLengthOrTypeIsBadRequest) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  for (int iv_type : {V_ASN1_OCTET_STRING, V_ASN1_NULL}) {
    auto bad = edited(der, [&](CmsEnvelopedDataFields& envelope) {
      X509_ALGOR* algorithm = envelope.encrypted_content_info->content_encryption_algorithm;
      Asn1OctetStringHandle short_iv(ASN1_OCTET_STRING_new());
      require(short_iv && ASN1_OCTET_STRING_set(short_iv.get(), Bytes(8, 1).data(), 8) == 1, "IV");
      require(X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_aes_256_cbc), iv_type,
                              iv_type == V_ASN1_NULL ? nullptr : short_iv.release()) == 1,
              "IV");
    });
    expect_failure(open_envelope(bad, ra.certificate, ra.key), ErrorCategory::bad_request);
  }
}

TEST(Envelope, AbsentEncryptedContentIsBadRequest) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  auto bad = edited(der, [](CmsEnvelopedDataFields& envelope) {
    Asn1OctetStringHandle dropped(envelope.encrypted_content_info->encrypted_content);
    envelope.encrypted_content_info->encrypted_content = nullptr;
  });
  expect_failure(open_envelope(bad, ra.certificate, ra.key), ErrorCategory::bad_request);
}

TEST(Envelope, SignedDataIsNotAnEnvelope) {
  const auto& ra = shared_identity("ra");
  auto signed_der = must(sign_message(as_bytes("x"), ra.certificate, ra.key, {}));
  expect_failure(open_envelope(signed_der, ra.certificate, ra.key), ErrorCategory::bad_request);
}

TEST(Envelope, OaepLabelsAndOtherMaskFunctionsAreBadAlg) {
  const auto& ra = shared_identity("ra");
  EnvelopeAlgorithms algorithms{ContentCipher::aes128_cbc, KeyTransport::rsa_oaep,
                                DigestAlg::sha256};
  auto content = to_bytes("OAEP");
  auto der = must(seal_envelope(content, ra.certificate, algorithms));
  auto with_parameters = [&](DigestAlg hash, DigestAlg mask_hash, std::string_view label,
                             int mask_function = NID_mgf1) {
    return edited_recipient(der, [&](CmsKeyTransRecipient& recipient) {
      set_oaep_parameters(recipient.key_encryption_algorithm, hash, mask_hash, label,
                          mask_function);
    });
  };
  // The same parameters built by hand, with SHA-256 written out for MGF1 too, still open.
  auto same = with_parameters(DigestAlg::sha256, DigestAlg::sha256, {});
  EXPECT_EQ(must(open_envelope(same, ra.certificate, ra.key)).content, content);
  // Parameters that name other hashes than the key was encrypted with do not decrypt it.
  auto mixed = with_parameters(DigestAlg::sha256, DigestAlg::sha1, {});
  expect_failure(open_envelope(mixed, ra.certificate, ra.key), ErrorCategory::bad_message_check);

  auto labelled = with_parameters(DigestAlg::sha256, DigestAlg::sha256, "label");
  expect_failure(open_envelope(labelled, ra.certificate, ra.key), ErrorCategory::bad_alg);
  auto other_mask = with_parameters(DigestAlg::sha256, DigestAlg::sha256, {}, NID_sha256);
  expect_failure(open_envelope(other_mask, ra.certificate, ra.key), ErrorCategory::bad_alg);

  auto pss = edited_recipient(der, [](CmsKeyTransRecipient& recipient) {
    require(X509_ALGOR_set0(recipient.key_encryption_algorithm, OBJ_nid2obj(NID_rsassaPss),
                            V_ASN1_UNDEF, nullptr) == 1,
            "algorithm");
  });
  expect_failure(open_envelope(pss, ra.certificate, ra.key), ErrorCategory::bad_alg);
}

// Absent or NULL RSAES-OAEP parameters are taken as the defaults, SHA-1 throughout.
TEST(Envelope, OaepWithoutParametersIsSha1) {
  const auto& ra = shared_identity("ra");
  EnvelopeAlgorithms algorithms{ContentCipher::aes128_cbc, KeyTransport::rsa_oaep};
  auto content = to_bytes("OAEP defaults");
  auto der = must(seal_envelope(content, ra.certificate, algorithms));
  for (int parameter_type : {V_ASN1_UNDEF, V_ASN1_NULL}) {
    auto bare = edited_recipient(der, [&](CmsKeyTransRecipient& recipient) {
      require(X509_ALGOR_set0(recipient.key_encryption_algorithm, OBJ_nid2obj(NID_rsaesOaep),
                              parameter_type, nullptr) == 1,
              "algorithm");
    });
    auto opened = must(open_envelope(bare, ra.certificate, ra.key));
    EXPECT_EQ(opened.content, content);
    EXPECT_EQ(opened.algorithms, algorithms);
  }
}

// Key agreement (RFC 5753), which OpenSSL's CMS code still writes: SCEP's key transport cannot
// encrypt to an EC key.
TEST(EnvelopeInterop, EcRecipientsGetKeyAgreement) {
  static const auto ec =
      testing::make_identity({.common_name = "ec requester", .key = {KeyType::ec, 256}});
  auto content = to_bytes("certificate for an EC key");
  auto der = must(seal_envelope(content, ec.certificate, {}));
  auto cms = decode_der<CMS_ContentInfo, CMS_ContentInfo_free>(d2i_CMS_ContentInfo, der);
  ASSERT_TRUE(cms);
  auto* recipients = CMS_get0_RecipientInfos(cms.get());
  ASSERT_EQ(sk_CMS_RecipientInfo_num(recipients), 1);
  EXPECT_EQ(CMS_RecipientInfo_type(sk_CMS_RecipientInfo_value(recipients, 0)), CMS_RECIPINFO_AGREE);
  EXPECT_EQ(openssl_open(der, ec), content);
}

TEST(Envelope, ContentKeyOfTheWrongLengthGetsTheWrongKeyAnswer) {
  const auto& ra = shared_identity("ra");
  auto content = to_bytes("the content key is 32 bytes");
  auto der = must(seal_envelope(content, ra.certificate, {}));
  auto wrong_key = open_envelope(der, ra.certificate, shared_identity("other-ra").key);
  ASSERT_FALSE(wrong_key);
  EXPECT_EQ(wrong_key.error().category, ErrorCategory::bad_message_check);

  Bytes content_key = must(decrypt_key(ra.key, string_bytes(first_recipient(der)->encrypted_key)));
  ASSERT_EQ(content_key.size(), 32u);
  Bytes longer = content_key;
  longer.push_back(0);  // AES-256 would use the first 32 bytes and decrypt the content
  Bytes shorter(content_key.begin(), content_key.end() - 8);
  for (const Bytes& key : {longer, shorter}) {
    auto bad = edited_recipient(der, [&](CmsKeyTransRecipient& recipient) {
      auto encrypted = must(encrypt_key(ra.certificate.public_key(), key));
      require(ASN1_OCTET_STRING_set(recipient.encrypted_key, encrypted.data(),
                                    static_cast<int>(encrypted.size())) == 1,
              "encrypted key");
    });
    auto opened = open_envelope(bad, ra.certificate, ra.key);
    expect_failure(opened, ErrorCategory::bad_message_check);
    if (!opened) {
      EXPECT_EQ(opened.error().client_text, wrong_key.error().client_text);
    }
  }
}

TEST(Envelope, SealedDesKeysHaveOddParity) {
  const auto& ra = shared_identity("ra");
  for (auto cipher : {ContentCipher::des_ede3_cbc, ContentCipher::des_cbc}) {
    auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {cipher}));
    auto key = must(decrypt_key(ra.key, string_bytes(first_recipient(der)->encrypted_key)));
    for (auto byte : key) EXPECT_EQ(__builtin_popcount(byte) % 2, 1) << to_string(cipher);
  }
}

}  // namespace
}  // namespace scepter::crypto
