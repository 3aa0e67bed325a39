#include "crypto/cms_signed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "crypto/asn1.hpp"
#include "crypto/cms_degenerate.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/cms_signed_data.hpp"
#include "crypto/cms_test_support.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/handles.hpp"
#include "crypto/public_key_operations.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::must;
using testing::shared_identity;

const std::string transaction_oid = "2.16.840.1.113733.1.9.7";
const std::string nonce_oid = "2.16.840.1.113733.1.9.5";
const std::string text_oid = "1.3.6.1.5.5.7.24.1";

std::vector<SignedAttribute> scep_attributes() {
  return {
      {transaction_oid, AttributeEncoding::printable_string, to_bytes("TXN-0123456789")},
      {nonce_oid, AttributeEncoding::octet_string, Bytes(16, 0xA5)},
      {text_oid, AttributeEncoding::utf8_string, to_bytes("caf\xC3\xA9")},
  };
}

Bytes sign(ByteView content, DigestAlg digest = DigestAlg::sha256) {
  const auto& client = shared_identity("client");
  auto attributes = scep_attributes();
  return must(sign_message(content, client.certificate, client.key,
                           {.digest = digest,
                            .attributes = attributes,
                            .signing_time = testing::test_epoch(),
                            .extra_certificates = {}}));
}

Bytes to_der(const CMS_ContentInfo* cms) {
  return encode_der(i2d_CMS_ContentInfo, cms);
}

using Edit = std::function<void(CmsSignedDataFields&, CmsSignerInfoFields&)>;

// Decodes a message, lets `edit` change it and encodes it again. With `resign`, the signed
// attributes are then signed again with the client's key, so that the message still verifies
// unless the edit broke a rule: it builds messages that OpenSSL's CMS code refuses to make.
Bytes edited(ByteView der, const Edit& edit, bool resign) {
  auto decode = [](ByteView bytes) {
    auto info = decode_der<CmsSignedContentInfo, CmsSignedContentInfo_free>(
        d2i_CmsSignedContentInfo, bytes);
    if (!info || sk_CmsSignerInfoFields_num(info->signed_data->signer_infos) != 1) std::abort();
    return info;
  };
  auto info = decode(der);
  edit(*info->signed_data, *sk_CmsSignerInfoFields_value(info->signed_data->signer_infos, 0));
  auto changed = encode_der(i2d_CmsSignedContentInfo, info.get());
  if (!resign) return changed;
  // Encoding put the signed attributes in DER order, which is what the signature must cover.
  info = decode(changed);
  CmsSignerInfoFields& signer_info =
      *sk_CmsSignerInfoFields_value(info->signed_data->signer_infos, 0);
  unsigned char* attributes = nullptr;
  int length = ASN1_item_i2d(reinterpret_cast<const ASN1_VALUE*>(signer_info.signed_attributes),
                             &attributes, ASN1_ITEM_rptr(CmsSignedAttributesToVerify));
  OpensslBufferHandle owner(attributes);
  auto signature = must(sign_data(shared_identity("client").key, DigestAlg::sha256,
                                  ByteView(attributes, static_cast<std::size_t>(length))));
  if (ASN1_OCTET_STRING_set(signer_info.signature, signature.data(),
                            static_cast<int>(signature.size())) != 1) {
    std::abort();
  }
  return encode_der(i2d_CmsSignedContentInfo, info.get());
}

Edit remove_attribute(int nid) {
  return [nid](CmsSignedDataFields&, CmsSignerInfoFields& signer_info) {
    auto* attributes = signer_info.signed_attributes;
    Handle<X509_ATTRIBUTE, X509_ATTRIBUTE_free> removed(
        X509at_delete_attr(attributes, X509at_get_attr_by_NID(attributes, nid, -1)));
    ASSERT_TRUE(removed);
  };
}

