// The numeric, logic, encoding, hash, date and time, and regex functions (rows after
// go-cty's, go-cty-funcs' and buildx's tests and the Terraform/buildx documentation).
#include <crypt.h>
#include <fmt/format.h>

#include "hcl/internal/test_functions.hpp"

namespace manifold::hcl {
namespace {

using testing::EvalWithFunctions;
using testing::RunFunctionTable;

// Whether `s` has the shape `shape`: 'h' a lower-case hex digit, 'd' a decimal digit, any
// other character itself (std::regex trips GCC 12's -Wmaybe-uninitialized).
bool HasShape(std::string_view s, std::string_view shape) {
  if (s.size() != shape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = shape[i] == 'h'   ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
              : shape[i] == 'd' ? c >= '0' && c <= '9'
                                : c == shape[i];
    if (!ok) return false;
  }
  return true;
}

TEST(HclFunctionsTest, Numbers) {
  RunFunctionTable({
      {"absolute(-12.4)", "12.4"},
      {"add(1, 2.5)", "3.5"},
      {R"(add("1", 2))", "3"},
      {R"(add("a", 2))", "error: Invalid value for \"a\" parameter (argument 1): a number is required"},
      {"add(1)", "error: Not enough function arguments"},
      {"subtract(1, 3)", "-2"},
      {"multiply(4, 2.5)", "10"},
      {"divide(5, 2)", "2.5"},
      {"divide(1, 0)", "+Inf"},
      {"divide(0, 0)", "error: can't divide zero by zero"},
      {"modulo(11, 5)", "1"},
      {"modulo(-11, 5)", "-1"},
      {"modulo(7, 0)", "7"},
      {"negate(5)", "-5"},
      {"ceil(4.1)", "5"},
      {"ceil(-4.1)", "-4"},
      {"floor(4.9)", "4"},
      {"floor(-4.1)", "-5"},
      {"int(-1.5)", "-1"},
      {"int(2.9)", "2"},
      {"int(1/0)", "error: can't truncate infinity to an integer"},
      {"log(50, 10)", "1.6989700043360185"},
      {"log(16, 2)", "4"},
      {"pow(3, 2)", "9"},
      {"pow(4, 0.5)", "2"},
      {"max(12, 54, 3)", "54"},
      {"max([12, 54, 3]...)", "54"},
      {"min(12, 54, 3)", "3"},
      {"min()", "error: must pass at least one number"},
      {"signum(-13)", "-1"},
      {"signum(0)", "0"},
      {"signum(344)", "1"},
      {R"(parseint("100", 10))", "100"},
      {R"(parseint("FF", 16))", "255"},
      {R"(parseint("-10", 16))", "-16"},
      {R"(parseint("1011111011101111", 2))", "48879"},
      {R"(parseint("aA", 62))", "656"},
      {R"(parseint("12", 2))", "error: cannot parse \"12\" as a base 2 integer"},
      {R"(parseint("1", 63))", "error: base must be a whole number between 2 and 62 inclusive"},
      {R"(parseint(12, 10))", "error: first argument must be a string, not number"},
      {"greaterthan(2, 1)", "true"},
      {"greaterthanorequalto(1, 1)", "true"},
      {"lessthan(2, 1)", "false"},
      {"lessthanorequalto(1, 2)", "true"},
  });
}

TEST(HclFunctionsTest, TryAndCanTakeExpressions) {
  RunFunctionTable({
      {R"(try(add("a", 1), 5))", "5"},
      {R"(try({a = 1}.b, {a = 1}.a, 7))", "1"},
      {"try(1, undefined_variable)", "1"},  // the first success ends it: later ones never run
      {R"(try(undefined_variable, "fallback"))", "\"fallback\""},
      {R"(try(add("x", 1)))", "error: no expression succeeded"},
      {R"(try(add("x", 1)))", "error: At least one expression must produce a successful result"},
      {"try()", "error: Not enough function arguments"},
      {R"(can(add("x", 1)))", "false"},
      {R"(can(add("3", 1)))", "true"},
      {"can([1][3])", "false"},
      {"can(1, 2)", "error: Too many function arguments"},
      {"try([1]...)", "error: Invalid expanding argument value"},
      // an error of the arguments of a function inside try is try's to handle
      {R"(upper(try(lower(1, 2), "x")))", "\"X\""},
  });
}

TEST(HclFunctionsTest, Logic) {
  RunFunctionTable({
      {"and(true, false)", "false"},
      {"and(true, true)", "true"},
      {"or(false, true)", "true"},
      {R"(or(false, "true"))", "true"},
      {"not(true)", "false"},
      {"not(1)", "error: Invalid value for \"val\" parameter (argument 1): a bool is required"},
      {R"(equal("a", "a"))", "true"},
      {R"(equal(1, "1"))", "false"},
      {R"(equal([1, {a = 2}], [1, {a = 2}]))", "true"},
      {R"(notequal(1, 2))", "true"},
      {R"(notequal(null, null))", "false"},
  });
}

TEST(HclFunctionsTest, Encoding) {
  RunFunctionTable({
      {R"(base64encode("Hello World"))", R"("SGVsbG8gV29ybGQ=")"},
      {R"(base64decode("SGVsbG8gV29ybGQ="))", R"("Hello World")"},
      {R"(base64decode("SGVsbG8gV29ybGQ"))", "error: failed to decode base64 data"},
      {R"(base64decode("/w=="))", "error: the result of decoding the provided string is not valid UTF-8"},
      {R"(urlencode("Hello World!"))", R"("Hello+World%21")"},
      {R"(urlencode("☃"))", R"("%E2%98%83")"},
      {R"(urlencode("foo:bar@localhost?foo=bar&bar=baz"))", R"("foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz")"},
      {R"(jsonencode({"hello" = "world"}))", R"("{\"hello\":\"world\"}")"},
      {R"(jsonencode({b = [1, 2.5, true, null], a = "<&>"}))",
       R"("{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,2.5,true,null]}")"},
      {R"(jsonencode("\n\u2028"))", R"("\"\\n\\u2028\"")"},
      {R"(jsonencode(1e20))", R"("100000000000000000000")"},
      {R"(jsonencode(1/0))", "error: value must be finite to encode as JSON"},
      {R"(jsondecode("{\"hello\": \"world\"}"))", R"({hello = "world"})"},
      {R"(jsondecode("[1, 2.5, true, null, \"x\", {\"a\": []}]"))", R"([1, 2.5, true, null, "x", {a = []}])"},
      {R"(jsondecode("true"))", "true"},
      {R"(jsondecode("{"))", "error: invalid JSON"},
      {R"(csvdecode("a,b,c\n1,2,3\n4,5,6"))",
       R"([{a = "1", b = "2", c = "3"}, {a = "4", b = "5", c = "6"}])"},
      {R"(csvdecode("a,b\n\"x,y\",\"q\"\"\"\n"))", R"([{a = "x,y", b = "q\""}])"},
      {R"(csvdecode("a,b\n1\n"))", "error: wrong number of fields"},
      {R"(csvdecode(""))", "error: missing header line"},
      {R"(uuidv5("dns", "www.terraform.io"))", R"("a5008fae-b28c-5ba5-96cd-82b4c53552d6")"},
      {R"(uuidv5("url", "https://www.terraform.io/"))", R"("9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5")"},
      {R"(uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io"))", R"("a5008fae-b28c-5ba5-96cd-82b4c53552d6")"},
      {R"(uuidv5("nope", "x"))", "error: uuidv5() doesn't support namespace nope"},
      {"uuidv4(1)", "error: Too many function arguments"},
  });
  std::string uuid = EvalWithFunctions("uuidv4()");
  EXPECT_TRUE(HasShape(uuid, "\"hhhhhhhh-hhhh-4hhh-hhhh-hhhhhhhhhhhh\"")) << uuid;
  EXPECT_NE(std::string_view("89ab").find(uuid[20]), std::string_view::npos) << uuid;
  EXPECT_NE(uuid, EvalWithFunctions("uuidv4()"));
}

TEST(HclFunctionsTest, BcryptHashesWithAFreshSalt) {
  std::string hash = EvalWithFunctions(R"(bcrypt("hello world"))");
  ASSERT_TRUE(hash.starts_with("\"$2a$10$") && hash.size() == 62) << hash;
  std::string bare = hash.substr(1, 60);
  // The hash verifies: hashing the password again with it as the salt gives it back.
  crypt_data data{};
  EXPECT_STREQ(crypt_r("hello world", bare.c_str(), &data), bare.c_str());
  EXPECT_STRNE(crypt_r("hello worle", bare.c_str(), &data), bare.c_str());
  EXPECT_NE(EvalWithFunctions(R"(bcrypt("hello world"))"), hash) << "the salt is not random";
  EXPECT_TRUE(EvalWithFunctions(R"(bcrypt("x", 4))").starts_with("\"$2a$04$"));
  RunFunctionTable({
      {R"(bcrypt("x", 3))", "error: cost 3 is outside allowed range (4,31)"},
      {R"(bcrypt("x", 32))", "error: cost 32 is outside allowed range (4,31)"},
      {R"(bcrypt(join("", [for i in range(73) : "a"])))", "error: password length exceeds 72 bytes"},
      {R"(bcrypt("x", 10, 1))", "error: Too many function arguments"},
  });
}

// A throwaway 1024-bit key made for this test (openssl genrsa -traditional 1024) and "message"
// encrypted to it (openssl pkeyutl -encrypt, PKCS #1 v1.5 padding).
constexpr std::string_view kTestRsaKey = R"(-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQC5RXFjRwJPbBuvbFAcJlfq5tTqYunbTtmAvzzv5ghmSeKtTpzx
c0/ZxjjitJmBqFu/pZRU0HHPMxHT/HvGicKHACwPRr5QC+FzWHtFejl3L5FnYXz6
SytsBHSlaG4iZ/Uc1OThvXkL22bZSQtG8vgaun9o7BbbNqooiMwXTddXoQIDAQAB
AoGAC+yWQad+VJJGreGwvj8RhYLZzUQUfRL0GL82MtKBU+QJfNIEc93SE9gYLS8m
ehvV293SUCsiSA2nZhdn9/1B0cZwHVkzmys3wbLDfS4PTGfIGps1tVKvOrlwsEsG
O1HWgFtu0ZgCaGkDzECphcTUt4lQIH78AbcZFEWc9V9ehmkCQQDn+szkGFVtqbgB
Y1cQ0OLzhH8dweMmI4mxTA8k3vC2awwDijDFYbXT0h8782y2Rm1ZvxBiYLF91oBS
J1UHhe7/AkEAzHSE8hEjmJPtrudhgv3aknH/P3aY4YHpUxKh7ypNfIFQbWInogeH
1RKGjmGgzP2kRbP56XQWWtOyAOq86fNZXwJBAKNCq+4ffgf2uOwpKL5J9F9jsT6V
FLLjseUYXVQanpgTUFoxaE+Ri7DuoVLE546ElDLkN7i0ylWAn8Cxs7LevKsCQD7U
n/Zz5eiBrU1Otdy3fm/6sGIkZB8I+VcaJsGE0oMsijbTLzLP9aI5KzieL/hPCiiR
gn+HuUb4P3+go6WRrykCQQCvaGxrukq2umnljdGBzGAxsZSLBbUoOk44rtPGjpvV
725T9G0l3vY66aPUCKMzDodnYHF3QG7FwEkpdBYfXDWL
-----END RSA PRIVATE KEY-----
)";
constexpr std::string_view kTestCiphertext = "PlIYuZE8MBHkjXuxaBmCQdDDjMnFtWznJ5LNGL5XMKUsL+HqVI0gUFz5utIIgAXEZR9jwY9hbby0qNL7dpyWQW25g/vfbelBAR9xbcUGzfD/oq3iLMZdQflJZQ7UdDboYjWPzZjzgt4GHIzBqhk38uyhriSiYBAdIXcU0dbg1aY=";

std::string RsaDecryptCall(std::string_view ciphertext, std::string_view key) {
  return fmt::format("rsadecrypt(\"{}\", <<EOT\n{}EOT\n)", ciphertext, key);
}

TEST(HclFunctionsTest, RsaDecrypt) {
  EXPECT_EQ(EvalWithFunctions(RsaDecryptCall(kTestCiphertext, kTestRsaKey)), "\"message\"");
  RunFunctionTable({
      {"rsadecrypt(\"%%\", \"k\")", "error: cipher text must be base64-encoded"},
      {"rsadecrypt(\"aGVsbG8=\", \"not a key\")", "error: invalid private key"},
      {"rsadecrypt(\"aGVsbG8=\", \"-----BEGIN OPENSSH PRIVATE KEY-----\")", "error: ssh-keygen -p -m PEM"},
  });
  std::string wrong = EvalWithFunctions(RsaDecryptCall("aGVsbG8=", kTestRsaKey));
  EXPECT_TRUE(wrong.starts_with("error: ") && wrong.find("failed to decrypt") != std::string::npos) << wrong;
}

TEST(HclFunctionsTest, Hashes) {
  RunFunctionTable({
      {R"(md5("hello world"))", R"("5eb63bbbe01eeed093cb22bb8f5acdc3")"},
      {R"(sha1("hello world"))", R"("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed")"},
      {R"(sha256("hello world"))", R"("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")"},
      {R"(sha512("hello world"))",
       R"("309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f")"},
      {R"(md5(""))", R"("d41d8cd98f00b204e9800998ecf8427e")"},
      {R"(sha256([]))", "error: Invalid value for \"str\" parameter (argument 1): string required, but have tuple"},
  });
}

TEST(HclFunctionsTest, Datetime) {
  RunFunctionTable({
      {R"(formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z"))", R"("02 Jan 2018 23:12 UTC")"},
      {R"(formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z"))", R"("Tuesday, 02-Jan-18 23:12:01 UTC")"},
      {R"(formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00"))", R"("Tue, 02 Jan 2018 23:12:01 -0800")"},
      {R"(formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z"))", R"("Jan 02, 2018")"},
      {R"(formatdate("HH:mmaa", "2018-01-02T23:12:01Z"))", R"("11:12pm")"},
      {R"(formatdate("H:m:s AA M/D Z ZZZZ ZZZZZ", "2018-01-02T00:02:03.5+05:30"))", R"("12:2:3 AM 1/2 +05:30 +0530 +05:30")"},
      {R"(formatdate("'Date:' YYYY 'o''clock' ''", "2018-01-02T23:12:01Z"))", R"("Date: 2018 o'clock '")"},
      {R"(formatdate("MMMMM", "2018-01-02T23:12:01Z"))", "error: invalid date format verb \"MMMMM\""},
      {R"(formatdate("'x", "2018-01-02T23:12:01Z"))", "error: unterminated literal '"},
      {R"(formatdate("YYYY", "2018-01-02"))", "error: not a valid RFC3339 timestamp"},
      {R"(formatdate("YYYY", "2018-02-30T00:00:00Z"))", "error: not a valid RFC3339 timestamp"},
      {R"(timeadd("2017-11-22T00:00:00Z", "10m"))", R"("2017-11-22T00:10:00Z")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "-1h30m"))", R"("2017-11-21T22:30:00Z")"},
      {R"(timeadd("2017-12-31T23:00:00+01:00", "1.5h"))", R"("2018-01-01T00:30:00+01:00")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "10"))", "error: time: missing unit in duration"},
      {R"(timeadd("2017-11-22T00:00:00Z", "1d"))", "error: time: unknown unit \"d\""},
      {R"(formattimestamp("YYYY-MM-DD", 1690328596))", R"("2023-07-25")"},
      {R"(formattimestamp("X", "2023-07-25T23:43:16Z"))", R"("1690328596")"},
      {R"(formattimestamp("X", 1690328596))", R"("1690328596")"},
      {R"(formattimestamp("X", "yesterday"))", "error: timestamp string must be RFC3339"},
      {R"(formattimestamp("X", 1.5))", "error: unix timestamp must be an integer"},
      {R"(formattimestamp("X", true))", "error: must be a string timestamp or a unix timestamp number"},
      {"unixtimestampparse(1690328596)",
       R"({day = 25, hour = 23, iso_week = 30, iso_year = 2023, minute = 43, month = 7, )"
       R"(month_name = "July", rfc3339 = "2023-07-25T23:43:16Z", second = 16, weekday = 2, )"
       R"(weekday_name = "Tuesday", year = 2023, year_day = 206})"},
      {"unixtimestampparse(1609459200).iso_week", "53"},
      {"unixtimestampparse(1609459200).iso_year", "2020"},
      {"unixtimestampparse(-1).rfc3339", R"("1969-12-31T23:59:59Z")"},
  });
  std::string now = EvalWithFunctions("timestamp()");
  EXPECT_TRUE(HasShape(now, "\"dddd-dd-ddTdd:dd:ddZ\"")) << now;
}

