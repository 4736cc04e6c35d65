# Warnings applied to every Kefu target (not to dependencies).
add_library(kefu_warnings INTERFACE)
target_compile_options(kefu_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local
                       -Wnon-virtual-dtor -Wno-missing-field-initializers)
