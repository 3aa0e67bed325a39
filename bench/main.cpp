// scepter-bench: a SCEP load generator for any server URL, and the cryptographic floor of an
// enrollment measured in-process. See bench/README.md.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "bench/crypto_floor.hpp"
#include "bench/enrollment.hpp"
#include "bench/http_client.hpp"
#include "bench/load_run.hpp"
#include "crypto/random.hpp"
#include "scep/client.hpp"

namespace {

using namespace scepter;
using namespace scepter::bench;
using nlohmann::json;

unsigned hardware_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

void write_json(const std::string& path, const json& document) {
  if (path.empty()) return;
  std::ofstream(path) << document.dump(2) << '\n';
}

json memory_json(const MemoryUse& memory) {
  return {{"rss_kib", memory.rss_kib}, {"peak_rss_kib", memory.peak_rss_kib}};
}

int run_floor(const std::filesystem::path& cache_dir, int iterations,
              const std::string& json_path) {
  // Keys 0..2 of the cache play client, RA and CA: the same type and size as the server's.
  auto keys = cached_keys(cache_dir, 3, hardware_threads());
  auto floor = measure_crypto_floor(keys[0], keys[1], keys[2], iterations);
  json operations = json::array();
  std::printf("cryptographic floor of one enrollment (%d iterations each, CPU time):\n",
              floor.iterations);
  for (const auto& operation : floor.operations) {
    std::printf("  %-50s %8.1f us\n", operation.name.c_str(), operation.seconds * 1e6);
    operations.push_back({{"name", operation.name}, {"seconds", operation.seconds}});
  }
  std::printf("  %-50s %8.1f us\n", "total", floor.seconds_per_enrollment * 1e6);
  write_json(json_path, {{"iterations", floor.iterations},
                         {"operations", operations},
                         {"seconds_per_enrollment", floor.seconds_per_enrollment}});
  return 0;
}

struct EnrollArguments {
  std::vector<std::string> urls;
  std::string challenge;
  std::size_t count = 100;
  unsigned concurrency = 1;
  std::vector<pid_t> server_pids;
  std::filesystem::path cache_dir = "bench/.cache/keys";
  std::size_t key_pool = 0;
  std::vector<std::size_t> memory_checkpoints;
  std::string json_path;
};

std::string joined(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& text : texts) out += (out.empty() ? "" : ", ") + text;
  return out;
}

// Nodes behind one service must hand out the same RA certificate: a client may encrypt to the
// one it got from any node.
std::optional<HttpResponse> common_ca_cert(const std::vector<Url>& urls) {
  std::optional<HttpResponse> first;
  for (const auto& url : urls) {
    auto ca_cert = HttpConnection(url).get("operation=GetCACert");
    if (ca_cert.status != 200) {
      std::fprintf(stderr, "GetCACert at %s:%u answered HTTP %d\n", url.host.c_str(), url.port,
                   ca_cert.status);
      return std::nullopt;
    }
    if (!first) {
      first = std::move(ca_cert);
    } else if (ca_cert.body != first->body) {
      std::fprintf(stderr, "GetCACert at %s:%u differs from the first node's\n", url.host.c_str(),
                   url.port);
      return std::nullopt;
    }
  }
  return first;
}

