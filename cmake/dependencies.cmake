# Every dependency comes from Debian's packages through find_package (DESIGN.md, Dependencies).
# Hints for a missing package name the Debian package to install.
find_package(Eigen3 3.4 CONFIG QUIET)
if(NOT Eigen3_FOUND)
  message(FATAL_ERROR "samkart needs Eigen 3.4: apt-get install libeigen3-dev")
endif()
find_package(Boost 1.74 CONFIG QUIET COMPONENTS headers)
if(NOT Boost_FOUND)
  message(FATAL_ERROR "samkart needs Boost.Graph 1.74+: apt-get install libboost-graph-dev")
endif()
find_package(nlohmann_json 3.11 CONFIG QUIET)
if(NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "samkart needs nlohmann/json 3.11: apt-get install nlohmann-json3-dev")
endif()
