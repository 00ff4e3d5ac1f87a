# Install-time half of kplay.pc (see KplayPackaging.cmake): fills kplay.pc.in
# with the prefix being installed to and the flags recorded from kplay build.
# In: _kplay_pc_template, _kplay_pc_flags, _kplay_pc_work, _kplay_pc_destination,
# PROJECT_VERSION; CMAKE_INSTALL_PREFIX as the install sets it.
file(STRINGS "${_kplay_pc_flags}" _kplay_pc_lines)
foreach(_line IN LISTS _kplay_pc_lines)
  if(_line MATCHES "^cflags=(.*)$")
    set(KPLAY_MODULE_CFLAGS "${CMAKE_MATCH_1}")
  elseif(_line MATCHES "^ldflags=(.*)$")
    set(KPLAY_MODULE_LDFLAGS "${CMAKE_MATCH_1}")
  endif()
endforeach()
if(NOT KPLAY_MODULE_CFLAGS OR NOT KPLAY_MODULE_LDFLAGS)
  message(FATAL_ERROR "kplay.pc: no module flags in ${_kplay_pc_flags}")
endif()
set(KPLAY_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
configure_file("${_kplay_pc_template}" "${_kplay_pc_work}/kplay.pc" @ONLY)
file(INSTALL "${_kplay_pc_work}/kplay.pc" DESTINATION "${CMAKE_INSTALL_PREFIX}/${_kplay_pc_destination}")
