// Result<T>: a value or an Error a person can act on. Shaped like std::expected so that moving to
// C++23 is a rename. Services return Result; exceptions are caught only at thread/UI boundaries.
//
//   Result<Customer> r = customers.get(id);
//   if (!r) return r.error();            // propagate
//   use(r.value());
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace fc::core {

enum class Errc {
    kInvalid,      // the input was wrong (bad plate, bad CSV row, unknown flag)
    kNotFound,     // the thing asked for does not exist
    kConflict,     // it exists already / would violate a uniqueness rule
    kDatabase,     // SQLite said no
    kIo,           // file or network
    kPermission,   // not allowed
    kUnsupported,  // a version or format we do not handle
    kNeedsConfirmation,  // allowed only when a person confirms (e.g. a VIN whose check digit fails)
    kInternal,     // a bug: an invariant did not hold
};

const char* errcName(Errc code);

struct Error {
    Errc code = Errc::kInternal;
    std::string message;

    Error() = default;
    Error(Errc c, std::string m) : code(c), message(std::move(m)) {}

    // Prefix the message with what was being done: "import customers: line 4: …".
    Error context(const std::string& what) const { return Error(code, what + ": " + message); }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok() && "value() on an error Result");
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(ok() && "value() on an error Result");
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(ok() && "value() on an error Result");
        return std::get<0>(std::move(m_v));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok() && "error() on a successful Result");
        return std::get<1>(m_v);
    }

    T valueOr(T fallback) const& { return ok() ? std::get<0>(m_v) : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}  // NOLINT

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const {
        assert(!m_ok && "error() on a successful Result");
        return m_error;
    }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

inline Error invalid(std::string m) { return Error(Errc::kInvalid, std::move(m)); }
inline Error notFound(std::string m) { return Error(Errc::kNotFound, std::move(m)); }
inline Error conflict(std::string m) { return Error(Errc::kConflict, std::move(m)); }
inline Error internal(std::string m) { return Error(Errc::kInternal, std::move(m)); }

}  // namespace fc::core

// Propagate an error from an expression returning Result/Status.
#define FC_TRY(expr)                                        \
    do {                                                    \
        auto fc_try_result_ = (expr);                       \
        if (!fc_try_result_) return fc_try_result_.error(); \
    } while (0)

#define FC_CONCAT_INNER_(a, b) a##b
#define FC_CONCAT_(a, b) FC_CONCAT_INNER_(a, b)
// Declare `lhs` from a Result's value or return its error: FC_ASSIGN(auto id, makeId());
#define FC_ASSIGN(lhs, expr) FC_ASSIGN_IMPL_(FC_CONCAT_(fc_assign_, __LINE__), lhs, expr)
#define FC_ASSIGN_IMPL_(tmp, lhs, expr) \
    auto tmp = (expr);                  \
    if (!tmp) return tmp.error();       \
    lhs = std::move(tmp).value()
