#pragma once
// The content ciphers of SCEP's EnvelopedData (RFC 8894 section 3.2.2): AES and (triple) DES in
// CBC mode, with the padding of RFC 5652 section 6.3. Internal to crypto/.

#include <optional>

#include "crypto/cms_enveloped.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {

// The ContentCipher an AlgorithmIdentifier names; nullopt for any other.
std::optional<ContentCipher> cipher_of(int nid);

// The implementation, fetched once per process (single DES loads the legacy provider first).
// bad_alg when no provider offers it.
Result<const EVP_CIPHER*> content_cipher(ContentCipher cipher);

// A content key, wiped once out of use as OpenSSL's CMS code wipes its own.
class ContentKey {
 public:
  explicit ContentKey(Bytes bytes) : bytes_(std::move(bytes)) {}
  ~ContentKey() { wipe(); }
  ContentKey(const ContentKey&) = delete;
  ContentKey& operator=(const ContentKey&) = delete;

  void replace(Bytes bytes) {
    wipe();
    bytes_ = std::move(bytes);
  }
  unsigned char* data() { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }

 private:
  void wipe() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }
  Bytes bytes_;
};

// Runs `input` through a context already set up with cipher, key and IV, either direction.
// bad_request for input beyond OpenSSL's int lengths; crypto when the cipher fails (bad padding
// on decryption).
Result<Bytes> run_cipher(EVP_CIPHER_CTX* context, ByteView input);

}  // namespace scepter::crypto
