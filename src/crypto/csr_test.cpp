#include "crypto/csr.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "crypto/der.hpp"
#include "crypto/handles.hpp"
#include "crypto/pkcs10.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::test_key;

// Builds requests the way clients do, with OpenSSL directly, so that the parser is tested
// against encodings it did not produce itself.
class RequestBuilder {
 public:
  explicit RequestBuilder(const PrivateKey& key) : key_(key), req_(X509_REQ_new()) {
    X509_NAME* name = X509_REQ_get_subject_name(req_.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Example"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("router-1"), -1, -1, 0);
    X509_REQ_set_pubkey(req_.get(), key.native());
  }

  // The challengePassword with `type` and the given content bytes, as encoded on the wire.
  RequestBuilder& challenge(int type, std::string_view content) {
    EXPECT_EQ(X509_REQ_add1_attr_by_NID(req_.get(), NID_pkcs9_challengePassword, type,
                                        reinterpret_cast<const unsigned char*>(content.data()),
                                        static_cast<int>(content.size())),
              1);
    return *this;
  }

  // subjectAltName in OpenSSL's configuration syntax, inside an extensionRequest.
  RequestBuilder& alt_names(const char* config) {
    X509ExtensionsHandle extensions(sk_X509_EXTENSION_new_null());
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, config);
    EXPECT_NE(san, nullptr) << config;
    sk_X509_EXTENSION_push(extensions.get(), san);
    EXPECT_EQ(X509_REQ_add_extensions(req_.get(), extensions.get()), 1);
    return *this;
  }

  Bytes der() { return der_signed_by(key_); }

  Bytes der_signed_by(const PrivateKey& signer) {
    EXPECT_GT(X509_REQ_sign(req_.get(), signer.native(), EVP_sha256()), 0);
    unsigned char* out = nullptr;
    int length = i2d_X509_REQ(req_.get(), &out);
    OpensslBufferHandle owner(out);
    return Bytes(out, out + length);
  }

  Csr csr() {
    auto csr = Csr::from_der(der());
    EXPECT_TRUE(csr) << csr.error().log_text;
    return *csr;
  }

 private:
  const PrivateKey& key_;
  X509ReqHandle req_;
};

TEST(Csr, ParsesSubjectKeyAndSignature) {
  const auto& key = test_key("rsa2048");
  auto csr = RequestBuilder(key).csr();
  EXPECT_EQ(csr.subject(), (DistinguishedName{{"O", "Example"}, {"CN", "router-1"}}));
  EXPECT_TRUE(csr.public_key() == key.public_key());
  EXPECT_TRUE(csr.verify_signature());
  EXPECT_FALSE(csr.challenge_password());
  EXPECT_TRUE(csr.requested_alt_names().empty());
  EXPECT_EQ(Csr::from_der(csr.der()).value().der(), csr.der());
}

TEST(Csr, EcRequestVerifies) {
  auto csr = RequestBuilder(test_key("ec-p384")).csr();
  EXPECT_TRUE(csr.verify_signature());
  EXPECT_EQ(csr.public_key().type(), KeyType::ec);
}

TEST(Csr, TamperedSignatureIsBadMessageCheck) {
  auto der = RequestBuilder(test_key("ec-p256")).der();
  der[der.size() - 5] ^= 0x01;  // inside the signature value
  auto csr = Csr::from_der(der);
  ASSERT_TRUE(csr);
  auto verified = csr->verify_signature();
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().category, ErrorCategory::bad_message_check);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(Csr, SignatureByAnotherKeyFails) {
  // The public key in the request is not the one that signed it.
  auto der = RequestBuilder(test_key("rsa2048")).der_signed_by(test_key("rsa2048", 1));
  auto csr = Csr::from_der(der).value();
  auto verified = csr.verify_signature();
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().category, ErrorCategory::bad_message_check);
}

TEST(Csr, GarbageTruncatedAndEmptyInputAreBadRequest) {
  auto der = RequestBuilder(test_key("rsa2048")).challenge(V_ASN1_UTF8STRING, "s3cret").der();
  std::vector<Bytes> inputs = {{},
                               {0x00},
                               {0x30, 0x00},
                               {0x30, 0x80, 0x00, 0x00},
                               to_bytes("-----BEGIN CERTIFICATE REQUEST-----")};
  for (std::size_t cut = 0; cut < der.size(); cut += 13) {
    inputs.emplace_back(der.begin(), der.begin() + static_cast<long>(cut));
  }
  auto trailing = der;
  trailing.push_back(0x00);
  inputs.push_back(trailing);
  for (const auto& input : inputs) {
    auto csr = Csr::from_der(input);
    ASSERT_FALSE(csr) << input.size();
    EXPECT_EQ(csr.error().category, ErrorCategory::bad_request);
  }
  EXPECT_EQ(ERR_peek_error(), 0u);
}

