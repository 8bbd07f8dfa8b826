# Warnings and sanitizers live in a private settings target that only our own targets link
# (taskflow, fmt): consumers of samkart never inherit our flags.
add_library(samkart_settings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(samkart_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual
    # Designated initializers leave fields at their defaults on purpose.
    -Wno-missing-field-initializers)
endif()
if(SAMKART_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${_san})
  add_link_options(${_san})
endif()
# ThreadSanitizer for the concurrency tests (scripts/test.sh, docs/fuzzing.md); it cannot be
# combined with ASan.
if(SAMKART_SANITIZE_THREAD)
  if(SAMKART_SANITIZE)
    message(FATAL_ERROR "SAMKART_SANITIZE_THREAD and SAMKART_SANITIZE cannot be combined; use two build directories")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
