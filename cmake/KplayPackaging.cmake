# Installation layout, the SDK (CMake package + pkg-config), the man page and
# the Debian package (CPack DEB). Included at the end of the top-level
# CMakeLists.txt; daemon/ and plugins/ install their own targets. Layout and
# SDK: docs/packaging.md.
#
#   cmake --build build --target package      # -> build/kplay_<version>_<arch>.deb
#
# The installed program finds its data as <prefix>/bin/../share/kplay
# (daemon/cli/common.cpp, compare.cpp), so these paths are fixed relative
# to the prefix rather than taken from GNUInstallDirs.

set(KPLAY_INSTALL_BINDIR bin)
set(KPLAY_INSTALL_DATADIR share/kplay)
set(KPLAY_INSTALL_PLUGINDIR lib/kplay/plugins)
if(CMAKE_LIBRARY_ARCHITECTURE)
  set(KPLAY_INSTALL_ARCHLIBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE})
else()
  set(KPLAY_INSTALL_ARCHLIBDIR lib)
endif()
set(KPLAY_INSTALL_CMAKEDIR ${KPLAY_INSTALL_ARCHLIBDIR}/cmake/kplay)
set(KPLAY_INSTALL_PKGCONFIGDIR ${KPLAY_INSTALL_ARCHLIBDIR}/pkgconfig)
# Empty: /lib/systemd/system when installing to /usr (the package), else
# <prefix>/lib/systemd/system, decided at install time.
set(KPLAY_INSTALL_SYSTEMD_UNITDIR "" CACHE PATH "Where kplay@.service is installed (default: see cmake/KplayPackaging.cmake)")
set(KPLAY_PACKAGING_DIR ${CMAKE_SOURCE_DIR}/packaging)
set(KPLAY_PACKAGING_OUT ${CMAKE_BINARY_DIR}/packaging)

# --- data `kplay compare` reads: the harness and the real-kernel runners
install(DIRECTORY ${CMAKE_SOURCE_DIR}/compare/ DESTINATION ${KPLAY_INSTALL_DATADIR}/compare USE_SOURCE_PERMISSIONS)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/kplay)
if(EXISTS ${CMAKE_SOURCE_DIR}/docs/packaging.md)
  install(FILES ${CMAKE_SOURCE_DIR}/docs/packaging.md DESTINATION share/doc/kplay)
endif()

# --- man page, generated from the CLI's --help at build time
add_custom_command(
  OUTPUT ${KPLAY_PACKAGING_OUT}/kplay.1.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KPLAY_PACKAGING_OUT}
  COMMAND bash ${KPLAY_PACKAGING_DIR}/man/gen-manpage.sh $<TARGET_FILE:kplay> ${PROJECT_VERSION}
          ${KPLAY_PACKAGING_DIR}/man/kplay.1.extra ${KPLAY_PACKAGING_OUT}/kplay.1.gz
  DEPENDS kplay ${KPLAY_PACKAGING_DIR}/man/gen-manpage.sh ${KPLAY_PACKAGING_DIR}/man/kplay.1.extra
  COMMENT "kplay(1) from kplay --help"
  VERBATIM)
add_custom_target(kplay-manpage ALL DEPENDS ${KPLAY_PACKAGING_OUT}/kplay.1.gz)
install(FILES ${KPLAY_PACKAGING_OUT}/kplay.1.gz DESTINATION share/man/man1)

