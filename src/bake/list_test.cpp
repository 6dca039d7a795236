// Tests of --list: the targets and variables tables (tabwriter layout) and their JSON forms.
#include "bake/list.hpp"

#include <gtest/gtest.h>

#include "bake/internal/test_config.hpp"

namespace manifold::bake {
namespace {

using internal::MakeGroup;
using internal::MakeTarget;
using Format = ListRequest::Format;

// The example of buildx's docs/reference/buildx_bake.md, with its tabs.
Config DocsConfig() {
  Config c;
  c.groups.push_back(MakeGroup("default", {"binaries"}));
  c.groups.push_back(MakeGroup("_private", {"x"}));
  for (const char* name : {"validate", "binaries", "update-docs", "validate-golangci", "_hidden"}) {
    c.targets.push_back(MakeTarget(name));
  }
  c.targets[3].description = "Validate .golangci.yml schema (does not run Go linter)";
  return c;
}

TEST(ListTargetsTest, Table) {
  EXPECT_EQ(ListTargets(DocsConfig(), Format::kTable),
            "TARGET\t\t\tDESCRIPTION\n"
            "binaries\t\t\n"
            "default\t\t\tbinaries\n"
            "update-docs\t\t\n"
            "validate\t\t\n"
            "validate-golangci\tValidate .golangci.yml schema (does not run Go linter)\n");
}

TEST(ListTargetsTest, GroupDescriptionsAndJson) {
  Config c;
  c.groups.push_back(MakeGroup("release", {"b", "a"}));
  c.groups[0].description = "Release <all>";
  c.groups.push_back(MakeGroup("empty", {}));
  c.targets.push_back(MakeTarget("a"));
  EXPECT_EQ(ListTargets(c, Format::kJson), R"json([
  {
    "name": "a"
  },
  {
    "name": "empty",
    "group": true
  },
  {
    "name": "release",
    "description": "Release \u003call\u003e (a, b)",
    "group": true
  }
]
)json");
  EXPECT_EQ(ListTargets(Config{}, Format::kJson), "null\n");
  EXPECT_EQ(ListTargets(Config{}, Format::kTable), "TARGET\tDESCRIPTION\n");
}

std::vector<VariableInfo> DocsVariables() {
  auto var = [](std::string name, std::string type, std::string value, std::optional<std::string> description) {
    VariableInfo v;
    v.name = std::move(name);
    v.type = std::move(type);
    v.value = std::move(value);
    v.description = std::move(description);
    return v;
  };
  return {var("REGISTRY", "string", "docker.io/username", "Registry and namespace"),
          var("IMAGE_NAME", "string", "my-app", "Image name"), var("GO_VERSION", "", "<null>", std::nullopt),
          var("DEBUG", "bool", "false", "Add debug symbols")};
}

TEST(ListVariablesTest, Table) {
  EXPECT_EQ(ListVariables(DocsVariables(), Format::kTable),
            "VARIABLE\tTYPE\tVALUE\t\t\tDESCRIPTION\n"
            "DEBUG\t\tbool\tfalse\t\t\tAdd debug symbols\n"
            "GO_VERSION\t\t<null>\t\t\t\n"
            "IMAGE_NAME\tstring\tmy-app\t\t\tImage name\n"
            "REGISTRY\tstring\tdocker.io/username\tRegistry and namespace\n");
}

TEST(ListVariablesTest, Json) {
  EXPECT_EQ(ListVariables(DocsVariables(), Format::kJson), R"([
  {
    "name": "DEBUG",
    "description": "Add debug symbols",
    "type": "bool",
    "value": "false"
  },
  {
    "name": "GO_VERSION"
  },
  {
    "name": "IMAGE_NAME",
    "description": "Image name",
    "type": "string",
    "value": "my-app"
  },
  {
    "name": "REGISTRY",
    "description": "Registry and namespace",
    "type": "string",
    "value": "docker.io/username"
  }
]
)");
  EXPECT_EQ(ListVariables({}, Format::kJson), "null\n");
}

TEST(ParseListFlagTest, Forms) {
  struct Case {
    const char* in;
    ListRequest::Type type;
    Format format;
  };
  const Case ok[] = {
      {"targets", ListRequest::Type::kTargets, Format::kTable},
      {"variables", ListRequest::Type::kVariables, Format::kTable},
      {"type=targets,format=json", ListRequest::Type::kTargets, Format::kJson},
      {"TYPE=variables,format=table", ListRequest::Type::kVariables, Format::kTable},
  };
  for (const auto& c : ok) {
    auto r = ParseListFlag(c.in);
    ASSERT_TRUE(r) << c.in << ": " << r.error().What();
    EXPECT_EQ(r->type, c.type) << c.in;
    EXPECT_EQ(r->format, c.format) << c.in;
  }
  const std::pair<const char*, const char*> bad[] = {
      {"groups", "invalid list type \"groups\""},
      {"type=targets,format=yaml", "invalid list format \"yaml\""},
      {"type=targets,json", "invalid value json"},
      {"type=targets,sort=name", "unexpected key 'sort' in 'sort=name'"},
  };
  for (const auto& [in, want] : bad) {
    auto r = ParseListFlag(in);
    ASSERT_FALSE(r) << in;
    EXPECT_EQ(r.error().What(), want);
  }
}

}  // namespace
}  // namespace manifold::bake
