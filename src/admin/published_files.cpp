#include "admin/published_files.hpp"

#include <fstream>
#include <system_error>

namespace scepter::admin {
namespace {

namespace fs = std::filesystem;

// Written beside and renamed over, so that a reader never sees half a file.
Status replace_file(const fs::path& path, const std::string& text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return fail(ErrorCategory::internal, "cannot create " + path.parent_path().string());
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return fail(ErrorCategory::internal, "cannot write " + temporary.string());
  }
  fs::rename(temporary, path, ec);
  if (ec) return fail(ErrorCategory::internal, "cannot write " + path.string(), ec.message());
  return {};
}

}  // namespace

Status publish_ca_files(Workspace& workspace) {
  SCEPTER_TRY(const auto root, workspace.pki().root_certificate());
  SCEPTER_TRY(const auto issuing, workspace.pki().issuing_ca());
  SCEPTER_CHECK(replace_file(workspace.root_ca_path(), root.pem()));
  return replace_file(workspace.chain_path(), crypto::to_pem({issuing.certificate, root}));
}

}  // namespace scepter::admin