TEST(HclFunctionsTest, Semvercmp) {
  RunFunctionTable({
      {R"(semvercmp("1.2.3", ">= 1.0.0"))", "true"},
      {R"(semvercmp("1.2.3", "< 1.0.0"))", "false"},
      {R"(semvercmp("v1.2.3", "=1.2.3"))", "true"},
      {R"(semvercmp("1.2.3", "!=1.2.3"))", "false"},
      {R"(semvercmp("1.2.3", "~1.2"))", "true"},
      {R"(semvercmp("1.3.0", "~1.2"))", "false"},
      {R"(semvercmp("1.2.3", "^1.0"))", "true"},
      {R"(semvercmp("2.0.0", "^1.0"))", "false"},
      {R"(semvercmp("0.2.3", "^0.2"))", "true"},
      {R"(semvercmp("0.3.0", "^0.2.0"))", "false"},
      {R"(semvercmp("1.2.3", "1.2.x"))", "true"},
      {R"(semvercmp("1.3.0", "1.2.*"))", "false"},
      {R"(semvercmp("1.1.0", ">1.0, <1.2"))", "true"},
      {R"(semvercmp("1.2.3", ">1.0 <1.2"))", "false"},
      {R"(semvercmp("1.2.3", "1.0 - 1.4"))", "true"},
      {R"(semvercmp("1.5.0", "1.0 - 1.4"))", "false"},
      {R"(semvercmp("1.2.3", "< 1.0 || >= 1.2"))", "true"},
      {R"(semvercmp("1.2.3-beta", ">= 1.0"))", "false"},
      {R"(semvercmp("1.2.3-beta", ">= 1.2.3-alpha"))", "true"},
      {R"(semvercmp("1.2.3-alpha.10", "> 1.2.3-alpha.9"))", "true"},
      {R"(semvercmp("abc", ">1"))", "error: Invalid Semantic Version"},
      {R"(semvercmp("01.2.3", ">1"))", "error: Invalid Semantic Version"},
      {R"(semvercmp("1.2.3", "!!1"))", "error: improper constraint"},
  });
}

