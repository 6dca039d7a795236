// fmt's compiled part (what libfmt.so holds: vformat, vprint, the float and locale helpers),
// built into manifold when it links its dependencies statically (cmake/static_deps.cmake):
// Debian ships fmt as a shared library and headers only. Empty otherwise.
#ifdef MANIFOLD_FMT_COMPILED_IN
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
// The templates libfmt.so instantiates for char: declared by <fmt/format.h>, defined in
// <fmt/format-inl.h>, so some translation unit must instantiate them.
template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
}  // namespace detail
FMT_END_NAMESPACE
#endif
