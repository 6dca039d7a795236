// ReadConfig: Compose files first, then the HCL/JSON body merged over them.
#include "bake/read_config.hpp"

#include "bake/compose.hpp"
#include "bake/hcl_config.hpp"

namespace manifold::bake {

util::Result<ReadConfigResult> ReadConfig(const std::vector<DefinitionFile>& files, const ReadConfigOptions& options) {
  std::vector<DefinitionFile> compose_files;
  std::vector<DefinitionFile> hcl_files;
  for (const auto& file : files) (IsComposeFile(file) ? compose_files : hcl_files).push_back(file);
  ReadConfigResult result;
  if (!compose_files.empty()) {
    ComposeOptions compose;
    compose.getenv = options.env;
    compose.working_dir = options.working_dir;
    auto config = ReadComposeFiles(compose_files, compose);
    if (!config) return std::unexpected(std::move(config.error()).Context("failed to parse compose file"));
    result.config = std::move(*config);
  }
  if (!hcl_files.empty()) {
    HclOptions hcl;
    hcl.getenv = options.env;
    hcl.local_platform = options.local_platform;
    hcl.cmd_context = options.cmd_context;
    auto read = MANIFOLD_TRY(ReadHclFiles(hcl_files, hcl));
    MergeConfig(result.config, read.config);
    result.variables = std::move(read.variables);
  }
  return result;
}

}  // namespace manifold::bake
