// A build job and its result survive the trip over the channel: graph digests, configs, flags,
// and a tampered graph is refused.
#include "builder/node_job.hpp"

#include <gtest/gtest.h>

#include "image/config.hpp"
#include "image/descriptor_json.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {
namespace {

image::Platform Arm64() {
  image::Platform p;
  p.os = "linux";
  p.architecture = "arm64";
  return p;
}

NodeJob SampleJob() {
  graph::SourceOp base;
  base.kind = graph::SourceOp::Kind::kImage;
  base.identifier = "localhost:5000/busybox:latest@sha256:" + std::string(64, 'a');
  base.platform = Arm64();
  auto from = graph::Vertex::Make(base, {}, "[linux/arm64 1/2] FROM busybox");
  graph::ExecOp run;
  run.args = {"/bin/sh", "-c", "uname -m > /arch"};
  run.env = {"PATH=/bin"};
  run.platform = *base.platform;
  // The RUN environment settings travel in the op: a node runs the step as the client lowered it.
  run.network = graph::ExecOp::Network::kNone;
  run.security = graph::ExecOp::Security::kInsecure;
  run.extra_hosts = {{"db", "10.0.0.2"}};
  run.ulimits = {{"nofile", 123, 456}};
  run.cgroup_parent = "ci";
  auto step = graph::Vertex::Make(run, {from}, "[linux/arm64 2/2] RUN uname -m > /arch", "linux/arm64");

  frontend::dockerfile::PlatformBuild build;
  build.platform = *base.platform;
  build.root = step;
  build.config.platform = build.platform;
  build.config.config.env = {"PATH=/bin"};
  build.config.config.labels = {{"org.example", "yes"}};
  build.config.history = {{.created = "", .created_by = "RUN uname -m > /arch", .author = "", .comment = "",
                           .empty_layer = false}};

  NodeJob job;
  job.platforms = {build};
  job.checks.skip = {"WrongArchBinary"};
  job.checks.error = true;
  job.context_key = std::string(64, 'b');
  job.named_context_keys = {{"context:src", std::string(64, 'c')}};
  job.outputs = {"type=registry,name=localhost:5000/app:1"};
  job.tags = {"localhost:5000/app:1"};
  job.push = true;
  job.no_cache_filter = {"build"};
  job.cache_from = {"type=registry,ref=localhost:5000/cache"};
  job.jobs = 3;
  job.source_date_epoch = 1700000000;
  job.secrets = {{"token", "s3cret"}};
  job.credentials = {{"localhost:5000", {.username = "u", .password = "p", .identity_token = ""}}};
  job.return_blobs = true;
  return job;
}

TEST(NodeJob, RoundTripsEverything) {
  NodeJob job = SampleJob();
  auto back = NodeJobFromJson(nlohmann::json::parse(NodeJobToJson(job).dump()));
  ASSERT_TRUE(back) << back.error().What();
  ASSERT_EQ(back->platforms.size(), 1u);
  EXPECT_EQ(back->platforms[0].root->digest(), job.platforms[0].root->digest());
  EXPECT_EQ(back->platforms[0].root->name(), job.platforms[0].root->name());
  const auto& run = std::get<graph::ExecOp>(back->platforms[0].root->op());
  EXPECT_EQ(run.security, graph::ExecOp::Security::kInsecure);
  ASSERT_EQ(run.extra_hosts.size(), 1u);
  EXPECT_EQ(run.extra_hosts[0].ip, "10.0.0.2");
  ASSERT_EQ(run.ulimits.size(), 1u);
  EXPECT_EQ(run.ulimits[0].hard, 456);
  EXPECT_EQ(run.cgroup_parent, "ci");
  EXPECT_EQ(image::SerializeConfig(back->platforms[0].config), image::SerializeConfig(job.platforms[0].config));
  EXPECT_EQ(back->platforms[0].platform, job.platforms[0].platform);
  EXPECT_EQ(back->checks.skip, job.checks.skip);
  EXPECT_EQ(back->checks.error, job.checks.error);
  EXPECT_EQ(back->context_key, job.context_key);
  EXPECT_EQ(back->named_context_keys, job.named_context_keys);
  EXPECT_EQ(back->outputs, job.outputs);
  EXPECT_EQ(back->tags, job.tags);
  EXPECT_TRUE(back->push);
  EXPECT_EQ(back->no_cache_filter, job.no_cache_filter);
  EXPECT_EQ(back->cache_from, job.cache_from);
  EXPECT_EQ(back->jobs, 3);
  EXPECT_EQ(back->source_date_epoch, job.source_date_epoch);
  EXPECT_EQ(back->secrets, job.secrets);
  EXPECT_EQ(back->credentials.at("localhost:5000").password, "p");
  EXPECT_TRUE(back->return_blobs);
}

TEST(NodeJob, RefusesATamperedGraph) {
  nlohmann::json message = NodeJobToJson(SampleJob());
  for (auto& vertex : message["graph"]["vertices"]) {
    if (vertex["op"].contains("args")) vertex["op"]["args"][2] = "rm -rf /";
  }
  auto back = NodeJobFromJson(message);
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().kind(), util::ErrorKind::kInvalidArgument);
}

TEST(NodeJob, RefusesMissingPieces) {
  nlohmann::json message = NodeJobToJson(SampleJob());
  message["platforms"].push_back({{"platform", "linux/amd64"}, {"config", "{}"}});
  EXPECT_FALSE(NodeJobFromJson(message)) << "more platforms than graph roots";
  message = NodeJobToJson(SampleJob());
  message.erase("graph");
  EXPECT_FALSE(NodeJobFromJson(message));
}

TEST(NodeResult, RoundTrips) {
  NodeResult result;
  PlatformResult p;
  p.platform = Arm64();
  p.manifest = image::DescriptorOf("application/vnd.oci.image.manifest.v1+json", "{\"m\":1}");
  p.config_descriptor = image::DescriptorOf("application/vnd.oci.image.config.v1+json", "{\"c\":1}");
  p.layer_descriptors = {image::DescriptorOf("application/vnd.oci.image.layer.v1.tar+gzip", "layer")};
  p.native = false;
  p.run_steps.emulated_steps = 2;
  p.run_steps.emulated_seconds = 1.5;
  result.platforms = {p};
  result.warnings = {{.rule = "WrongArchBinary", .message = "m", .platform = p.platform, .step = "RUN x",
                      .files = {"/bin/x"}, .file_count = 1}};
  auto back = NodeResultFromJson(NodeResultToJson(result));
  ASSERT_TRUE(back) << back.error().What();
  ASSERT_EQ(back->platforms.size(), 1u);
  const auto& q = back->platforms[0];
  EXPECT_EQ(q.manifest.digest, p.manifest.digest);
  EXPECT_EQ(q.config, p.config_descriptor.digest);
  EXPECT_EQ(q.layers, 1u);
  EXPECT_EQ(q.layers_size, p.layer_descriptors[0].size);
  EXPECT_FALSE(q.native);
  EXPECT_EQ(q.run_steps.emulated_steps, 2);
  ASSERT_EQ(back->warnings.size(), 1u);
  EXPECT_EQ(back->warnings[0].files, std::vector<std::string>{"/bin/x"});
}

}  // namespace
}  // namespace manifold::builder
