# Registers fuzz_smoke, which builds the libFuzzer targets with clang and runs each for 30 s.
# Included from tests/CMakeLists.txt. libFuzzer needs clang, so without clang++ the test is
# left out with a message.
find_program(CONFAB_CLANGXX clang++)
if(CONFAB_CLANGXX)
    add_test(NAME fuzz_smoke COMMAND ${CMAKE_CURRENT_LIST_DIR}/run-fuzzers 30)
    set_tests_properties(fuzz_smoke PROPERTIES
        TIMEOUT 600
        ENVIRONMENT "CONFAB_FUZZ_BUILD=${CMAKE_BINARY_DIR}/fuzz")
else()
    message(STATUS "clang++ not found: fuzz_smoke skipped (install clang and libclang-rt-14-dev)")
endif()
