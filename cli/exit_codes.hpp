// SPDX-License-Identifier: Apache-2.0
#pragma once
// sysexits.h codes, as FORMATS.md section 3 lists them.
namespace lockstep::cli {
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 64;
inline constexpr int kExitData = 65;
inline constexpr int kExitNoInput = 66;
inline constexpr int kExitInternal = 70;
inline constexpr int kExitCantCreate = 73;
inline constexpr int kExitIo = 74;
inline constexpr int kExitTempFail = 75;
inline constexpr int kExitConfig = 78;
}  // namespace lockstep::cli
