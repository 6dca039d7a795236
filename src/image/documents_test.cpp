// Our own config/manifest/index: schema-valid, canonical, stable, Docker family readable, and
// readers that reject bad input naming the field.
#include <gtest/gtest.h>

#include "image/config.hpp"
#include "image/descriptor_json.hpp"
#include "image/index.hpp"
#include "image/json_canonical.hpp"
#include "image/manifest.hpp"
#include "support/conformance.hpp"
#include "support/json_schema.hpp"

namespace manifold::image {
namespace {

Platform MakePlatform(std::string os, std::string arch, std::string variant = "") {
  Platform p;
  p.os = std::move(os);
  p.architecture = std::move(arch);
  p.variant = std::move(variant);
  return p;
}

ImageConfig SampleConfig(const Platform& platform) {
  ImageConfig c;
  c.created = "2024-01-02T03:04:05Z";
  c.author = "manifold";
  c.platform = platform;
  c.config.user = "app:app";
  c.config.exposed_ports = {"8080/tcp", "53/udp"};
  c.config.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "EMPTY=", "A=b=c"};
  c.config.entrypoint = {"/bin/app"};
  c.config.cmd = {"--serve", "<&>\"quoted\" é"};
  c.config.volumes = {"/data"};
  c.config.working_dir = "/srv";
  c.config.labels = {{"org.opencontainers.image.title", "app"}, {"b", ""}};
  c.config.stop_signal = "SIGTERM";
  c.config.args_escaped = true;
  HealthConfig h;
  h.test = {"CMD-SHELL", "curl -f http://localhost/"};
  h.interval = 30'000'000'000;
  h.timeout = 5'000'000'000;
  h.start_period = 1'000'000'000;
  h.start_interval = 500'000'000;
  h.retries = 3;
  c.config.healthcheck = h;
  c.config.on_build = {"RUN echo child"};
  c.config.shell = {"/bin/bash", "-c"};
  c.diff_ids = {Digest::OfBytes("layer one"), Digest::OfBytes("layer two")};
  c.history = {{"2024-01-02T03:04:05Z", "ADD rootfs.tar /", "", "", false},
               {"2024-01-02T03:04:06.5+01:00", "ENV A=b", "", "buildkit.dockerfile.v0", true},
               {"", "RUN make", "someone", "", false}};
  return c;
}

Manifest SampleManifest(const std::string& config_bytes) {
  Manifest m;
  m.config = DescriptorOf(media_type::kOciConfig, config_bytes);
  m.layers = {DescriptorOf(media_type::kOciLayerGzip, "gz one"), DescriptorOf(media_type::kOciLayerZstd, "zst two")};
  m.layers[0].annotations = {{"org.opencontainers.image.layer", "base"}};
  m.annotations = {{"org.opencontainers.image.created", "2024-01-02T03:04:05Z"}};
  return m;
}

Index SampleIndex() {
  Index index;
  for (const Platform& p : {MakePlatform("linux", "amd64"), MakePlatform("linux", "arm64"),
                            MakePlatform("linux", "arm", "v7")}) {
    std::string config = SerializeConfig(SampleConfig(p));
    Descriptor d = DescriptorOf(media_type::kOciManifest, SerializeManifest(SampleManifest(config)));
    d.platform = p;
    index.manifests.push_back(d);
  }
  Platform windows = MakePlatform("windows", "amd64");
  windows.os_version = "10.0.17763.1234";
  windows.os_features = {"win32k"};
  index.manifests.push_back(DescriptorOf(media_type::kOciManifest, "{}"));
  index.manifests.back().platform = windows;
  index.manifests.back().annotations = {{"vnd.docker.reference.type", "attestation-manifest"}};
  index.annotations = {{"org.opencontainers.image.ref.name", "1.0"}};
  return index;
}

class Schemas : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = testing::ConformancePath("oci-image-spec/schema");
    if (!dir) GTEST_SKIP() << "conformance corpus not found (oci-image-spec/schema)";
    std::string error;
    auto loaded = testing::JsonSchemaSet::Load(*dir, &error);
    ASSERT_TRUE(loaded) << error;
    schemas_ = std::move(*loaded);
  }
  std::string Violations(const std::string& bytes, std::string_view media_type) {
    auto json = nlohmann::json::parse(bytes, nullptr, false);
    if (json.is_discarded()) return "not JSON";
    std::string out;
    for (const auto& v : schemas_->Validate(json, testing::JsonSchemaSet::SchemaFileFor(media_type))) out += v + "\n";
    return out;
  }
  std::optional<testing::JsonSchemaSet> schemas_;
};

