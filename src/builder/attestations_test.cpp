// Which outputs take attestations, what is refused, and when buildx's default provenance is made.
#include "builder/attestations.hpp"

#include <gtest/gtest.h>

namespace manifold::builder {
namespace {

exporter::OutputSpec Output(std::string_view text) {
  auto spec = exporter::ParseOutputSpec(text);
  EXPECT_TRUE(spec) << text;
  return *spec;
}

TEST(Attestations, OutputsThatTakeThem) {
  EXPECT_TRUE(OutputTakesAttestations(Output("type=registry,name=r/a:1")));
  EXPECT_TRUE(OutputTakesAttestations(Output("type=image,name=r/a:1,push=true")));
  EXPECT_TRUE(OutputTakesAttestations(Output("type=oci,dest=x.tar")));
  EXPECT_FALSE(OutputTakesAttestations(Output("type=image,name=r/a:1"))) << "kept in the store, as --load";
  EXPECT_FALSE(OutputTakesAttestations(Output("type=docker,dest=x.tar")));
  EXPECT_FALSE(OutputTakesAttestations(Output("type=local,dest=x")));
  EXPECT_FALSE(OutputTakesAttestations(Output("type=tar,dest=x.tar")));
  BuildRequest request;
  request.load = true;
  EXPECT_FALSE(AnyOutputTakesAttestations(request));
  request.push = true;
  EXPECT_TRUE(AnyOutputTakesAttestations(request));
}

// A one-platform lowered build with an empty filesystem: enough for MakeAttestations.
struct Lowered {
  LoweredBuild lowered;
  Lowered() {
    frontend::dockerfile::PlatformBuild b;
    b.platform.os = "linux";
    b.platform.architecture = "amd64";
    lowered.platforms.push_back(b);
    lowered.dockerfile_name = "Dockerfile";
  }
};

size_t Predicates(const BuildRequest& request) {
  Lowered l;
  ProvenanceInputs inputs;
  inputs.request = &request;
  inputs.lowered = &l.lowered;
  return MakeAttestations(inputs).statements.platforms.at(0).predicates.size();
}

TEST(Attestations, DefaultProvenanceOnlyWhereBuildxMakesIt) {
  BuildRequest push;
  push.push = true;
  EXPECT_EQ(Predicates(push), 1u) << "--push: mode=min by default";
  BuildRequest load;
  load.load = true;
  EXPECT_EQ(Predicates(load), 0u) << "--load: none";
  BuildRequest docker_types;
  docker_types.outputs.push_back(Output("type=registry,name=r/a:1,oci-mediatypes=false"));
  EXPECT_EQ(Predicates(docker_types), 0u) << "a Docker manifest list cannot hold attestation manifests";
  BuildRequest off = push;
  off.attest.provenance_disabled = true;
  EXPECT_EQ(Predicates(off), 0u);
}

TEST(Attestations, MorePredicatesJoinTheirPlatform) {
  BuildRequest push;
  push.push = true;
  Lowered l;
  ProvenanceInputs inputs;
  inputs.request = &push;
  inputs.lowered = &l.lowered;
  exporter::PlatformAttestations sbom;
  sbom.platform = l.lowered.platforms[0].platform;
  sbom.predicates.push_back({"https://spdx.dev/Document", {{"spdxVersion", "SPDX-2.3"}}});
  auto made = MakeAttestations(inputs, {sbom});
  ASSERT_EQ(made.statements.platforms.size(), 1u);
  const auto& predicates = made.statements.platforms[0].predicates;
  ASSERT_EQ(predicates.size(), 2u);
  EXPECT_EQ(predicates[0].predicate_type, "https://slsa.dev/provenance/v0.2");
  EXPECT_EQ(predicates[1].predicate_type, "https://spdx.dev/Document");
}

TEST(Attestations, RefusedRequests) {
  BuildRequest sbom;
  sbom.push = true;
  sbom.attest.sbom = SbomOptions{};
  EXPECT_TRUE(CheckAttestationsSupported(sbom)) << "the SBOM scanner is there";

  BuildRequest docker_types;
  docker_types.outputs.push_back(Output("type=registry,name=r/a:1,oci-mediatypes=false"));
  EXPECT_TRUE(CheckAttestationsSupported(docker_types)) << "the default is just not made";
  docker_types.attest.provenance = ProvenanceOptions{};
  auto refused = CheckAttestationsSupported(docker_types);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().Describe().find("oci-mediatypes=false"), std::string::npos);
}

}  // namespace
}  // namespace manifold::builder
