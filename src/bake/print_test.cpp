// Tests of PrintJson: byte-exact `bake --print` output, expected JSON written from buildx's marshal code.
#include "bake/print.hpp"

#include <gtest/gtest.h>

#include "bake/internal/test_config.hpp"

namespace manifold::bake {
namespace {

using internal::FakeEnv;
using internal::MakeGroup;
using internal::MakeTarget;
using internal::Strings;

std::string Print(const Config& config, const Strings& requested, const Strings& sets = {}) {
  ResolveOptions options;
  options.env = FakeEnv();
  auto resolved = ResolveTargets(config, requested, sets, options);
  if (!resolved) return "error: " + resolved.error().What();
  return PrintJson(*resolved);
}

// buildx's tests/bake.go testBakePrint (its cache-from as Go marshals it: keys sorted).
TEST(PrintJsonTest, CacheFromObjects) {
  Config c;
  Target t = MakeTarget("build");
  t.args = NullableMap{{"HELLO", "foo"}};
  t.cache_from = Strings{"type=gha,token=abc", "type=s3,region=us-west-2,bucket=my_bucket,name=my_image"};
  c.targets.push_back(t);
  EXPECT_EQ(Print(c, {"build"}), R"({
  "group": {
    "default": {
      "targets": [
        "build"
      ]
    }
  },
  "target": {
    "build": {
      "context": ".",
      "dockerfile": "Dockerfile",
      "args": {
        "HELLO": "foo"
      },
      "cache-from": [
        {
          "token": "abc",
          "type": "gha"
        },
        {
          "bucket": "my_bucket",
          "name": "my_image",
          "region": "us-west-2",
          "type": "s3"
        }
      ]
    }
  }
}
)");
}

// testBakePrintOverrideEmpty: `--set *.cache-to=` empties the list, which is then left out.
TEST(PrintJsonTest, OverrideEmpty) {
  Config c;
  Target t = MakeTarget("default");
  t.cache_to = Strings{"type=gha,mode=min,scope=integration-tests"};
  c.targets.push_back(t);
  EXPECT_EQ(Print(c, {}, {"*.cache-to="}), R"({
  "group": {
    "default": {
      "targets": [
        "default"
      ]
    }
  },
  "target": {
    "default": {
      "context": ".",
      "dockerfile": "Dockerfile"
    }
  }
}
)");
}

// buildx's TestReadTargets definition: Target field order, secrets as structs, attest as maps.
// `*` reaches the parent too, so its sbom entry is inherited first and provenance follows.
TEST(PrintJsonTest, InheritedTarget) {
  const Config c = internal::BuildxReadTargetsConfig();
  EXPECT_EQ(Print(c, {"webapp"}, {"*.attest=type=sbom,disabled=true"}), R"({
  "group": {
    "default": {
      "targets": [
        "webapp"
      ]
    }
  },
  "target": {
    "webapp": {
      "annotations": [
        "index,manifest:org.opencontainers.image.authors=dvdksn"
      ],
      "attest": [
        {
          "disabled": true,
          "type": "sbom"
        },
        {
          "mode": "max",
          "type": "provenance"
        }
      ],
      "context": ".",
      "dockerfile": "Dockerfile.webapp",
      "args": {
        "VAR_BOTH": "webapp",
        "VAR_INHERITED": "webDEP"
      },
      "secret": [
        {
          "id": "FOO",
          "env": "FOO"
        }
      ],
      "platforms": [
        "linux/amd64"
      ],
      "no-cache": true,
      "shm-size": "128m",
      "ulimits": [
        "nofile=1024:1024"
      ],
      "extra-hosts": {
        "my_hostname": "8.8.8.8"
      }
    }
  }
}
)");
}

