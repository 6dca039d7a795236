// --output parsing.
#include "exporter/output_spec.hpp"

#include <gtest/gtest.h>

namespace manifold::exporter {
namespace {

TEST(OutputSpec, OciArchiveWithOptions) {
  auto s = ParseOutputSpec("type=oci,dest=app.tar,compression=zstd,compression-level=5,oci-mediatypes=false,name=r/app:1");
  ASSERT_TRUE(s) << s.error().What();
  EXPECT_EQ(s->type, OutputType::kOci);
  EXPECT_EQ(s->dest, "app.tar");
  EXPECT_TRUE(s->tar);
  EXPECT_EQ(s->compression, content::Compression::kZstd);
  EXPECT_EQ(*s->compression_level, 5);
  EXPECT_FALSE(s->oci_mediatypes);
  EXPECT_EQ(s->names, std::vector<std::string>{"r/app:1"});
}

TEST(OutputSpec, DockerDefaultsToSchema2Types) {
  auto plain = ParseOutputSpec("type=docker,dest=a.tar");
  ASSERT_TRUE(plain) << plain.error().What();
  EXPECT_EQ(plain->type, OutputType::kDocker);
  EXPECT_FALSE(plain->oci_mediatypes);
  auto oci = ParseOutputSpec("type=docker,dest=a.tar,oci-mediatypes=true");
  ASSERT_TRUE(oci) << oci.error().What();
  EXPECT_TRUE(oci->oci_mediatypes);
  auto oci_type = ParseOutputSpec("type=oci,dest=a.tar");
  ASSERT_TRUE(oci_type);
  EXPECT_TRUE(oci_type->oci_mediatypes);
}

TEST(OutputSpec, DockerWithoutDestIsTheEngine) {
  auto engine = ParseOutputSpec("type=docker,name=app:test");
  ASSERT_TRUE(engine) << engine.error().What();
  EXPECT_EQ(engine->type, OutputType::kDocker);
  EXPECT_TRUE(engine->dest.empty());
  EXPECT_FALSE(ParseOutputSpec("type=oci"));  // other archives still need a destination
}

TEST(OutputSpec, Shorthands) {
  auto dir = ParseOutputSpec("out");
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->type, OutputType::kLocal);
  EXPECT_EQ(dir->dest, "out");
  auto stdout_tar = ParseOutputSpec("-");
  ASSERT_TRUE(stdout_tar);
  EXPECT_EQ(stdout_tar->type, OutputType::kTar);
}

TEST(OutputSpec, QuotedNamesAndRegistry) {
  auto s = ParseOutputSpec("type=image,\"name=a/b:1,a/b:latest\",push=true");
  ASSERT_TRUE(s) << s.error().What();
  EXPECT_EQ(s->names, (std::vector<std::string>{"a/b:1", "a/b:latest"}));
  EXPECT_TRUE(s->push);
  auto r = ParseOutputSpec("type=registry,name=localhost:5000/x");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->push);
}

TEST(OutputSpec, BadSpecsNameTheProblem) {
  for (const char* bad : {"type=ocii,dest=x", "type=oci", "type=oci,dest=x,compression=lz4",
                          "type=oci,dest=x,bogus=1", "dest=x", "type=oci,dest=x,tar=maybe",
                          "type=oci,dest=x,compression-level=99", "type=oci,\"dest=x"}) {
    auto s = ParseOutputSpec(bad);
    EXPECT_FALSE(s) << bad;
    if (!s) {
      EXPECT_NE(s.error().What().find("--output"), std::string::npos) << s.error().What();
    }
  }
}

