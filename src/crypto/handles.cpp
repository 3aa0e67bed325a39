#include "crypto/handles.hpp"

#include <openssl/err.h>

#include <climits>

namespace scepter::crypto {

std::string drain_openssl_errors() {
  std::string line;
  const char* data = nullptr;
  int flags = 0;
  while (unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    if (!line.empty()) line += "; ";
    line += text;
    if ((flags & ERR_TXT_STRING) && data != nullptr && *data != '\0') {
      line += " (";
      line += data;
      line += ')';
    }
  }
  return line;
}

Status require_built(bool done, std::string_view what) {
  if (done) return {};
  return fail(openssl_error(ErrorCategory::crypto, "cannot build " + std::string(what)));
}

Error openssl_error(ErrorCategory category, std::string client_text) {
  auto queue = drain_openssl_errors();
  auto log_text = queue.empty() ? client_text : client_text + ": " + queue;
  return make_error(category, std::move(client_text), std::move(log_text));
}

BioHandle read_bio(ByteView data) {
  // OpenSSL refuses a null buffer even for zero bytes, and lengths are ints.
  static const char empty = '\0';
  if (data.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  const void* start = data.empty() ? static_cast<const void*>(&empty) : data.data();
  return BioHandle(BIO_new_mem_buf(start, static_cast<int>(data.size())));
}

}  // namespace scepter::crypto
