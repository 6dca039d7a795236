// The on-disk form of a builder instance: builders/NAME.json, format version 1.
#pragma once

#include <string>
#include <string_view>

#include "builder/instance.hpp"
#include "util/error.hpp"

namespace manifold::builder::internal {

/// `{"version":1,"name":..,"driver":..,"nodes":[{"name":..,"endpoint":..,"platforms":[..]}]}`,
/// platforms in image::Format form, with a final newline.
std::string InstanceToJson(const Instance& instance);

/// Parses what InstanceToJson wrote. Errors (kInternal) say what is wrong with the document;
/// the caller adds the file's name.
util::Result<Instance> InstanceFromJson(std::string_view text);

}  // namespace manifold::builder::internal
