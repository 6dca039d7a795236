// libFuzzer target: HCL native syntax: Parse, then Evaluate every attribute of every body.
//
// Input: a file's bytes, parsed as a configuration file and as one expression. Every value an
// attribute evaluates to must render (ToHcl) to an expression that parses and evaluates back
// to an equal value. Beyond "no crash": the nesting limits and the evaluation budget keep
// any input from overflowing the stack or running for long.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hcl/eval.hpp"
#include "hcl/parse.hpp"

namespace hcl = manifold::hcl;
namespace util = manifold::util;

namespace {

hcl::EvalContext Context() {
  hcl::EvalContext ctx;
  ctx.SetVariable("s", hcl::Value::String("str"));
  ctx.SetVariable("n", hcl::Value::Number(2));
  ctx.SetVariable("b", hcl::Value::Bool(true));
  ctx.SetVariable("z", hcl::Value::Null());
  ctx.SetVariable("l", hcl::Value::MakeTuple({hcl::Value::Number(1), hcl::Value::String("x")}));
  ctx.SetVariable("o",
                  hcl::Value::MakeObject({{"k", hcl::Value::String("v")},
                                          {"t", hcl::Value::MakeTuple({hcl::Value::Null()})}}));
  ctx.SetFunction(
      "id", hcl::Function{
                1, 1, [](std::vector<hcl::Value> a) -> util::Result<hcl::Value> { return a[0]; }});
  ctx.SetFunction("list", hcl::Function{0, std::nullopt,
                                        [](std::vector<hcl::Value> a) -> util::Result<hcl::Value> {
                                          return hcl::Value::MakeTuple(std::move(a));
                                        }});
  ctx.SetFunction("fail",
                  hcl::Function{0, 1, [](std::vector<hcl::Value>) -> util::Result<hcl::Value> {
                                  return util::Fail(util::ErrorKind::kInvalidArgument,
                                                    "failed on purpose");
                                }});
  return ctx;
}

void CheckRoundTrip(const hcl::Value& value) {
  std::string rendered = hcl::ToHcl(value);
  // Infinities have no literal; huge renderings only slow the search.
  if (rendered.size() > 65536 || rendered.find("Inf") != std::string::npos) return;
  auto expr = hcl::ParseExpression(rendered, "rendered.hcl");
  if (!expr) {
    std::fprintf(stderr, "rendered value does not parse: %s\n%s\n", expr.error().What().c_str(),
                 rendered.c_str());
    std::abort();
  }
  auto again = hcl::Evaluate(**expr, hcl::EvalContext());
  if (!again || !(*again == value)) {
    std::fprintf(stderr, "rendered value does not evaluate back: %s\n%s\n",
                 again ? hcl::ToHcl(*again).c_str() : again.error().What().c_str(),
                 rendered.c_str());
    std::abort();
  }
}

void EvaluateBody(const hcl::Body& body, const hcl::EvalContext& ctx) {
  for (const hcl::Attribute& attr : body.attributes) {
    auto value = hcl::Evaluate(*attr.expr, ctx);
    if (value) {
      CheckRoundTrip(*value);
    } else {
      (void)value.error().Describe();
    }
  }
  for (const hcl::Block& block : body.blocks) EvaluateBody(*block.body, ctx);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const hcl::EvalContext ctx = Context();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto file = hcl::Parse(bytes, "fuzz.hcl");
  if (file) {
    EvaluateBody(file->body, ctx);
  } else {
    (void)file.error().Describe();
  }
  auto expr = hcl::ParseExpression(bytes, "fuzz.hcl");
  if (expr) {
    auto value = hcl::Evaluate(**expr, ctx);
    if (value) CheckRoundTrip(*value);
  }
  return 0;
}
