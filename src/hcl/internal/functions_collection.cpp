// Collection functions on tuples (cty's lists, sets and tuples) and objects (maps and
// objects): cty's stdlib collection and sequence functions and buildx's indexof.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "hcl/convert.hpp"
#include "hcl/internal/functions.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

// Elements equal under HCL's == render the same (ToHcl is canonical for values), so the
// rendering keys hash-based distinctness checks.
std::string Key(const Value& v) { return ToHcl(v); }

util::Result<Value> Coalesce(Args args) {
  // cty unifies the arguments' types first: primitives with a string among them become
  // strings (and then "" is skipped too).
  bool any_string = false, all_primitive = true;
  for (const Value& a : args) {
    any_string |= a.kind() == Kind::kString;
    all_primitive &= a.kind() == Kind::kNull || a.kind() == Kind::kBool ||
                     a.kind() == Kind::kNumber || a.kind() == Kind::kString;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].IsNull()) continue;
    Value v = args[i];
    if (any_string && all_primitive) {
      v = MANIFOLD_TRY(ToStringValue(v));
      if (v.AsString().empty()) continue;
    }
    return v;
  }
  return util::Fail(ErrorKind::kInvalidArgument, "no non-null arguments");
}

util::Result<Value> CoalesceList(Args args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].kind() != Kind::kTuple) {
      return ArgError(i, "vals", "coalescelist arguments must be lists or tuples");
    }
    if (!args[i].Items().empty()) return args[i];
  }
  return util::Fail(ErrorKind::kInvalidArgument, "no non-null arguments");
}

util::Result<Value> Compact(Args args) {
  Tuple list = MANIFOLD_TRY(ListArg(args, 0, "list"));
  Tuple out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].IsNull()) continue;
    auto s = ToStringValue(list[i]);
    if (!s) return ArgError(0, "list", fmt::format("element {}: {}", i, s.error().message()));
    if (!s->AsString().empty()) out.push_back(*s);
  }
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Concat(Args args) {
  Tuple out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].kind() != Kind::kTuple) {
      return ArgError(i, "seqs", "all arguments must be lists or tuples; got " +
                                     std::string(args[i].TypeName()));
    }
    MANIFOLD_CHECK(CheckElements(out.size() + args[i].Items().size()));
    out.insert(out.end(), args[i].Items().begin(), args[i].Items().end());
  }
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Contains(Args args) {
  if (args[0].kind() != Kind::kTuple) {
    return ArgError(0, "list", "argument must be list, tuple, or set");
  }
  for (const Value& v : args[0].Items()) {
    if (v == args[1]) return Value::Bool(true);
  }
  return Value::Bool(false);
}

util::Result<Value> Distinct(Args args) {
  Tuple list = MANIFOLD_TRY(ListArg(args, 0, "list"));
  std::unordered_set<std::string> seen;
  Tuple out;
  for (const Value& v : list) {
    if (seen.insert(Key(v)).second) out.push_back(v);
  }
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Element(Args args) {
  if (args[0].kind() != Kind::kTuple) {
    return ArgError(0, "list", fmt::format("cannot read elements from {}", args[0].TypeName()));
  }
  auto index = IntArg(args, 1, "index");
  if (!index) return util::Fail(ErrorKind::kInvalidArgument, "invalid index: {}", index.error().message());
  const Tuple& list = args[0].Items();
  if (list.empty()) {
    return util::Fail(ErrorKind::kInvalidArgument, "cannot use element function with an empty list");
  }
  // cty wraps around: element(l, length(l)) is l[0], negative indexes count from the end.
  auto n = static_cast<int64_t>(list.size());
  int64_t i = *index % n;
  if (i < 0) i += n;
  return list[static_cast<size_t>(i)];
}

util::Status FlattenInto(const Tuple& list, Tuple& out, int depth) {
  if (depth > 256) return util::Fail(ErrorKind::kInvalidArgument, "lists nested too deep to flatten");
  for (const Value& v : list) {
    if (v.kind() == Kind::kTuple) {
      MANIFOLD_CHECK(FlattenInto(v.Items(), out, depth + 1));
    } else {
      out.push_back(v);
      MANIFOLD_CHECK(CheckElements(out.size()));
    }
  }
  return {};
}

util::Result<Value> Flatten(Args args) {
  if (args[0].kind() != Kind::kTuple) {
    return ArgError(0, "list", "can only flatten lists, sets and tuples");
  }
  Tuple out;
  MANIFOLD_CHECK(FlattenInto(args[0].Items(), out, 0));
  return Value::MakeTuple(std::move(out));
}

// The element of `coll` at `key` for index and hasindex: nullptr when absent; an error when
// the key has the wrong type for the collection.
util::Result<const Value*> At(const Args& args) {
  const Value& coll = args[0];
  const Value& key = args[1];
  if (coll.kind() == Kind::kTuple) {
    auto n = ToNumberValue(key);
    if (!n || key.IsNull()) return util::Fail(ErrorKind::kInvalidArgument, "key for tuple must be number");
    double d = n->AsNumber();
    if (d != std::trunc(d)) return util::Fail(ErrorKind::kInvalidArgument, "invalid key for tuple: a whole number is required");
    if (d < 0 || d >= static_cast<double>(coll.Items().size())) return nullptr;
    return &coll.Items()[static_cast<size_t>(d)];
  }
  if (coll.kind() == Kind::kObject) {
    auto s = ToStringValue(key);
    if (!s || key.IsNull()) return util::Fail(ErrorKind::kInvalidArgument, "key for map must be string");
    auto it = coll.Attributes().find(s->AsString());
    return it == coll.Attributes().end() ? nullptr : &it->second;
  }
  return util::Fail(ErrorKind::kInvalidArgument, "collection must be a list, a map or a tuple");
}

util::Result<Value> HasIndex(Args args) {
  return Value::Bool(MANIFOLD_TRY(At(args)) != nullptr);
}

util::Result<Value> Index(Args args) {
  const Value* v = MANIFOLD_TRY(At(args));
  if (v == nullptr) return util::Fail(ErrorKind::kInvalidArgument, "invalid index");
  return *v;
}

util::Result<Value> IndexOf(Args args) {
  if (args[0].kind() != Kind::kTuple) {
    return util::Fail(ErrorKind::kInvalidArgument, "argument must be a list or tuple");
  }
  const Tuple& list = args[0].Items();
  if (list.empty()) return util::Fail(ErrorKind::kInvalidArgument, "cannot search an empty list");
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == args[1]) return Value::Number(static_cast<double>(i));
  }
  return util::Fail(ErrorKind::kInvalidArgument, "item not found");
}

