// Tiny argument reader for forecourtctl: positional words and --flag / --flag VALUE /
// --flag=VALUE options, with clear errors for unknown or malformed flags.
//
//   Args args(argc, argv);  auto db = args.option("--db");  auto cmd = args.next();
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fc::ctl {

class Args {
public:
    Args(int argc, char** argv);

    // Consumes `name VALUE` or `name=VALUE` anywhere; empty optional when absent.
    std::optional<std::string> option(const std::string& name);
    bool flag(const std::string& name);
    // Next positional word.
    std::optional<std::string> next();
    // Any option-looking word not consumed, or an error message.
    std::optional<std::string> leftoverError();

    std::optional<std::string> error;  // first parse error

private:
    std::vector<std::string> m_words;
    std::vector<bool> m_used;
};

}  // namespace fc::ctl
