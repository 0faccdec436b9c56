# fc_precompile(TARGET [headers...])
#
# Precompiles the headers nearly every source file of TARGET includes (the standard containers,
# nlohmann/json, the project's Result and SQLite wrappers) plus the given ones (<gtest/gtest.h> for
# test programs, <imgui.h> for the app), so each file stops parsing them again: the sanitizer
# build, which CI makes from scratch, spends a good part of its time there. On in the asan and
# fuzz presets; off elsewhere (a source file that forgot an include then fails, as it should, and
# GCC 12's -O3 inlining through a precompiled <string> reports false -Wstringop-overflow).
option(FC_PCH "Precompile common headers" OFF)

function(fc_precompile target)
  if(NOT FC_PCH)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE
    <algorithm> <cstdint> <functional> <map> <memory> <optional> <set> <string> <string_view>
    <unordered_map> <vector> <nlohmann/json.hpp>
    "${PROJECT_SOURCE_DIR}/shared/core/result.hpp" "${PROJECT_SOURCE_DIR}/shared/db/sqlite.hpp"
    ${ARGN})
endfunction()