// Adds an attribute whose value is `value` (an ASN1_OBJECT, ASN1_STRING, ...) of ASN.1 type
// `type`, even when one of that type is there already (which X509at_add1_attr refuses).
Edit add_attribute(int nid, int type, const void* value) {
  return [=](CmsSignedDataFields&, CmsSignerInfoFields& signer_info) {
    Handle<X509_ATTRIBUTE, X509_ATTRIBUTE_free> attribute(X509_ATTRIBUTE_create_by_NID(
        nullptr, nid, type, static_cast<const unsigned char*>(value), -1));
    ASSERT_TRUE(attribute);
    ASSERT_GT(sk_X509_ATTRIBUTE_push(signer_info.signed_attributes, attribute.get()), 0);
    attribute.release();
  };
}

Edit set_signature_algorithm(int nid) {
  return [nid](CmsSignedDataFields&, CmsSignerInfoFields& signer_info) {
    ASSERT_EQ(
        X509_ALGOR_set0(signer_info.signature_algorithm, OBJ_nid2obj(nid), V_ASN1_UNDEF, nullptr),
        1);
  };
}

// A message signed by an EC P-256 identity (shared by the tests), with its certificate.
std::pair<Bytes, Certificate> ec_signed(DigestAlg digest) {
  static const auto ec =
      testing::make_identity({.common_name = "ec client", .key = {KeyType::ec, 256}});
  auto der = must(sign_message(as_bytes("content"), ec.certificate, ec.key,
                               {.digest = digest,
                                .attributes = {},
                                .signing_time = std::nullopt,
                                .extra_certificates = {}}));
  return {std::move(der), ec.certificate};
}

ErrorCategory failure_of(ByteView der) {
  auto parsed = parse_signed_message(der);
  return parsed ? ErrorCategory::internal : parsed.error().category;
}

// What sign_message writes, read back by OpenSSL's own CMS code rather than ours: the signature
// verifies, the bytes are DER (re-encoding changes nothing), and the algorithms are named as
// OpenSSL's CMS_sign names them.
void expect_openssl_verifies(ByteView der, const Certificate& signer, ByteView content,
                             int signature_nid, int attribute_count) {
  CmsHandle cms(d2i_CMS_bio(read_bio(der).get(), nullptr));
  ASSERT_TRUE(cms);
  EXPECT_EQ(to_der(cms.get()), Bytes(der.begin(), der.end()));
  BioHandle out(BIO_new(BIO_s_mem()));
  ASSERT_EQ(CMS_verify(cms.get(), nullptr, nullptr, nullptr, out.get(),
                       CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY),
            1)
      << drain_openssl_errors();
  EXPECT_EQ(bio_contents(out.get()), Bytes(content.begin(), content.end()));
  X509StackHandle signers(CMS_get0_signers(cms.get()));
  ASSERT_EQ(sk_X509_num(signers.get()), 1);
  EXPECT_EQ(X509_cmp(sk_X509_value(signers.get(), 0), signer.native()), 0);
  CMS_SignerInfo* signer_info = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  X509_ALGOR* digest_algorithm = nullptr;
  X509_ALGOR* signature_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(signer_info, nullptr, nullptr, &digest_algorithm, &signature_algorithm);
  EXPECT_EQ(digest_algorithm->parameter, nullptr);
  EXPECT_EQ(OBJ_obj2nid(signature_algorithm->algorithm), signature_nid);
  EXPECT_EQ(CMS_signed_get_attr_count(signer_info), attribute_count);
  EXPECT_EQ(CMS_unsigned_get_attr_count(signer_info), -1);
}

