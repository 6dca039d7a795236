// The graph wire format: every field of every op survives the trip; graphs rebuild to the same
// digests; anything malformed or tampered with is an error that names what is wrong.
#include "graph/graph_json.hpp"

#include <gtest/gtest.h>

#include "graph/op_json.hpp"

namespace manifold::graph {
namespace {

using nlohmann::json;

image::Platform FullPlatform() { return {"linux", "arm", "v7", "10.0.1", {"win32k", "sse4"}}; }

// Every field differs from its default, so a field OpFromJson forgets shows up as a difference.
CopyAction FullCopy() {
  CopyAction c;
  c.source_input = 2;
  c.source_path = "src/*.txt";
  c.dest_path = "/dest/";
  c.owner = Owner{"app", "staff"};
  c.chmod = "u+x";
  c.follow_symlinks = false;
  c.dir_copy_contents = false;
  c.attempt_unpack = true;
  c.create_dest_path = false;
  c.allow_wildcard = false;
  c.allow_empty_wildcard = true;
  c.keep_parents = true;
  c.exclude_patterns = {"*.md", "!keep.md"};
  c.mtime = -1700000000;
  return c;
}

MkdirAction FullMkdir() {
  MkdirAction m;
  m.path = "/work";
  m.mode = 0700;
  m.make_parents = false;
  m.owner = Owner{"1000", ""};
  m.mtime = 1700000000;
  return m;
}

MkfileAction FullMkfile() {
  MkfileAction m;
  m.path = "/etc/motd";
  m.mode = 0600;
  m.data = "line one\nline \"two\"\t\x01 ü\n";
  m.owner = Owner{"0", "0"};
  m.mtime = 0;
  return m;
}

RmAction FullRm() {
  RmAction r;
  r.path = "/tmp/*";
  r.allow_not_found = true;
  r.allow_wildcard = true;
  return r;
}

ExecMount FullMount(ExecMount::Type type) {
  ExecMount m;
  m.type = type;
  m.target = "/cache";
  m.input = 3;
  m.selector = "/sub";
  m.readonly = false;
  m.cache_id = "go-build";
  m.sharing = "locked";
  m.mode = 0;  // set to 0 is not unset: must come back as 0, not null
  m.uid = 4294967295u;
  m.gid = 7;
  m.required = true;
  m.env = "TOKEN";
  m.size = 18446744073709551615ull;
  return m;
}

ExecOp FullExec() {
  ExecOp e;
  e.args = {"/bin/sh", "-c", "echo hi"};
  e.env = {"PATH=/bin", "A=b"};
  e.cwd = "/src";
  e.user = "nobody";
  e.platform = FullPlatform();
  e.network = ExecOp::Network::kHost;
  for (auto type : {ExecMount::Type::kBind, ExecMount::Type::kCache, ExecMount::Type::kTmpfs,
                    ExecMount::Type::kSecret, ExecMount::Type::kSsh}) {
    e.mounts.push_back(FullMount(type));
  }
  e.mounts.push_back(ExecMount{});  // all defaults: mode unset travels as null
  e.security = ExecOp::Security::kInsecure;
  e.extra_hosts = {{"db", "10.0.0.2"}, {"v6", "2001:db8::1"}};
  e.ulimits = {{"nofile", 123, 456}, {"core", -1, -1}};
  e.cgroup_parent = "ci/builds";
  return e;
}

void ExpectRoundTrip(const Op& op) {
  json sent = OpToJson(op);
  auto back = OpFromJson(sent);
  ASSERT_TRUE(back) << back.error().What() << "\n" << sent.dump();
  EXPECT_EQ(OpToJson(*back).dump(), sent.dump());
  EXPECT_EQ(back->index(), op.index());
}

TEST(OpFromJson, EverySourceKindWithEveryField) {
  for (auto kind : {SourceOp::Kind::kImage, SourceOp::Kind::kLocal, SourceOp::Kind::kHttp, SourceOp::Kind::kGit}) {
    SourceOp s;
    s.kind = kind;
    s.identifier = "docker.io/library/busybox:latest";
    s.platform = FullPlatform();
    s.exclude_patterns = {"node_modules", "**/*.o"};
    s.checksum = "sha256:0123";
    s.filename = "a.tar";
    s.keep_git_dir = true;
    ExpectRoundTrip(s);
    auto back = OpFromJson(OpToJson(s));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(std::get<SourceOp>(*back).kind, kind);
    EXPECT_TRUE(std::get<SourceOp>(*back).keep_git_dir);
  }
}

TEST(OpFromJson, SourceOptionalFieldsStayUnset) {
  SourceOp s;  // no platform at all is not a platform with empty fields
  ExpectRoundTrip(s);
  auto back = OpFromJson(OpToJson(s));
  ASSERT_TRUE(back);
  EXPECT_FALSE(std::get<SourceOp>(*back).platform.has_value());

  s.platform = image::Platform{"linux", "amd64", "", "", {}};
  ExpectRoundTrip(s);
  back = OpFromJson(OpToJson(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(std::get<SourceOp>(*back).platform, s.platform);
}

TEST(OpFromJson, EveryFileActionWithEveryField) {
  FileOp f;
  f.actions = {FullCopy(), FullMkdir(), FullMkfile(), FullRm()};
  f.link = true;
  ExpectRoundTrip(f);
  for (FileAction a : {FileAction(FullCopy()), FileAction(FullMkdir()), FileAction(FullMkfile()),
                       FileAction(FullRm())}) {
    ExpectRoundTrip(FileOp{{a}, false});
  }
}

TEST(OpFromJson, FileActionsWithoutOwnerOrMtime) {
  CopyAction c;
  MkdirAction d;
  MkfileAction m;
  FileOp f{{c, d, m}, false};
  ExpectRoundTrip(f);
  auto back = OpFromJson(OpToJson(f));
  ASSERT_TRUE(back);
  const auto& copy = std::get<CopyAction>(std::get<FileOp>(*back).actions[0]);
  EXPECT_FALSE(copy.owner.has_value());
  EXPECT_FALSE(copy.mtime.has_value());
}

TEST(OpFromJson, ExecWithEveryFieldAndEveryMountType) {
  ExpectRoundTrip(FullExec());
  for (auto network : {ExecOp::Network::kDefault, ExecOp::Network::kNone}) {
    ExecOp e = FullExec();
    e.network = network;
    ExpectRoundTrip(e);
  }
  auto back = OpFromJson(OpToJson(FullExec()));
  ASSERT_TRUE(back);
  const auto& mounts = std::get<ExecOp>(*back).mounts;
  ASSERT_EQ(mounts.size(), 6u);
  EXPECT_EQ(mounts[0].mode, std::optional<uint32_t>(0));
  EXPECT_EQ(mounts[5].mode, std::nullopt);
  EXPECT_EQ(mounts[0].size, 18446744073709551615ull);
  EXPECT_EQ(std::get<ExecOp>(*back).platform, FullPlatform());
  const auto& exec = std::get<ExecOp>(*back);
  EXPECT_EQ(exec.security, ExecOp::Security::kInsecure);
  ASSERT_EQ(exec.extra_hosts.size(), 2u);
  EXPECT_EQ(exec.extra_hosts[1].ip, "2001:db8::1");
  ASSERT_EQ(exec.ulimits.size(), 2u);
  EXPECT_EQ(exec.ulimits[0].hard, 456);
  EXPECT_EQ(exec.ulimits[1].soft, -1);
  EXPECT_EQ(exec.cgroup_parent, "ci/builds");
}

// A step that uses none of the RUN environment settings serializes to the bytes it always did
// (these are the bytes of a manifold without them): vertex digests and cache keys of existing
// builds, and the records stored under them, stay valid.
TEST(OpFromJson, ExecWithoutRunEnvironmentKeepsItsBytes) {
  ExecOp e;
  e.args = {"/bin/sh", "-c", "true"};
  e.platform = {"linux", "amd64", "", "", {}};
  EXPECT_EQ(OpToJson(e).dump(),
            R"({"args":["/bin/sh","-c","true"],"cwd":"/","env":[],"kind":"exec","mounts":[],"network":"default",)"
            R"("platform":{"architecture":"amd64","os":"linux"},"user":""})");
  auto back = OpFromJson(OpToJson(e));
  ASSERT_TRUE(back) << back.error().What();
  EXPECT_EQ(std::get<ExecOp>(*back).security, ExecOp::Security::kSandbox);
  EXPECT_TRUE(std::get<ExecOp>(*back).extra_hosts.empty());
  EXPECT_TRUE(std::get<ExecOp>(*back).ulimits.empty());
}

// OpFromJson(text) fails and its message contains `needle`.
void ExpectRejected(const std::string& text, const std::string& needle) {
  auto r = OpFromJson(json::parse(text));
  ASSERT_FALSE(r) << text;
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().What().find(needle), std::string::npos) << r.error().What();
}

TEST(OpFromJson, MalformedOpsAreErrorsNamingTheField) {
  ExpectRejected("null", "expected an object");
  ExpectRejected("[1,2]", "expected an object");
  ExpectRejected("{}", "\"kind\" is missing");
  ExpectRejected(R"({"kind":"teleport"})", "unknown op kind \"teleport\"");
  ExpectRejected(R"({"kind":7})", "field \"kind\": expected a string, got number");
  ExpectRejected(R"({"kind":"source"})", "\"source\" is missing");
  ExpectRejected(R"({"kind":"source","source":{"kind":"ftp","identifier":"x"}})", "unknown value \"ftp\"");
  ExpectRejected(R"({"kind":"source","source":{"kind":"local","identifier":"x","extra":1}})",
                 "\"source.extra\" is unknown");
  ExpectRejected(R"({"kind":"source","source":{"kind":"image","identifier":"x","platform":{"os":"linux"}}})",
                 "\"source.platform.architecture\" is missing");
  ExpectRejected(R"({"kind":"file","actions":{},"link":false})", "field \"actions\": expected an array");
  ExpectRejected(R"({"kind":"file","actions":[{"action":"chown"}],"link":false})",
                 "\"actions[0].action\": unknown file action");
  ExpectRejected(R"({"kind":"file","actions":[{"action":"rm","path":"/x","allow_not_found":1,"allow_wildcard":false}],
                    "link":false})",
                 "\"actions[0].allow_not_found\": expected true or false");

