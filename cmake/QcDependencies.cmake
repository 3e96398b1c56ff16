# Finds every library qcompare links, and names the Debian package to install when one is
# missing (.ci/install-deps installs them all).
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkgconf (or run .ci/install-deps)")
endif()

# qc_require_pc(<prefix> <pkg-config module> <Debian package>)
function(qc_require_pc prefix module debpkg)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${prefix}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${debpkg} (or run .ci/install-deps)")
  endif()
  message(STATUS "Found ${module} ${${prefix}_VERSION}")
endfunction()

qc_require_pc(GSL     gsl       libgsl-dev)
qc_require_pc(CJSON   libcjson  libcjson-dev)
qc_require_pc(UDUNITS udunits   libudunits2-dev)
qc_require_pc(CRYPTO  libcrypto libssl-dev)
qc_require_pc(XLSX    xlsxwriter libxlsxwriter-dev)
qc_require_pc(LIBZIP  libzip    libzip-dev)
qc_require_pc(EXPAT   expat     libexpat1-dev)

find_package(CSV)
if(NOT CSV_FOUND)
  message(FATAL_ERROR "libcsv not found: apt-get install libcsv-dev (or run .ci/install-deps)")
endif()

if(BUILD_TESTING OR NOT DEFINED BUILD_TESTING)
  pkg_check_modules(CHECK QUIET IMPORTED_TARGET GLOBAL check)
  if(NOT CHECK_FOUND)
    message(FATAL_ERROR "Check not found: apt-get install check (or run .ci/install-deps), "
                        "or configure with -DBUILD_TESTING=OFF")
  endif()
endif()

set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
