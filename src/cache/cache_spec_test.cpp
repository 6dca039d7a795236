// --cache-to / --cache-from parsing: buildx's forms, and errors that name the flag and say what to do.
#include "cache/cache_spec.hpp"

#include <gtest/gtest.h>

namespace manifold::cache {
namespace {

using Type = CacheSpec::Type;

struct Good {
  const char* value;
  Type type;
  const char* dir;
  const char* ref;
  bool mode_max;
  bool ignore_error;
};

TEST(CacheSpec, CacheToForms) {
  const Good cases[] = {
      {"user/app:cache", Type::kRegistry, "", "user/app:cache", false, false},
      {"127.0.0.1:5000/app:buildcache", Type::kRegistry, "", "127.0.0.1:5000/app:buildcache", false, false},
      {"type=registry,ref=127.0.0.1:5000/app:c,mode=max", Type::kRegistry, "", "127.0.0.1:5000/app:c", true, false},
      {"type=registry,ref=app:c,mode=min,ignore-error=true", Type::kRegistry, "", "app:c", false, true},
      {"ref=app:c,type=registry", Type::kRegistry, "", "app:c", false, false},  // order is free
      {"type=registry,ref=app:c,compression=zstd,compression-level=3,force-compression=true,oci-mediatypes=true,"
       "image-manifest=true",
       Type::kRegistry, "", "app:c", false, false},
      {"type=registry,ref=127.0.0.1:5000/app:c,registry.insecure=true", Type::kRegistry, "",
       "127.0.0.1:5000/app:c", false, false},
      {"type=local,dest=/tmp/cache", Type::kLocal, "/tmp/cache", "", false, false},
      {"type=local,dest=rel/dir,mode=max,ignore-error=false", Type::kLocal, "rel/dir", "", true, false},
      {"\"type=local\",\"dest=a,b\"", Type::kLocal, "a,b", "", false, false},  // quoted CSV field
      {"type=inline", Type::kInline, "", "", false, false},
      {"type=inline,mode=min", Type::kInline, "", "", false, false},
  };
  for (const Good& c : cases) {
    auto spec = ParseCacheTo(c.value);
    ASSERT_TRUE(spec) << c.value << ": " << spec.error().What();
    EXPECT_EQ(spec->type, c.type) << c.value;
    EXPECT_EQ(spec->dir, std::filesystem::path(c.dir)) << c.value;
    EXPECT_EQ(spec->ref, c.ref) << c.value;
    EXPECT_EQ(spec->mode_max, c.mode_max) << c.value;
    EXPECT_EQ(spec->ignore_error, c.ignore_error) << c.value;
    EXPECT_EQ(spec->raw, c.value);
  }
  EXPECT_TRUE(ParseCacheTo("type=registry,ref=app:c,registry.insecure=true")->registry_insecure);
  EXPECT_FALSE(ParseCacheTo("type=registry,ref=app:c")->registry_insecure);
  // Importing by digest is fine: nothing is pushed.
  EXPECT_TRUE(ParseCacheFrom("app@sha256:0123456789012345678901234567890123456789012345678901234567890123"));
}

TEST(CacheSpec, CacheFromForms) {
  const Good cases[] = {
      {"user/app:cache", Type::kRegistry, "", "user/app:cache", false, false},
      {"type=registry,ref=127.0.0.1:5000/app:1.0", Type::kRegistry, "", "127.0.0.1:5000/app:1.0", false, false},
      {"type=local,src=/tmp/cache", Type::kLocal, "/tmp/cache", "", false, false},
      // The string given to --cache-to works for --cache-from too; export-only keys do nothing.
      {"type=registry,ref=app:c,mode=max,ignore-error=true,compression=zstd", Type::kRegistry, "", "app:c", false,
       false},
  };
  for (const Good& c : cases) {
    auto spec = ParseCacheFrom(c.value);
    ASSERT_TRUE(spec) << c.value << ": " << spec.error().What();
    EXPECT_EQ(spec->type, c.type) << c.value;
    EXPECT_EQ(spec->dir, std::filesystem::path(c.dir)) << c.value;
    EXPECT_EQ(spec->ref, c.ref) << c.value;
    EXPECT_EQ(spec->mode_max, c.mode_max) << c.value;
    EXPECT_EQ(spec->ignore_error, c.ignore_error) << c.value;
  }
}

TEST(CacheSpec, GhaParsesSoTheCliCanWarnAndGoOn) {
  auto bare = ParseCacheTo("type=gha");
  ASSERT_TRUE(bare) << bare.error().What();
  EXPECT_EQ(bare->type, Type::kGha);
  EXPECT_FALSE(bare->gha_configured);
  auto action = ParseCacheFrom("type=gha,scope=build-app,url=http://127.0.0.1:1/,token=t,mode=max");
  ASSERT_TRUE(action) << action.error().What();
  EXPECT_TRUE(action->gha_configured);
  EXPECT_EQ(CacheTypeName(Type::kGha), "gha");
}

struct Bad {
  bool to;  // --cache-to, else --cache-from
  const char* value;
  std::vector<const char*> says;  // substrings of the message
};

TEST(CacheSpec, ErrorsNameTheFlagAndSayWhatToDo) {
  const Bad cases[] = {
      {true, "", {"--cache-to", "needs a value", "type=local,dest=DIR"}},
      {false, "", {"--cache-from", "type=local,src=DIR"}},
      {true, "type=gha,colour=blue", {"unknown key \"colour\" for type=gha"}},
      {false, "type=s3,region=x", {"--cache-from", "\"s3\" is not supported", "type=local,src=DIR"}},
      {true, "type=azblob,name=x", {"\"azblob\" is not supported"}},
      {true, "type=floppy", {"unknown cache type \"floppy\"", "registry, local, inline"}},
      {false, "type=inline", {"--cache-from \"type=inline\"", "type=registry,ref=IMAGE"}},
      {true, "type=inline,mode=max", {"only mode=min", "type=registry"}},
      {true, "mode=max,ref=app:c", {"type= is required"}},
      {true, "type=registry", {"type=registry needs ref="}},
      {true, "type=registry,ref=UPPER/app:c", {"ref \"UPPER/app:c\" is not a valid image reference"}},
      {false, "UPPER/Case", {"--cache-from \"UPPER/Case\"", "not a valid image reference"}},
      {true, "type=registry,ref=app:c,mode=maximal", {"mode must be min or max, not \"maximal\""}},
      {true, "type=registry,ref=app:c,ignore-error=yes", {"ignore-error must be true or false"}},
      {true, "type=registry,ref=app:c,colour=blue", {"unknown key \"colour\" for type=registry"}},
      {true, "type=registry,ref=app:c,dest=/x", {"unknown key \"dest\" for type=registry"}},
      {true, "type=local", {"type=local needs dest=DIR"}},
      {true, "app@sha256:0123456789012345678901234567890123456789012345678901234567890123",
       {"pinned by digest", "needs a tag"}},
      {true, "type=registry,ref=app:c,registry.insecure=maybe", {"registry.insecure must be true or false"}},
      {true, "type=local,dest=/x,registry.insecure=true", {"unknown key \"registry.insecure\" for type=local"}},
      {false, "type=local", {"type=local needs src=DIR"}},
      {true, "type=local,src=/x", {"type=local takes dest= for --cache-to, not src="}},
      {false, "type=local,dest=/x", {"type=local takes src= for --cache-from, not dest="}},
      {true, "type=local,dest=/x,ref=app:c", {"unknown key \"ref\" for type=local"}},
      {true, "type=inline,compression=zstd", {"unknown key \"compression\" for type=inline"}},
      {true, "type=registry,ref=app:c,novalue", {"\"novalue\" is not key=value"}},
      {true, "type=local,\"dest=/x", {"--cache-to"}},  // unterminated quote
  };
  for (const Bad& c : cases) {
    auto spec = c.to ? ParseCacheTo(c.value) : ParseCacheFrom(c.value);
    ASSERT_FALSE(spec) << c.value;
    EXPECT_EQ(spec.error().kind(), util::ErrorKind::kInvalidArgument) << c.value;
    std::string what = spec.error().What();
    for (const char* s : c.says) EXPECT_NE(what.find(s), std::string::npos) << c.value << " → " << what;
  }
}

}  // namespace
}  // namespace manifold::cache
