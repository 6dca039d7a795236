// Set functions over tuples of distinct elements (cty's sets, which this layer does not
// model): union, intersection, difference, symmetric difference, membership, product.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "hcl/internal/functions.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

// cty orders a set of numbers ascending and a set of strings lexically; other elements keep
// the order they were first seen in (a stable sort with them all equivalent).
bool SetLess(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  switch (a.kind()) {
    case Kind::kNumber: return a.AsNumber() < b.AsNumber();
    case Kind::kString: return a.AsString() < b.AsString();
    case Kind::kBool: return !a.AsBool() && b.AsBool();
    default: return false;
  }
}

Value MakeSet(Tuple items) {
  std::unordered_set<std::string> seen;
  Tuple out;
  for (Value& v : items) {
    if (seen.insert(ToHcl(v)).second) out.push_back(std::move(v));
  }
  std::stable_sort(out.begin(), out.end(), SetLess);
  return Value::MakeTuple(std::move(out));
}

util::Result<Tuple> SetArg(const Args& args, size_t i) {
  if (args[i].kind() != Kind::kTuple) return ArgError(i, "sets", "a set or a list is required");
  return args[i].Items();
}

std::unordered_set<std::string> Keys(const Tuple& t) {
  std::unordered_set<std::string> keys;
  for (const Value& v : t) keys.insert(ToHcl(v));
  return keys;
}

util::Result<Value> SetUnion(Args args) {
  Tuple all;
  for (size_t i = 0; i < args.size(); ++i) {
    Tuple t = MANIFOLD_TRY(SetArg(args, i));
    MANIFOLD_CHECK(CheckElements(all.size() + t.size()));
    all.insert(all.end(), t.begin(), t.end());
  }
  return MakeSet(std::move(all));
}

util::Result<Value> SetIntersection(Args args) {
  Tuple result = MANIFOLD_TRY(SetArg(args, 0));
  for (size_t i = 1; i < args.size(); ++i) {
    auto keys = Keys(MANIFOLD_TRY(SetArg(args, i)));
    std::erase_if(result, [&](const Value& v) { return !keys.contains(ToHcl(v)); });
  }
  return MakeSet(std::move(result));
}

util::Result<Value> SetSubtract(Args args) {
  Tuple result = MANIFOLD_TRY(SetArg(args, 0));
  auto keys = Keys(MANIFOLD_TRY(SetArg(args, 1)));
  std::erase_if(result, [&](const Value& v) { return keys.contains(ToHcl(v)); });
  return MakeSet(std::move(result));
}

util::Result<Value> SetSymmetricDifference(Args args) {
  // An element is in the result when it is in an odd number of the sets.
  std::unordered_map<std::string, size_t> count;
  Tuple all;
  for (size_t i = 0; i < args.size(); ++i) {
    Tuple t = MANIFOLD_TRY(SetArg(args, i));
    for (const auto& key : Keys(t)) ++count[key];
    MANIFOLD_CHECK(CheckElements(all.size() + t.size()));
    all.insert(all.end(), t.begin(), t.end());
  }
  std::erase_if(all, [&](const Value& v) { return count[ToHcl(v)] % 2 == 0; });
  return MakeSet(std::move(all));
}

util::Result<Value> SetHasElement(Args args) {
  Tuple set = MANIFOLD_TRY(SetArg(args, 0));
  return Value::Bool(std::find(set.begin(), set.end(), args[1]) != set.end());
}

util::Result<Value> SetProduct(Args args) {
  if (args.size() < 2) {
    return util::Fail(ErrorKind::kInvalidArgument, "at least two arguments are required");
  }
  std::vector<Tuple> sets;
  double total = 1;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].kind() != Kind::kTuple) return ArgError(i, "sets", "a set or a list is required");
    sets.push_back(args[i].Items());
    total *= static_cast<double>(sets.back().size());
  }
  if (total * static_cast<double>(sets.size()) > kMaxElements) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "the product would have {} elements, more than the limit of {}",
                      FormatNumber(total * static_cast<double>(sets.size())), kMaxElements);
  }
  Tuple out;
  if (total == 0) return Value::MakeTuple({});
  std::vector<size_t> at(sets.size(), 0);
  for (;;) {
    Tuple row;
    for (size_t k = 0; k < sets.size(); ++k) row.push_back(sets[k][at[k]]);
    out.push_back(Value::MakeTuple(std::move(row)));
    size_t k = sets.size();
    while (k > 0) {
      --k;
      if (++at[k] < sets[k].size()) break;
      at[k] = 0;
      if (k == 0) return Value::MakeTuple(std::move(out));
    }
  }
}

}  // namespace

void AddSetFunctions(EvalContext& ctx) {
  ctx.SetFunction("sethaselement", Function{2, 2, SetHasElement});
  ctx.SetFunction("setintersection", Function{1, std::nullopt, SetIntersection});
  ctx.SetFunction("setproduct", Function{0, std::nullopt, SetProduct});
  ctx.SetFunction("setsubtract", Function{2, 2, SetSubtract});
  ctx.SetFunction("setsymmetricdifference", Function{1, std::nullopt, SetSymmetricDifference});
  ctx.SetFunction("setunion", Function{1, std::nullopt, SetUnion});
}

}  // namespace manifold::hcl::internal