TEST(HclFunctionsTest, Cidr) {
  RunFunctionTable({
      {R"(cidrhost("10.12.112.0/20", 16))", R"("10.12.112.16")"},
      {R"(cidrhost("10.12.112.0/20", 268))", R"("10.12.113.12")"},
      {R"(cidrhost("10.12.112.7/20", 1))", R"("10.12.112.1")"},
      {R"(cidrhost("fd00:fd12:3456:7890:00a2::/72", 34))", R"("fd00:fd12:3456:7890::22")"},
      {R"(cidrhost("10.0.0.0/30", -1))", R"("10.0.0.3")"},
      {R"(cidrhost("10.0.0.0/30", -4))", R"("10.0.0.0")"},
      {R"(cidrhost("10.0.0.0/30", 4))", "error: prefix of 30 does not accommodate a host numbered 4"},
      {R"(cidrhost("10.0.0.0/30", -5))", "error: does not accommodate a host numbered -5"},
      {R"(cidrhost("10.0.0/30", 1))", "error: invalid CIDR expression"},
      {R"(cidrhost("10.0.0.0/33", 1))", "error: invalid CIDR expression"},
      {R"(cidrnetmask("172.16.0.0/12"))", R"("255.240.0.0")"},
      {R"(cidrnetmask("10.0.0.0/0"))", R"("0.0.0.0")"},
      {R"(cidrnetmask("::/64"))", "error: IPv6 addresses cannot have a netmask"},
      {R"(cidrsubnet("172.16.0.0/12", 4, 2))", R"("172.18.0.0/16")"},
      {R"(cidrsubnet("10.1.2.0/24", 4, 15))", R"("10.1.2.240/28")"},
      {R"(cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162))", R"("fd00:fd12:3456:7800:a200::/72")"},
      {R"(cidrsubnet("10.1.2.0/24", 4, 16))", "error: prefix extension of 4 does not accommodate a subnet numbered 16"},
      {R"(cidrsubnet("10.1.2.0/24", 9, 0))", "error: insufficient address space to extend prefix of 24 by 9"},
      {R"(cidrsubnets("10.1.0.0/16", 4, 4, 8, 4))", R"(["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"])"},
      {R"(cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32))",
       R"(["fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"])"},
      {R"(cidrsubnets("10.0.0.0/30", 1, 1, 1))", "error: not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31"},
      {R"(cidrsubnets("10.0.0.0/8"))", "[]"},
  });
}