TEST_F(Schemas, OurOciDocumentsValidate) {
  for (const Platform& p : {MakePlatform("linux", "amd64"), MakePlatform("linux", "arm", "v7")}) {
    std::string config = SerializeConfig(SampleConfig(p));
    EXPECT_EQ(Violations(config, media_type::kOciConfig), "");
    EXPECT_EQ(Violations(SerializeManifest(SampleManifest(config)), media_type::kOciManifest), "");
  }
  Manifest artifact = SampleManifest("{}");
  artifact.config = DescriptorOf(media_type::kOciEmpty, "{}");
  artifact.config.data = "{}";
  artifact.artifact_type = "application/vnd.example+type";
  artifact.subject = DescriptorOf(media_type::kOciManifest, "subject");
  EXPECT_EQ(Violations(SerializeManifest(artifact), media_type::kOciManifest), "");
  EXPECT_EQ(Violations(SerializeIndex(SampleIndex()), media_type::kOciIndex), "");
  ImageConfig minimal;
  minimal.platform = MakePlatform("linux", "amd64");
  EXPECT_EQ(Violations(SerializeConfig(minimal), media_type::kOciConfig), "");
}

TEST_F(Schemas, ValidatorCatchesBrokenDocuments) {
  // The validator must not accept everything: a few hand-broken documents.
  EXPECT_NE(Violations(R"({"schemaVersion":2,"manifests":[{"mediaType":"x","size":1,"digest":"sha256:00"}]})",
                       media_type::kOciIndex), "");
  EXPECT_NE(Violations(R"({"schemaVersion":3,"manifests":[]})", media_type::kOciIndex), "");
  EXPECT_NE(Violations(R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers"}})",
                       media_type::kOciConfig), "");
  EXPECT_NE(Violations(R"({"architecture":"amd64","os":"linux","created":"yesterday",
                          "rootfs":{"type":"layers","diff_ids":[]}})", media_type::kOciConfig), "");
}

