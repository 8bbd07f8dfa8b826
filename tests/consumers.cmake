# Consumer tests (fmt's find-package-test and add-subdirectory-test): a C++ project that uses
# samkart the way our users do must configure, build and run.
set(_consumer_prefix ${CMAKE_BINARY_DIR}/consumer-prefix)
set(_generator_args --build-generator ${CMAKE_GENERATOR})

# 1. Install this build into a scratch prefix.
add_test(NAME consumer.install
  COMMAND ${CMAKE_COMMAND} --install ${CMAKE_BINARY_DIR} --prefix ${_consumer_prefix}
          --config $<CONFIG>)
set_tests_properties(consumer.install PROPERTIES FIXTURES_SETUP samkart_installed)

# 2. examples/cpp, a project that knows samkart only through find_package, builds against it
#    and runs on the Vestfold og Telemark data set.
add_test(NAME consumer.find_package
  COMMAND ${CMAKE_CTEST_COMMAND}
    --build-and-test ${PROJECT_SOURCE_DIR}/examples/cpp ${CMAKE_BINARY_DIR}/consumer-find-package
    ${_generator_args} --build-noclean
    --build-options -DCMAKE_PREFIX_PATH=${_consumer_prefix} -DCMAKE_BUILD_TYPE=$<CONFIG>
    --test-command ${CMAKE_BINARY_DIR}/consumer-find-package/samkart_summary)
set_tests_properties(consumer.find_package PROPERTIES
  FIXTURES_REQUIRED samkart_installed
  PASS_REGULAR_EXPRESSION "Oppfølgingstjenesten")

# 3. A project that vendors samkart with add_subdirectory.
add_test(NAME consumer.add_subdirectory
  COMMAND ${CMAKE_CTEST_COMMAND}
    --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/add-subdirectory ${CMAKE_BINARY_DIR}/consumer-add-subdirectory
    ${_generator_args} --build-noclean
    --build-options -DSAMKART_SOURCE_DIR=${PROJECT_SOURCE_DIR} -DCMAKE_BUILD_TYPE=$<CONFIG>
    --test-command ${CMAKE_BINARY_DIR}/consumer-add-subdirectory/uses_samkart)
set_tests_properties(consumer.add_subdirectory PROPERTIES PASS_REGULAR_EXPRESSION "levels: 4")