util::Result<Value> Keys(Args args) {
  if (args[0].kind() != Kind::kObject) {
    return ArgError(0, "inputMap", "must have map or object type");
  }
  Tuple out;
  for (const auto& [k, v] : args[0].Attributes()) out.push_back(Value::String(k));
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Values(Args args) {
  if (args[0].kind() != Kind::kObject) {
    return util::Fail(ErrorKind::kInvalidArgument, "values() requires a map as the first argument");
  }
  Tuple out;
  for (const auto& [k, v] : args[0].Attributes()) out.push_back(v);
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Length(Args args) {
  const Value& v = args[0];
  switch (v.kind()) {
    case Kind::kTuple: return Value::Number(static_cast<double>(v.Items().size()));
    case Kind::kObject: return Value::Number(static_cast<double>(v.Attributes().size()));
    case Kind::kString: return Value::Number(static_cast<double>(Characters(v.AsString()).size()));
    case Kind::kNull: return ArgError(0, "value", "argument must not be null");
    default: break;
  }
  return ArgError(0, "value", "collection must be a list, a map or a tuple");
}

util::Result<Value> Lookup(Args args) {
  if (args[0].kind() != Kind::kObject) {
    return ArgError(0, "inputMap", "lookup() requires a map as the first argument");
  }
  std::string key = MANIFOLD_TRY(StringArg(args, 1, "key"));
  auto it = args[0].Attributes().find(key);
  return it == args[0].Attributes().end() ? args[2] : it->second;
}

util::Result<Value> Merge(Args args) {
  Object out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].IsNull()) continue;
    if (args[i].kind() != Kind::kObject) {
      return ArgError(i, "maps", fmt::format("arguments must be maps or objects, got \"{}\"",
                                              args[i].TypeName()));
    }
    for (const auto& [k, v] : args[i].Attributes()) out.insert_or_assign(k, v);
  }
  return Value::MakeObject(std::move(out));
}

