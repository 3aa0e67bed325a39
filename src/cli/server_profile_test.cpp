#include "cli/server_profile.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace scepter::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class ServerProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "scepter-profile-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The mode is set after writing so that the test does not depend on the umask.
  fs::path write(const std::string& text, fs::perms mode) {
    const auto path = dir_ / "cli.toml";
    std::ofstream(path) << text;
    fs::permissions(path, mode);
    return path;
  }

  fs::path dir_;
};

constexpr auto kOwnerOnly = fs::perms::owner_read | fs::perms::owner_write;
const std::string kProfile =
    "server = \"https://scepter.example:8443\"\n"
    "token = \"sct_secret\"\n"
    "ca_bundle = \"admin-ca.pem\"\n";

TEST_F(ServerProfileTest, ReadsAFileOnlyItsOwnerCanAccess) {
  const auto path = write(kProfile, kOwnerOnly);
  auto profile = load_server_profile(path, true);
  ASSERT_TRUE(profile) << profile.error().client_text;
  EXPECT_EQ(profile->server, "https://scepter.example:8443");
  EXPECT_EQ(profile->token, "sct_secret");
  EXPECT_EQ(profile->ca_bundle, (dir_ / "admin-ca.pem").string());  // relative to the file

  fs::permissions(path, fs::perms::owner_read);  // 0400 is private too
  EXPECT_TRUE(load_server_profile(path, true));
}

TEST_F(ServerProfileTest, RefusesAWorldReadableFileNamingItsModeAndTheFix) {
  const auto path = write(kProfile, kOwnerOnly | fs::perms::group_read | fs::perms::others_read);
  auto profile = load_server_profile(path, true);
  ASSERT_FALSE(profile);
  EXPECT_EQ(profile.error().category, ErrorCategory::bad_request);
  EXPECT_THAT(profile.error().client_text, HasSubstr(path.string() + " has mode 0644"));
  EXPECT_THAT(profile.error().client_text, HasSubstr("`chmod 600 " + path.string() + "`"));
  EXPECT_THAT(profile.error().client_text, Not(HasSubstr("sct_secret")));
  // Refused even where it would not be required: a default-location file is still a token.
  EXPECT_FALSE(load_server_profile(path, false));
}

TEST_F(ServerProfileTest, RefusesAnyAccessByGroupOrOthers) {
  for (const auto extra : {fs::perms::group_read, fs::perms::group_write, fs::perms::others_read,
                           fs::perms::others_write, fs::perms::others_exec}) {
    const auto path = write(kProfile, kOwnerOnly | extra);
    auto profile = load_server_profile(path, true);
    ASSERT_FALSE(profile) << static_cast<int>(extra);
    EXPECT_THAT(profile.error().client_text, HasSubstr("chmod 600"));
  }
}

TEST_F(ServerProfileTest, AMissingFileIsEmptyUnlessNamed) {
  const auto path = dir_ / "absent.toml";
  auto optional = load_server_profile(path, false);
  ASSERT_TRUE(optional);
  EXPECT_TRUE(optional->server.empty());
  EXPECT_TRUE(optional->token.empty());
  auto named = load_server_profile(path, true);
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().category, ErrorCategory::not_found);
  EXPECT_THAT(named.error().client_text, HasSubstr("no CLI configuration file at"));
}

TEST_F(ServerProfileTest, RefusesADirectoryAndBadContent) {
  const auto directory = dir_ / "cli.d";
  fs::create_directory(directory);
  fs::permissions(directory, fs::perms::owner_all);
  auto not_file = load_server_profile(directory, true);
  ASSERT_FALSE(not_file);
  EXPECT_THAT(not_file.error().client_text, HasSubstr("is not a regular file"));

  auto typo = load_server_profile(write("sever = \"https://x\"\n", kOwnerOnly), true);
  ASSERT_FALSE(typo);
  EXPECT_THAT(typo.error().client_text, HasSubstr("unknown key 'sever'"));
  auto number = load_server_profile(write("token = 5\n", kOwnerOnly), true);
  ASSERT_FALSE(number);
  EXPECT_THAT(number.error().client_text, HasSubstr("token must be a string"));
  auto broken = load_server_profile(write("server = \n", kOwnerOnly), true);
  ASSERT_FALSE(broken);
  EXPECT_THAT(broken.error().client_text, HasSubstr("is not valid TOML"));
}

}  // namespace
}  // namespace scepter::cli
