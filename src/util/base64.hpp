// util::Base64Encode / Base64Decode: RFC 4648 base64, the one copy the layers share.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace manifold::util {

/// Base64 (RFC 4648 §4, standard alphabet, with padding) of `bytes`.
std::string Base64Encode(std::string_view bytes);

/// The bytes `text` encodes: strict standard padded base64 (length a multiple of 4, '=' only at
/// the end, no whitespace); nullopt when it is not that.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace manifold::util
