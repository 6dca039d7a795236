// CIDR functions: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets (go-cty-funcs' cidr
// package, on apparentlymart/go-cidr's arithmetic), for IPv4 and IPv6 prefixes.
#include <cmath>

#include "hcl/internal/functions.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;
using U128 = unsigned __int128;

// A network as Go's net.ParseCIDR returns it: the address with host bits cleared.
struct Net {
  U128 ip = 0;
  int bits = 32;  // 32 or 128
  int prefix = 0;
};

U128 Mask(int bits, int prefix) {
  if (prefix == 0) return 0;
  U128 all = bits == 128 ? ~U128{0} : (U128{1} << 32) - 1;
  return all & ~((U128{1} << (bits - prefix)) - 1) & all;
}

bool ParseV4(std::string_view s, U128& out) {
  out = 0;
  int parts = 0;
  size_t i = 0;
  while (parts < 4) {
    size_t start = i;
    unsigned v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) v = v * 10 + static_cast<unsigned>(s[i++] - '0');
    // Go rejects empty fields, values over 255 and leading zeros.
    if (i == start || v > 255 || (i - start > 1 && s[start] == '0')) return false;
    out = (out << 8) | v;
    ++parts;
    if (parts < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

bool ParseV6(std::string_view s, U128& out) {
  std::vector<uint16_t> head, tail;
  bool gap = false;
  size_t i = 0;
  if (s.starts_with("::")) {
    gap = true;
    i = 2;
  }
  auto* cur = gap ? &tail : &head;
  while (i < s.size()) {
    // An embedded IPv4 address ends the address.
    size_t colon = s.find(':', i);
    std::string_view field = s.substr(i, colon == std::string_view::npos ? std::string_view::npos : colon - i);
    if (field.find('.') != std::string_view::npos) {
      U128 v4;
      if (colon != std::string_view::npos || !ParseV4(field, v4)) return false;
      cur->push_back(static_cast<uint16_t>(v4 >> 16));
      cur->push_back(static_cast<uint16_t>(v4 & 0xFFFF));
      i = s.size();
      break;
    }
    if (field.empty() || field.size() > 4) return false;
    unsigned v = 0;
    for (char c : field) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned>(d);
    }
    cur->push_back(static_cast<uint16_t>(v));
    if (colon == std::string_view::npos) {
      i = s.size();
      break;
    }
    i = colon + 1;
    if (i < s.size() && s[i] == ':') {
      if (gap) return false;
      gap = true;
      cur = &tail;
      ++i;
    } else if (i == s.size()) {
      return false;
    }
  }
  size_t n = head.size() + tail.size();
  if (gap ? n > 7 : n != 8) return false;
  // The head fills the high groups, the tail the low ones; "::" zeros the rest.
  U128 hi = 0;
  for (uint16_t h : head) hi = (hi << 16) | h;
  if (!head.empty()) hi <<= 16 * (8 - head.size());
  U128 lo = 0;
  for (uint16_t t : tail) lo = (lo << 16) | t;
  out = hi | lo;
  return true;
}

util::Result<Net> ParseCidr(const Args& args, size_t index) {
  std::string s = MANIFOLD_TRY(StringArg(args, index, "prefix"));
  auto bad = [&] {
    return util::Fail(ErrorKind::kInvalidArgument, "invalid CIDR expression: invalid CIDR address: {}", s);
  };
  size_t slash = s.find('/');
  if (slash == std::string::npos) return bad();
  std::string_view addr = std::string_view(s).substr(0, slash);
  std::string_view len = std::string_view(s).substr(slash + 1);
  Net n;
  if (addr.find(':') != std::string_view::npos) {
    n.bits = 128;
    if (!ParseV6(addr, n.ip)) return bad();
  } else if (!ParseV4(addr, n.ip)) {
    return bad();
  }
  if (len.empty() || len.size() > 3 || (len.size() > 1 && len[0] == '0')) return bad();
  n.prefix = 0;
  for (char c : len) {
    if (c < '0' || c > '9') return bad();
    n.prefix = n.prefix * 10 + (c - '0');
  }
  if (n.prefix > n.bits) return bad();
  n.ip &= Mask(n.bits, n.prefix);
  return n;
}

std::string FormatIp(U128 ip, int bits) {
  if (bits == 32) {
    auto v = static_cast<uint32_t>(ip);
    return fmt::format("{}.{}.{}.{}", v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
  }
  uint16_t g[8];
  for (int k = 7; k >= 0; --k) {
    g[k] = static_cast<uint16_t>(ip & 0xFFFF);
    ip >>= 16;
  }
  // Go prints an IPv4-mapped address in dotted form.
  if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF) {
    return fmt::format("{}.{}.{}.{}", g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255);
  }
  // RFC 5952: the longest run of two or more zero groups (the first on a tie) becomes "::".
  int best = -1, best_len = 1;
  for (int k = 0; k < 8;) {
    if (g[k] != 0) {
      ++k;
      continue;
    }
    int j = k;
    while (j < 8 && g[j] == 0) ++j;
    if (j - k > best_len) {
      best = k;
      best_len = j - k;
    }
    k = j;
  }
  std::string out;
  for (int k = 0; k < 8; ++k) {
    if (k == best) {
      out += "::";
      k += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += fmt::format("{:x}", g[k]);
  }
  return out;
}

util::Result<U128> BigNumber(const Args& args, size_t index, std::string_view param, bool& negative) {
  double n = MANIFOLD_TRY(NumberArg(args, index, param));
  if (n != std::trunc(n) || std::fabs(n) > 1.7e38) return ArgError(index, param, "a whole number is required");
  negative = n < 0;
  return static_cast<U128>(std::fabs(n));
}

std::string U128Text(U128 v, bool negative) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v > 0);
  return negative ? "-" + s : s;
}