  json mkdir = OpToJson(FileOp{{FullMkdir()}, false});
  mkdir["actions"][0]["mode"] = 4294967296ll;
  ExpectRejected(mkdir.dump(), "\"actions[0].mode\": 4294967296 is out of range");
  mkdir["actions"][0]["mode"] = -1;
  ExpectRejected(mkdir.dump(), "\"actions[0].mode\": -1 is out of range");
  mkdir["actions"][0]["mode"] = 1.5;
  ExpectRejected(mkdir.dump(), "\"actions[0].mode\": expected a non-negative integer");
  mkdir["actions"][0]["mode"] = 0755;
  mkdir["actions"][0]["owner"] = {{"user", "a"}};
  ExpectRejected(mkdir.dump(), "\"actions[0].owner.group\" is missing");
  mkdir["actions"][0]["owner"] = nullptr;
  mkdir["actions"][0]["mtime"] = "yesterday";
  ExpectRejected(mkdir.dump(), "\"actions[0].mtime\": expected an integer");

  json exec = OpToJson(FullExec());
  exec["mounts"][1]["type"] = "nfs";
  ExpectRejected(exec.dump(), "\"mounts[1].type\": unknown value \"nfs\"");
  exec = OpToJson(FullExec());
  exec["mounts"][2]["input"] = 3000000000ll;
  ExpectRejected(exec.dump(), "\"mounts[2].input\": 3000000000 is out of range");
  exec = OpToJson(FullExec());
  exec["args"][1] = nullptr;
  ExpectRejected(exec.dump(), "\"args[1]\": expected a string, got null");
  exec = OpToJson(FullExec());
  exec.erase("network");
  ExpectRejected(exec.dump(), "\"network\" is missing");
  exec = OpToJson(FullExec());
  exec["security"] = "sandbox";  // the default is written as no member at all
  ExpectRejected(exec.dump(), "\"security\": unknown value \"sandbox\"");
  exec = OpToJson(FullExec());
  exec["ulimits"][0]["soft"] = -2;
  ExpectRejected(exec.dump(), "\"ulimits[0].soft\": -2 is out of range");
  exec = OpToJson(FullExec());
  exec["extra_hosts"][1]["port"] = 80;
  ExpectRejected(exec.dump(), "extra_hosts[1]");
}

// A diamond over a shared context, with a scratch input, for two platforms.
struct Diamond {
  VertexRef context, left, right, top;
};

Diamond MakeDiamond() {
  Diamond d;
  SourceOp ctx;
  ctx.identifier = "context";
  d.context = Vertex::Make(ctx, {}, "[internal] load build context");
  FileOp copy{{FullCopy()}, false};
  d.left = Vertex::Make(copy, {nullptr, d.context}, "[a 1/1] COPY", "linux/amd64");
  d.right = Vertex::Make(FileOp{{FullMkfile()}, true}, {d.context}, "[b 1/1] COPY <<EOF", "linux/arm64");
  ExecOp run = FullExec();
  d.top = Vertex::Make(run, {d.left, d.right, nullptr, d.context}, "[final 1/1] RUN", "linux/arm64");
  return d;
}

TEST(GraphJson, DiamondRoundTripsWithSharedVerticesOnce) {
  Diamond d = MakeDiamond();
  json sent = GraphToJson({d.top, d.left, nullptr, d.context});
  ASSERT_EQ(sent["vertices"].size(), 4u);  // context once, though three paths reach it
  // Topological: every input index is smaller than its user's.
  for (size_t i = 0; i < sent["vertices"].size(); ++i) {
    for (const auto& in : sent["vertices"][i]["inputs"]) EXPECT_LT(in.get<int>(), static_cast<int>(i));
  }
  EXPECT_EQ(sent["vertices"][0]["name"], "[internal] load build context");

  // Through text, as it travels.
  auto roots = GraphFromJson(json::parse(sent.dump()));
  ASSERT_TRUE(roots) << roots.error().What();
  ASSERT_EQ(roots->size(), 4u);
  EXPECT_EQ((*roots)[0]->digest(), d.top->digest());
  EXPECT_EQ((*roots)[1]->digest(), d.left->digest());
  EXPECT_EQ((*roots)[2], nullptr);
  EXPECT_EQ((*roots)[3]->digest(), d.context->digest());
  // Shared as sent: the rebuilt top's first input is the rebuilt left root itself.
  EXPECT_EQ((*roots)[0]->inputs()[0], (*roots)[1]);
  EXPECT_EQ((*roots)[0]->inputs()[2], nullptr);
  EXPECT_EQ((*roots)[0]->inputs()[3], (*roots)[3]);
  EXPECT_EQ((*roots)[0]->inputs()[1]->inputs()[0], (*roots)[3]);
  EXPECT_EQ((*roots)[0]->name(), "[final 1/1] RUN");
  EXPECT_EQ((*roots)[0]->platform(), "linux/arm64");
  EXPECT_EQ((*roots)[0]->CanonicalBytes(), d.top->CanonicalBytes());
  // And the format is stable: sending the rebuilt graph gives the same JSON.
  EXPECT_EQ(GraphToJson(*roots).dump(), sent.dump());
}

TEST(GraphJson, EmptyGraphAndScratchOnly) {
  auto none = GraphFromJson(GraphToJson({}));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto scratch = GraphFromJson(GraphToJson({nullptr}));
  ASSERT_TRUE(scratch);
  ASSERT_EQ(scratch->size(), 1u);
  EXPECT_EQ((*scratch)[0], nullptr);
}

// Flattening is iterative; a chain far longer than any Dockerfile still travels.
TEST(GraphJson, LongChainRoundTrips) {
  VertexRef v;
  for (int i = 0; i < 2000; ++i) v = Vertex::Make(FileOp{{FullRm()}, false}, {v}, fmt::format("step {}", i));
  auto roots = GraphFromJson(GraphToJson({v}));
  ASSERT_TRUE(roots) << roots.error().What();
  EXPECT_EQ((*roots)[0]->digest(), v->digest());
}

void ExpectGraphRejected(const json& j, const std::string& needle) {
  auto r = GraphFromJson(j);
  ASSERT_FALSE(r) << j.dump();
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().What().find(needle), std::string::npos) << r.error().What();
}

