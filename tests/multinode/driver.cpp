// scepter-multinode-driver: enrollments spread round-robin over several scepter nodes that share
// one database. Enrollment i reads GetCACert from node i, sends its PKCSReq to node i+1 and, when
// the reply is PENDING, its CertPoll messages to node i+2, so that no step of one transaction
// depends on a node remembering the one before. A node that is down or answers 5xx is skipped
// for the next one with the same message: SCEP requests are idempotent by transactionID.
//
// Writes one JSON line per enrollment to --out and a summary to stdout. Exit status 0 when every
// enrollment ended with SUCCESS, 1 otherwise; 2 for bad arguments.

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "bench/enrollment.hpp"
#include "bench/http_client.hpp"
#include "core/clock.hpp"
#include "core/codec.hpp"
#include "crypto/random.hpp"
#include "scep/cert_poll.hpp"
#include "scep/client.hpp"

namespace {

using namespace scepter;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Arguments {
  std::vector<std::string> urls;
  std::vector<std::string> challenges;  // enrollment i uses challenges[i % size]
  std::size_t count = 30;
  unsigned concurrency = 4;
  int deadline_seconds = 240;  // per enrollment, across retries and polls
  std::filesystem::path key_cache = "multinode-keys";
  std::string out;
};

struct Outcome {
  std::string status = "unresolved";  // "success" | "failure" | "unresolved"
  std::string serial;
  std::string detail;
  int node_switches = 0;
  int polls = 0;
};

// One keep-alive connection per node for each worker.
class Nodes {
 public:
  explicit Nodes(const std::vector<std::string>& urls) {
    for (const auto& url : urls) connections_.emplace_back(bench::Url::parse(url));
  }
  std::size_t size() const { return connections_.size(); }

  // Sends to node `first`, moving on to the next node on a network error or a 5xx answer until
  // one answers or `deadline` passes. nullopt when none answered in time.
  template <class Send>
  std::optional<bench::HttpResponse> exchange(std::size_t first, Clock::time_point deadline,
                                              Outcome& outcome, Send send) {
    for (std::size_t attempt = 0; Clock::now() < deadline; ++attempt) {
      auto& connection = connections_[(first + attempt) % connections_.size()];
      if (attempt > 0) {
        ++outcome.node_switches;
        std::this_thread::sleep_for(attempt < connections_.size() ? 50ms : 500ms);
      }
      try {
        auto response = send(connection);
        if (response.status < 500) return response;
        outcome.detail = "HTTP " + std::to_string(response.status);
      } catch (const std::exception& e) {
        outcome.detail = e.what();
      }
    }
    return std::nullopt;
  }

 private:
  std::deque<bench::HttpConnection> connections_;
};

constexpr std::string_view kPkiOperation = "operation=PKIOperation";

Result<crypto::Certificate> fetch_recipient(bench::HttpConnection& node) {
  auto reply = node.get("operation=GetCACert");
  if (reply.status != 200) {
    return fail(ErrorCategory::unavailable,
                "GetCACert answered HTTP " + std::to_string(reply.status));
  }
  return scep::client::recipient_from_ca_cert(reply.content_type, reply.body);
}

class Driver {
 public:
  Driver(const Arguments& arguments, crypto::Certificate recipient,
         std::vector<bench::Enrollment> enrollments)
      : arguments_(arguments),
        recipient_(std::move(recipient)),
        enrollments_(std::move(enrollments)),
        outcomes_(enrollments_.size()) {}

  void run() {
    std::vector<std::jthread> workers;
    for (unsigned w = 0; w < arguments_.concurrency; ++w) {
      workers.emplace_back([this] {
        Nodes nodes(arguments_.urls);
        for (std::size_t i = next_++; i < enrollments_.size(); i = next_++) {
          outcomes_[i] = enroll(nodes, i);
        }
      });
    }
  }

