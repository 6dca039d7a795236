// image::InTotoStatement: the in-toto Statement v0.1 that wraps an attestation's predicate.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "image/digest.hpp"
#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::image {

/// The statement type BuildKit writes and tools read (in-toto attestation spec, Statement v0.1).
inline constexpr std::string_view kInTotoStatementV01 = "https://in-toto.io/Statement/v0.1";
/// The media type of an attestation layer holding one statement.
inline constexpr std::string_view kInTotoMediaType = "application/vnd.in-toto+json";
/// The layer annotation naming the statement's predicate type.
inline constexpr std::string_view kPredicateTypeAnnotation = "in-toto.io/predicate-type";

/// What a statement is about: a name and the sha256 of its bytes (here: a platform manifest).
struct InTotoSubject {
  std::string name;
  Digest digest = Digest::OfBytes("");

  bool operator==(const InTotoSubject&) const = default;
};

/// One statement: subjects + a typed predicate (a JSON object).
struct InTotoStatement {
  std::vector<InTotoSubject> subjects;
  std::string predicate_type;
  nlohmann::json predicate = nlohmann::json::object();

  bool operator==(const InTotoStatement&) const = default;
};

/// The statement's JSON bytes (`_type`, `predicateType`, `subject` [{name, digest: {sha256}}],
/// `predicate`), keys sorted and no whitespace: the same statement gives the same bytes.
std::string SerializeStatement(const InTotoStatement& statement);

/// Reads a statement. `_type` must be Statement v0.1 or v1, `subject` a non-empty array of
/// {name, digest} with a sha256, `predicateType` a string, `predicate` an object (absent = {}).
/// Errors (InvalidArgument) name the field.
util::Result<InTotoStatement> ParseStatement(std::string_view bytes);

/// The subject name of an image for `platform`, as a package URL as BuildKit writes it:
/// `pkg:docker/localhost:5000/app@1.0?platform=linux%2Farm64` for "localhost:5000/app:1.0"
/// (a name without a tag gets "latest"; a digest in the name is dropped); "_" for no name.
std::string ImageSubjectName(std::string_view name, const Platform& platform);

/// `pkg:docker/REPO@TAG?platform=…` for a base image reference "domain/path:tag[@digest]" (the
/// digest goes into the material's digest, not its URI).
std::string DockerPackageUrl(std::string_view name, const Platform& platform);

}  // namespace manifold::image
