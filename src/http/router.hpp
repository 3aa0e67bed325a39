#pragma once
// Maps method and path prefix to a handler. The session owns transport errors; everything that
// reaches a handler is a complete, size-checked request.

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace scepter::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  // `path_prefix` covers itself and everything below it: "/scep" matches "/scep" and
  // "/scep/demo/pkiclient.exe" but not "/scepter". Handlers may run on several threads at once.
  void add(std::string method, std::string path_prefix, Handler handler);

  // The handler of the longest prefix registered for the method; 405 with Allow when the path is
  // known under other methods only; 404 otherwise.
  Response dispatch(const Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string prefix;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace scepter::http
