#include "crypto/issue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "crypto/handles.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::ca_spec;
using testing::kStart;
using testing::kYear;
using testing::leaf_spec;
using testing::test_key;

struct Chain {
  Certificate root;
  Certificate issuing;
  Certificate leaf;
};

// Root and issuing CA signed with `ca_key_spec` keys, the leaf key is RSA.
Chain make_chain(std::string_view ca_key_spec, DigestAlg digest = DigestAlg::sha256) {
  const auto& root_key = test_key(ca_key_spec, 1);
  const auto& issuing_key = test_key(ca_key_spec, 2);
  auto root_spec = ca_spec("Test Root", root_key, 1);
  root_spec.digest = digest;
  auto root = issue_certificate(root_spec, nullptr, root_key);
  EXPECT_TRUE(root) << root.error().log_text;
  auto issuing_spec = ca_spec("Test Issuing CA", issuing_key, 2);
  issuing_spec.path_length = 0;
  issuing_spec.digest = digest;
  auto issuing = issue_certificate(issuing_spec, &*root, root_key);
  EXPECT_TRUE(issuing) << issuing.error().log_text;
  auto leaf_spec_ = leaf_spec("device-1", test_key("rsa2048", 3), 3);
  leaf_spec_.digest = digest;
  auto leaf = issue_certificate(leaf_spec_, &*issuing, issuing_key);
  EXPECT_TRUE(leaf) << leaf.error().log_text;
  return {*root, *issuing, *leaf};
}

bool is_critical(const Certificate& cert, int nid) {
  int index = X509_get_ext_by_NID(cert.native(), nid, -1);
  return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert.native(), index)) == 1;
}

bool has_extension(const Certificate& cert, int nid) {
  return X509_get_ext_by_NID(cert.native(), nid, -1) >= 0;
}

Bytes octets(const ASN1_OCTET_STRING* value) {
  if (value == nullptr) return {};
  const unsigned char* data = ASN1_STRING_get0_data(value);
  return Bytes(data, data + ASN1_STRING_length(value));
}

// The chain validates under OpenSSL's own RFC 5280 path validation at a time inside it.
int verify_chain(const Chain& chain) {
  Handle<X509_STORE, X509_STORE_free> store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), chain.root.native());
  X509StackHandle untrusted(sk_X509_new_null());
  sk_X509_push(untrusted.get(), X509_dup(chain.issuing.native()));
  Handle<X509_STORE_CTX, X509_STORE_CTX_free> context(X509_STORE_CTX_new());
  X509_STORE_CTX_init(context.get(), store.get(), chain.leaf.native(), untrusted.get());
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context.get()),
                             to_unix(kStart + std::chrono::hours(24)));
  X509_VERIFY_PARAM_set_purpose(X509_STORE_CTX_get0_param(context.get()), X509_PURPOSE_SSL_CLIENT);
  if (X509_verify_cert(context.get()) == 1) return X509_V_OK;
  return X509_STORE_CTX_get_error(context.get());
}

class IssueChain : public ::testing::TestWithParam<const char*> {};

TEST_P(IssueChain, ValidatesAsARealChain) {
  auto chain = make_chain(GetParam());
  EXPECT_EQ(verify_chain(chain), X509_V_OK);
}

TEST_P(IssueChain, SignaturesAndNamesLink) {
  auto chain = make_chain(GetParam());
  EXPECT_TRUE(chain.root.is_signed_by(chain.root));
  EXPECT_TRUE(chain.issuing.is_signed_by(chain.root));
  EXPECT_TRUE(chain.leaf.is_signed_by(chain.issuing));
  EXPECT_FALSE(chain.leaf.is_signed_by(chain.root));
  EXPECT_FALSE(chain.issuing.is_signed_by(chain.issuing));
  EXPECT_FALSE(chain.root.is_signed_by(chain.leaf));
  EXPECT_TRUE(chain.root.is_self_issued());
  EXPECT_FALSE(chain.issuing.is_self_issued());
  EXPECT_EQ(ERR_peek_error(), 0u) << "failed checks must not leave errors queued";
}

