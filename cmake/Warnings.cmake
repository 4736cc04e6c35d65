# Warnings applied to every Kefu target (not to dependencies).
add_library(kefu_warnings INTERFACE)
target_compile_options(kefu_warnings INTERFACE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                       -Wno-missing-field-initializers
                       $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                       $<$<CXX_COMPILER_ID:Clang>:-Wshadow -Wno-overlength-strings>)
