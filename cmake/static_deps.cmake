# MANIFOLD_STATIC_DEPS: the manifold executable carries the C++ runtime and the libraries only it
# uses (fmt, SQLite, yaml-cpp, libxcrypt) instead of loading them at every start. The dynamic
# loader's symbol lookups for libstdc++ and these are a third of a short command's start-up on a
# VM where every page fault exits to the hypervisor (README "Performance"). zlib, zstd and ISA-L
# stay shared (libcurl loads zlib and zstd anyway; Debian ships no static ISA-L); libcurl,
# libarchive and libcrypto are loaded on first use. Off with sanitizers: their runtimes expect
# the shared C++ runtime.
#
# Defines manifold_fmt (link it instead of fmt::fmt) and MANIFOLD_CRYPT_LIB.
option(MANIFOLD_STATIC_DEPS "Link libstdc++, fmt, SQLite, yaml-cpp and libxcrypt statically" ON)
if(MANIFOLD_SANITIZE OR MANIFOLD_FUZZ)
  set(MANIFOLD_STATIC_DEPS OFF)
endif()

add_library(manifold_fmt INTERFACE)
set(MANIFOLD_CRYPT_LIB crypt)
if(NOT MANIFOLD_STATIC_DEPS)
  target_link_libraries(manifold_fmt INTERFACE fmt::fmt)
  return()
endif()

function(manifold_static_library var name)
  find_library(${var} NAMES lib${name}.a NO_CACHE)
  if(NOT ${var})
    message(FATAL_ERROR "MANIFOLD_STATIC_DEPS: lib${name}.a not found (its -dev package ships it); "
                        "configure with -DMANIFOLD_STATIC_DEPS=OFF to link it shared")
  endif()
  set(${var} ${${var}} PARENT_SCOPE)
endfunction()

# fmt: Debian ships no libfmt.a; util/fmt_compiled.cpp compiles fmt's library part into util.
# fmt::fmt's compile definitions stay (FMT_SHARED: on GCC, default visibility, which every symbol
# has here anyway), so every object compiles the same in both modes.
get_target_property(fmt_includes fmt::fmt INTERFACE_INCLUDE_DIRECTORIES)
get_target_property(fmt_definitions fmt::fmt INTERFACE_COMPILE_DEFINITIONS)
target_include_directories(manifold_fmt INTERFACE ${fmt_includes})
if(fmt_definitions)
  target_compile_definitions(manifold_fmt INTERFACE ${fmt_definitions})
endif()

manifold_static_library(sqlite_static sqlite3)
set_target_properties(SQLite::SQLite3 PROPERTIES IMPORTED_LOCATION ${sqlite_static}
                      INTERFACE_LINK_LIBRARIES "m;${CMAKE_DL_LIBS};Threads::Threads")
manifold_static_library(yamlcpp_static yaml-cpp)
set_target_properties(PkgConfig::YAMLCPP PROPERTIES INTERFACE_LINK_LIBRARIES ${yamlcpp_static})
manifold_static_library(crypt_static crypt)
set(MANIFOLD_CRYPT_LIB ${crypt_static})
