#include "scep/cert_rep.hpp"

#include <gtest/gtest.h>

namespace scepter::scep {
namespace {

TEST(CertRep, SingleDesRepliesAreUpgraded) {
  using crypto::ContentCipher;
  using crypto::KeyTransport;
  auto reply =
      reply_algorithms({ContentCipher::des_cbc, KeyTransport::rsa_oaep, crypto::DigestAlg::sha256});
  EXPECT_EQ(reply.cipher, ContentCipher::des_ede3_cbc);
  EXPECT_EQ(reply.key_transport, KeyTransport::rsa_oaep);
  EXPECT_EQ(reply.oaep_digest, crypto::DigestAlg::sha256);
  EXPECT_EQ(reply_algorithms({ContentCipher::aes128_cbc}).cipher, ContentCipher::aes128_cbc);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.4
TEST(CertRep, FailInfoMapping) {
  EXPECT_EQ(fail_info_for(ErrorCategory::bad_alg), FailInfo::bad_alg);
  EXPECT_EQ(fail_info_for(ErrorCategory::bad_message_check), FailInfo::bad_message_check);
  EXPECT_EQ(fail_info_for(ErrorCategory::bad_time), FailInfo::bad_time);
  EXPECT_EQ(fail_info_for(ErrorCategory::bad_cert_id), FailInfo::bad_cert_id);
  EXPECT_EQ(fail_info_for(ErrorCategory::not_found), FailInfo::bad_cert_id);
  EXPECT_EQ(fail_info_for(ErrorCategory::unauthorized), FailInfo::bad_request);
  EXPECT_EQ(fail_info_for(ErrorCategory::internal), FailInfo::bad_request);
}

}  // namespace
}  // namespace scepter::scep
