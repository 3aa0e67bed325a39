#include "admin/json.hpp"
#include "admin/requests.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

struct RequestId {
  std::string endpoint;
  std::string transaction_id;
};

void add_request_id(CLI::App& command, RequestId& id) {
  command.add_option("--endpoint", id.endpoint, "URI extension")->required();
  command.add_option("--transaction-id", id.transaction_id, "SCEP transactionID")->required();
}

std::string request_path(const RequestId& id) {
  return "/requests/" + url_encode(id.endpoint) + "/" + url_encode(id.transaction_id);
}

void register_list(CLI::App& group, Console& console) {
  auto endpoint = std::make_shared<Optional<std::string>>();
  CLI::App* command =
      add_command(group, "list", "List pending requests", console, [endpoint](Context& context) {
        const std::vector<std::string> columns = {"endpoint", "transaction_id", "subject",
                                                  "account", "created_at"};
        if (auto* api = context.remote()) {
          std::string path = "/requests";
          if (auto only = endpoint->get()) path += "?endpoint=" + url_encode(*only);
          context.print_table(context.unwrap(api->list_all(path)), columns);
          return;
        }
        admin::Requests requests(context.workspace(), context.actor());
        context.print_table(admin::to_json(context.unwrap(requests.list(endpoint->get()))),
                            columns);
      });
  add_optional(*command, "--endpoint", *endpoint, "only this endpoint's requests");
}

void register_approve(CLI::App& group, Console& console) {
  auto id = std::make_shared<RequestId>();
  CLI::App* command = add_command(
      group, "approve", "Issue the certificate of a pending request", console,
      [id](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(api->send("POST", request_path(*id) + "/approve")));
          return;
        }
        admin::Requests requests(context.workspace(), context.actor());
        context.print_object(
            admin::to_json(context.unwrap(requests.approve(id->endpoint, id->transaction_id))));
      });
  add_request_id(*command, *id);
}

void register_reject(CLI::App& group, Console& console) {
  struct Options {
    RequestId id;
    std::string reason;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "reject", "Refuse a pending request", console, [options](Context& context) {
        if (auto* api = context.remote()) {
          context.unwrap(api->send("POST", request_path(options->id) + "/reject",
                                   {{"reason", options->reason}}));
        } else {
          admin::Requests requests(context.workspace(), context.actor());
          context.check(
              requests.reject(options->id.endpoint, options->id.transaction_id, options->reason));
        }
        context.print_done({{"rejected", options->id.transaction_id}},
                           "rejected request " + options->id.transaction_id);
      });
  add_request_id(*command, options->id);
  command->add_option("--reason", options->reason, "why, for the record");
}

}  // namespace

void register_request_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "request", "Pending certificate requests");
  register_list(*group, console);
  register_approve(*group, console);
  register_reject(*group, console);
}

}  // namespace scepter::cli
