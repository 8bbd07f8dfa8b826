# Turn a text file into a C++ source defining `samkart::detail::embedded_<name>` as a string.
# Usage: cmake -DINPUT=file.json -DOUTPUT=file.cpp -P embed_text.cmake
file(READ "${INPUT}" content HEX)
get_filename_component(name "${INPUT}" NAME_WE)
string(LENGTH "${content}" hexlen)
math(EXPR nbytes "${hexlen} / 2")
# 0x.. byte list; a raw string literal would hit compiler limits on large files.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed_text.cmake. Do not edit.\n"
  "#include <string_view>\nnamespace samkart::detail {\n"
  "static const char ${name}_bytes[] = {${bytes} '\\0'};\n"
  "extern const std::string_view embedded_${name};\n"
  "const std::string_view embedded_${name}{${name}_bytes, ${nbytes}};\n"
  "}  // namespace samkart::detail\n")
