// Provenance from a lowered graph: materials, mode=min vs max, no secret values, git source; the
// statements validate against the in-toto / SLSA schemas under tests/data/schemas.
#include "builder/provenance.hpp"

#include <gtest/gtest.h>

#include "builder/attestations.hpp"
#include "image/in_toto.hpp"
#include "support/conformance.hpp"
#include "support/json_schema.hpp"
#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

namespace manifold::builder {
namespace {

const std::string kBaseDigest = "sha256:" + std::string(64, 'b');
const std::string kDownloadDigest = "sha256:" + std::string(64, 'd');

image::Platform Arm64() {
  image::Platform p;
  p.os = "linux";
  p.architecture = "arm64";
  return p;
}

// FROM busybox; ADD https://…/tool.tar; COPY . /src; RUN --mount=type=secret,id=token make
struct Fixture {
  BuildRequest request;
  LoweredBuild lowered;
  ProvenanceInputs inputs;

  Fixture() {
    graph::SourceOp base;
    base.kind = graph::SourceOp::Kind::kImage;
    base.identifier = "docker.io/library/busybox:1.36@" + kBaseDigest;
    base.platform = Arm64();
    auto base_v = graph::Vertex::Make(base, {}, "[1/4] FROM busybox");
    graph::SourceOp http;
    http.kind = graph::SourceOp::Kind::kHttp;
    http.identifier = "http://127.0.0.1:9/tool.tar";
    http.filename = "tool.tar";
    auto http_v = graph::Vertex::Make(http, {}, "[2/4] ADD http://127.0.0.1:9/tool.tar");
    graph::SourceOp local;
    local.kind = graph::SourceOp::Kind::kLocal;
    local.identifier = "context";
    auto local_v = graph::Vertex::Make(local, {}, "[internal] load build context");
    graph::FileOp add;
    graph::CopyAction copy;
    copy.source_path = "tool.tar";
    copy.dest_path = "/";
    add.actions.push_back(copy);
    auto add_v = graph::Vertex::Make(add, {base_v, http_v}, "[2/4] ADD");
    graph::FileOp copy_ctx;
    graph::CopyAction c2;
    c2.source_path = ".";
    c2.dest_path = "/src";
    copy_ctx.actions.push_back(c2);
    auto copy_v = graph::Vertex::Make(copy_ctx, {add_v, local_v}, "[3/4] COPY . /src");
    graph::ExecOp run;
    run.args = {"/bin/sh", "-c", "make"};
    run.env = {"VERSION=1.2"};
    run.platform = Arm64();
    graph::ExecMount secret;
    secret.type = graph::ExecMount::Type::kSecret;
    secret.target = "/run/secrets/token";
    secret.cache_id = "token";
    run.mounts.push_back(secret);
    auto run_v = graph::Vertex::Make(run, {copy_v}, "[4/4] RUN make", "linux/arm64");
    frontend::dockerfile::PlatformBuild build;
    build.platform = Arm64();
    build.root = run_v;
    lowered.platforms.push_back(build);
    lowered.dockerfile_name = "Dockerfile";
    lowered.dockerfile_digest = image::Digest::OfBytes("FROM busybox\n").str();
    request.build_args = {{"VERSION", "1.2"}};
    request.target = "final";
    request.secret_values = std::map<std::string, std::string>{{"token", "s3cr3t-value"}};
    inputs.request = &request;
    inputs.lowered = &lowered;
    inputs.download_digest = [](const graph::VertexRef& v) -> std::optional<std::string> {
      if (std::holds_alternative<graph::SourceOp>(v->op())) return kDownloadDigest;
      return std::nullopt;
    };
    inputs.started = std::chrono::system_clock::from_time_t(1700000000);
    inputs.finished = std::chrono::system_clock::from_time_t(1700000042);
    inputs.invocation_id = NewInvocationId();
  }
};

std::vector<std::string> ValidateStatement(const std::string& bytes) {
  std::string error;
  auto schemas = testing::JsonSchemaSet::Load(testing::SourceDir() / "tests" / "data" / "schemas", &error);
  if (!schemas) return {"loading schemas: " + error};
  auto doc = nlohmann::json::parse(bytes);
  auto errors = schemas->Validate(doc, "in-toto-statement-v0.1.json");
  std::string predicate_schema =
      doc["predicateType"] == image::kSlsaV1PredicateType ? "slsa-provenance-v1.json" : "slsa-provenance-v0.2.json";
  for (auto& e : schemas->Validate(doc["predicate"], predicate_schema)) errors.push_back(predicate_schema + ": " + e);
  return errors;
}

TEST(Provenance, MinModeHasMaterialsTimesAndNoArgs) {
  Fixture f;
  auto p = MakeProvenance(f.inputs, Arm64(), {});
  EXPECT_EQ(p.build_type, kManifoldBuildType);
  EXPECT_EQ(p.platform, "linux/arm64");
  EXPECT_EQ(p.entry_point, "Dockerfile");
  ASSERT_EQ(p.materials.size(), 2u);
  EXPECT_EQ(p.materials[0].uri, "http://127.0.0.1:9/tool.tar");
  EXPECT_EQ("sha256:" + p.materials[0].digest["sha256"], kDownloadDigest);
  EXPECT_EQ(p.materials[1].uri, "pkg:docker/docker.io/library/busybox@1.36?platform=linux%2Farm64");
  EXPECT_EQ("sha256:" + p.materials[1].digest["sha256"], kBaseDigest);
  EXPECT_FALSE(p.complete_materials) << "the build context's files are not listed";
  EXPECT_EQ(p.started_on, "2023-11-14T22:13:20Z");
  EXPECT_EQ(p.finished_on, "2023-11-14T22:14:02Z");
  EXPECT_FALSE(p.reproducible) << "no SOURCE_DATE_EPOCH";
  EXPECT_FALSE(p.parameters.contains("args")) << "build args are mode=max only";
  EXPECT_EQ(p.parameters["dockerfile"]["digest"]["sha256"], image::Digest::OfBytes("FROM busybox\n").hex());
  EXPECT_FALSE(p.build_config);
  f.request.source_date_epoch = 1700000000;
  EXPECT_TRUE(MakeProvenance(f.inputs, Arm64(), {}).reproducible);
}

TEST(Provenance, MaxModeHasArgsAndStepsButNoSecretValue) {
  Fixture f;
  ProvenanceOptions max;
  max.mode = ProvenanceMode::kMax;
  auto p = MakeProvenance(f.inputs, Arm64(), max);
  EXPECT_EQ(p.parameters["args"]["build-arg:VERSION"], "1.2");
  EXPECT_EQ(p.parameters["args"]["target"], "final");
  ASSERT_TRUE(p.build_config);
  const auto& steps = (*p.build_config)["llbDefinition"];
  ASSERT_EQ(steps.size(), 6u) << steps.dump();
  EXPECT_EQ(steps.back()["name"], "[4/4] RUN make");
  EXPECT_EQ(steps.back()["inputs"][0], steps[4]["id"]) << "a step's inputs come before it";
  EXPECT_EQ((*p.build_config)["digestMapping"].size(), 6u);
  std::string all = ProvenancePredicate(p, SlsaVersion::kV02).dump();
  EXPECT_NE(all.find("token"), std::string::npos) << "the secret's id is part of the step";
  EXPECT_EQ(all.find("s3cr3t-value"), std::string::npos) << "never its value";
}

TEST(Provenance, StatementsValidateAgainstTheSchemas) {
  Fixture f;
  for (auto version : {SlsaVersion::kV02, SlsaVersion::kV1}) {
    for (auto mode : {ProvenanceMode::kMin, ProvenanceMode::kMax}) {
      ProvenanceOptions o;
      o.version = version;
      o.mode = mode;
      exporter::AttestationPredicate predicate{std::string(ProvenancePredicateType(version)),
                                               ProvenancePredicate(MakeProvenance(f.inputs, Arm64(), o), version)};
      image::Descriptor manifest;
      manifest.digest = image::Digest::OfBytes("manifest");
      std::string bytes = exporter::StatementBytes(predicate, manifest, Arm64(), {"localhost:5000/app:1.0"});
      auto errors = ValidateStatement(bytes);
      EXPECT_TRUE(errors.empty()) << SlsaVersionName(version) << "/" << ProvenanceModeName(mode) << ": "
                                  << (errors.empty() ? "" : errors[0]);
      auto statement = image::ParseStatement(bytes);
      ASSERT_TRUE(statement);
      EXPECT_EQ(statement->subjects[0].name, "pkg:docker/localhost:5000/app@1.0?platform=linux%2Farm64");
      EXPECT_EQ(statement->subjects[0].digest, manifest.digest);
    }
  }
  // The schemas do reject: a statement of the wrong type fails.
  auto errors = ValidateStatement(R"({"_type":"x","subject":[],"predicateType":"https://slsa.dev/provenance/v0.2","predicate":{}})");
  EXPECT_FALSE(errors.empty());
}

TEST(Provenance, GitCheckoutGivesSourceAndRevisionWithoutCredentials) {
  testing::TempDir dir;
  EXPECT_FALSE(ReadGitSource(dir.path())) << "not a checkout";
  auto git = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"git", "-C", dir.path().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = util::RunProcess(argv);
    return r && r->exit_code == 0;
  };
  if (!git({"init", "-q"})) GTEST_SKIP() << "git is not installed";
  EXPECT_FALSE(ReadGitSource(dir.path())) << "a checkout without a commit";
  ASSERT_TRUE(git({"-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x"}));
  ASSERT_TRUE(git({"remote", "add", "origin", "https://user:token@git.example/app.git"}));
  auto source = ReadGitSource(dir.path());
  ASSERT_TRUE(source);
  EXPECT_EQ(source->commit.size(), 40u);
  EXPECT_EQ(source->url, "https://git.example/app.git");
  EXPECT_FALSE(ReadGitSource(dir.path() / ".git")) << "inside .git, not a work tree";
  std::filesystem::create_directories(dir.path() / "sub" / "dir");
  auto nested = ReadGitSource(dir.path() / "sub" / "dir");
  ASSERT_TRUE(nested) << "a context below the checkout's top";
  EXPECT_EQ(nested->commit, source->commit);
  Fixture f;
  f.inputs.git = source;
  auto p = MakeProvenance(f.inputs, Arm64(), {});
  EXPECT_EQ(p.config_digest["sha1"], source->commit);
  EXPECT_EQ(p.vendor_metadata["vcs"]["source"], "https://git.example/app.git");
  EXPECT_EQ(p.vendor_metadata["vcs"]["revision"], source->commit);
}

}  // namespace
}  // namespace manifold::builder
