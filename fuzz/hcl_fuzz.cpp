// libFuzzer target: HCL native syntax: Parse, Variables and Evaluate of every attribute, with
// buildx's standard functions (AddStandardFunctions) defined.
//
// Input: a file's bytes, parsed as a configuration file and as one expression. Every value an
// attribute evaluates to must render (ToHcl) to an expression that parses and evaluates back to
// an equal value. Beyond "no crash": the nesting limits, the stack guard and the evaluation
// budget keep any input from overflowing the stack, running long or exhausting memory.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hcl/eval.hpp"
#include "hcl/functions.hpp"
#include "hcl/parse.hpp"
#include "hcl/variables.hpp"

namespace hcl = manifold::hcl;
namespace util = manifold::util;

namespace {

hcl::EvalContext Context() {
  hcl::EvalContext ctx;
  hcl::AddStandardFunctions(ctx);
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
  // bcrypt's cost is exponential by design (31 is days of work, as in Go): the fuzzer would
  // report that as a timeout. The real function, with the cost capped.
  hcl::Function bcrypt = *ctx.FindFunction("bcrypt");
  ctx.SetFunction("bcrypt", hcl::Function{1, 2, [bcrypt](std::vector<hcl::Value> a) -> util::Result<hcl::Value> {
                    if (a.size() > 1 && !(a[1].kind() == hcl::Kind::kNumber && a[1].AsNumber() <= 6)) {
                      return util::Fail(util::ErrorKind::kInvalidArgument, "cost capped while fuzzing");
                    }
                    return bcrypt.call(std::move(a));
                  }});
  ctx.SetFunction("fail",
                  hcl::Function{0, 1, [](std::vector<hcl::Value>) -> util::Result<hcl::Value> {
                                  return util::Fail(util::ErrorKind::kInvalidArgument,
                                                    "failed on purpose");
                                }});
  return ctx;
}

// Whether `value` renders in about `budget` bytes; values share storage, so a small value
// can stand for an enormous rendering, which only slows the search.
bool Small(const hcl::Value& value, long& budget) {
  budget -= 8;
  switch (value.kind()) {
    case hcl::Kind::kString: budget -= static_cast<long>(value.AsString().size()); break;
    case hcl::Kind::kTuple:
      for (const hcl::Value& item : value.Items()) {
        if (!Small(item, budget)) return false;
      }
      break;
    case hcl::Kind::kObject:
      for (const auto& [key, item] : value.Attributes()) {
        budget -= static_cast<long>(key.size());
        if (!Small(item, budget)) return false;
      }
      break;
    default: break;
  }
  return budget > 0;
}

void CheckRoundTrip(const hcl::Value& value) {
  long budget = 65536;
  if (!Small(value, budget)) return;
  std::string rendered = hcl::ToHcl(value);
  // Infinities have no literal.
  if (rendered.find("Inf") != std::string::npos) return;
  auto expr = hcl::ParseExpression(rendered, "rendered.hcl");
  auto too_deep = [](const util::Error& e) {
    return e.message().find(" too deep") != std::string::npos;
  };
  // A deep value is as deep to read back; the nesting limits may refuse it.
  if (!expr && too_deep(expr.error())) return;
  if (!expr) {
    std::fprintf(stderr, "rendered value does not parse: %s\n%s\n", expr.error().What().c_str(),
                 rendered.c_str());
    std::abort();
  }
  auto again = hcl::Evaluate(**expr, hcl::EvalContext());
  if (!again && too_deep(again.error())) return;
  if (!again || !(*again == value)) {
    std::fprintf(stderr, "rendered value does not evaluate back: %s\n%s\n",
                 again ? hcl::ToHcl(*again).c_str() : again.error().What().c_str(),
                 rendered.c_str());
    std::abort();
  }
}

void EvaluateBody(const hcl::Body& body, const hcl::EvalContext& ctx) {
  for (const hcl::Attribute& attr : body.attributes) {
    (void)hcl::Variables(*attr.expr);
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
