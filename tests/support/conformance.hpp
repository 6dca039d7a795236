// Locates ../shared/conformance for tests and reads its files as bytes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace manifold::testing {

/// The conformance corpus: $MANIFOLD_CONFORMANCE_DIR, else <project>/../shared/conformance.
/// nullopt when the directory does not exist (tests then GTEST_SKIP).
std::optional<std::filesystem::path> ConformanceDir();

/// `ConformanceDir() / relative` if that file or folder exists.
std::optional<std::filesystem::path> ConformancePath(const std::string& relative);

/// The file's bytes, or an empty string when it cannot be read.
std::string ReadBytes(const std::filesystem::path& path);

/// Splits on '\n' exactly (no trimming); a final newline gives no empty last line.
std::vector<std::string> SplitLines(const std::string& text);

/// Splits on '\t' exactly, keeping empty fields.
std::vector<std::string> SplitTabs(const std::string& line);

/// The project's source root (for examples/ and scripts/).
std::filesystem::path SourceDir();

/// Replaces characters GoogleTest does not allow in parameter names with '_'.
std::string SanitizeTestName(const std::string& name);

}  // namespace manifold::testing

/// Skips the current test with a message when the corpus (or `relative` in it) is absent.
#define MANIFOLD_REQUIRE_CONFORMANCE(relative)                                            \
  do {                                                                                    \
    if (!::manifold::testing::ConformancePath(relative))                                  \
      GTEST_SKIP() << "conformance corpus not found (" << (relative)                      \
                   << "); set MANIFOLD_CONFORMANCE_DIR or check out ../shared/conformance"; \
  } while (0)
