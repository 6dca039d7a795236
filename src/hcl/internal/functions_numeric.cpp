// Numeric and logic functions: arithmetic, rounding, min/max, parseint, comparisons, and the
// bool operators and equality as functions (cty's stdlib number, bool and general functions).
#include <cmath>

#include "hcl/internal/functions.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

using Binary = util::Result<Value> (*)(double, double);

// A function of two numbers named as cty names them ("a", "b").
Function NumberPair(Binary op) {
  return Function{2, 2, [op](Args args) -> util::Result<Value> {
                    double a = MANIFOLD_TRY(NumberArg(args, 0, "a"));
                    double b = MANIFOLD_TRY(NumberArg(args, 1, "b"));
                    return op(a, b);
                  }};
}

using Unary = double (*)(double);

Function NumberOne(Unary op) {
  return Function{1, 1, [op](Args args) -> util::Result<Value> {
                    return Value::Number(op(MANIFOLD_TRY(NumberArg(args, 0, "num"))));
                  }};
}

util::Result<Value> Fail(std::string_view message) {
  return util::Fail(ErrorKind::kInvalidArgument, "{}", message);
}

util::Result<Value> Add(double a, double b) {
  if (std::isinf(a) && std::isinf(b) && a != b) return Fail("can't compute sum of opposing infinities");
  return Value::Number(a + b);
}
util::Result<Value> Subtract(double a, double b) {
  if (std::isinf(a) && a == b) return Fail("can't subtract infinity from itself");
  return Value::Number(a - b);
}
util::Result<Value> Multiply(double a, double b) {
  if ((a == 0 && std::isinf(b)) || (b == 0 && std::isinf(a))) return Fail("can't multiply zero by infinity");
  return Value::Number(a * b);
}
util::Result<Value> Divide(double a, double b) {
  if ((a == 0 && b == 0) || (std::isinf(a) && std::isinf(b))) {
    return Fail("can't divide zero by zero or infinity by infinity");
  }
  return Value::Number(a / b);
}
util::Result<Value> Modulo(double a, double b) {
  // cty: the remainder of a truncated division (sign of a); x % 0 is x; with an infinity,
  // the product's infinity.
  if (std::isinf(a) || std::isinf(b)) {
    if (a == 0 || b == 0) return Fail("can't use modulo with zero and infinity");
    return Value::Number(a * b);
  }
  if (b == 0) return Value::Number(a);
  return Value::Number(std::fmod(a, b));
}
util::Result<Value> Pow(double a, double b) { return Value::Number(std::pow(a, b)); }
util::Result<Value> Log(double a, double b) { return Value::Number(std::log(a) / std::log(b)); }

util::Result<Value> Int(Args args) {
  double n = MANIFOLD_TRY(NumberArg(args, 0, "num"));
  if (std::isinf(n)) return Fail("can't truncate infinity to an integer");
  return Value::Number(std::trunc(n) + 0.0);
}

util::Result<Value> MinMax(const Args& args, bool max) {
  if (args.empty()) return Fail("must pass at least one number");
  double best = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    double n = MANIFOLD_TRY(NumberArg(args, i, "numbers"));
    if (i == 0 || (max ? n > best : n < best)) best = n;
  }
  return Value::Number(best);
}

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 36;
  return 99;
}

util::Result<Value> ParseInt(Args args) {
  if (args[0].kind() != Kind::kString) {
    return ArgError(0, "number", fmt::format("first argument must be a string, not {}", args[0].TypeName()));
  }
  const std::string& s = args[0].AsString();
  auto base = IntArg(args, 1, "base");
  if (!base) return std::unexpected(base.error());
  if (*base < 2 || *base > 62) {
    return ArgError(1, "base", "base must be a whole number between 2 and 62 inclusive");
  }
  // Go's big.Int SetString: an optional sign, then digits; for bases up to 36 letters are
  // case-insensitive, above it 'a'-'z' are 10-35 and 'A'-'Z' 36-61.
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  double n = 0;
  bool any = false;
  for (; i < s.size(); ++i) {
    int d = DigitValue(s[i]);
    if (*base <= 36 && d >= 36 && d < 62) d -= 26;
    if (d >= *base) break;
    n = n * static_cast<double>(*base) + d;
    any = true;
  }
  if (!any || i != s.size()) {
    return ArgError(0, "number", fmt::format("cannot parse \"{}\" as a base {} integer", s.substr(0, 64), *base));
  }
  return Value::Number(negative ? -n : n);
}