TEST(GraphJson, TamperedOpIsADigestMismatchNamingTheVertex) {
  json sent = GraphToJson({MakeDiamond().top});
  json& right = sent["vertices"][2];
  ASSERT_EQ(right["name"], "[b 1/1] COPY <<EOF");
  right["op"]["actions"][0]["data"] = "something else";
  ExpectGraphRejected(sent, "vertex 2 \"[b 1/1] COPY <<EOF\": its digest was sent as sha256:");
  ExpectGraphRejected(sent, "disagree on the graph format");
}

TEST(GraphJson, TamperedInputsOrDigestAreMismatches) {
  json sent = GraphToJson({MakeDiamond().top});
  json swapped = sent;
  swapped["vertices"][3]["inputs"][2] = 0;  // scratch → context
  ExpectGraphRejected(swapped, "vertex 3 \"[final 1/1] RUN\": its digest");
  json other = sent;
  other["vertices"][0]["digest"] = "sha256:" + std::string(64, '0');
  ExpectGraphRejected(other, "vertex 0 \"[internal] load build context\": its digest was sent as sha256:000");
}

TEST(GraphJson, InputsMustBeEarlierVertices) {
  json sent = GraphToJson({MakeDiamond().top});
  json forward = sent;
  forward["vertices"][1]["inputs"][1] = 3;
  ExpectGraphRejected(forward, "vertices[1].inputs[1]\": 3 is out of range [-1, 0]");
  ExpectGraphRejected(forward, "an input is -1 (scratch) or an earlier vertex");
  json self = sent;
  self["vertices"][1]["inputs"][1] = 1;
  ExpectGraphRejected(self, "vertices[1].inputs[1]\": 1 is out of range");
  json below = sent;
  below["vertices"][1]["inputs"][0] = -2;
  ExpectGraphRejected(below, "-2 is out of range");
  json root = sent;
  root["roots"][0] = 4;
  ExpectGraphRejected(root, "\"roots[0]\": 4 is out of range [-1, 3]");
}