  const std::vector<Outcome>& outcomes() const { return outcomes_; }
  const std::vector<bench::Enrollment>& enrollments() const { return enrollments_; }

 private:
  Outcome enroll(Nodes& nodes, std::size_t i) {
    Outcome outcome;
    const auto deadline = Clock::now() + std::chrono::seconds(arguments_.deadline_seconds);
    const auto& enrollment = enrollments_[i];

    auto ca_cert = nodes.exchange(i, deadline, outcome, [](bench::HttpConnection& node) {
      return node.get("operation=GetCACert");
    });
    if (!ca_cert) return outcome;
    auto recipient = scep::client::recipient_from_ca_cert(ca_cert->content_type, ca_cert->body);
    if (!recipient || *recipient != recipient_) {
      outcome.status = "failure";
      outcome.detail = "GetCACert differs between nodes";
      return outcome;
    }

    auto reply = nodes.exchange(i + 1, deadline, outcome, [&](bench::HttpConnection& node) {
      return node.post(kPkiOperation, "application/x-pki-message", enrollment.message);
    });
    for (;;) {
      if (!reply) return outcome;
      auto state = read(enrollment, *reply, outcome);
      if (state != scep::PkiStatus::pending) return outcome;
      if (Clock::now() >= deadline) {
        outcome.detail = "still pending at the deadline";
        return outcome;
      }
      std::this_thread::sleep_for(300ms);
      ++outcome.polls;
      auto poll = cert_poll(enrollment);
      if (!poll) {
        outcome.status = "failure";
        outcome.detail = "CertPoll: " + poll.error().client_text;
        return outcome;
      }
      reply = nodes.exchange(i + 2, deadline, outcome, [&](bench::HttpConnection& node) {
        return node.post(kPkiOperation, "application/x-pki-message", *poll);
      });
    }
  }

  // Fills `outcome` from a CertRep; returns its pkiStatus (nullopt when unreadable).
  std::optional<scep::PkiStatus> read(const bench::Enrollment& enrollment,
                                      const bench::HttpResponse& response, Outcome& outcome) {
    outcome.status = "failure";
    if (response.status != 200) {
      outcome.detail = "HTTP " + std::to_string(response.status);
      return std::nullopt;
    }
    auto reply = scep::client::read_reply(response.body, enrollment.signer, enrollment.key);
    if (!reply) {
      outcome.detail = "unreadable CertRep: " + reply.error().client_text;
      return std::nullopt;
    }
    const auto& message = reply->message;
    if (message.signer != recipient_ || message.transaction_id != enrollment.transaction_id) {
      outcome.detail = "CertRep of another signer or transaction";
      return std::nullopt;
    }
    if (message.status == scep::PkiStatus::pending) {
      outcome.status = "unresolved";
      return message.status;
    }
    if (message.status != scep::PkiStatus::success) {
      outcome.detail = "FAILURE: " + message.fail_info_text;
      return message.status;
    }
    if (!reply->bag || reply->bag->certificates.empty() ||
        reply->bag->certificates.front().public_key() != enrollment.key.public_key()) {
      outcome.detail = "SUCCESS without the certificate of the requested key";
      return std::nullopt;
    }
    outcome.status = "success";
    outcome.detail.clear();
    outcome.serial = reply->bag->certificates.front().serial_hex();
    return message.status;
  }

  //= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.3
  // CertPoll names the CA (the RA certificate's issuer) and the subject of the request.
  Result<Bytes> cert_poll(const bench::Enrollment& enrollment) {
    SCEPTER_TRY(auto content,
                scep::cert_poll_content(recipient_.issuer_der(), enrollment.subject_der));
    scep::client::RequestHeader header{scep::MessageType::cert_poll, enrollment.transaction_id,
                                       crypto::random_bytes(16)};
    return scep::client::build_request(
        header, content, recipient_,
        {crypto::ContentCipher::aes256_cbc, crypto::KeyTransport::rsa_pkcs1_v15,
         crypto::DigestAlg::sha256},
        {.certificate = enrollment.signer,
         .key = enrollment.key,
         .digest = crypto::DigestAlg::sha256,
         .signing_time = SystemClock{}.now()});
  }

