# Read by cpack before it makes each package. Each package's description starts with its own
# summary line (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION); without this, CMake 3.25's DEB generator
# would put the project's one summary in front of both.
unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
