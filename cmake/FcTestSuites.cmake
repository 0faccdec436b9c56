# fc_add_test_suites(TARGET LABEL [SECONDS suite=seconds ...] [NICE suite ...] [REAL_WINDOW suite ...])
#
# One ctest test per GoogleTest suite of TARGET, run as `TARGET --gtest_filter=Suite.*`: the
# suites are the TEST / TEST_F lines of the target's *_test.cpp sources, read at configure time
# (editing a test file re-runs the configure step). A process per suite rather than per test:
# each process of the sanitizer build spends most of a second starting and stopping (relocations,
# ASan registering globals, LeakSanitizer's scan at exit), which with 700 tests was a third of CI.
# `ctest -R Suite` picks a suite; `TARGET --gtest_filter=Suite.Test` runs one test.
#
# COST tells ctest -j to start the long suites first (a clean clone has no timing history): the
# SECONDS given for the long ones (real windows, real hub processes, simulators: about what they
# take in the sanitizer build), else the number of tests in the suite. A suite name already used
# by another target gets " (TARGET)" appended. NICE suites (long, CPU-bound simulators) run at a
# lower priority, so the suites that drive a real window with timed input (a scanner's burst of
# keys) are not starved while they share the cores. REAL_WINDOW suites (each drives a real window
# on its own Xvfb with timed taps and key bursts) run one at a time (ctest RESOURCE_LOCK), never
# two sanitizer-built apps with software GL against each other.
function(fc_add_test_suites target label)
  cmake_parse_arguments(ARG "" "" "SECONDS;NICE;REAL_WINDOW" ${ARGN})
  set(heavy)
  foreach(pair ${ARG_SECONDS})
    if(NOT pair MATCHES "^([A-Za-z0-9_]+)=([0-9]+)$")
      message(FATAL_ERROR "fc_add_test_suites: SECONDS takes suite=seconds, not ${pair}")
    endif()
    list(APPEND heavy ${CMAKE_MATCH_1})
    set(seconds_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  endforeach()
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(all)
  foreach(src ${sources})
    if(NOT src MATCHES "_test\\.cpp$")
      continue()
    endif()
    if(NOT IS_ABSOLUTE ${src})
      set(src ${source_dir}/${src})
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${src})
    file(STRINGS ${src} lines REGEX "^TEST(_F)?\\([A-Za-z0-9_]+,")
    foreach(line ${lines})
      string(REGEX REPLACE "^TEST(_F)?\\(([A-Za-z0-9_]+),.*" "\\2" suite "${line}")
      list(APPEND all ${suite})
    endforeach()
  endforeach()
  set(suites ${all})
  list(REMOVE_DUPLICATES suites)
  if(NOT suites)
    message(FATAL_ERROR "fc_add_test_suites: no TEST or TEST_F lines in the sources of ${target}")
  endif()
  foreach(suite ${suites})
    set(tests ${all})
    list(FILTER tests INCLUDE REGEX "^${suite}$")
    list(LENGTH tests cost)
    if(suite IN_LIST heavy)
      set(cost ${seconds_${suite}})
    endif()
    set(name ${suite})
    if(TEST ${name})
      set(name "${suite} (${target})")
    endif()
    if(suite IN_LIST ARG_NICE)
      add_test(NAME ${name} COMMAND nice -n 10 $<TARGET_FILE:${target}> --gtest_filter=${suite}.* --gtest_brief=1)
    else()
      add_test(NAME ${name} COMMAND ${target} --gtest_filter=${suite}.* --gtest_brief=1)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS ${label} COST ${cost})
    if(suite IN_LIST ARG_REAL_WINDOW)
      set_tests_properties(${name} PROPERTIES RESOURCE_LOCK real-window)
    endif()
  endforeach()
  foreach(w ${ARG_REAL_WINDOW})
    if(NOT w IN_LIST suites)
      message(FATAL_ERROR "fc_add_test_suites: REAL_WINDOW names ${w}, which is not a suite of ${target}")
    endif()
  endforeach()
  foreach(h ${heavy})
    if(NOT h IN_LIST suites)
      message(FATAL_ERROR "fc_add_test_suites: SECONDS names ${h}, which is not a suite of ${target}")
    endif()
  endforeach()
endfunction()
