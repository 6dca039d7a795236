// Which image outputs a request makes: --load and type=docker without dest reach the Docker Engine.
#include "builder/image_outputs.hpp"

#include <gtest/gtest.h>

namespace manifold::builder {
namespace {

using Kind = ImageOutput::Kind;

exporter::OutputSpec Output(const char* text) {
  auto spec = exporter::ParseOutputSpec(text);
  EXPECT_TRUE(spec) << spec.error().What();
  return *spec;
}

TEST(ImageOutputs, LoadStoresThenTriesTheEngine) {
  BuildRequest request;
  request.load = true;
  request.tags = {"app:test"};
  auto outputs = ImageOutputs(request);
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_EQ(outputs[0].kind, Kind::kStore);
  EXPECT_EQ(outputs[1].kind, Kind::kEngine);
  EXPECT_FALSE(outputs[1].engine_required);  // no Engine: the image stays in manifold's store
  EXPECT_EQ(outputs[1].names, std::vector<std::string>{"app:test"});
}

TEST(ImageOutputs, DockerWithoutDestNeedsTheEngine) {
  BuildRequest request;
  request.tags = {"app:test"};
  request.outputs = {Output("type=docker,name=other:1"), Output("type=docker,dest=a.tar")};
  auto outputs = ImageOutputs(request);
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_EQ(outputs[0].kind, Kind::kDockerArchive);  // archives first, the Engine last
  EXPECT_EQ(outputs[0].names, std::vector<std::string>{"app:test"});
  EXPECT_EQ(outputs[1].kind, Kind::kEngine);
  EXPECT_TRUE(outputs[1].engine_required);
  EXPECT_EQ(outputs[1].names, std::vector<std::string>{"other:1"});
}

}  // namespace
}  // namespace manifold::builder
