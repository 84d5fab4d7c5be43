#pragma once
// Bytes as upper-case hex, optionally separated ("AB:12:..."), for serials and fingerprints.

#include <cstddef>
#include <string>

namespace archi::pki {

std::string hexText(const unsigned char* data, std::size_t length, const char* separator);

}  // namespace archi::pki