TEST(HclFunctionsTest, Regex) {
  RunFunctionTable({
      {R"re(regex("[a-z]+", "53453453.345345aaabbbccc23454"))re", R"re("aaabbbccc")re"},
      {R"re(regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01"))re", R"re(["2019", "02", "01"])re"},
      {R"re(regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/"))re", R"re({authority = "terraform.io", scheme = "https"})re"},
      {R"re(regex("(?i)HELLO", "say hello"))re", R"re("hello")re"},
      {R"re(regex("(?s)a.b", "a\nb"))re", R"re("a\nb")re"},
      {R"re(regex("a(x)?b", "ab"))re", R"re([""])re"},
      {R"re(regex("[a-z]+", "123"))re", R"re(error: pattern did not match any part of the given string)re"},
      {R"re(regex("(?P<a>x)(y)", "xy"))re", R"re(error: cannot use both named and unnamed capture groups)re"},
      {R"re(regex("(", "x"))re", R"re(error: invalid regular expression pattern)re"},
      {R"re(regex("\\pL", "x"))re", R"re(error: invalid regular expression pattern: Unicode classes (\p) are not supported)re"},
      {R"re(regexall("[a-z]+", "1234abcd5678efgh9"))re", R"re(["abcd", "efgh"])re"},
      {R"re(length(regexall("[a-z]+", "1234abcd5678efgh9")))re", R"re(2)re"},
      {R"re(length(regexall("[a-z]+", "123456789")) > 0)re", R"re(false)re"},
      {R"re(regexall("(\\w)=(\\d)", "a=1 b=2"))re", R"re([["a", "1"], ["b", "2"]])re"},
      {R"re(regex_replace("hello world", "o", "0"))re", R"re("hell0 w0rld")re"},
      {R"re(regex_replace("2019-02-01", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$${1}x"))re", R"re("01/02/2019x")re"},
      {R"re(regex_replace("a", "a", "$$"))re", R"re("$")re"},
      {R"re(regex_replace("ab", "(?P<first>a)", "[$${first}]"))re", R"re("[a]b")re"},
      {R"re(regex_replace("ab", "(a)", "$1x"))re", R"re("b")re"},
      {R"re(regex_replace("ab", "(a)", "$${1}x"))re", R"re("axb")re"},
  });
}

}  // namespace
}  // namespace manifold::hcl