TEST(GraphJson, GarbageIsAnErrorNotACrash) {
  json sent = GraphToJson({MakeDiamond().top});
  ExpectGraphRejected(json(), "reading a build graph");
  ExpectGraphRejected(json::array(), "expected an object, got array");
  ExpectGraphRejected(json::object(), "\"vertices\" is missing");
  ExpectGraphRejected({{"vertices", "x"}, {"roots", json::array()}}, "\"vertices\": expected an array");
  ExpectGraphRejected({{"vertices", json::array()}}, "\"roots\" is missing");
  ExpectGraphRejected({{"vertices", json::array({1})}, {"roots", json::array()}}, "\"vertices[0]\": expected an object");
  json no_name = sent;
  no_name["vertices"][0].erase("name");
  ExpectGraphRejected(no_name, "\"vertices[0].name\" is missing");
  json bad_op = sent;
  bad_op["vertices"][1]["op"] = "copy";
  ExpectGraphRejected(bad_op, "vertex 1 \"[a 1/1] COPY\": in field \"op\"");
  json bad_inputs = sent;
  bad_inputs["vertices"][1]["inputs"] = json::array({"zero"});
  ExpectGraphRejected(bad_inputs, "\"vertices[1].inputs[0]\": expected an integer, got string");
  json bad_digest = sent;
  bad_digest["vertices"][1]["digest"] = 5;
  ExpectGraphRejected(bad_digest, "\"vertices[1].digest\": expected a string");
  json extra = sent;
  extra["version"] = 2;
  ExpectGraphRejected(extra, "\"version\" is unknown");
  json root_type = sent;
  root_type["roots"] = json::array({true});
  ExpectGraphRejected(root_type, "\"roots[0]\": expected an integer, got boolean");

  // Every member of every vertex removed, or replaced by a value of another type: always a clean error.
  for (size_t v = 0; v < sent["vertices"].size(); ++v) {
    for (const auto& [key, value] : sent["vertices"][v].items()) {
      json removed = sent;
      removed["vertices"][v].erase(key);
      EXPECT_FALSE(GraphFromJson(removed)) << key;
      for (const json& wrong : {json(), json(1), json("s"), json::array(), json::object(), json(-7)}) {
        if (wrong.type() == value.type()) continue;  // not wrong: "s" is a fine name
        json changed = sent;
        changed["vertices"][v][key] = wrong;
        EXPECT_FALSE(GraphFromJson(changed)) << key << " = " << wrong.dump();
      }
    }
  }
}

}  // namespace
}  // namespace manifold::graph
