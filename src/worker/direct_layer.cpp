// Direct COPY layers: plan the copy in memory, then one pass from the sources to the blob.
#include "worker/direct_layer.hpp"

#include <cstdlib>
#include <string_view>

#include "content/layer_writer.hpp"
#include "image/elf_machine.hpp"
#include "snapshot/tar_tree.hpp"
#include "snapshot/tar_writer.hpp"
#include "worker/internal/copy_plan.hpp"
#include "worker/internal/file_actions.hpp"

namespace manifold::worker {

bool DirectCopyEnabled() {
  const char* value = std::getenv("MANIFOLD_COPY_DIRECT");
  if (value == nullptr) return true;
  std::string_view v = value;
  return v != "0" && v != "false" && v != "off";
}

util::Result<snapshot::SnapshotRef> WriteDirectCopyLayer(const graph::FileOp& op, const std::vector<OutputRef>& inputs,
                                                         const snapshot::SnapshotRef& base,
                                                         const DirectCopyRequest& request) {
  if (request.store == nullptr || request.snapshotter == nullptr || !DirectCopyEnabled()) return nullptr;
  if (op.actions.empty() || (base != nullptr && !op.link)) return nullptr;
  std::vector<const graph::CopyAction*> copies;
  for (const auto& action : op.actions) {
    const auto* copy = std::get_if<graph::CopyAction>(&action);
    // ADD's archive extraction writes through a real directory.
    if (copy == nullptr || copy->attempt_unpack) return nullptr;
    if (copy->source_input < 0 || static_cast<size_t>(copy->source_input) >= inputs.size()) return nullptr;
    if (dynamic_cast<const ContextOutput*>(inputs[static_cast<size_t>(copy->source_input)].get()) == nullptr) {
      return nullptr;
    }
    copies.push_back(copy);
  }

  // --chown names resolve where the slow path resolves them: the base (--link) or the new, empty layer.
  std::optional<snapshot::ReadView> owner_view;
  std::filesystem::path owner_root;
  internal::SourceViews views(*request.snapshotter, inputs);
  internal::CopyPlan plan;
  // The actions in order into one plan, as the slow path applies them to one directory
  // (`COPY a b /dst/` is one action per source).
  for (const graph::CopyAction* copy : copies) {
    if (copy->owner && !owner_view) {
      owner_view = MANIFOLD_TRY(request.snapshotter->View(op.link ? base : nullptr));
      owner_root = owner_view->path();
    }
    auto options = internal::CopyOptionsFor(*copy, owner_root);
    if (!options) return nullptr;  // the slow path fails the same way, in its own words
    auto source = views.Get(copy->source_input);
    if (!source) return nullptr;
    util::Status planned = Copy(*copy, *source, plan, *options);
    if (!planned || !plan.declined().empty()) return nullptr;
  }
  if (plan.empty()) return nullptr;

  auto tee = request.archive_head != nullptr ? request.archive_head->Claim() : nullptr;
  auto writer = MANIFOLD_TRY(content::LayerWriter::Create(*request.store, request.settings.compression, std::move(tee)));
  snapshot::TarWriter tar(*writer);
  auto built = std::make_shared<snapshot::BuiltLayer>();
  built->variant = content::LayerVariantName(request.settings.compression, request.settings.clamp_mtime);
  internal::CopyPlan::WriteOptions write;
  write.clamp_mtime = request.settings.clamp_mtime;
  write.keep_xattr = snapshot::KeepXattrByDefault;  // what LayerMaker's WriteTreeTar keeps
  write.progress = request.progress;
  write.elf_heads = &built->elf_heads;
  MANIFOLD_CHECK(plan.WriteTar(tar, write));
  MANIFOLD_CHECK(tar.Finish());
  auto layer = MANIFOLD_TRY(writer->Finish());
  return std::make_shared<const snapshot::Snapshot>(std::filesystem::path(), op.link ? base : nullptr,
                                                    std::move(layer), std::move(built));
}

}  // namespace manifold::worker