# --- bash completion, systemd unit
install(FILES ${KPLAY_PACKAGING_DIR}/bash-completion/kplay DESTINATION share/bash-completion/completions)
install(CODE "
set(_kplay_unit_dir \"${KPLAY_INSTALL_SYSTEMD_UNITDIR}\")
if(NOT _kplay_unit_dir)
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(_kplay_unit_dir /lib/systemd/system)
  else()
    set(_kplay_unit_dir \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\")
  endif()
endif()
file(INSTALL \"${KPLAY_PACKAGING_DIR}/systemd/kplay@.service\" DESTINATION \"\${_kplay_unit_dir}\")
")

# --- SDK: CMake package (find_package(kplay), kplay_add_module)
include(CMakePackageConfigHelpers)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/kplayConfig.cmake.in
  ${KPLAY_PACKAGING_OUT}/kplayConfig.cmake
  INSTALL_DESTINATION ${KPLAY_INSTALL_CMAKEDIR}
  PATH_VARS KPLAY_INSTALL_BINDIR KPLAY_INSTALL_DATADIR KPLAY_INSTALL_PLUGINDIR)
write_basic_package_version_file(${KPLAY_PACKAGING_OUT}/kplayConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${KPLAY_PACKAGING_OUT}/kplayConfig.cmake ${KPLAY_PACKAGING_OUT}/kplayConfigVersion.cmake
  DESTINATION ${KPLAY_INSTALL_CMAKEDIR})

# --- SDK: pkg-config. The flags are recorded from `kplay build` itself at
# build time; the prefix is the one of the install (CPack installs to /usr).
add_custom_command(
  OUTPUT ${KPLAY_PACKAGING_OUT}/module-flags.txt
  COMMAND bash ${KPLAY_PACKAGING_DIR}/sdk/capture-flags.sh $<TARGET_FILE:kplay> ${CMAKE_SOURCE_DIR}/daemon/kernel
          ${KPLAY_PACKAGING_OUT}/module-flags.txt
  DEPENDS kplay ${KPLAY_PACKAGING_DIR}/sdk/capture-flags.sh
  COMMENT "kplay.pc: the flags kplay build compiles modules with"
  VERBATIM)
add_custom_target(kplay-module-flags ALL DEPENDS ${KPLAY_PACKAGING_OUT}/module-flags.txt)
install(CODE "
set(_kplay_pc_template \"${CMAKE_CURRENT_LIST_DIR}/kplay.pc.in\")
set(_kplay_pc_flags \"${KPLAY_PACKAGING_OUT}/module-flags.txt\")
set(_kplay_pc_work \"${KPLAY_PACKAGING_OUT}/pc-install\")
set(_kplay_pc_destination \"${KPLAY_INSTALL_PKGCONFIGDIR}\")
set(PROJECT_VERSION \"${PROJECT_VERSION}\")
include(\"${CMAKE_CURRENT_LIST_DIR}/KplayInstallPkgConfig.cmake\")
")

# --- the Debian package
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kplay)
set(CPACK_PACKAGE_VENDOR "kplay")
set(CPACK_PACKAGE_CONTACT "kplay maintainers <kplay@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "userspace playground for Linux kernel modules")
set(CPACK_PACKAGE_DESCRIPTION "kplay runs ordinary kernel-module C code in userspace. A daemon mounts
fake dev, proc and sys trees with FUSE and loads modules built as plugins;
cat, echo, dd and ls work on the files the modules create, with the
kernel's semantics. The package holds the kplay program, the kernel-API
headers and a CMake/pkg-config SDK to build your own modules, the
examples of the Linux Kernel Module Programming Guide (sources and built
plugins), kplay@.service to mount a root at boot, and `kplay compare`,
which runs a module on a real kernel and on kplay and diffs the results.")
# Install with DESTDIR into the package's tree, with the prefix /usr (in
# DESTDIR mode CPack takes it from CPACK_INSTALL_PREFIX): /lib/systemd/system
# stays absolute and install(CODE) sees the real prefix for kplay.pc.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# kplay build runs make and gcc; FUSE needs fuse3's /dev/fuse setup and fusermount3.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fuse3, gcc, make")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cmake, pkgconf | pkg-config, bash-completion, iproute2, device-tree-compiler")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qemu-system-x86, busybox-static, linux-image-amd64, linux-headers-amd64")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${KPLAY_PACKAGING_DIR}/deb/postinst ${KPLAY_PACKAGING_DIR}/deb/prerm ${KPLAY_PACKAGING_DIR}/deb/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_SOURCE_GENERATOR TXZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/mountpoints/")
include(CPack)