TEST_P(IssueChain, SignatureAlgorithmFollowsKeyAndDigest) {
  bool ec = std::string_view(GetParam()).starts_with("ec");
  auto chain = make_chain(GetParam());
  EXPECT_EQ(X509_get_signature_nid(chain.leaf.native()),
            ec ? NID_ecdsa_with_SHA256 : NID_sha256WithRSAEncryption);
  auto sha384 = make_chain(GetParam(), DigestAlg::sha384);
  EXPECT_EQ(X509_get_signature_nid(sha384.leaf.native()),
            ec ? NID_ecdsa_with_SHA384 : NID_sha384WithRSAEncryption);
  EXPECT_TRUE(sha384.leaf.is_signed_by(sha384.issuing));
}

TEST_P(IssueChain, CaExtensions) {
  auto chain = make_chain(GetParam());
  for (const auto* cert : {&chain.root, &chain.issuing}) {
    EXPECT_EQ(X509_get_version(cert->native()), X509_VERSION_3);
    EXPECT_TRUE(cert->is_ca());
    EXPECT_TRUE(is_critical(*cert, NID_basic_constraints));
    EXPECT_TRUE(is_critical(*cert, NID_key_usage));
    EXPECT_EQ(X509_get_key_usage(cert->native()),
              static_cast<uint32_t>(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    EXPECT_FALSE(has_extension(*cert, NID_ext_key_usage));
    EXPECT_FALSE(has_extension(*cert, NID_subject_alt_name));
  }
  EXPECT_EQ(X509_get_pathlen(chain.root.native()), -1);
  EXPECT_EQ(X509_get_pathlen(chain.issuing.native()), 0);
  // The root names its own key as authority.
  EXPECT_EQ(octets(X509_get0_authority_key_id(chain.root.native())),
            octets(X509_get0_subject_key_id(chain.root.native())));
  EXPECT_EQ(octets(X509_get0_authority_key_id(chain.issuing.native())),
            octets(X509_get0_subject_key_id(chain.root.native())));
}

TEST_P(IssueChain, LeafExtensions) {
  auto chain = make_chain(GetParam());
  const auto& leaf = chain.leaf;
  EXPECT_EQ(X509_get_version(leaf.native()), X509_VERSION_3);
  EXPECT_FALSE(leaf.is_ca());
  Handle<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free> constraints(static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(leaf.native(), NID_basic_constraints, nullptr, nullptr)));
  ASSERT_TRUE(constraints);
  EXPECT_EQ(constraints->ca, 0);
  EXPECT_EQ(constraints->pathlen, nullptr);
  EXPECT_TRUE(is_critical(leaf, NID_basic_constraints));
  EXPECT_TRUE(is_critical(leaf, NID_key_usage));
  EXPECT_EQ(X509_get_key_usage(leaf.native()),
            static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  EXPECT_EQ(X509_get_extended_key_usage(leaf.native()), static_cast<uint32_t>(XKU_SSL_CLIENT));
  EXPECT_FALSE(is_critical(leaf, NID_ext_key_usage));
  EXPECT_FALSE(is_critical(leaf, NID_subject_alt_name));

  Handle<CRL_DIST_POINTS, CRL_DIST_POINTS_free> points(static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(leaf.native(), NID_crl_distribution_points, nullptr, nullptr)));
  ASSERT_TRUE(points);
  ASSERT_EQ(sk_DIST_POINT_num(points.get()), 1);
  const DIST_POINT* point = sk_DIST_POINT_value(points.get(), 0);
  ASSERT_EQ(point->distpoint->type, 0);
  const GENERAL_NAME* uri = sk_GENERAL_NAME_value(point->distpoint->name.fullname, 0);
  ASSERT_EQ(uri->type, GEN_URI);
  EXPECT_EQ(as_chars(octets(uri->d.uniformResourceIdentifier)), "http://pki.example/ca.crl");

  EXPECT_EQ(octets(X509_get0_subject_key_id(leaf.native())),
            test_key("rsa2048", 3).public_key().key_identifier());
  EXPECT_EQ(octets(X509_get0_authority_key_id(leaf.native())),
            octets(X509_get0_subject_key_id(chain.issuing.native())));
}

TEST_P(IssueChain, FieldsReadBack) {
  auto chain = make_chain(GetParam());
  const auto& leaf = chain.leaf;
  EXPECT_EQ(leaf.subject_text(), "CN=device-1,O=Scepter Test");
  EXPECT_EQ(leaf.issuer(), chain.issuing.subject());
  EXPECT_EQ(leaf.issuer_der(), chain.issuing.subject_der());
  EXPECT_EQ(leaf.serial(), testing::serial_of(3));
  EXPECT_EQ(leaf.serial_hex(), "11111111111111111111111111111103");
  EXPECT_EQ(leaf.not_before(), kStart);
  EXPECT_EQ(leaf.not_after(), kStart + kYear);
  EXPECT_TRUE(leaf.public_key() == test_key("rsa2048", 3).public_key());
  EXPECT_EQ(leaf.subject_alt_names(), (std::vector<SubjectAltName>{{SanType::dns, "device.example"},
                                                                   {SanType::ip, "192.0.2.7"}}));
}

// The certificate comes back as built, not re-parsed: it must be indistinguishable from what a
// client parses out of its DER, key included.
TEST_P(IssueChain, AsBuiltEqualsItsParsedDer) {
  auto chain = make_chain(GetParam());
  for (const auto* built : {&chain.root, &chain.issuing, &chain.leaf}) {
    auto parsed = Certificate::from_der(built->der());
    ASSERT_TRUE(parsed) << parsed.error().log_text;
    EXPECT_EQ(parsed->der(), built->der());
    EXPECT_TRUE(*parsed == *built);
    EXPECT_EQ(parsed->public_key().der(), built->public_key().der());
    EXPECT_EQ(parsed->public_key().type(), built->public_key().type());
    EXPECT_EQ(parsed->public_key().bits(), built->public_key().bits());
  }
  EXPECT_EQ(chain.leaf.public_key().der(), test_key("rsa2048", 3).public_key().der());
}

INSTANTIATE_TEST_SUITE_P(Keys, IssueChain, ::testing::Values("rsa2048", "ec-p256", "ec-p384"));

TEST(IssueCertificate, SubjectEncodingsFollowAttributeSyntax) {
  const auto& key = test_key("ec-p256");
  auto spec = ca_spec("Zertifizierungsstelle Müller", key, 9);
  auto cert = issue_certificate(spec, nullptr, key);
  ASSERT_TRUE(cert) << cert.error().log_text;
  const X509_NAME* name = X509_get_subject_name(cert->native());
  ASSERT_EQ(X509_NAME_entry_count(name), 3);
  EXPECT_EQ(OBJ_obj2nid(X509_NAME_ENTRY_get_object(X509_NAME_get_entry(name, 0))), NID_countryName);
  EXPECT_EQ(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, 0))),
            V_ASN1_PRINTABLESTRING);
  EXPECT_EQ(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, 1))),
            V_ASN1_UTF8STRING);
  EXPECT_EQ(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, 2))),
            V_ASN1_UTF8STRING);
  EXPECT_EQ(cert->subject(), spec.subject);
  EXPECT_EQ(cert->subject_text(), "CN=Zertifizierungsstelle Müller,O=Scepter Test,C=DE");
}

