# Install rules and the CMake package, so that `find_package(samkart CONFIG REQUIRED)` works from
# an installed prefix (fmt, taskflow). Not used by the Python build (SKBUILD).
include(CMakePackageConfigHelpers)
set(SAMKART_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/samkart)

install(TARGETS samkart EXPORT samkartTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/samkart DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/samkart/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/samkart)
install(EXPORT samkartTargets NAMESPACE samkart:: DESTINATION ${SAMKART_CMAKE_DIR})

configure_package_config_file(cmake/samkartConfig.cmake.in
  ${PROJECT_BINARY_DIR}/samkartConfig.cmake INSTALL_DESTINATION ${SAMKART_CMAKE_DIR})
# 0.x: minor versions may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/samkartConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/samkartConfig.cmake ${PROJECT_BINARY_DIR}/samkartConfigVersion.cmake
        DESTINATION ${SAMKART_CMAKE_DIR})
