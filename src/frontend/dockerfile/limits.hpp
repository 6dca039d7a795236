// The frontend's size and depth limits in one place: what a hostile Dockerfile can make it spend.
#pragma once

#include <cstddef>

namespace manifold::frontend::dockerfile {

// Every limit is far above what real Dockerfiles need (the largest public ones are a few hundred
// KiB, with words of a few KiB and a few dozen stages) and low enough that the worst input costs
// tens of MiB and well under a second between cancellation checks. BuildKit reads lines with Go's
// bounded bufio.Scanner but bounds neither joined lines nor expansion (a shell does neither:
// `a=$a$a` doubles until memory runs out); these limits are manifold's own.

inline constexpr std::size_t kMiB = std::size_t{1} << 20;

/// A whole Dockerfile (and a .dockerignore), in bytes. Readers stop reading past it.
inline constexpr std::size_t kMaxDockerfileBytes = 16 * kMiB;

/// One physical line, newline excluded.
inline constexpr std::size_t kMaxLineBytes = 1 * kMiB;

/// One instruction: its physical lines joined at continuations (heredoc bodies not included).
inline constexpr std::size_t kMaxInstructionBytes = 4 * kMiB;

/// One heredoc body.
inline constexpr std::size_t kMaxHeredocBytes = 4 * kMiB;

/// One word's expansion: the bytes that variable references, `${…}` operators and nested
/// expansions produce, counted at every nesting level they pass through (so nesting cannot
/// multiply memory). Literal text is bounded by kMaxInstructionBytes instead.
inline constexpr std::size_t kMaxExpandedWordBytes = 4 * kMiB;

/// All expansions of one build (every stage and platform lowered): the sum of the expanded
/// words' sizes. Bounds what ARG/ENV values and expanded paths can hold in memory together.
inline constexpr std::size_t kMaxExpansionBytes = 64 * kMiB;

/// `${V#p}` `${V%p}` `${V/p/r}`: pattern length × value length, the matcher's worst-case steps
/// (and bits of memo); 64 Mi keeps one match under ~0.2 s.
inline constexpr std::size_t kMaxPatternWork = std::size_t{64} << 20;

/// The pattern operators of one build together, in the same units (256 Mi): ~50 s of CPU at
/// the worst in the sanitized build (128 `${V%%*}` on a 1 MiB value), a few seconds in a
/// release build; a real Dockerfile's few operators on short values use a ten-thousandth.
inline constexpr std::size_t kMaxPatternWorkPerBuild = std::size_t{1} << 28;

/// Stages in one Dockerfile.
inline constexpr std::size_t kMaxStages = 1000;

/// The image configs (environment, history, labels, ...) of the stages lowered for one
/// platform, together, roughly in bytes. Each stage keeps its config, which starts as a copy of
/// its base stage's, so a long `FROM previous` chain costs quadratic memory without this bound.
inline constexpr std::size_t kMaxStageConfigBytes = 128 * kMiB;

/// Instructions in one Dockerfile (every stage): each becomes a vertex and a history entry.
inline constexpr std::size_t kMaxInstructions = 20000;

}  // namespace manifold::frontend::dockerfile
