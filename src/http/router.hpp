#pragma once
// Maps method and path prefix to a handler. The session owns transport errors; everything that
// reaches a handler is a complete, size-checked request.
//
// Transport rule: SCEP, CRLs, /healthz, /readyz and /metrics answer on both listeners (many SCEP
// clients speak plain HTTP only). Prefixes given to require_tls() (the admin API and console:
// "/api", "/console") answer only requests that came over TLS; over plain HTTP they get
// 403 "HTTPS required", whether or not a route exists below the prefix, unless
// allow_plain_loopback(true) lets a peer on a loopback address (127.0.0.0/8, ::1) through.
// Handlers can also read Request::secure themselves.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace scepter::http {

using Handler = std::function<Response(const Request&)>;

// Where a handler runs. By default on the handler pool: admin requests may run long (a large
// page, a CRL of a big CA) and must not hold up the SCEP clients whose connections share a thread
// with theirs. SCEP requests and answers from memory run on the thread that read the request,
// which spares them two hand-offs between threads. Requests that wait on another service (an
// Intune enrollment asks Microsoft) have a pool of their own, so that an outage there cannot
// take the threads of the admin API, CRLs and /readyz.
enum class Execution { handler_pool, connection_thread, remote_wait_pool };
// For routes whose requests differ: asked once per request, before its handler runs. If it
// throws, the request goes to the handler pool, where its handler's own error is answered.
using ExecutionOf = std::function<Execution(const Request&)>;
// Gives an error the server answers on its own, as a short text/plain response, the form its
// clients expect (the admin API's are problem details).
using ErrorForm = std::function<Response(Response plain)>;

class Router {
 public:
  // `path_prefix` covers itself and everything below it: "/scep" matches "/scep" and
  // "/scep/demo/pkiclient.exe" but not "/scepter". Handlers may run on several threads at once.
  void add(std::string method, std::string path_prefix, Handler handler,
           Execution execution = Execution::handler_pool);
  void add(std::string method, std::string path_prefix, Handler handler, ExecutionOf execution);

  // A request matched to its route, or to the router's own 403, 404 or 405.
  class Match {
   public:
    Execution execution() const { return execution_; }
    Response run(const Request& request) const;

   private:
    friend class Router;
    const Handler* handler_ = nullptr;
    Response refusal_;
    Execution execution_ = Execution::connection_thread;
  };

  // Requests under `path_prefix` (same matching as add()) must have arrived over TLS.
  void require_tls(std::string path_prefix);
  // Lets plain-HTTP requests from a loopback peer reach require_tls() prefixes (off by default).
  void allow_plain_loopback(bool allowed) { plain_loopback_allowed_ = allowed; }

  // The errors the session answers for requests under `path_prefix` (a body too large, a handler
  // that threw) take `form`, and so do the router's own 403, 404 and 405 there.
  void set_error_form(std::string path_prefix, ErrorForm form);
  // `plain` in the form set for `path`, or as it is.
  Response error_answer(std::string_view path, Response plain) const;

  // 403 for a require_tls() prefix reached over plain HTTP; else the handler of the longest
  // prefix registered for the method; 405 with Allow when the path is known under other methods
  // only; 404 otherwise.
  Match match(const Request& request) const;
  Response dispatch(const Request& request) const { return match(request).run(request); }

 private:
  bool transport_allowed(const Request& request) const;

  struct Route {
    std::string method;
    std::string prefix;
    Handler handler;
    ExecutionOf execution;
  };
  std::vector<Route> routes_;
  std::vector<std::string> tls_prefixes_;
  std::vector<std::pair<std::string, ErrorForm>> error_forms_;
  bool plain_loopback_allowed_ = false;
};

// 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8, in the text form Request::client_address has.
bool is_loopback_address(std::string_view address);

}  // namespace scepter::http
