// bake::DefinitionFile: one bake or Compose file as read, before it is parsed.
#pragma once

#include <string>

namespace manifold::bake {

/// A definition file: the name it was given or found by (for messages and error locations)
/// and its bytes. Plain data.
struct DefinitionFile {
  std::string name;
  std::string data;
};

}  // namespace manifold::bake