Bytes signed_request_der(EVP_PKEY* key, const EVP_MD* digest) {
  X509ReqHandle request(X509_REQ_new());
  EXPECT_EQ(X509_REQ_set_pubkey(request.get(), key), 1);
  EXPECT_GT(X509_REQ_sign(request.get(), key, digest), 0);
  unsigned char* out = nullptr;
  int length = i2d_X509_REQ(request.get(), &out);
  OpensslBufferHandle owner(out);
  return Bytes(out, out + length);
}

TEST(Csr, KeysOtherThanRsaAndEcAreBadAlg) {
  PkeyHandle ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  ASSERT_TRUE(ed25519);
  auto csr = Csr::from_der(signed_request_der(ed25519.get(), nullptr));
  ASSERT_FALSE(csr);
  EXPECT_EQ(csr.error().category, ErrorCategory::bad_alg);
  EXPECT_EQ(csr.error().log_text, "key algorithm ED25519");
}

TEST(Csr, AnRsaKeyThatDoesNotDecodeIsBadRequest) {
  auto der = RequestBuilder(test_key("rsa2048")).der();
  // RSAPublicKey ::= SEQUENCE { modulus INTEGER, ... }: the modulus made an OCTET STRING.
  const Bytes rsa_public_key = {0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01};
  auto at = std::search(der.begin(), der.end(), rsa_public_key.begin(), rsa_public_key.end());
  ASSERT_NE(at, der.end());
  at[4] = V_ASN1_OCTET_STRING;
  auto csr = Csr::from_der(der);
  ASSERT_FALSE(csr);
  EXPECT_EQ(csr.error().category, ErrorCategory::bad_request);
  ERR_clear_error();
}

using Pkcs10Handle = Handle<Pkcs10Request, Pkcs10Request_free>;

Pkcs10Handle parse_pkcs10(const Bytes& der) {
  const unsigned char* cursor = der.data();
  return Pkcs10Handle(d2i_Pkcs10Request(nullptr, &cursor, static_cast<long>(der.size())));
}

// `der` with its information changed by `change` and signed again by `key`.
Bytes resigned(const Bytes& der, const PrivateKey& key,
               const std::function<void(Pkcs10Info&)>& change) {
  auto request = parse_pkcs10(der);
  EXPECT_TRUE(request);
  change(*request->info);
  request->info->encoding.modified = 1;
  EXPECT_GT(ASN1_item_sign(ASN1_ITEM_rptr(Pkcs10Info), request->signature_algorithm, nullptr,
                           request->signature, request->info, key.native(), EVP_sha256()),
            0);
  return encode_der<Pkcs10Request>(i2d_Pkcs10Request, request.get());
}

TEST(Csr, ARequestWithoutAttributesIsRead) {
  const auto& key = test_key("ec-p256");
  auto der = resigned(RequestBuilder(key).der(), key, [](Pkcs10Info& info) {
    sk_X509_ATTRIBUTE_pop_free(info.attributes, X509_ATTRIBUTE_free);
    info.attributes = nullptr;
  });
  ASSERT_EQ(parse_pkcs10(der)->info->attributes, nullptr);  // the [0] set is really left out
  auto csr = Csr::from_der(der);
  ASSERT_TRUE(csr) << csr.error().log_text;
  EXPECT_TRUE(csr->verify_signature());
  EXPECT_FALSE(csr->challenge_password());
  EXPECT_TRUE(csr->requested_alt_names().empty());
  EXPECT_TRUE(csr->public_key() == key.public_key());
}

TEST(Csr, VersionsOtherThanOneAreBadRequest) {
  const auto& key = test_key("ec-p256");
  auto der = resigned(RequestBuilder(key).der(), key,
                      [](Pkcs10Info& info) { ASN1_INTEGER_set(info.version, 1); });
  auto csr = Csr::from_der(der);
  ASSERT_FALSE(csr);
  EXPECT_EQ(csr.error().category, ErrorCategory::bad_request);
}