// Every attribute once, with the escapes buildx's Target.MarshalJSON and encoding/json apply.
TEST(PrintJsonTest, AllAttributesAndEscapes) {
  Config c;
  c.groups.push_back(MakeGroup("all", {"app"}));
  c.groups[0].description = "Everything";
  Target t = MakeTarget("app");
  t.description = "The <app>";
  t.context = "cwd://src/";
  t.contexts = std::map<std::string, std::string>{{"base", "docker-image://alpine"}, {"dep", "target:dep"}};
  t.dockerfile_inline = "FROM alpine\nRUN echo ${A} %{B}";
  t.args = NullableMap{{"A", "${X}&"}, {"B", std::nullopt}};
  t.labels = NullableMap{{"org.label", "v"}};
  t.tags = Strings{"user/app:latest"};
  t.cache_from = Strings{"user/app:cache"};
  t.cache_to = Strings{"type=inline"};
  t.target = "final";
  t.secrets = Strings{"id=aws,src=/root/.aws/credentials"};
  t.ssh = Strings{"default", "key=/a,/b"};
  t.platforms = Strings{"linux/amd64", "linux/arm64"};
  t.outputs = Strings{"type=local,dest=out"};
  t.pull = false;
  t.network = "none";
  t.no_cache_filter = Strings{"build"};
  t.call = "check";
  t.entitlements = Strings{"security.insecure"};
  t.annotations = Strings{"index:org.opencontainers.image.title=${X}"};
  Target dep = MakeTarget("dep");
  dep.platforms = Strings{"linux/amd64", "linux/arm64"};
  c.targets = {t, dep};
  EXPECT_EQ(Print(c, {"all"}), R"({
  "group": {
    "all": {
      "description": "Everything",
      "targets": [
        "app"
      ]
    },
    "default": {
      "targets": [
        "all"
      ]
    }
  },
  "target": {
    "app": {
      "description": "The \u003capp\u003e",
      "annotations": [
        "index:org.opencontainers.image.title=$${X}"
      ],
      "context": "src",
      "contexts": {
        "base": "docker-image://alpine",
        "dep": "target:dep"
      },
      "dockerfile": "Dockerfile",
      "dockerfile-inline": "FROM alpine\nRUN echo $${A} %%{B}",
      "args": {
        "A": "$${X}\u0026"
      },
      "labels": {
        "org.label": "v"
      },
      "tags": [
        "user/app:latest"
      ],
      "cache-from": [
        {
          "ref": "user/app:cache",
          "type": "registry"
        }
      ],
      "cache-to": [
        {
          "type": "inline"
        }
      ],
      "target": "final",
      "secret": [
        {
          "id": "aws",
          "src": "/root/.aws/credentials"
        }
      ],
      "ssh": [
        {
          "id": "default"
        },
        {
          "id": "key",
          "paths": [
            "/a",
            "/b"
          ]
        }
      ],
      "platforms": [
        "linux/amd64",
        "linux/arm64"
      ],
      "output": [
        {
          "dest": "out",
          "type": "local"
        }
      ],
      "pull": false,
      "network": "none",
      "no-cache-filter": [
        "build"
      ],
      "call": "check",
      "entitlements": [
        "security.insecure"
      ]
    },
    "dep": {
      "context": ".",
      "dockerfile": "Dockerfile",
      "platforms": [
        "linux/amd64",
        "linux/arm64"
      ],
      "output": [
        {
          "type": "cacheonly"
        }
      ]
    }
  }
}
)");
}

TEST(PrintJsonTest, PushAndLoadShorthands) {
  Config c;
  c.targets = {MakeTarget("a"), MakeTarget("b")};
  c.targets[1].outputs = Strings{"type=image,name=r/b"};
  EXPECT_EQ(Print(c, {"a", "b"}, {"*.push=true", "*.load=true"}), R"({
  "group": {
    "default": {
      "targets": [
        "a",
        "b"
      ]
    }
  },
  "target": {
    "a": {
      "context": ".",
      "dockerfile": "Dockerfile",
      "output": [
        {
          "type": "docker"
        },
        {
          "push": "true",
          "type": "image"
        }
      ]
    },
    "b": {
      "context": ".",
      "dockerfile": "Dockerfile",
      "output": [
        {
          "name": "r/b",
          "push": "true",
          "type": "image"
        },
        {
          "type": "docker"
        }
      ]
    }
  }
}
)");
}

TEST(PrintJsonTest, EmptyResolved) {
  EXPECT_EQ(PrintJson(Resolved{}), "{\n  \"target\": {}\n}\n");
}

}  // namespace
}  // namespace manifold::bake
