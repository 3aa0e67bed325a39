#include "intune/https_client.hpp"

#include <curl/curl.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

namespace scepter::intune {
namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

// curl_global_init is not thread-safe: run it once, before the first handle.
void initialize_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string body;
  std::size_t limit = 0;
  bool overflow = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto& sink = *static_cast<Sink*>(user);
  auto bytes = size * count;
  if (sink.body.size() + bytes > sink.limit) {
    sink.overflow = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink.body.append(data, bytes);
  return bytes;
}

// The CA bundle libcurl verifies with by default, so that an extra bundle adds to it rather
// than replacing it.
std::string system_trust_bundle() {
  initialize_curl();
  EasyHandle probe(curl_easy_init());
  if (!probe) return {};
  char* path = nullptr;
  if (curl_easy_getinfo(probe.get(), CURLINFO_CAINFO, &path) != CURLE_OK || !path) return {};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

HttpsClient::HttpsClient(HttpsOptions options) : options_(std::move(options)) {
  initialize_curl();
  if (!options_.extra_trust_pem.empty()) {
    trust_bundle_ = system_trust_bundle() + "\n" + options_.extra_trust_pem;
  }
}

Result<HttpsResponse> HttpsClient::send(const HttpsRequest& request) const {
  EasyHandle curl(curl_easy_init());
  if (!curl) return fail(ErrorCategory::internal, "HTTPS client unavailable", "curl_easy_init");
  HeaderList headers;
  for (const auto& [name, value] : request.headers) {
    auto line = name + ": " + value;
    auto* appended = curl_slist_append(headers.get(), line.c_str());
    if (!appended) return fail(ErrorCategory::internal, "HTTPS client out of memory");
    (void)headers.release();
    headers.reset(appended);
  }
  Sink sink{.limit = options_.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {};
  auto* h = curl.get();
  bool set = curl_easy_setopt(h, CURLOPT_URL, request.url.c_str()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https") == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                              static_cast<long>(options_.connect_timeout.count())) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count())) ==
                 CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink) == CURLE_OK;
  if (set && !trust_bundle_.empty()) {
    curl_blob blob{const_cast<char*>(trust_bundle_.data()), trust_bundle_.size(), CURL_BLOB_NOCOPY};
    set = curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob) == CURLE_OK;
  }
  if (set && request.method == "POST") {
    set = curl_easy_setopt(h, CURLOPT_POST, 1L) == CURLE_OK &&
          curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                           static_cast<curl_off_t>(request.body.size())) == CURLE_OK &&
          curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str()) == CURLE_OK;
  }
  if (!set) return fail(ErrorCategory::internal, "HTTPS client misconfigured", request.url);

  auto code = curl_easy_perform(h);
  auto host = host_of(request.url);
  if (sink.overflow) {
    return fail(ErrorCategory::too_large, "the answer of " + host + " is too large");
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return fail(ErrorCategory::unavailable, host + " did not answer in time",
                request.method + " " + request.url + ": " + error_buffer);
  }
  if (code != CURLE_OK) {
    std::string reason = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    return fail(ErrorCategory::unavailable, "cannot reach " + host + ": " + reason,
                request.method + " " + request.url + ": " + reason);
  }
  HttpsResponse response;
  if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status) != CURLE_OK) {
    return fail(ErrorCategory::unavailable, "no HTTP status from " + host, request.url);
  }
  response.body = std::move(sink.body);
  return response;
}

}  // namespace scepter::intune
