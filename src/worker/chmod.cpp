// Octal and symbolic mode changes.
#include "worker/chmod.hpp"

#include <sys/stat.h>

namespace manifold::worker {

util::Result<ModeChange> ModeChange::Parse(std::string_view spec) {
  ModeChange change;
  auto bad = [&] {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid --chmod value {:?}: use octal (0755) or symbolic (u+x,go-w)", std::string(spec));
  };
  if (spec.empty()) return bad();
  if (spec.find_first_not_of("01234567") == std::string_view::npos) {
    if (spec.size() > 4) return bad();
    change.octal_ = true;
    for (char c : spec) change.octal_mode_ = change.octal_mode_ * 8 + static_cast<mode_t>(c - '0');
    return change;
  }
  size_t i = 0;
  while (i <= spec.size()) {
    Clause clause;
    mode_t who = 0;
    for (; i < spec.size() && std::string_view("ugoa").find(spec[i]) != std::string_view::npos; ++i) {
      switch (spec[i]) {
        case 'u': who |= S_ISUID | S_IRWXU; break;
        case 'g': who |= S_ISGID | S_IRWXG; break;
        case 'o': who |= S_IRWXO; break;
        default: who |= 07777; break;
      }
    }
    clause.who = who == 0 ? 07777 : who;
    if (i >= spec.size() || std::string_view("+-=").find(spec[i]) == std::string_view::npos) return bad();
    clause.op = spec[i++];
    for (; i < spec.size() && spec[i] != ','; ++i) {
      switch (spec[i]) {
        case 'r': clause.perms |= S_IRUSR | S_IRGRP | S_IROTH; break;
        case 'w': clause.perms |= S_IWUSR | S_IWGRP | S_IWOTH; break;
        case 'x': clause.perms |= S_IXUSR | S_IXGRP | S_IXOTH; break;
        case 'X': clause.conditional_x = true; break;
        case 's': clause.perms |= S_ISUID | S_ISGID; break;
        case 't': clause.perms |= S_ISVTX; clause.who |= S_ISVTX; break;
        default: return bad();
      }
    }
    change.clauses_.push_back(clause);
    if (i >= spec.size()) break;
    ++i;  // ','
    if (i == spec.size()) return bad();
  }
  return change;
}

mode_t ModeChange::Apply(mode_t mode, bool is_dir) const {
  if (octal_) return octal_mode_;
  mode_t result = mode & 07777;
  for (const auto& c : clauses_) {
    mode_t perms = c.perms;
    if (c.conditional_x && (is_dir || (mode & (S_IXUSR | S_IXGRP | S_IXOTH)))) {
      perms |= S_IXUSR | S_IXGRP | S_IXOTH;
    }
    perms &= c.who;
    switch (c.op) {
      case '+': result |= perms; break;
      case '-': result &= ~perms; break;
      default: result = (result & ~(c.who & 07777)) | perms; break;
    }
  }
  return result;
}

}  // namespace manifold::worker
