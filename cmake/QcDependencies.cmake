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

# ---- How the libraries are linked (docs/design.md, "How the binary is linked") ----
# QC_STATIC_DEPS=ON (the default) links the libraries every run uses from their static archives
# where Debian installs one (libgsl.a, libgslcblas.a, libcsv.a, libudunits2.a, libexpat.a,
# libcrypto.a), with the dependencies `pkg-config --static` names: the dynamic linker then maps
# only libc, libm and cJSON (no .a in Debian) at start-up. A library whose archives are not all
# installed is linked shared, with a message. A shared libqcompare (BUILD_SHARED_LIBS) links
# them shared: not every Debian archive is position-independent (libudunits2.a is not).
option(QC_STATIC_DEPS "Link GSL, libcsv, UDUNITS-2, expat and libcrypto from their static archives" ON)
if(QC_STATIC_DEPS AND BUILD_SHARED_LIBS)
  message(STATUS "QC_STATIC_DEPS: a shared libqcompare links its dependencies shared")
  set(QC_STATIC_DEPS OFF)
endif()
set(QC_STATIC_LINKED "")   # the libraries linked statically (tests/install checks the binary)
set(QC_SYSTEM_LIBS m dl pthread rt c)

# qc_dep(<name> <shared target> <libraries> <library dirs> [link options])
# Defines QC::<name>: the static archives of <libraries> when every one is installed (system
# libraries as -l), else <shared target>.
function(qc_dep name shared libs dirs)
  set(links "")
  set(missing "")
  list(REMOVE_DUPLICATES libs)
  if(QC_STATIC_DEPS)
    foreach(lib IN LISTS libs)
      if(lib IN_LIST QC_SYSTEM_LIBS)
        list(APPEND links ${lib})
        continue()
      endif()
      find_library(QC_STATIC_${lib} NAMES lib${lib}.a HINTS ${dirs} NO_CACHE)
      if(QC_STATIC_${lib})
        list(APPEND links ${QC_STATIC_${lib}})
      else()
        list(APPEND missing lib${lib}.a)
      endif()
    endforeach()
  endif()
  add_library(QC::${name} INTERFACE IMPORTED GLOBAL)
  if(QC_STATIC_DEPS AND NOT missing)
    get_target_property(inc ${shared} INTERFACE_INCLUDE_DIRECTORIES)
    get_target_property(opts ${shared} INTERFACE_COMPILE_OPTIONS)
    if(inc)
      set_property(TARGET QC::${name} PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${inc})
    endif()
    if(opts)
      set_property(TARGET QC::${name} PROPERTY INTERFACE_COMPILE_OPTIONS ${opts})
    endif()
    set_property(TARGET QC::${name} PROPERTY INTERFACE_LINK_LIBRARIES ${links})
    if(ARGN)
      set_property(TARGET QC::${name} PROPERTY INTERFACE_LINK_OPTIONS ${ARGN})
    endif()
    foreach(lib IN LISTS libs)
      if(NOT lib IN_LIST QC_SYSTEM_LIBS)
        set(QC_STATIC_LINKED ${QC_STATIC_LINKED} ${lib} PARENT_SCOPE)
      endif()
    endforeach()
    message(STATUS "${name}: linked statically (${libs})")
  else()
    set_property(TARGET QC::${name} PROPERTY INTERFACE_LINK_LIBRARIES ${shared})
    if(QC_STATIC_DEPS)
      message(STATUS "${name}: linked shared (no ${missing} installed)")
    endif()
  endif()
endfunction()

qc_dep(gsl     PkgConfig::GSL     "${GSL_STATIC_LIBRARIES}"     "${GSL_STATIC_LIBRARY_DIRS};${GSL_LIBRARY_DIRS}")
qc_dep(udunits PkgConfig::UDUNITS "${UDUNITS_STATIC_LIBRARIES}" "${UDUNITS_STATIC_LIBRARY_DIRS};${UDUNITS_LIBRARY_DIRS}")
qc_dep(expat   PkgConfig::EXPAT   "${EXPAT_STATIC_LIBRARIES}"   "${EXPAT_STATIC_LIBRARY_DIRS};${EXPAT_LIBRARY_DIRS}")
qc_dep(crypto  PkgConfig::CRYPTO  "${CRYPTO_STATIC_LIBRARIES}"  "${CRYPTO_STATIC_LIBRARY_DIRS};${CRYPTO_LIBRARY_DIRS}"
       ${CRYPTO_STATIC_LDFLAGS_OTHER})
get_filename_component(QC_CSV_DIR "${CSV_LIBRARY}" DIRECTORY)
qc_dep(csv     CSV::csv           "csv"                         "${QC_CSV_DIR}")

# libzip and libxlsxwriter are used only to read or write an xlsx, and bring libcrypto, minizip,
# bz2 and zlib with them (Debian ships no archive of either): engine/dynload.c loads them with
# dlopen on first use. The build needs their headers; the program names them by soname, and
# names the Debian package that installs it when one cannot be loaded.
# qc_dlopen_name(<prefix> <library>): sets QC_<prefix>_SONAME and QC_<prefix>_DEBIAN.
function(qc_dlopen_name prefix lib)
  find_library(so NAMES ${lib} HINTS ${${prefix}_LIBRARY_DIRS} NO_CACHE)
  if(NOT so)
    message(FATAL_ERROR "lib${lib}.so not found (run .ci/install-deps)")
  endif()
  get_filename_component(real "${so}" REALPATH)
  get_filename_component(soname "${real}" NAME)
  if(CMAKE_OBJDUMP)
    execute_process(COMMAND ${CMAKE_OBJDUMP} -p "${real}" OUTPUT_VARIABLE dump ERROR_QUIET)
    if(dump MATCHES "SONAME +([^ \n]+)")
      set(soname ${CMAKE_MATCH_1})
    endif()
  endif()
  # Debian's package of the library (libzip.so.4 → libzip4), from dpkg when it knows the file
  string(REGEX REPLACE "\\.so\\.([0-9]+).*$" "\\1" debian "${soname}")
  execute_process(COMMAND dpkg-query -S "${real}" OUTPUT_VARIABLE owner ERROR_QUIET RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND owner MATCHES "^([^:, \n]+)")
    set(debian ${CMAKE_MATCH_1})
  endif()
  set(QC_${prefix}_SONAME ${soname} PARENT_SCOPE)
  set(QC_${prefix}_DEBIAN ${debian} PARENT_SCOPE)
  message(STATUS "lib${lib}: loaded on first use from ${soname} (Debian ${debian})")
endfunction()
qc_dlopen_name(LIBZIP zip)
qc_dlopen_name(XLSX xlsxwriter)