util::Result<Value> Range(Args args) {
  double start = 0, end = 0, step = 1;
  if (args.size() == 1) {
    end = MANIFOLD_TRY(NumberArg(args, 0, "params"));
    step = end < 0 ? -1 : 1;
  } else {
    start = MANIFOLD_TRY(NumberArg(args, 0, "params"));
    end = MANIFOLD_TRY(NumberArg(args, 1, "params"));
    step = args.size() == 3 ? MANIFOLD_TRY(NumberArg(args, 2, "params")) : end < start ? -1 : 1;
  }
  if (step == 0) return ArgError(2, "params", "step must not be zero");
  bool down = step < 0;
  if (down && end > start) return ArgError(1, "params", "end must be less than start when step is negative");
  if (!down && end < start) return ArgError(1, "params", "end must be greater than start when step is positive");
  Tuple out;
  for (double n = start; down ? n > end : n < end; n += step) {
    // cty's limit, which also bounds a step too small to change n.
    if (out.size() >= 1024) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "more than 1024 values were generated; either decrease the difference "
                        "between start and end or use a smaller step");
    }
    out.push_back(Value::Number(n));
  }
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> ReverseList(Args args) {
  if (args[0].kind() != Kind::kTuple) {
    return ArgError(0, "list", fmt::format("can only reverse list or tuple values, not {}",
                                           args[0].TypeName()));
  }
  Tuple out(args[0].Items().rbegin(), args[0].Items().rend());
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Slice(Args args) {
  if (args[0].kind() != Kind::kTuple) return ArgError(0, "list", "must be a list or tuple value");
  const Tuple& list = args[0].Items();
  auto n = static_cast<int64_t>(list.size());
  auto start = IntArg(args, 1, "start_index");
  if (!start) return ArgError(1, "start_index", "invalid start index: " + start.error().message());
  if (*start < 0) return ArgError(1, "start_index", "start index must not be less than zero");
  if (*start > n) return ArgError(1, "start_index", "start index must not be greater than the length of the list");
  auto end = IntArg(args, 2, "end_index");
  if (!end) return ArgError(2, "end_index", "invalid end index: " + end.error().message());
  if (*end < 0) return ArgError(2, "end_index", "end index must not be less than zero");
  if (*end > n) return ArgError(2, "end_index", "end index must not be greater than the length of the list");
  if (*start > *end) return ArgError(1, "start_index", "start index must not be greater than end index");
  return Value::MakeTuple(Tuple(list.begin() + *start, list.begin() + *end));
}

util::Result<Value> Sort(Args args) {
  Tuple list = MANIFOLD_TRY(ListArg(args, 0, "list"));
  std::vector<std::string> strings;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].IsNull()) return ArgError(0, "list", "given list element " + std::to_string(i) + " is null; a null string cannot be sorted");
    auto s = ToStringValue(list[i]);
    if (!s) return ArgError(0, "list", "list of string required");
    strings.push_back(s->AsString());
  }
  // Lexicographic by bytes (Go's sort.Strings), so "10" sorts before "9".
  std::sort(strings.begin(), strings.end());
  Tuple out;
  for (auto& s : strings) out.push_back(Value::String(std::move(s)));
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Zipmap(Args args) {
  Tuple keys = MANIFOLD_TRY(ListArg(args, 0, "keys"));
  Tuple values = MANIFOLD_TRY(ListArg(args, 1, "values"));
  if (keys.size() != values.size()) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "number of keys ({}) does not match number of values ({})", keys.size(),
                      values.size());
  }
  Object out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].IsNull()) {
      return util::Fail(ErrorKind::kInvalidArgument, "keys list has null value at index {}", i);
    }
    auto k = ToStringValue(keys[i]);
    if (!k) return ArgError(0, "keys", fmt::format("element {}: {}", i, k.error().message()));
    out.insert_or_assign(k->AsString(), values[i]);
  }
  return Value::MakeObject(std::move(out));
}

util::Result<Value> ChunkList(Args args) {
  Tuple list = MANIFOLD_TRY(ListArg(args, 0, "list"));
  auto size = IntArg(args, 1, "size");
  if (!size) return util::Fail(ErrorKind::kInvalidArgument, "invalid size: {}", size.error().message());
  if (*size < 0) return util::Fail(ErrorKind::kInvalidArgument, "the size argument must be positive");
  if (list.empty()) return Value::MakeTuple({});
  if (*size == 0) return Value::MakeTuple({args[0]});
  Tuple out;
  for (size_t i = 0; i < list.size(); i += static_cast<size_t>(*size)) {
    size_t end = std::min(list.size(), i + static_cast<size_t>(*size));
    out.push_back(Value::MakeTuple(Tuple(list.begin() + static_cast<long>(i),
                                         list.begin() + static_cast<long>(end))));
  }
  return Value::MakeTuple(std::move(out));
}

}  // namespace

void AddCollectionFunctions(EvalContext& ctx) {
  ctx.SetFunction("chunklist", Function{2, 2, ChunkList});
  ctx.SetFunction("coalesce", Function{0, std::nullopt, Coalesce});
  ctx.SetFunction("coalescelist", Function{0, std::nullopt, CoalesceList});
  ctx.SetFunction("compact", Function{1, 1, Compact});
  ctx.SetFunction("concat", Function{1, std::nullopt, Concat});
  ctx.SetFunction("contains", Function{2, 2, Contains});
  ctx.SetFunction("distinct", Function{1, 1, Distinct});
  ctx.SetFunction("element", Function{2, 2, Element});
  ctx.SetFunction("flatten", Function{1, 1, Flatten});
  ctx.SetFunction("hasindex", Function{2, 2, HasIndex});
  ctx.SetFunction("index", Function{2, 2, Index});
  ctx.SetFunction("indexof", Function{2, 2, IndexOf});
  ctx.SetFunction("keys", Function{1, 1, Keys});
  ctx.SetFunction("length", Function{1, 1, Length});
  ctx.SetFunction("lookup", Function{3, 3, Lookup});
  ctx.SetFunction("merge", Function{0, std::nullopt, Merge});
  ctx.SetFunction("range", Function{1, 3, Range});
  ctx.SetFunction("reverselist", Function{1, 1, ReverseList});
  ctx.SetFunction("slice", Function{3, 3, Slice});
  ctx.SetFunction("sort", Function{1, 1, Sort});
  ctx.SetFunction("values", Function{1, 1, Values});
  ctx.SetFunction("zipmap", Function{2, 2, Zipmap});
  AddSetFunctions(ctx);
}

}  // namespace manifold::hcl::internal