class SignedDigests : public ::testing::TestWithParam<DigestAlg> {};

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.1
TEST_P(SignedDigests, RoundTripsContentAttributesAndSigner) {
  auto der = sign(as_bytes("inner envelope"), GetParam());
  auto message = must(parse_signed_message(der));
  EXPECT_EQ(message.digest, GetParam());
  EXPECT_EQ(message.signer, shared_identity("client").certificate);
  EXPECT_EQ(as_chars(message.content), "inner envelope");
  ASSERT_TRUE(message.signing_time);
  EXPECT_EQ(*message.signing_time, testing::test_epoch());
  for (const auto& expected : scep_attributes()) {
    const auto* found = message.attribute(expected.oid);
    ASSERT_NE(found, nullptr) << expected.oid;
    EXPECT_EQ(found->encoding, expected.encoding);
    EXPECT_EQ(found->value, expected.value);
  }
  EXPECT_EQ(message.attribute("1.2.3.4"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(AllDigests, SignedDigests,
                         ::testing::Values(DigestAlg::sha1, DigestAlg::sha256, DigestAlg::sha384,
                                           DigestAlg::sha512));

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2
TEST(SignedMessage, EmptyContentIsEncapsulatedAndVerifies) {
  auto der = sign({});
  CmsHandle cms(d2i_CMS_bio(read_bio(der).get(), nullptr));
  ASSERT_TRUE(cms);
  // A zero-length eContent, not an absent one: certmonger cannot verify the latter.
  EXPECT_EQ(CMS_is_detached(cms.get()), 0);
  EXPECT_TRUE(must(parse_signed_message(der)).content.empty());
}

TEST(SignedMessage, AbsentContentFromOtherSignersStillVerifies) {
  const auto& client = shared_identity("client");
  auto empty = read_bio({});
  CmsHandle cms(CMS_sign(client.certificate.native(), client.key.native(), nullptr, empty.get(),
                         CMS_BINARY | CMS_DETACHED));
  ASSERT_TRUE(cms);
  BioHandle out(BIO_new(BIO_s_mem()));
  ASSERT_EQ(i2d_CMS_bio(out.get(), cms.get()), 1);
  auto message = must(parse_signed_message(bio_contents(out.get())));
  EXPECT_TRUE(message.content.empty());
  EXPECT_EQ(message.signer, client.certificate);
}

TEST(SignedMessage, CarriesExtraCertificatesOnce) {
  const auto& ra = shared_identity("ra");
  std::vector<Certificate> extra{shared_identity("ca").certificate, ra.certificate,
                                 shared_identity("ca").certificate};
  auto der = must(sign_message(as_bytes("x"), ra.certificate, ra.key,
                               {.digest = DigestAlg::sha256,
                                .attributes = {},
                                .signing_time = std::nullopt,
                                .extra_certificates = extra}));
  auto bag = must(read_certificate_bag(der));
  EXPECT_EQ(bag.certificates.size(), 2u);
  EXPECT_EQ(must(parse_signed_message(der)).signer, ra.certificate);
  // Without a signing time, only content-type and message-digest are signed.
  expect_openssl_verifies(der, ra.certificate, as_bytes("x"), NID_rsaEncryption, 2);
}

TEST(SignedMessage, SignerNamedByKeyIdentifierVerifies) {
  const auto& client = shared_identity("client");
  auto content = read_bio(as_bytes("content"));
  CmsHandle cms(CMS_sign(client.certificate.native(), client.key.native(), nullptr, content.get(),
                         CMS_BINARY | CMS_USE_KEYID));
  ASSERT_TRUE(cms);
  auto message = must(parse_signed_message(to_der(cms.get())));
  EXPECT_EQ(message.signer, client.certificate);
  EXPECT_EQ(as_chars(message.content), "content");
}

TEST(SignedMessage, EcSignerVerifies) {
  auto [der, certificate] = ec_signed(DigestAlg::sha384);
  auto message = must(parse_signed_message(der));
  EXPECT_EQ(message.signer, certificate);
  EXPECT_EQ(message.digest, DigestAlg::sha384);
}

TEST(SignedMessage, OpenSslVerifiesWhatWeSign) {
  const auto& client = shared_identity("client");
  for (auto digest : {DigestAlg::sha1, DigestAlg::sha256, DigestAlg::sha512}) {
    auto der = sign(as_bytes("inner envelope"), digest);
    // content-type, message-digest, signingTime and the three SCEP attributes
    expect_openssl_verifies(der, client.certificate, as_bytes("inner envelope"), NID_rsaEncryption,
                            6);
  }
  expect_openssl_verifies(sign({}), client.certificate, {}, NID_rsaEncryption, 6);
  auto [ec_der, ec_certificate] = ec_signed(DigestAlg::sha384);
  expect_openssl_verifies(ec_der, ec_certificate, as_bytes("content"), NID_ecdsa_with_SHA384, 2);
}

// The SignedData OpenSSL's CMS_sign writes for the same input, as sign_message used to make it.
Bytes openssl_signed(ByteView content, const testing::Identity& signer,
                     const SigningOptions& options) {
  unsigned flags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  BioHandle data = read_bio(content);
  CmsHandle cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  CMS_SignerInfo* signer_info =
      cms && CMS_set_detached(cms.get(), 0) == 1
          ? CMS_add1_signer(cms.get(), signer.certificate.native(), signer.key.native(),
                            message_digest(options.digest), flags)
          : nullptr;
  if (signer_info == nullptr) std::abort();
  auto time = make_time(*options.signing_time);
  if (CMS_signed_add1_attr_by_NID(signer_info, NID_pkcs9_signingTime, ASN1_STRING_type(time.get()),
                                  time.get(), -1) != 1) {
    std::abort();
  }
  for (const auto& attribute : options.attributes) {
    int type = attribute.encoding == AttributeEncoding::octet_string  ? V_ASN1_OCTET_STRING
               : attribute.encoding == AttributeEncoding::utf8_string ? V_ASN1_UTF8STRING
                                                                      : V_ASN1_PRINTABLESTRING;
    if (CMS_signed_add1_attr_by_txt(signer_info, attribute.oid.c_str(), type,
                                    attribute.value.data(),
                                    static_cast<int>(attribute.value.size())) != 1) {
      std::abort();
    }
  }
  for (const auto& certificate : options.extra_certificates) {
    if (CMS_add1_cert(cms.get(), certificate.native()) != 1) std::abort();
  }
  if (CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) != 1) std::abort();
  return to_der(cms.get());
}

// RSA PKCS#1 v1.5 signatures are deterministic: the whole message must come out byte for byte as
// OpenSSL's CMS code writes it, which certmonger, sscep and the other clients have long read.
TEST(SignedMessage, RsaMessagesAreByteForByteWhatOpenSslWrites) {
  const auto& ra = shared_identity("ra");
  auto attributes = scep_attributes();
  std::vector<Certificate> extra{shared_identity("ca").certificate};
  for (auto digest : {DigestAlg::sha1, DigestAlg::sha256, DigestAlg::sha384, DigestAlg::sha512}) {
    for (bool with_extra : {false, true}) {
      SigningOptions options{.digest = digest,
                             .attributes = attributes,
                             .signing_time = testing::test_epoch(),
                             .extra_certificates = with_extra ? std::span<const Certificate>(extra)
                                                              : std::span<const Certificate>()};
      for (const auto& content : {Bytes{}, to_bytes("inner envelope")}) {
        EXPECT_EQ(must(sign_message(content, ra.certificate, ra.key, options)),
                  openssl_signed(content, ra, options))
            << static_cast<int>(digest) << " " << with_extra << " " << content.size();
      }
    }
  }
}

// A message from the client signed with RSASSA-PSS over `digest`.
Bytes pss_signed(const EVP_MD* digest) {
  const auto& client = shared_identity("client");
  auto content = read_bio(as_bytes("content"));
  CmsHandle cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_BINARY | CMS_PARTIAL));
  CMS_SignerInfo* signer_info =
      cms ? CMS_add1_signer(cms.get(), client.certificate.native(), client.key.native(), digest,
                            CMS_BINARY | CMS_KEY_PARAM)
          : nullptr;
  if (signer_info == nullptr ||
      EVP_PKEY_CTX_set_rsa_padding(CMS_SignerInfo_get0_pkey_ctx(signer_info),
                                   RSA_PKCS1_PSS_PADDING) != 1 ||
      CMS_final(cms.get(), content.get(), nullptr, CMS_BINARY) != 1) {
    std::abort();
  }
  return to_der(cms.get());
}

