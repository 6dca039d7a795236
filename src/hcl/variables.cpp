// Variables: a walk over the expression tree that tracks the names `for` constructs bind.
#include "hcl/variables.hpp"

#include <algorithm>

namespace manifold::hcl {
namespace {

class Walker {
 public:
  void Walk(const Expression& e) {
    std::visit([&](const auto& node) { Visit(node, e); }, e.node);
  }

  std::vector<VariableReference> refs;

 private:
  bool Bound(const std::string& name) const {
    return std::find(bound_.begin(), bound_.end(), name) != bound_.end();
  }

  // `root.a["b"][0]`: the longest static traversal above a variable. `steps` are filled
  // outermost first while descending, then reversed.
  bool StaticChain(const Expression& e, std::vector<std::string>& steps) {
    if (const auto* v = std::get_if<VariableExpr>(&e.node)) {
      if (Bound(v->name)) return false;
      std::reverse(steps.begin(), steps.end());
      refs.push_back(VariableReference{v->name, std::move(steps), e.range});
      return true;
    }
    if (const auto* g = std::get_if<GetAttrExpr>(&e.node)) {
      steps.push_back(g->name);
      return StaticChain(*g->source, steps);
    }
    if (const auto* i = std::get_if<IndexExpr>(&e.node)) {
      const Expression* key_expr = i->key.get();
      // `["k"]` is a template of one literal.
      if (const auto* t = std::get_if<TemplateExpr>(&key_expr->node); t && t->parts.size() == 1) {
        key_expr = t->parts[0].get();
      }
      const auto* key = std::get_if<LiteralExpr>(&key_expr->node);
      if (key != nullptr &&
          (key->value.kind() == Kind::kString || key->value.kind() == Kind::kNumber)) {
        steps.push_back(key->value.kind() == Kind::kString ? key->value.AsString()
                                                           : FormatNumber(key->value.AsNumber()));
        return StaticChain(*i->source, steps);
      }
    }
    return false;
  }

  void Visit(const LiteralExpr&, const Expression&) {}
  void Visit(const SplatItemExpr&, const Expression&) {}
  void Visit(const VariableExpr& v, const Expression& e) {
    if (!Bound(v.name)) refs.push_back(VariableReference{v.name, {}, e.range});
  }
  void Visit(const GetAttrExpr& g, const Expression& e) {
    std::vector<std::string> steps;
    if (!StaticChain(e, steps)) Walk(*g.source);
  }
  void Visit(const IndexExpr& i, const Expression& e) {
    std::vector<std::string> steps;
    if (StaticChain(e, steps)) return;
    Walk(*i.source);
    Walk(*i.key);
  }
  void Visit(const SplatExpr& s, const Expression&) {
    Walk(*s.source);
    Walk(*s.each);
  }
  void Visit(const FunctionCallExpr& c, const Expression&) {
    for (const ExprPtr& a : c.args) Walk(*a);
  }
  void Visit(const UnaryExpr& u, const Expression&) { Walk(*u.operand); }
  void Visit(const BinaryExpr& b, const Expression&) {
    Walk(*b.lhs);
    Walk(*b.rhs);
  }
  void Visit(const ConditionalExpr& c, const Expression&) {
    Walk(*c.condition);
    Walk(*c.when_true);
    Walk(*c.when_false);
  }
  void Visit(const TupleExpr& t, const Expression&) {
    for (const ExprPtr& item : t.items) Walk(*item);
  }
  void Visit(const ObjectExpr& o, const Expression&) {
    for (const ObjectItem& item : o.items) {
      Walk(*item.key);
      Walk(*item.value);
    }
  }
  void Visit(const ForExpr& f, const Expression&) {
    // The collection is evaluated outside the loop's scope; everything else inside it.
    Walk(*f.collection);
    size_t mark = Bind(f.key_var, f.value_var);
    if (f.key_expr) Walk(*f.key_expr);
    Walk(*f.value_expr);
    if (f.condition) Walk(*f.condition);
    bound_.resize(mark);
  }
  void Visit(const TemplateExpr& t, const Expression&) {
    for (const ExprPtr& part : t.parts) Walk(*part);
  }
  void Visit(const TemplateWrapExpr& t, const Expression&) { Walk(*t.wrapped); }
  void Visit(const TemplateIfExpr& t, const Expression&) {
    Walk(*t.condition);
    Walk(*t.then);
    if (t.otherwise) Walk(*t.otherwise);
  }
  void Visit(const TemplateForExpr& t, const Expression&) {
    Walk(*t.collection);
    size_t mark = Bind(t.key_var, t.value_var);
    Walk(*t.body);
    bound_.resize(mark);
  }

  size_t Bind(const std::string& key, const std::string& value) {
    size_t mark = bound_.size();
    if (!key.empty()) bound_.push_back(key);
    bound_.push_back(value);
    return mark;
  }

  std::vector<std::string> bound_;
};

}  // namespace

std::vector<VariableReference> Variables(const Expression& expr) {
  Walker walker;
  walker.Walk(expr);
  return std::move(walker.refs);
}

}  // namespace manifold::hcl
