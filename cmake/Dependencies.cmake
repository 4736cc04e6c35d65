# Every dependency is a Debian package; scripts/install-deps.sh installs them.
find_package(Threads REQUIRED)
find_package(Boost 1.81.0 EXACT REQUIRED COMPONENTS json url CONFIG)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(ZLIB REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(MAGIC REQUIRED IMPORTED_TARGET libmagic)
pkg_check_modules(PROTOBUF REQUIRED IMPORTED_TARGET protobuf)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)

# libphonenumber-dev cannot be co-installed with Boost 1.81 on Debian 12 (it pulls
# libboost-thread1.74-dev). scripts/install-deps.sh installs the runtime library from
# Debian and unpacks the headers of the Debian -dev package into .cache/deps instead.
set(KEFU_DEPS_PREFIX "${CMAKE_SOURCE_DIR}/.cache/deps/usr" CACHE PATH "unpacked -dev headers")
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h
          HINTS "${KEFU_DEPS_PREFIX}/include" REQUIRED)
find_library(PHONENUMBER_LIBRARY NAMES phonenumber libphonenumber.so.8
             HINTS /usr/lib/x86_64-linux-gnu REQUIRED)
add_library(kefu_phonenumber INTERFACE)
target_include_directories(kefu_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE_DIR})
target_link_libraries(kefu_phonenumber INTERFACE ${PHONENUMBER_LIBRARY} PkgConfig::PROTOBUF)

if(KEFU_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(KEFU_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
