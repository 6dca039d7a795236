# manifold_layer(NAME DEPS <layers...> LIBS <targets...>)
# One folder under src/ = one static library manifold_<NAME>. Sources are every *.cpp below the
# folder except *_test.cpp; those form one GoogleTest binary <NAME>_test registered with CTest.
# DEPS are the layers DESIGN.md allows (scripts/check_layers verifies includes against them).
function(manifold_layer name)
  cmake_parse_arguments(L "" "" "DEPS;LIBS;TEST_LIBS" ${ARGN})
  file(GLOB_RECURSE all CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(srcs ${all})
  list(FILTER srcs EXCLUDE REGEX "_test\\.cpp$")
  set(tests ${all})
  list(FILTER tests INCLUDE REGEX "_test\\.cpp$")
  if(NOT srcs)
    message(STATUS "layer ${name} has no sources yet; skipped")
    return()
  endif()

  add_library(manifold_${name} STATIC ${srcs})
  target_include_directories(manifold_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  set(deps)
  foreach(d ${L_DEPS})
    # A layer without sources yet has no target; nothing to link.
    if(TARGET manifold_${d})
      list(APPEND deps manifold_${d})
    endif()
  endforeach()
  target_link_libraries(manifold_${name} PUBLIC ${deps} ${L_LIBS})
  set_property(GLOBAL APPEND PROPERTY MANIFOLD_LAYERS ${name})
  set_property(GLOBAL PROPERTY MANIFOLD_LAYER_DEPS_${name} ${L_DEPS})

  if(MANIFOLD_TESTS AND tests)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE manifold_${name} manifold_test_support ${L_TEST_LIBS}
                          GTest::gtest GTest::gmock GTest::gtest_main)
    add_test(NAME ${name} COMMAND ${name}_test --gtest_brief=1)
    set_tests_properties(${name} PROPERTIES
      ENVIRONMENT "MANIFOLD_TEST_BINARY_DIR=${PROJECT_BINARY_DIR};MANIFOLD_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()
endfunction()