TEST(Csr, KeysOnOtherCurvesAreBadAlg) {
  const auto& key = test_key("ec-p256");
  auto der = resigned(RequestBuilder(key).der(), key, [](Pkcs10Info& info) {
    X509_ALGOR_set0(info.key_info->algorithm, OBJ_nid2obj(NID_X9_62_id_ecPublicKey), V_ASN1_OBJECT,
                    OBJ_nid2obj(NID_secp256k1));
  });
  auto csr = Csr::from_der(der);
  ASSERT_FALSE(csr);
  EXPECT_EQ(csr.error().category, ErrorCategory::bad_alg);
  EXPECT_EQ(csr.error().log_text, "key algorithm id-ecPublicKey on curve secp256k1");
}

Bytes with_length(std::uint8_t tag, ByteView content, std::size_t length_bytes) {
  Bytes out = {tag, static_cast<std::uint8_t>(0x80 | length_bytes)};
  for (std::size_t i = length_bytes; i-- > 0;) {
    out.push_back(static_cast<std::uint8_t>(content.size() >> (8 * i)));
  }
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

// A client that encodes its CertificationRequestInfo in BER (here a length in more bytes than
// needed) signs those bytes: the signature must be checked over them, not over a re-encoding.
TEST(Csr, TheSignatureIsCheckedOverTheInformationAsReceived) {
  const auto& key = test_key("rsa2048");
  auto der = RequestBuilder(key).challenge(V_ASN1_UTF8STRING, "s3cret").der();
  auto request = parse_pkcs10(der);
  ASSERT_TRUE(request);
  const auto& encoding = request->info->encoding;
  ByteView info(encoding.enc, static_cast<std::size_t>(encoding.len));
  ASSERT_EQ(info[1], 0x82);  // a two-byte length, in DER
  auto ber_info = with_length(0x30, info.subspan(4), 3);

  MdCtxHandle context(EVP_MD_CTX_new());
  std::size_t signature_size = 0;
  ASSERT_EQ(EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.native()), 1);
  ASSERT_EQ(
      EVP_DigestSign(context.get(), nullptr, &signature_size, ber_info.data(), ber_info.size()), 1);
  Bytes signature_bits(signature_size + 1, 0x00);  // no unused bits
  ASSERT_EQ(EVP_DigestSign(context.get(), signature_bits.data() + 1, &signature_size,
                           ber_info.data(), ber_info.size()),
            1);
  auto algorithm = encode_der<X509_ALGOR>(i2d_X509_ALGOR, request->signature_algorithm);
  Bytes content = ber_info;
  content.insert(content.end(), algorithm.begin(), algorithm.end());
  auto signature = with_length(V_ASN1_BIT_STRING, signature_bits, 2);
  content.insert(content.end(), signature.begin(), signature.end());
  auto crafted = with_length(V_ASN1_SEQUENCE | V_ASN1_CONSTRUCTED, content, 2);

  auto csr = Csr::from_der(crafted);
  ASSERT_TRUE(csr) << csr.error().log_text;
  EXPECT_TRUE(csr->verify_signature());
  EXPECT_EQ(csr->der(), crafted);
  EXPECT_EQ(csr->challenge_password(), "s3cret");
}

TEST(Csr, BitFlipsNeverCrash) {
  auto der = RequestBuilder(test_key("ec-p256")).challenge(V_ASN1_PRINTABLESTRING, "pw").der();
  for (std::size_t i = 0; i < der.size(); ++i) {
    auto damaged = der;
    damaged[i] ^= 0xa5;
    if (auto csr = Csr::from_der(damaged)) {
      (void)csr->subject();
      (void)csr->challenge_password();
      (void)csr->requested_alt_names();
      (void)csr->verify_signature();
    }
  }
  ERR_clear_error();
}

struct ChallengeCase {
  const char* name;
  int type;
  std::string content;
  std::string expected;
};

class ChallengePassword : public ::testing::TestWithParam<ChallengeCase> {};