util::Result<Value> Signum(Args args) {
  double n = MANIFOLD_TRY(NumberArg(args, 0, "num"));
  return Value::Number(n < 0 ? -1 : n > 0 ? 1 : 0);
}

Function Compare(bool (*op)(double, double)) {
  return Function{2, 2, [op](Args args) -> util::Result<Value> {
                    double a = MANIFOLD_TRY(NumberArg(args, 0, "a"));
                    double b = MANIFOLD_TRY(NumberArg(args, 1, "b"));
                    return Value::Bool(op(a, b));
                  }};
}

Function BoolPair(bool (*op)(bool, bool)) {
  return Function{2, 2, [op](Args args) -> util::Result<Value> {
                    bool a = MANIFOLD_TRY(BoolArg(args, 0, "a"));
                    bool b = MANIFOLD_TRY(BoolArg(args, 1, "b"));
                    return Value::Bool(op(a, b));
                  }};
}

}  // namespace

void AddNumericFunctions(EvalContext& ctx) {
  ctx.SetFunction("absolute", NumberOne([](double n) { return std::fabs(n); }));
  ctx.SetFunction("add", NumberPair(Add));
  ctx.SetFunction("ceil", NumberOne([](double n) { return std::ceil(n) + 0.0; }));
  ctx.SetFunction("divide", NumberPair(Divide));
  ctx.SetFunction("floor", NumberOne([](double n) { return std::floor(n) + 0.0; }));
  ctx.SetFunction("int", Function{1, 1, Int});
  ctx.SetFunction("log", NumberPair(Log));
  ctx.SetFunction("max", Function{0, std::nullopt, [](Args a) { return MinMax(a, true); }});
  ctx.SetFunction("min", Function{0, std::nullopt, [](Args a) { return MinMax(a, false); }});
  ctx.SetFunction("modulo", NumberPair(Modulo));
  ctx.SetFunction("multiply", NumberPair(Multiply));
  ctx.SetFunction("negate", NumberOne([](double n) { return -n + 0.0; }));
  ctx.SetFunction("parseint", Function{2, 2, ParseInt});
  ctx.SetFunction("pow", NumberPair(Pow));
  ctx.SetFunction("signum", Function{1, 1, Signum});
  ctx.SetFunction("subtract", NumberPair(Subtract));

  ctx.SetFunction("greaterthan", Compare([](double a, double b) { return a > b; }));
  ctx.SetFunction("greaterthanorequalto", Compare([](double a, double b) { return a >= b; }));
  ctx.SetFunction("lessthan", Compare([](double a, double b) { return a < b; }));
  ctx.SetFunction("lessthanorequalto", Compare([](double a, double b) { return a <= b; }));

  ctx.SetFunction("and", BoolPair([](bool a, bool b) { return a && b; }));
  ctx.SetFunction("or", BoolPair([](bool a, bool b) { return a || b; }));
  ctx.SetFunction("not", Function{1, 1, [](Args args) -> util::Result<Value> {
                                    return Value::Bool(!MANIFOLD_TRY(BoolArg(args, 0, "val")));
                                  }});
  // cty's equal/notequal take any two values: different types are simply unequal.
  ctx.SetFunction("equal", Function{2, 2, [](Args a) -> util::Result<Value> {
                                      return Value::Bool(a[0] == a[1]);
                                    }});
  ctx.SetFunction("notequal", Function{2, 2, [](Args a) -> util::Result<Value> {
                                         return Value::Bool(!(a[0] == a[1]));
                                       }});
}

}  // namespace manifold::hcl::internal