TEST(OutputSpec, ImageKeysOfThePushByDigestRecipe) {
  auto s = ParseOutputSpec("type=image,name=localhost:5000/app,push-by-digest=true,name-canonical=true,push=true");
  ASSERT_TRUE(s) << s.error().What();
  EXPECT_TRUE(s->push_by_digest);
  EXPECT_TRUE(s->name_canonical);
  EXPECT_TRUE(s->push);
  auto r = ParseOutputSpec("type=registry,push-by-digest=true,dangling-name-prefix=r/x,store=true");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->dangling_name_prefix, "r/x");
  EXPECT_EQ(r->store, std::optional<bool>(true));
  auto c = ParseOutputSpec("type=oci,dest=a.tar,compression=zstd,force-compression=true,rewrite-timestamp=true");
  ASSERT_TRUE(c) << c.error().What();
  EXPECT_TRUE(c->force_compression);
  EXPECT_TRUE(c->rewrite_timestamp);
  auto unpack = ParseOutputSpec("type=image,unpack=false");
  EXPECT_TRUE(unpack) << "unpack=false is what manifold does";
  auto cache = ParseOutputSpec("type=cacheonly");
  ASSERT_TRUE(cache) << cache.error().What();
  EXPECT_EQ(cache->type, OutputType::kCacheOnly);
}

TEST(OutputSpec, AnnotationKeysAreParsed) {
  auto s = ParseOutputSpec(
      "type=oci,dest=a.tar,annotation.a=1,annotation-index.b=2,annotation-manifest-descriptor[linux/arm64].c=3");
  ASSERT_TRUE(s) << s.error().What();
  ASSERT_EQ(s->annotations.size(), 3u);
  EXPECT_EQ(s->annotations[0].type, AnnotationType::kManifest);
  EXPECT_EQ(s->annotations[1].type, AnnotationType::kIndex);
  EXPECT_EQ(s->annotations[2].type, AnnotationType::kManifestDescriptor);
  EXPECT_TRUE(s->annotations[2].platform);
}

TEST(OutputSpec, KeysOutsideTheirTypesAreRefused) {
  struct Row {
    const char* spec;
    const char* says;
  };
  for (const Row& row : {Row{"type=oci,dest=a.tar,push-by-digest=true", "push-by-digest does not apply to type=oci"},
                         Row{"type=local,dest=d,force-compression=true", "force-compression does not apply"},
                         Row{"type=local,dest=d,annotation.k=v", "does not apply to type=local"},
                         Row{"type=image,push-by-digest=true", "needs push=true"},
                         Row{"type=image,unpack=true", "unpack=true is not supported"},
                         Row{"type=image,name-canonical=maybe", "name-canonical must be true or false"},
                         Row{"type=oci,dest=a.tar,annotation-bogus.k=v", "unknown annotation type"},
                         Row{"type=oci,dest=a.tar,platform-split=true", "platform-split does not apply"}}) {
    auto s = ParseOutputSpec(row.spec);
    ASSERT_FALSE(s) << row.spec;
    EXPECT_NE(s.error().What().find(row.says), std::string::npos) << s.error().What();
    EXPECT_NE(s.error().What().find("--output"), std::string::npos) << s.error().What();
  }
}

}  // namespace
}  // namespace manifold::exporter

namespace manifold::exporter {
namespace {

TEST(OutputSpec, AttestationsIndexOrReferrers) {
  auto plain = ParseOutputSpec("type=registry,name=r/app:1");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->attestations, AttestationStyle::kIndex) << "BuildKit's form by default";
  auto referrers = ParseOutputSpec("type=registry,name=r/app:1,attestations=referrers");
  ASSERT_TRUE(referrers) << referrers.error().What();
  EXPECT_EQ(referrers->attestations, AttestationStyle::kReferrers);
  auto oci = ParseOutputSpec("type=oci,dest=x,attestations=referrers");
  ASSERT_TRUE(oci);
  EXPECT_EQ(oci->attestations, AttestationStyle::kReferrers);
  auto bad = ParseOutputSpec("type=registry,name=r/app:1,attestations=inline");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().What().find("attestations must be index or referrers"), std::string::npos);
  auto local = ParseOutputSpec("type=local,dest=x,attestations=referrers");
  ASSERT_FALSE(local) << "a filesystem output has no manifests to attach to";
  EXPECT_NE(local.error().What().find("attestations= applies to"), std::string::npos);
}

}  // namespace
}  // namespace manifold::exporter
