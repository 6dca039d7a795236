// Vertex: one operation of the build graph with its inputs and its content-derived digest.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/op.hpp"
#include "image/digest.hpp"

namespace manifold::graph {

class Vertex;
/// A state of the build: the output of a vertex, or nullptr for the empty filesystem (scratch).
using VertexRef = std::shared_ptr<const Vertex>;

/// Immutable once made. Its digest covers the operation's canonical bytes and the digests of
/// its inputs, nothing else: the same work for two platforms has the same digest and the
/// solver runs it once. `name`, `platform` and `step` describe it to the user and are not part
/// of the digest. Safe to share between threads.
class Vertex {
 public:
  /// Makes a vertex. `inputs` may hold nullptr (scratch).
  static VertexRef Make(Op op, std::vector<VertexRef> inputs, std::string name,
                        std::string platform = "");

  /// Releases the inputs without recursion: dropping the last reference to a chain of
  /// thousands of vertices must not exhaust the stack.
  ~Vertex();

  const Op& op() const { return op_; }
  const std::vector<VertexRef>& inputs() const { return inputs_; }
  const image::Digest& digest() const { return digest_; }
  /// What progress shows, e.g. "[stage-1 2/4] COPY a /b" (the renderer adds the platform).
  const std::string& name() const { return name_; }
  /// The target platform this vertex was lowered for ("linux/arm64"); empty when not tied to one.
  const std::string& platform() const { return platform_; }

  /// The canonical bytes the digest is computed over (for debugging and tests).
  std::string CanonicalBytes() const;

 private:
  Vertex(Op op, std::vector<VertexRef> inputs, std::string name, std::string platform);
  Op op_;
  std::vector<VertexRef> inputs_;
  std::string name_;
  std::string platform_;
  image::Digest digest_;
};

/// The digest a null input (scratch) contributes to its consumers.
inline constexpr const char* kScratchInput = "scratch";

}  // namespace manifold::graph
