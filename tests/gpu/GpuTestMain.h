#pragma once
// main() for the GPU suites (label `gpu`): without the CUDA plugin or without a GPU the whole
// executable reports why and exits with kSkipExitCode, which ctest shows as Skipped (never as
// passed); with one it runs the Qt Test cases as usual.

#include <QCoreApplication>
#include <QtTest>

#include <cstdio>
#include <string>

#include "cuda/CudaPluginLoader.h"

namespace archi::gputest {

inline constexpr int kSkipExitCode = 77;  // SKIP_RETURN_CODE in tests/gpu/CMakeLists.txt

// Empty when the plugin loads and sees a device; otherwise the reason.
inline std::string unavailableReason() {
  try {
    if (cuda::cudaPlugin().devices().empty()) return "no CUDA device on this machine";
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace archi::gputest

#define ARCHI_GPU_TEST_MAIN(TestClass)                                                   \
  int main(int argc, char** argv) {                                                      \
    QCoreApplication app(argc, argv);                                                    \
    if (const std::string reason = archi::gputest::unavailableReason(); !reason.empty()) { \
      std::printf("SKIPPED: %s\n", reason.c_str());                                      \
      return archi::gputest::kSkipExitCode;                                              \
    }                                                                                    \
    TestClass test;                                                                      \
    QTEST_SET_MAIN_SOURCE_PATH                                                           \
    return QTest::qExec(&test, argc, argv);                                              \
  }
