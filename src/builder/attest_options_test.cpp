// --attest / --provenance / --sbom: buildx's spellings, defaults, and every refusal naming its cause.
#include "builder/attest_options.hpp"

#include <gtest/gtest.h>

namespace manifold::builder {
namespace {

AttestFlags Attest(std::vector<std::string> values) {
  AttestFlags f;
  f.attest = std::move(values);
  return f;
}

TEST(AttestOptions, NothingGivenMeansDefaults) {
  auto o = ParseAttestFlags({});
  ASSERT_TRUE(o) << o.error().Describe();
  EXPECT_FALSE(o->provenance);
  EXPECT_FALSE(o->provenance_disabled);
  EXPECT_FALSE(o->sbom);
  auto p = EffectiveProvenance(*o, /*image_output=*/true);
  ASSERT_TRUE(p) << "pushes and OCI outputs get buildx's default provenance";
  EXPECT_EQ(p->mode, ProvenanceMode::kMin);
  EXPECT_EQ(p->version, SlsaVersion::kV02);
  EXPECT_FALSE(EffectiveProvenance(*o, /*image_output=*/false)) << "--load / local / tar get none";
}

TEST(AttestOptions, NoDefaultEnvironmentDropsOnlyTheDefault) {
  AttestFlags f;
  f.no_default_env = "1";
  auto o = ParseAttestFlags(f);
  ASSERT_TRUE(o);
  EXPECT_FALSE(EffectiveProvenance(*o, true));
  f.provenance = "mode=max";
  o = ParseAttestFlags(f);
  ASSERT_TRUE(o);
  ASSERT_TRUE(EffectiveProvenance(*o, true)) << "asked for explicitly: made anyway";
}

TEST(AttestOptions, ProvenanceShorthands) {
  struct Row {
    std::string value;
    bool enabled;
    ProvenanceMode mode;
    SlsaVersion version;
  };
  for (const auto& row : std::vector<Row>{{"", true, ProvenanceMode::kMin, SlsaVersion::kV02},
                                          {"true", true, ProvenanceMode::kMin, SlsaVersion::kV02},
                                          {"1", true, ProvenanceMode::kMin, SlsaVersion::kV02},
                                          {"false", false, ProvenanceMode::kMin, SlsaVersion::kV02},
                                          {"0", false, ProvenanceMode::kMin, SlsaVersion::kV02},
                                          {"mode=max", true, ProvenanceMode::kMax, SlsaVersion::kV02},
                                          {"mode=max,version=v1", true, ProvenanceMode::kMax, SlsaVersion::kV1},
                                          {"mode=min,disabled=true", false, ProvenanceMode::kMin, SlsaVersion::kV02}}) {
    AttestFlags f;
    f.provenance = row.value;
    auto o = ParseAttestFlags(f);
    ASSERT_TRUE(o) << row.value << ": " << o.error().Describe();
    EXPECT_EQ(o->provenance.has_value(), row.enabled) << row.value;
    EXPECT_EQ(o->provenance_disabled, !row.enabled) << row.value;
    EXPECT_EQ(EffectiveProvenance(*o, true).has_value(), row.enabled) << row.value;
    if (o->provenance) {
      EXPECT_EQ(o->provenance->mode, row.mode) << row.value;
      EXPECT_EQ(o->provenance->version, row.version) << row.value;
    }
  }
}

TEST(AttestOptions, AttestFlagAsBuildPushActionWritesIt) {
  auto o = ParseAttestFlags(Attest({"type=provenance,mode=max,builder-id=https://ci.example/run/1,inline-only=true"}));
  ASSERT_TRUE(o) << o.error().Describe();
  ASSERT_TRUE(o->provenance);
  EXPECT_EQ(o->provenance->builder_id, "https://ci.example/run/1");
  EXPECT_EQ(o->provenance->mode, ProvenanceMode::kMax);

  o = ParseAttestFlags(Attest({"type=provenance,disabled=true"}));
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->provenance_disabled);
  EXPECT_FALSE(EffectiveProvenance(*o, true));
}

TEST(AttestOptions, Sbom) {
  AttestFlags f;
  f.sbom = "true";
  auto o = ParseAttestFlags(f);
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->sbom);
  o = ParseAttestFlags(Attest({"type=sbom"}));
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->sbom);
  f.sbom = "false";
  o = ParseAttestFlags(f);
  ASSERT_TRUE(o);
  EXPECT_FALSE(o->sbom);
  EXPECT_TRUE(o->sbom_disabled);
}

TEST(AttestOptions, RefusalsNameTheFlagAndTheKey) {
  struct Row {
    AttestFlags flags;
    std::string needle;
  };
  AttestFlags generator;
  generator.sbom = "generator=docker/buildkit-syft-scanner";
  AttestFlags bad_shorthand;
  bad_shorthand.provenance = "maybe";
  AttestFlags duplicate = Attest({"type=provenance"});
  duplicate.provenance = "true";
  for (const auto& row : std::vector<Row>{
           {Attest({"type=signature"}), "unknown attestation type \"signature\""},
           {Attest({"mode=max"}), "type= is required"},
           {Attest({"type=provenance,mode=maximal"}), "mode=\"maximal\""},
           {Attest({"type=provenance,version=v0.1"}), "version=\"v0.1\""},
           {Attest({"type=provenance,colour=blue"}), "unknown key \"colour\""},
           {Attest({"type=sbom,mode=max"}), "unknown key \"mode\" for type=sbom"},
           {Attest({"type=provenance,disabled=perhaps"}), "disabled=\"perhaps\""},
           {Attest({"type=provenance,inline-only=false"}), "inline-only=false"},
           {Attest({"type=sbom", "type=sbom"}), "type=sbom was already given"},
           {duplicate, "type=provenance was already given by --attest type=provenance"},
           {generator, "--sbom=generator=docker/buildkit-syft-scanner: generator="},
           {bad_shorthand, "--provenance=maybe: expected true, false or KEY=VALUE"},
       }) {
    auto o = ParseAttestFlags(row.flags);
    ASSERT_FALSE(o) << row.needle;
    EXPECT_EQ(o.error().kind(), util::ErrorKind::kInvalidArgument);
    EXPECT_NE(o.error().Describe().find(row.needle), std::string::npos) << o.error().Describe();
  }
}

}  // namespace
}  // namespace manifold::builder