TEST(IssueCertificate, AllAltNameKindsRoundTrip) {
  const auto& key = test_key("ec-p256");
  auto spec = leaf_spec("alt", key, 10);
  spec.alt_names = {{SanType::dns, "a.example"},     {SanType::email, "user@example.com"},
                    {SanType::uri, "urn:uuid:1234"}, {SanType::ip, "10.1.2.3"},
                    {SanType::ip, "2001:db8::1"},    {SanType::upn, "jörg@corp.example"}};
  auto cert = issue_certificate(spec, nullptr, key);
  ASSERT_TRUE(cert) << cert.error().log_text;
  EXPECT_EQ(cert->subject_alt_names(), spec.alt_names);
}

TEST(IssueCertificate, EmptySubjectMakesAltNamesCritical) {
  const auto& key = test_key("ec-p256");
  auto spec = leaf_spec("", key, 11);
  spec.subject.clear();
  auto cert = issue_certificate(spec, nullptr, key);
  ASSERT_TRUE(cert) << cert.error().log_text;
  EXPECT_TRUE(is_critical(*cert, NID_subject_alt_name));
}

TEST(IssueCertificate, TimesAfter2049UseGeneralizedTime) {
  const auto& key = test_key("ec-p256");
  auto spec = leaf_spec("late", key, 12);
  spec.not_after = from_unix(2'700'000'000);  // 2055
  auto cert = issue_certificate(spec, nullptr, key);
  ASSERT_TRUE(cert);
  EXPECT_EQ(ASN1_STRING_type(X509_get0_notAfter(cert->native())), V_ASN1_GENERALIZEDTIME);
  EXPECT_EQ(ASN1_STRING_type(X509_get0_notBefore(cert->native())), V_ASN1_UTCTIME);
  EXPECT_EQ(cert->not_after(), spec.not_after);
}

TEST(IssueCertificate, SerialWithHighBitHasNoSignByteInHex) {
  const auto& key = test_key("ec-p256");
  auto spec = leaf_spec("serial", key, 13);
  spec.serial = {0x00, 0x00, 0xff, 0x01};
  auto cert = issue_certificate(spec, nullptr, key);
  ASSERT_TRUE(cert);
  EXPECT_EQ(cert->serial(), (Bytes{0xff, 0x01}));
  EXPECT_EQ(cert->serial_hex(), "ff01");
}

TEST(IssueCertificate, RejectsBadSpecs) {
  const auto& key = test_key("ec-p256");
  const auto& other = test_key("ec-p256", 7);
  struct Case {
    const char* name;
    void (*edit)(CertificateSpec&);
    const char* field;
  };
  const Case cases[] = {
      {"zero serial",
       [](CertificateSpec& s) {
         s.serial = {0, 0};
       },
       "serial"},
      {"empty serial", [](CertificateSpec& s) { s.serial.clear(); }, "serial"},
      {"long serial", [](CertificateSpec& s) { s.serial = Bytes(21, 1); }, "serial"},
      {"reversed validity", [](CertificateSpec& s) { s.not_after = s.not_before; }, "not_after"},
      {"bad OID", [](CertificateSpec& s) { s.extended_key_usage = {"clientAuth"}; },
       "extended_key_usage"},
      {"bad IP",
       [](CertificateSpec& s) {
         s.alt_names = {{SanType::ip, "10.0.0.256"}};
       },
       "alt_names"},
      {"non-ASCII DNS",
       [](CertificateSpec& s) {
         s.alt_names = {{SanType::dns, "bücher.example"}};
       },
       "alt_names"},
      {"unknown attribute",
       [](CertificateSpec& s) {
         s.subject = {{"NOPE", "x"}};
       },
       "subject"},
      {"long country",
       [](CertificateSpec& s) {
         s.subject = {{"C", "DEU"}};
       },
       "subject"},
      {"unknown key usage", [](CertificateSpec& s) { s.key_usage = 1u << 8; }, "key_usage"},
      {"negative path length",
       [](CertificateSpec& s) {
         s.is_ca = true;
         s.path_length = -1;
       },
       "path_length"},
  };
  for (const auto& c : cases) {
    auto spec = leaf_spec("bad", key, 14);
    c.edit(spec);
    auto cert = issue_certificate(spec, nullptr, key);
    ASSERT_FALSE(cert) << c.name;
    EXPECT_EQ(cert.error().category, ErrorCategory::invalid) << c.name;
    EXPECT_EQ(cert.error().field, c.field) << c.name;
  }
  // Self-signed with a key that is not the subject's, and an issuer with someone else's key.
  auto mismatched = issue_certificate(leaf_spec("x", other, 15), nullptr, key);
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(mismatched.error().category, ErrorCategory::invalid);
  auto root = issue_certificate(ca_spec("root", key, 16), nullptr, key).value();
  auto wrong_issuer_key = issue_certificate(leaf_spec("x", other, 17), &root, other);
  ASSERT_FALSE(wrong_issuer_key);
  EXPECT_EQ(wrong_issuer_key.error().category, ErrorCategory::invalid);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(IssueCertificate, SharedKeysAndCertificatesWorkFromManyThreads) {
  const auto& ca_key = test_key("ec-p256", 1);
  auto root = issue_certificate(ca_spec("Threads Root", ca_key, 20), nullptr, ca_key).value();
  const auto& leaf_key = test_key("ec-p256", 3);
  // One certificate as built, encoded by every thread at once.
  auto shared = issue_certificate(leaf_spec("shared", leaf_key, 200), &root, ca_key).value();
  const auto shared_der = shared.der();
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto leaf = issue_certificate(
            leaf_spec("t", leaf_key, static_cast<std::uint8_t>(t * 25 + i)), &root, ca_key);
        if (leaf && leaf->is_signed_by(root) && root.is_ca() && leaf->der().size() > 100 &&
            shared.der() == shared_der && shared.is_signed_by(root)) {
          ++good;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 100);
}

}  // namespace
}  // namespace scepter::crypto
