#pragma once
// PEM plumbing shared by keys, certificates and CRLs. Internal to crypto/.

#include <string>
#include <string_view>

#include "crypto/handles.hpp"

namespace scepter::crypto {

// Password callbacks. OpenSSL's default callback prompts on the terminal, so every PEM read
// passes one of these: a server must never block on a prompt because input says "ENCRYPTED".
int refuse_passphrase(char* buffer, int size, int writing, void* user);
// `user` points to a std::string_view holding the passphrase.
int supply_passphrase(char* buffer, int size, int writing, void* user);

BioHandle write_bio();
std::string bio_text(BIO* bio);

}  // namespace scepter::crypto