TEST(SignedMessage, RsaPssSignerVerifies) {
  auto der = pss_signed(EVP_sha256());
  EXPECT_EQ(must(parse_signed_message(der)).signer, shared_identity("client").certificate);
  // The signature itself is the last thing in the message.
  der[der.size() - 10] ^= 0x01;
  EXPECT_EQ(failure_of(der), ErrorCategory::bad_message_check);
}

// OpenSSL's CMS code requires the same; otherwise a PSS signer could pick MD5 for the signature.
TEST(SignedMessage, RsaPssDigestMustBeTheMessageDigest) {
  auto sha512 = pss_signed(EVP_sha512());
  auto take_sha512_pss = [&](CmsSignedDataFields&, CmsSignerInfoFields& signer_info) {
    edited(
        sha512,
        [&](CmsSignedDataFields&, CmsSignerInfoFields& pss) {
          ASSERT_EQ(X509_ALGOR_copy(signer_info.signature_algorithm, pss.signature_algorithm), 1);
        },
        false);
  };
  EXPECT_EQ(failure_of(edited(pss_signed(EVP_sha256()), take_sha512_pss, false)),
            ErrorCategory::bad_alg);
  // On an EC key, PSS does not fit at all.
  EXPECT_EQ(failure_of(edited(ec_signed(DigestAlg::sha512).first, take_sha512_pss, false)),
            ErrorCategory::bad_alg);

  // Parameters that are not RSASSA-PSS-params: bad_alg, and OpenSSL's complaint is not left
  // behind for the next error on this thread.
  auto garbage_parameters = [](CmsSignedDataFields&, CmsSignerInfoFields& signer_info) {
    const unsigned char integer[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    Asn1StringHandle sequence(ASN1_STRING_type_new(V_ASN1_SEQUENCE));
    ASSERT_EQ(ASN1_STRING_set(sequence.get(), integer, sizeof integer), 1);
    ASSERT_EQ(X509_ALGOR_set0(signer_info.signature_algorithm, OBJ_nid2obj(NID_rsassaPss),
                              V_ASN1_SEQUENCE, sequence.release()),
              1);
  };
  ERR_clear_error();
  EXPECT_EQ(failure_of(edited(pss_signed(EVP_sha256()), garbage_parameters, false)),
            ErrorCategory::bad_alg);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

// RFC 5652 section 5.3 has the signature algorithm name the key's algorithm; some signers name
// the combined one, or for ECDSA the curve. The digest still comes from digestAlgorithm.
TEST(SignedMessage, SignatureAlgorithmMayNameTheDigestOrCurve) {
  auto der = sign(as_bytes("content"));
  EXPECT_TRUE(parse_signed_message(
      edited(der, set_signature_algorithm(NID_sha256WithRSAEncryption), false)));
  EXPECT_TRUE(
      parse_signed_message(edited(der, set_signature_algorithm(NID_sha1WithRSAEncryption), false)));
  for (int other : {NID_ecdsa_with_SHA256, NID_dsa, NID_X9_62_prime256v1}) {
    EXPECT_EQ(failure_of(edited(der, set_signature_algorithm(other), false)),
              ErrorCategory::bad_alg)
        << OBJ_nid2sn(other);
  }

  auto ec = ec_signed(DigestAlg::sha256).first;
  for (int named : {NID_X9_62_id_ecPublicKey, NID_X9_62_prime256v1, NID_ecdsa_with_SHA512}) {
    EXPECT_TRUE(parse_signed_message(edited(ec, set_signature_algorithm(named), false)))
        << OBJ_nid2sn(named);
  }
  EXPECT_EQ(failure_of(edited(ec, set_signature_algorithm(NID_rsaEncryption), false)),
            ErrorCategory::bad_alg);
}

TEST(SignedMessage, UnsupportedDigestIsBadAlg) {
  auto der = sign(as_bytes("content"));
  auto md5 = [](CmsSignedDataFields&, CmsSignerInfoFields& signer_info) {
    ASSERT_EQ(
        X509_ALGOR_set0(signer_info.digest_algorithm, OBJ_nid2obj(NID_md5), V_ASN1_NULL, nullptr),
        1);
  };
  EXPECT_EQ(failure_of(edited(der, md5, false)), ErrorCategory::bad_alg);
}

//= https://www.rfc-editor.org/rfc/rfc5652#section-5.3
TEST(SignedMessage, SignedAttributesFollowTheCmsRules) {
  auto der = sign(as_bytes("content"));
  // Signed again unchanged, the message verifies: a failure below is the rule's.
  EXPECT_TRUE(parse_signed_message(edited(
      der, [](auto&, auto&) {}, true)));

  auto time = Asn1TimeHandle(ASN1_TIME_set(nullptr, 1'700'000'000));
  auto data = Asn1OctetStringHandle(ASN1_OCTET_STRING_new());
  ASSERT_TRUE(time && data && ASN1_OCTET_STRING_set(data.get(), Bytes(32, 0).data(), 32) == 1);
  std::vector<std::pair<const char*, Edit>> broken{
      {"no content-type", remove_attribute(NID_pkcs9_contentType)},
      {"no message-digest", remove_attribute(NID_pkcs9_messageDigest)},
      {"two content-types",
       add_attribute(NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data))},
      {"two signing times", add_attribute(NID_pkcs9_signingTime, V_ASN1_UTCTIME, time.get())},
      {"signed countersignature",
       add_attribute(NID_pkcs9_countersignature, V_ASN1_OCTET_STRING, data.get())},
      {"content-type of other content",
       [](CmsSignedDataFields& fields, CmsSignerInfoFields& signer_info) {
         remove_attribute(NID_pkcs9_contentType)(fields, signer_info);
         add_attribute(NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_enveloped))(
             fields, signer_info);
       }},
  };
  for (const auto& [what, edit] : broken) {
    EXPECT_EQ(failure_of(edited(der, edit, true)), ErrorCategory::bad_request) << what;
  }
}

TEST(SignedMessage, ContentAttributesAreNeverUnsigned) {
  auto der = sign(as_bytes("content"));
  auto unsigned_content_type = [](CmsSignedDataFields&, CmsSignerInfoFields& signer_info) {
    ASSERT_NE(X509at_add1_attr_by_NID(
                  &signer_info.unsigned_attributes, NID_pkcs9_contentType, V_ASN1_OBJECT,
                  reinterpret_cast<const unsigned char*>(OBJ_nid2obj(NID_pkcs7_data)), -1),
              nullptr);
  };
  EXPECT_EQ(failure_of(edited(der, unsigned_content_type, false)), ErrorCategory::bad_request);
}

// What BouncyCastle and `openssl cms -stream` send: indefinite lengths, eContent in chunks.
TEST(SignedMessage, StreamedBerVerifies) {
  const auto& client = shared_identity("client");
  Bytes content(5000, 'x');
  auto in = read_bio(content);
  CmsHandle cms(CMS_sign(client.certificate.native(), client.key.native(), nullptr, in.get(),
                         CMS_BINARY | CMS_STREAM));
  ASSERT_TRUE(cms);
  BioHandle out(BIO_new(BIO_s_mem()));
  ASSERT_EQ(i2d_CMS_bio_stream(out.get(), cms.get(), in.get(), CMS_BINARY | CMS_STREAM), 1);
  auto ber = bio_contents(out.get());
  ASSERT_EQ(ber[1], 0x80);  // indefinite length
  auto message = must(parse_signed_message(ber));
  EXPECT_EQ(message.content, content);
  EXPECT_EQ(message.signer, client.certificate);
}

// A certificate scepter could not use may ride along; only the signer's key matters.
TEST(SignedMessage, OtherCertificatesNeedNotHaveAUsableKey) {
  auto with_ed25519 = [](CmsSignedDataFields& fields, CmsSignerInfoFields&) {
    auto der = testing::ed25519_certificate_der();
    Asn1StringHandle sequence(ASN1_STRING_type_new(V_ASN1_SEQUENCE));
    ASSERT_EQ(ASN1_STRING_set(sequence.get(), der.data(), static_cast<int>(der.size())), 1);
    Asn1TypeHandle choice(ASN1_TYPE_new());
    ASSERT_TRUE(choice);
    ASN1_TYPE_set(choice.get(), V_ASN1_SEQUENCE, sequence.release());
    ASSERT_GT(sk_ASN1_TYPE_insert(fields.certificates, choice.release(), 0), 0);
  };
  auto der = edited(sign(as_bytes("content")), with_ed25519, false);
  EXPECT_EQ(must(parse_signed_message(der)).signer, shared_identity("client").certificate);
}

TEST(SignedMessage, SignerCertificateMustBeInTheMessageAndParse) {
  auto der = sign(as_bytes("content"));
  auto without_certificates = [](CmsSignedDataFields& fields, CmsSignerInfoFields&) {
    sk_ASN1_TYPE_pop_free(fields.certificates, ASN1_TYPE_free);
    fields.certificates = nullptr;
  };
  EXPECT_EQ(failure_of(edited(der, without_certificates, false)), ErrorCategory::bad_request);

  // Ahead of the signer's certificate (DER sorts both before it): a SEQUENCE that is no
  // certificate, and a universal type that no CertificateChoices alternative is.
  auto first = [](Bytes choice_der) {
    return [choice_der](CmsSignedDataFields& fields, CmsSignerInfoFields&) {
      auto choice = decode_der<ASN1_TYPE, ASN1_TYPE_free>(d2i_ASN1_TYPE, choice_der);
      ASSERT_TRUE(choice);
      ASSERT_GT(sk_ASN1_TYPE_insert(fields.certificates, choice.release(), 0), 0);
    };
  };
  EXPECT_EQ(failure_of(edited(der, first({0x30, 0x03, 0x02, 0x01, 0x01}), false)),
            ErrorCategory::bad_request);
  EXPECT_EQ(failure_of(edited(der, first({0x02, 0x01, 0x01}), false)), ErrorCategory::bad_request);
}

// The lengths of the DER elements that follow one another in `content`.
std::vector<std::size_t> element_sizes(ByteView content) {
  std::vector<std::size_t> sizes;
  for (std::size_t at = 0; at < content.size();) {
    std::size_t length = content[at + 1];
    std::size_t header = 2;
    if (length & 0x80) {
      std::size_t bytes = length & 0x7f;
      length = 0;
      for (std::size_t i = 0; i < bytes; ++i) length = length << 8 | content[at + 2 + i];
      header += bytes;
    }
    sizes.push_back(header + length);
    at += header + length;
  }
  return sizes;
}

// RFC 5652 section 5.4: the signature covers the DER of the signed attributes, whose SET OF is
// sorted, whatever order they were sent in; OpenSSL's CMS code verifies the same way.
TEST(SignedMessage, SignedAttributesAreVerifiedInDerOrder) {
  auto der = sign(as_bytes("content"));
  auto info =
      decode_der<CmsSignedContentInfo, CmsSignedContentInfo_free>(d2i_CmsSignedContentInfo, der);
  ASSERT_TRUE(info);
  const CmsSignerInfoFields& signer_info =
      *sk_CmsSignerInfoFields_value(info->signed_data->signer_infos, 0);
  unsigned char* encoded = nullptr;
  int length = ASN1_item_i2d(reinterpret_cast<const ASN1_VALUE*>(signer_info.signed_attributes),
                             &encoded, ASN1_ITEM_rptr(CmsSignedAttributesToVerify));
  OpensslBufferHandle owner(encoded);
  Bytes sorted(encoded, encoded + length);
  std::size_t header = (sorted[1] & 0x80) ? 2 + (sorted[1] & 0x7f) : 2;
  Bytes content(sorted.begin() + static_cast<long>(header), sorted.end());
  auto at = std::search(der.begin(), der.end(), content.begin(), content.end());
  ASSERT_NE(at, der.end());

  // Sent in reverse order, still signed over the sorted DER: verifies.
  auto sizes = element_sizes(content);
  ASSERT_GT(sizes.size(), 2u);
  Bytes reversed;
  std::size_t end = content.size();
  for (auto size = sizes.rbegin(); size != sizes.rend(); ++size) {
    reversed.insert(reversed.end(), content.begin() + static_cast<long>(end - *size),
                    content.begin() + static_cast<long>(end));
    end -= *size;
  }
  ASSERT_NE(reversed, content);
  std::copy(reversed.begin(), reversed.end(), at);
  EXPECT_TRUE(parse_signed_message(der));

  // Signed over the reversed order as sent: that is not the DER, so it does not verify.
  Bytes reversed_set(sorted.begin(), sorted.begin() + static_cast<long>(header));
  reversed_set.insert(reversed_set.end(), reversed.begin(), reversed.end());
  auto signature = must(sign_data(shared_identity("client").key, DigestAlg::sha256, reversed_set));
  const unsigned char* old_signature = ASN1_STRING_get0_data(signer_info.signature);
  ASSERT_EQ(signature.size(), static_cast<std::size_t>(ASN1_STRING_length(signer_info.signature)));
  auto signature_at =
      std::search(der.begin(), der.end(), old_signature, old_signature + signature.size());
  ASSERT_NE(signature_at, der.end());
  std::copy(signature.begin(), signature.end(), signature_at);
  EXPECT_EQ(failure_of(der), ErrorCategory::bad_message_check);
}

TEST(SignedMessage, TamperedSignedAttributeFailsTheSignature) {
  auto der = sign(as_bytes("content"));
  auto marker = to_bytes("TXN-0123456789");
  auto at = std::search(der.begin(), der.end(), marker.begin(), marker.end());
  ASSERT_NE(at, der.end());
  at[4] = 'X';
  auto parsed = parse_signed_message(der);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().category, ErrorCategory::bad_message_check);
}

TEST(SignedMessage, TamperedContentFailsTheDigest) {
  auto der = sign(as_bytes("original content"));
  auto marker = to_bytes("original");
  auto at = std::search(der.begin(), der.end(), marker.begin(), marker.end());
  ASSERT_NE(at, der.end());
  *at = 'O';
  auto parsed = parse_signed_message(der);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().category, ErrorCategory::bad_message_check);
}

TEST(SignedMessage, GarbageIsBadRequest) {
  auto der = sign(as_bytes("content"));
  std::vector<Bytes> inputs{{},
                            {0x30},
                            {0x30, 0x80, 0x00, 0x00},
                            to_bytes("not der at all"),
                            Bytes(der.begin(), der.begin() + static_cast<long>(der.size() / 2)),
                            Bytes(der.begin(), der.end() - 1)};
  auto trailing = der;
  trailing.push_back(0);
  inputs.push_back(trailing);
  for (const auto& input : inputs) {
    auto parsed = parse_signed_message(input);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().category, ErrorCategory::bad_request);
  }
}

TEST(SignedMessage, OtherContentTypesAreBadRequest) {
  const auto& ra = shared_identity("ra");
  auto envelope = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  EXPECT_EQ(parse_signed_message(envelope).error().category, ErrorCategory::bad_request);
  auto degenerate = must(degenerate_signed_data(std::vector{ra.certificate}));
  EXPECT_EQ(parse_signed_message(degenerate).error().category, ErrorCategory::bad_request);
}

}  // namespace
}  // namespace scepter::crypto
