// Tests of the definition file lookup: default names, -f names, stdin, BUILDX_BAKE_FILE.
#include "bake/definition_files.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "bake/internal/test_config.hpp"

namespace manifold::bake {
namespace {

using internal::FakeEnv;
using internal::Strings;

class DefinitionFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bake_files_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& name, const std::string& data) { std::ofstream(dir_ / name) << data; }

  Strings Names(const std::vector<DefinitionFile>& files) {
    Strings out;
    for (const auto& f : files) out.push_back(f.name);
    return out;
  }

  std::filesystem::path dir_;
};

TEST_F(DefinitionFilesTest, DefaultOrder) {
  EXPECT_EQ(DefaultFileNames(), (Strings{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
                                         "docker-bake.json", "docker-bake.hcl", "docker-bake.override.json",
                                         "docker-bake.override.hcl"}));
}

// buildx's TestReadLocalFilesDefault.
TEST_F(DefinitionFilesTest, ReadsTheDefaultsPresent) {
  for (const char* name : {"test.foo", "docker-bake.hcl", "compose.yml", "docker-bake.override.hcl", "abc.yml"}) {
    Write(name, name);
  }
  auto files = ReadDefinitionFiles({}, dir_, nullptr);
  ASSERT_TRUE(files) << files.error().What();
  EXPECT_EQ(Names(*files), (Strings{"compose.yml", "docker-bake.hcl", "docker-bake.override.hcl"}));
  EXPECT_EQ((*files)[1].data, "docker-bake.hcl");
}

TEST_F(DefinitionFilesTest, NothingFound) {
  Write("compsoe.yaml", "x");  // misspelt on purpose
  auto files = ReadDefinitionFiles({}, dir_, nullptr);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().What(), "couldn't find a bake definition");
}

TEST_F(DefinitionFilesTest, NamedFilesMustExistAndStdin) {
  Write("a.hcl", "A");
  std::istringstream in("from stdin");
  auto files = ReadDefinitionFiles({"a.hcl", "-"}, dir_, &in);
  ASSERT_TRUE(files) << files.error().What();
  EXPECT_EQ(Names(*files), (Strings{"a.hcl", "-"}));
  EXPECT_EQ((*files)[1].data, "from stdin");

  auto missing = ReadDefinitionFiles({"a.hcl", "nope.hcl"}, dir_, nullptr);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().What(), "open nope.hcl: no such file or directory");
  EXPECT_FALSE(ReadDefinitionFiles({"-"}, dir_, nullptr));
  std::filesystem::create_directory(dir_ / "sub");
  EXPECT_FALSE(ReadDefinitionFiles({"sub"}, dir_, nullptr));
}

TEST_F(DefinitionFilesTest, FromEnvironment) {
  Write("a.hcl", "A");
  Write("b.hcl", "B");
  auto names = FileNamesFromEnv(FakeEnv({{"BUILDX_BAKE_FILE", " a.hcl :: b.hcl:-"}}), dir_);
  ASSERT_TRUE(names) << names.error().What();
  EXPECT_EQ(*names, (Strings{"a.hcl", "b.hcl", "-"}));
  names = FileNamesFromEnv(FakeEnv({{"BUILDX_BAKE_FILE", "a.hcl;b.hcl"}, {"BUILDX_BAKE_PATH_SEPARATOR", ";"}}), dir_);
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (Strings{"a.hcl", "b.hcl"}));
  EXPECT_TRUE(FileNamesFromEnv(FakeEnv(), dir_)->empty());
  auto missing = FileNamesFromEnv(FakeEnv({{"BUILDX_BAKE_FILE", "a.hcl:c.hcl"}}), dir_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().What(), "stat c.hcl: no such file or directory");
}

}  // namespace
}  // namespace manifold::bake
