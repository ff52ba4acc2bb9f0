// SPDX-License-Identifier: Apache-2.0
#pragma once
// Error types shared by every layer. Only main() catches them all and maps them to exit codes.
#include <stdexcept>
#include <string>

namespace lockstep {

/// Base of every error lockstep throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
/// Bad input data; the message starts with "file:line: ".
class InputError : public Error {
 public:
  using Error::Error;
};
/// An input file or directory that does not exist or cannot be opened.
class MissingInputError : public Error {
 public:
  using Error::Error;
};
/// Bad configuration value or CLI combination.
class ConfigError : public Error {
 public:
  using Error::Error;
};
/// Failure to create or write an output.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace lockstep

/// Public precondition check: throws lockstep::Error (as cuGraph CUGRAPH_EXPECTS).
#define LOCKSTEP_EXPECTS(cond, msg)                                   \
  do {                                                                \
    if (!(cond)) throw ::lockstep::Error(std::string("precondition failed: ") + (msg)); \
  } while (0)