TEST_P(ChallengePassword, DecodesEveryDirectoryStringToUtf8) {
  const auto& c = GetParam();
  auto csr = RequestBuilder(test_key("ec-p256")).challenge(c.type, c.content).csr();
  auto password = csr.challenge_password();
  ASSERT_TRUE(password) << c.name;
  EXPECT_EQ(*password, c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Encodings, ChallengePassword,
    ::testing::Values(ChallengeCase{"printable", V_ASN1_PRINTABLESTRING, "Abc-123 x", "Abc-123 x"},
                      ChallengeCase{"utf8", V_ASN1_UTF8STRING, "p\xc3\xa4ss\xe2\x82\xac",
                                    "p\xc3\xa4ss\xe2\x82\xac"},
                      ChallengeCase{"ia5", V_ASN1_IA5STRING, "user@secret", "user@secret"},
                      ChallengeCase{"teletex", V_ASN1_T61STRING, "p\xe4ss", "p\xc3\xa4ss"},
                      ChallengeCase{"bmp", V_ASN1_BMPSTRING,
                                    std::string("\x00p\x00\xe4\x20\xac", 6),
                                    "p\xc3\xa4\xe2\x82\xac"},
                      ChallengeCase{"universal", V_ASN1_UNIVERSALSTRING,
                                    std::string("\x00\x00\x00p\x00\x01\xf6\x00", 8),
                                    "p\xf0\x9f\x98\x80"},
                      ChallengeCase{"empty", V_ASN1_UTF8STRING, "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ChallengePasswordRejects, NonStringsAndBrokenEncodings) {
  struct Case {
    const char* name;
    int type;
    std::string content;
  };
  // BMPString and UniversalString of the wrong length never get this far: OpenSSL's DER
  // decoder refuses them, so such a request fails Csr::from_der.
  for (const auto& c : {Case{"octet string", V_ASN1_OCTET_STRING, "secret"},
                        Case{"integer", V_ASN1_INTEGER, "\x01"},
                        Case{"lone surrogate", V_ASN1_BMPSTRING, std::string("\xd8\x00", 2)},
                        Case{"bad UTF-8", V_ASN1_UTF8STRING, "\xc3("}}) {
    auto csr = RequestBuilder(test_key("ec-p256")).challenge(c.type, c.content).csr();
    EXPECT_FALSE(csr.challenge_password()) << c.name;
  }
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(Csr, RequestedAltNamesFromExtensionRequest) {
  auto csr = RequestBuilder(test_key("ec-p256"))
                 .alt_names(
                     "DNS:printer.example, email:ops@example.com, URI:https://x.example/d, "
                     "IP:192.0.2.1, IP:2001:db8::7, RID:1.2.3.4, "
                     "otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@corp.example")
                 .challenge(V_ASN1_PRINTABLESTRING, "pw")
                 .csr();
  EXPECT_EQ(csr.requested_alt_names(), (std::vector<SubjectAltName>{
                                           {SanType::dns, "printer.example"},
                                           {SanType::email, "ops@example.com"},
                                           {SanType::uri, "https://x.example/d"},
                                           {SanType::ip, "192.0.2.1"},
                                           {SanType::ip, "2001:db8::7"},
                                           {SanType::upn, "alice@corp.example"},
                                       }));
  EXPECT_EQ(csr.challenge_password(), "pw");
}

// Requests held for approval are stored; the access code they carry must not be.
TEST(Csr, TheStoredFormLeavesOutTheChallengePasswordAndNothingElse) {
  const std::string secret = "Winter 2026 access code";
  auto csr = RequestBuilder(test_key("rsa2048"))
                 .alt_names("DNS:printer.example")
                 .challenge(V_ASN1_UTF8STRING, secret)
                 .csr();
  auto stored_der = csr.der_without_challenge_password();
  ASSERT_TRUE(stored_der) << stored_der.error().log_text;
  auto stored = Csr::from_der(*stored_der);
  ASSERT_TRUE(stored) << stored.error().log_text;
  EXPECT_EQ(stored->challenge_password(), std::nullopt);
  const auto bytes = stored->der();
  EXPECT_EQ(std::search(bytes.begin(), bytes.end(), secret.begin(), secret.end()), bytes.end());
  EXPECT_EQ(stored->subject(), csr.subject());
  EXPECT_TRUE(stored->public_key() == csr.public_key());
  EXPECT_EQ(stored->requested_alt_names(), csr.requested_alt_names());
  // The original is untouched.
  EXPECT_EQ(csr.challenge_password(), secret);
  EXPECT_TRUE(csr.verify_signature());

  auto plain = RequestBuilder(test_key("ec-p256")).csr();
  EXPECT_EQ(plain.der_without_challenge_password(), plain.der());
}

TEST(Csr, OtherOtherNamesAreSkipped) {
  auto csr = RequestBuilder(test_key("ec-p256"))
                 .alt_names("otherName:1.2.3.4;UTF8:not-a-upn, DNS:a.example")
                 .csr();
  EXPECT_EQ(csr.requested_alt_names(), (std::vector<SubjectAltName>{{SanType::dns, "a.example"}}));
}

}  // namespace
}  // namespace scepter::crypto