  const Arguments& arguments_;
  crypto::Certificate recipient_;
  std::vector<bench::Enrollment> enrollments_;
  std::vector<Outcome> outcomes_;
  std::atomic<std::size_t> next_{0};
};

std::vector<bench::Enrollment> prepare(const Arguments& arguments,
                                       const crypto::Certificate& recipient) {
  auto keys =
      bench::cached_keys(arguments.key_cache, std::min<std::size_t>(arguments.count, 16), 2);
  const auto run_id = hex_encode(crypto::random_bytes(4));
  std::vector<std::vector<bench::Enrollment>> per_challenge;
  for (std::size_t c = 0; c < arguments.challenges.size(); ++c) {
    auto share = arguments.count / arguments.challenges.size() +
                 (c < arguments.count % arguments.challenges.size() ? 1 : 0);
    per_challenge.push_back(
        bench::prepare_enrollments({.count = share,
                                    .challenge = arguments.challenges[c],
                                    .name_prefix = "multinode-" + run_id + "-" + std::to_string(c),
                                    .threads = 2},
                                   keys, recipient));
  }
  std::vector<bench::Enrollment> interleaved;
  for (std::size_t i = 0; interleaved.size() < arguments.count; ++i) {
    auto& share = per_challenge[i % per_challenge.size()];
    auto index = i / per_challenge.size();
    if (index < share.size()) interleaved.push_back(std::move(share[index]));
  }
  return interleaved;
}

int report(const Driver& driver, const std::string& out) {
  std::ofstream lines(out);
  std::map<std::string, int> by_status;
  int switches = 0, polls = 0;
  for (std::size_t i = 0; i < driver.outcomes().size(); ++i) {
    const auto& outcome = driver.outcomes()[i];
    ++by_status[outcome.status];
    switches += outcome.node_switches;
    polls += outcome.polls;
    lines << nlohmann::json{{"index", i},
                            {"transaction_id", driver.enrollments()[i].transaction_id},
                            {"status", outcome.status},
                            {"serial", outcome.serial},
                            {"detail", outcome.detail},
                            {"node_switches", outcome.node_switches},
                            {"polls", outcome.polls}}
                 .dump()
          << '\n';
  }
  std::printf(
      "enrollments %zu: success %d, failure %d, unresolved %d; node switches %d, polls %d\n",
      driver.outcomes().size(), by_status["success"], by_status["failure"], by_status["unresolved"],
      switches, polls);
  return by_status["success"] == static_cast<int>(driver.outcomes().size()) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments arguments;
  CLI::App app{"Enrollments spread over several scepter nodes"};
  app.add_option("--url", arguments.urls, "SCEP URL of a node (repeat)")->required();
  app.add_option("--challenge", arguments.challenges, "challenge password (repeat to alternate)")
      ->required();
  app.add_option("--count", arguments.count)->check(CLI::Range(1, 100000));
  app.add_option("--concurrency", arguments.concurrency)->check(CLI::Range(1, 256));
  app.add_option("--deadline-seconds", arguments.deadline_seconds)->check(CLI::Range(1, 3600));
  app.add_option("--key-cache", arguments.key_cache);
  app.add_option("--out", arguments.out, "JSON lines, one per enrollment")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    bench::HttpConnection first(bench::Url::parse(arguments.urls.front()));
    auto recipient = fetch_recipient(first);
    if (!recipient) {
      std::fprintf(stderr, "GetCACert: %s\n", recipient.error().client_text.c_str());
      return 1;
    }
    Driver driver(arguments, *recipient, prepare(arguments, *recipient));
    driver.run();
    return report(driver, arguments.out);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "multinode driver: %s\n", e.what());
    return 2;
  }
}