TEST(Documents, SerializationIsCanonicalAndStable) {
  ImageConfig config = SampleConfig(MakePlatform("linux", "arm64"));
  std::string bytes = SerializeConfig(config);
  EXPECT_EQ(bytes.find_first_of("\n\t"), std::string::npos);
  EXPECT_EQ(bytes.find(": "), std::string::npos);
  EXPECT_TRUE(bytes.starts_with(R"({"architecture":"arm64","author":"manifold","config":{"ArgsEscaped":true,)")) << bytes;
  EXPECT_NE(bytes.find(R"("Healthcheck":{"Interval":30000000000,"Retries":3,"StartInterval":500000000,"StartPeriod":1000000000,"Test":["CMD-SHELL","curl -f http://localhost/"],"Timeout":5000000000})"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find(R"("ExposedPorts":{"53/udp":{},"8080/tcp":{}})"), std::string::npos);
  EXPECT_NE(bytes.find(R"("<&>\"quoted\" é")"), std::string::npos) << "no HTML escaping, raw UTF-8";

  auto parsed = ParseConfig(bytes);
  ASSERT_TRUE(parsed) << parsed.error().What();
  EXPECT_EQ(*parsed, config);
  EXPECT_EQ(SerializeConfig(*parsed), bytes);

  Manifest manifest = SampleManifest(bytes);
  std::string manifest_bytes = SerializeManifest(manifest);
  auto manifest_back = ParseManifest(manifest_bytes);
  ASSERT_TRUE(manifest_back) << manifest_back.error().What();
  EXPECT_EQ(manifest_back->media_type, media_type::kOciManifest);
  EXPECT_EQ(SerializeManifest(*manifest_back), manifest_bytes);
  EXPECT_EQ(manifest_back->config.digest, Digest::OfBytes(bytes)) << "digest of exactly the bytes";

  Index index = SampleIndex();
  std::string index_bytes = SerializeIndex(index);
  auto index_back = ParseIndex(index_bytes);
  ASSERT_TRUE(index_back) << index_back.error().What();
  EXPECT_EQ(SerializeIndex(*index_back), index_bytes);
  ASSERT_EQ(index_back->manifests.size(), 4u);
  EXPECT_EQ(index_back->manifests[2].platform, MakePlatform("linux", "arm", "v7"));
  EXPECT_EQ(index_back->manifests[3].platform->os_features, std::vector<std::string>{"win32k"});
}

TEST(Documents, EmptyOptionalsAreOmittedButRootfsIsNot) {
  ImageConfig minimal;
  minimal.platform = MakePlatform("linux", "amd64");
  EXPECT_EQ(SerializeConfig(minimal),
            R"({"architecture":"amd64","config":{},"os":"linux","rootfs":{"diff_ids":[],"type":"layers"}})");
  Manifest empty;
  empty.config = DescriptorOf(media_type::kOciConfig, "{}");
  EXPECT_EQ(SerializeManifest(empty),
            R"({"config":{"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","mediaType":"application/vnd.oci.image.config.v1+json","size":2},"layers":[],"mediaType":"application/vnd.oci.image.manifest.v1+json","schemaVersion":2})");
  EXPECT_EQ(SerializeIndex(Index{}), R"({"manifests":[],"mediaType":"application/vnd.oci.image.index.v1+json","schemaVersion":2})");
}

TEST(Documents, ConfigExtraFieldsAreWrittenCanonicallyAndNotReadBack) {
  ImageConfig config;
  config.platform = MakePlatform("linux", "amd64");
  config.extra["manifold.cache.v0"] = nlohmann::json{{"records", nlohmann::json::array({{{"key", "k"}, {"chain", {0, -1}}}})}};
  config.extra["a.first"] = "x";
  std::string bytes = SerializeConfig(config);
  EXPECT_EQ(bytes,
            R"({"a.first":"x","architecture":"amd64","config":{},"manifold.cache.v0":{"records":[{"chain":[0,-1],"key":"k"}]},"os":"linux","rootfs":{"diff_ids":[],"type":"layers"}})");
  auto raw = ParseJson(bytes, "config");
  ASSERT_TRUE(raw);
  EXPECT_EQ((*raw)["manifold.cache.v0"], config.extra["manifold.cache.v0"]);
  // A base image's unknown fields (its inline cache among them) must not follow it into the
  // images built from it: ParseConfig does not keep them.
  auto parsed = ParseConfig(bytes);
  ASSERT_TRUE(parsed) << parsed.error().What();
  EXPECT_TRUE(parsed->extra.empty());
  EXPECT_EQ(SerializeConfig(*parsed),
            R"({"architecture":"amd64","config":{},"os":"linux","rootfs":{"diff_ids":[],"type":"layers"}})");
}

TEST(Documents, ConfigExtraMayNotShadowSpecFields) {
  ImageConfig config;
  config.platform = MakePlatform("linux", "amd64");
  config.extra["rootfs"] = "shadow";
  EXPECT_DEATH((void)SerializeConfig(config), "must not name a field");
}

TEST(Documents, DockerFamilyMapsTypesDropsAnnotationsAndReadsBack) {
  std::string config = SerializeConfig(SampleConfig(MakePlatform("linux", "amd64")));
  Manifest manifest = SampleManifest(config);
  manifest.artifact_type = "application/vnd.example+type";
  std::string docker = SerializeManifest(manifest, MediaTypes::kDocker);
  EXPECT_EQ(docker.find("annotations"), std::string::npos);
  EXPECT_EQ(docker.find("artifactType"), std::string::npos);
  EXPECT_EQ(docker.find("vnd.oci"), std::string::npos) << docker;
  auto back = ParseManifest(docker);
  ASSERT_TRUE(back) << back.error().What();
  EXPECT_EQ(back->media_type, media_type::kDockerManifest);
  EXPECT_EQ(back->config.media_type, media_type::kDockerConfig);
  EXPECT_EQ(back->layers[0].media_type, media_type::kDockerLayerGzip);
  EXPECT_EQ(back->layers[1].media_type, media_type::kDockerLayerZstd);
  EXPECT_EQ(back->layers[1].digest, manifest.layers[1].digest);
  EXPECT_EQ(SerializeManifest(*back, MediaTypes::kDocker), docker);
  // And back to OCI: the Docker types map home.
  EXPECT_EQ(SerializeManifest(*back, MediaTypes::kOci).find("vnd.docker"), std::string::npos);

  std::string list = SerializeIndex(SampleIndex(), MediaTypes::kDocker);
  auto list_back = ParseIndex(list);
  ASSERT_TRUE(list_back) << list_back.error().What();
  EXPECT_EQ(list_back->media_type, media_type::kDockerManifestList);
  EXPECT_EQ(list_back->manifests[0].media_type, media_type::kDockerManifest);
  EXPECT_TRUE(list_back->annotations.empty());
  EXPECT_EQ(list_back->manifests[1].platform, MakePlatform("linux", "arm64"));
}

std::string ErrorOf(const util::Status& status) { return status ? "" : status.error().What(); }

template <typename T>
util::Status AsStatus(util::Result<T> r) {
  if (!r) return std::unexpected(std::move(r.error()));
  return {};
}

TEST(Documents, ReadersRejectBadInputNamingTheField) {
  auto config_error = [](std::string_view bytes) { return ErrorOf(AsStatus(ParseConfig(bytes))); };
  const std::string rootfs = R"("rootfs":{"type":"layers","diff_ids":[]})";
  EXPECT_NE(config_error("{").find("invalid JSON"), std::string::npos);
  EXPECT_NE(config_error("[]").find("must be an object"), std::string::npos);
  EXPECT_NE(config_error(R"({"os":"linux",)" + rootfs + "}").find("architecture is missing"), std::string::npos);
  EXPECT_NE(config_error(R"({"os":"linux","architecture":"amd64","config":{"Env":["A=1","B"]},)" + rootfs + "}")
                .find("config.Env[1]"), std::string::npos);
  EXPECT_NE(config_error(R"({"os":"linux","architecture":"amd64","config":{"User":1},)" + rootfs + "}")
                .find("config.User must be a string, not number"), std::string::npos);
  EXPECT_NE(config_error(R"({"os":"linux","architecture":"amd64","rootfs":{"type":"layers","diff_ids":["sha256:AB"]}})")
                .find("rootfs.diff_ids[0]"), std::string::npos);
  EXPECT_NE(config_error(R"({"os":"linux","architecture":"amd64","rootfs":{"type":"tar","diff_ids":[]}})")
                .find("rootfs.type"), std::string::npos);
  EXPECT_NE(config_error(R"({"os":"linux","architecture":"amd64","history":[{"created":"now"}],)" + rootfs + "}")
                .find("history[0].created"), std::string::npos);
  EXPECT_EQ(config_error(R"({"os":"linux","architecture":"amd64","config":{"Cmd":null,"Volumes":null,"Labels":null},)" + rootfs + "}"), "");

  auto manifest_error = [](std::string_view bytes) { return ErrorOf(AsStatus(ParseManifest(bytes))); };
  const std::string config = R"("config":{"mediaType":"a/b","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"})";
  EXPECT_NE(manifest_error(R"({"schemaVersion":1,"layers":[],)" + config + "}").find("schemaVersion must be 2"), std::string::npos);
  EXPECT_NE(manifest_error(R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","layers":[],)" + config + "}")
                .find("not an image manifest media type"), std::string::npos);
  EXPECT_NE(manifest_error(R"({"schemaVersion":2,"layers":[{"mediaType":"a/b","size":-1,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}],)" + config + "}")
                .find("layers[0].size"), std::string::npos);
  EXPECT_NE(manifest_error(R"({"schemaVersion":2,"layers":[{"mediaType":"a/b","size":1,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","urls":["not a uri"]}],)" + config + "}")
                .find("layers[0].urls[0]"), std::string::npos);
  EXPECT_NE(manifest_error(R"({"schemaVersion":2,"layers":[],"config":{"mediaType":"a/b","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","data":"e30"}})")
                .find("config.data"), std::string::npos);
  EXPECT_NE(manifest_error(R"({"schemaVersion":2,"layers":[],"config":{"mediaType":"a/b","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","data":"eyA="}})")
                .find("config.data does not match"), std::string::npos);
  EXPECT_EQ(manifest_error(R"({"schemaVersion":2,"layers":[],"config":{"mediaType":"a/b","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","data":"e30="}})"), "");

  auto index_error = [](std::string_view bytes) { return ErrorOf(AsStatus(ParseIndex(bytes))); };
  EXPECT_NE(index_error(R"({"schemaVersion":2})").find("manifests is missing"), std::string::npos);
  EXPECT_NE(index_error(R"({"schemaVersion":2,"manifests":[{"mediaType":"a/b","size":1,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","platform":{"os":"linux"}}]})")
                .find("manifests[0].platform.architecture is missing"), std::string::npos);
  EXPECT_NE(index_error(R"({"schemaVersion":2,"manifests":[],"size":18446744073709551615,"subject":"x"})")
                .find("subject must be an object"), std::string::npos);
}

TEST(Documents, CanonicalJsonNeverThrowsOnInvalidUtf8) {
  ImageConfig c;
  c.platform = MakePlatform("linux", "amd64");
  c.config.labels = {{"bad", std::string("\xff\xfe", 2)}};
  std::string bytes = SerializeConfig(c);
  EXPECT_NE(bytes.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_TRUE(ParseConfig(bytes));
}

}  // namespace
}  // namespace manifold::image