util::Result<Value> CidrHost(Args args) {
  Net n = MANIFOLD_TRY(ParseCidr(args, 0));
  bool negative = false;
  U128 num = MANIFOLD_TRY(BigNumber(args, 1, "hostnum", negative));
  int host_len = n.bits - n.prefix;
  U128 max = host_len == 128 ? ~U128{0} : (U128{1} << host_len) - 1;
  // go-cidr: -1 is the last address, -2 the one before, and so on.
  bool fits = negative ? num - 1 <= max : num <= max;
  if (!fits) {
    return util::Fail(ErrorKind::kInvalidArgument, "prefix of {} does not accommodate a host numbered {}",
                      n.prefix, U128Text(num, negative));
  }
  if (negative) num = max - (num - 1);
  return Value::String(FormatIp(n.ip | num, n.bits));
}

util::Result<Value> CidrNetmask(Args args) {
  Net n = MANIFOLD_TRY(ParseCidr(args, 0));
  if (n.bits != 32) {
    return util::Fail(ErrorKind::kInvalidArgument, "IPv6 addresses cannot have a netmask: {}", args[0].AsString());
  }
  return Value::String(FormatIp(Mask(32, n.prefix), 32));
}

util::Result<Value> CidrSubnet(Args args) {
  Net n = MANIFOLD_TRY(ParseCidr(args, 0));
  int64_t newbits = MANIFOLD_TRY(IntArg(args, 1, "newbits"));
  bool negative = false;
  U128 num = MANIFOLD_TRY(BigNumber(args, 2, "netnum", negative));
  if (newbits > 32) return util::Fail(ErrorKind::kInvalidArgument, "may not extend prefix by more than 32 bits");
  if (newbits < 0 || n.prefix + newbits > n.bits) {
    return util::Fail(ErrorKind::kInvalidArgument, "insufficient address space to extend prefix of {} by {}",
                      n.prefix, newbits);
  }
  U128 max = (U128{1} << newbits) - 1;
  if (negative || num > max) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "prefix extension of {} does not accommodate a subnet numbered {}", newbits,
                      U128Text(num, negative));
  }
  int len = n.prefix + static_cast<int>(newbits);
  U128 ip = n.ip | (len == 0 ? 0 : num << (n.bits - len));
  return Value::String(FormatIp(ip, n.bits) + "/" + std::to_string(len));
}

util::Result<Value> CidrSubnets(Args args) {
  Net n = MANIFOLD_TRY(ParseCidr(args, 0));
  Tuple out;
  U128 all = n.bits == 128 ? ~U128{0} : (U128{1} << 32) - 1;
  U128 next = n.ip;  // the first address not yet allocated
  bool exhausted = false;
  for (size_t i = 1; i < args.size(); ++i) {
    int64_t newbits = MANIFOLD_TRY(IntArg(args, i, "newbits"));
    if (newbits < 1) return ArgError(i, "newbits", "must extend prefix by at least one bit");
    int64_t len = n.prefix + newbits;
    if (len > n.bits) {
      return ArgError(i, "newbits", fmt::format("would extend prefix to {} bits, which is too long for an IPv{} address",
                                                len, n.bits == 32 ? 4 : 6));
    }
    // The next subnet of this length at or after `next` (go-cidr's NextSubnet from the
    // previous allocation): round up to the subnet size.
    U128 size_mask = (U128{1} << (n.bits - len)) - 1;
    U128 start = (next + size_mask) & ~size_mask & all;
    bool wrapped = exhausted || start < next || (next + size_mask) > all;
    U128 net_mask = Mask(n.bits, n.prefix);
    if (wrapped || (start & net_mask) != n.ip) {
      return ArgError(i, "newbits", fmt::format("not enough remaining address space for a subnet with a prefix of {} bits after {}",
                                                len, out.empty() ? FormatIp(n.ip, n.bits) + "/" + std::to_string(n.prefix)
                                                                 : out.back().AsString()));
    }
    out.push_back(Value::String(FormatIp(start, n.bits) + "/" + std::to_string(len)));
    U128 end = start + size_mask;
    exhausted = end == all;
    next = (end + 1) & all;
  }
  return Value::MakeTuple(std::move(out));
}

}  // namespace

void AddCidrFunctions(EvalContext& ctx) {
  ctx.SetFunction("cidrhost", Function{2, 2, CidrHost});
  ctx.SetFunction("cidrnetmask", Function{1, 1, CidrNetmask});
  ctx.SetFunction("cidrsubnet", Function{3, 3, CidrSubnet});
  ctx.SetFunction("cidrsubnets", Function{1, std::nullopt, CidrSubnets});
}

}  // namespace manifold::hcl::internal