int run_enroll(const EnrollArguments& arguments) {
  std::vector<Url> urls;
  for (const auto& text : arguments.urls) urls.push_back(Url::parse(text));
  auto ca_cert = common_ca_cert(urls);
  if (!ca_cert) return 1;
  auto recipient = scep::client::recipient_from_ca_cert(ca_cert->content_type, ca_cert->body);
  if (!recipient) {
    std::fprintf(stderr, "GetCACert: %s\n", recipient.error().client_text.c_str());
    return 1;
  }

  auto pool =
      arguments.key_pool == 0 ? arguments.count : std::min(arguments.key_pool, arguments.count);
  auto keys = cached_keys(arguments.cache_dir, pool, hardware_threads());
  auto enrollments =
      prepare_enrollments({.count = arguments.count,
                           .challenge = arguments.challenge,
                           .name_prefix = "bench-" + hex_encode(crypto::random_bytes(4)),
                           .threads = hardware_threads()},
                          keys, *recipient);

  LoadOptions options{.urls = urls,
                      .concurrency = arguments.concurrency,
                      .server_pids = arguments.server_pids,
                      .memory_checkpoints = arguments.memory_checkpoints};
  auto result = run_load(options, enrollments, *recipient, hardware_threads());

  std::printf("%s: %zu requests at concurrency %u (%zu distinct keys)\n",
              joined(arguments.urls).c_str(), result.requests, arguments.concurrency, pool);
  std::printf("  enrollments/s %.1f   wall %.2f s   p50 %.1f ms   p90 %.1f ms   p99 %.1f ms\n",
              result.enrollments_per_second, result.wall_seconds, result.p50_ms, result.p90_ms,
              result.p99_ms);
  std::printf("  succeeded %zu   failed %zu   duplicate serials %zu\n", result.succeeded,
              result.failed, result.duplicate_serials);
  for (const auto& [problem, times] : result.problems) {
    std::printf("    %zu x %s\n", times, problem.c_str());
  }
  json document{{"urls", arguments.urls},
                {"nodes", urls.size()},
                {"requests", result.requests},
                {"concurrency", arguments.concurrency},
                {"distinct_keys", pool},
                {"succeeded", result.succeeded},
                {"failed", result.failed},
                {"duplicate_serials", result.duplicate_serials},
                {"problems", result.problems},
                {"wall_seconds", result.wall_seconds},
                {"enrollments_per_second", result.enrollments_per_second},
                {"p50_ms", result.p50_ms},
                {"p90_ms", result.p90_ms},
                {"p99_ms", result.p99_ms},
                {"max_ms", result.max_ms}};
  if (result.server_cpu_per_enrollment) {
    std::printf("  server CPU %.2f ms per enrollment (%.2f s in all)\n",
                *result.server_cpu_per_enrollment * 1e3, *result.server_cpu_seconds);
    document["server_cpu_seconds"] = *result.server_cpu_seconds;
    document["server_cpu_per_enrollment"] = *result.server_cpu_per_enrollment;
  }
  if (result.server_memory_after) {
    std::printf("  server RSS %ld KiB, peak %ld KiB\n", result.server_memory_after->rss_kib,
                result.server_memory_after->peak_rss_kib);
    document["server_memory"] = memory_json(*result.server_memory_after);
  }
  json checkpoints = json::array();
  for (const auto& checkpoint : result.checkpoints) {
    std::printf("  after %zu: server RSS %ld KiB, peak %ld KiB\n", checkpoint.completed,
                checkpoint.memory.rss_kib, checkpoint.memory.peak_rss_kib);
    checkpoints.push_back(
        {{"completed", checkpoint.completed}, {"memory", memory_json(checkpoint.memory)}});
  }
  document["checkpoints"] = checkpoints;
  write_json(arguments.json_path, document);
  return result.failed == 0 && result.duplicate_serials == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"scepter-bench: SCEP enrollment load generator and cryptographic floor"};
  app.require_subcommand(1);

  auto* floor =
      app.add_subcommand("floor", "CPU time of the public-key operations of one enrollment");
  int iterations = 500;
  std::filesystem::path floor_cache = "bench/.cache/keys";
  std::string floor_json;
  floor->add_option("--iterations", iterations, "repetitions of each operation")
      ->check(CLI::PositiveNumber);
  floor->add_option("--cache-dir", floor_cache, "where RSA-2048 keys are cached");
  floor->add_option("--json", floor_json, "also write the figures to this file");

  auto* enroll = app.add_subcommand("enroll", "PKCSReq enrollments against a SCEP URL");
  EnrollArguments arguments;
  enroll
      ->add_option("--url", arguments.urls,
                   "SCEP URL, e.g. http://127.0.0.1:8080/scep/demo; repeat it for several nodes "
                   "of one service, which then get the requests round-robin")
      ->required();
  enroll->add_option("--challenge", arguments.challenge, "challenge password")->required();
  enroll->add_option("-n,--count", arguments.count, "enrollments")->check(CLI::PositiveNumber);
  enroll->add_option("-c,--concurrency", arguments.concurrency, "connections in flight")
      ->check(CLI::PositiveNumber);
  enroll
      ->add_option("--server-pid", arguments.server_pids,
                   "server process for CPU and memory; repeat it for several nodes (CPU is summed, "
                   "memory is the largest node's)")
      ->check(CLI::PositiveNumber);
  enroll->add_option("--cache-dir", arguments.cache_dir, "where RSA-2048 client keys are cached");
  enroll->add_option("--key-pool", arguments.key_pool,
                     "distinct keys (default: one per enrollment); requests beyond reuse them "
                     "with their own transactionID and subject");
  enroll
      ->add_option("--memory-at", arguments.memory_checkpoints,
                   "sample the server's RSS after these many completed enrollments")
      ->delimiter(',');
  enroll->add_option("--json", arguments.json_path, "also write the figures to this file");

  CLI11_PARSE(app, argc, argv);
  if (!crypto::initialize()) {
    std::fprintf(stderr, "cannot initialize OpenSSL providers\n");
    return 1;
  }
  try {
    if (floor->parsed()) return run_floor(floor_cache, iterations, floor_json);
    return run_enroll(arguments);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "scepter-bench: %s\n", error.what());
    return 1;
  }
}
