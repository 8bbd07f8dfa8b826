#pragma once
/// @file random.hpp
/// The random numbers of samkart, written out so that a seed gives the same results with every
/// standard library (std:: distributions differ between them): splitmix64 (seeding),
/// xoshiro256** (Blackman & Vigna 2018), uniform doubles from the top 53 bits, standard normals
/// by Marsaglia's polar method and gamma variates by Marsaglia & Tsang (2000). Used by the
/// synthetic data set, the flow analyses and the network (Louvain, sampled betweenness).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace samkart::detail {

inline std::uint64_t splitmix64(std::uint64_t& x) noexcept {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
}

class Xoshiro256 {
public:
    /// A generator whose state words are `s` (not all zero); other seeding schemes build on it.
    explicit Xoshiro256(const std::uint64_t (&s)[4]) noexcept {
        for (int k = 0; k < 4; ++k) s_[k] = s[k];
    }
    /// State words from consecutive splitmix64 outputs of `seed` (Vigna's recommendation).
    [[nodiscard]] static Xoshiro256 from_seed(std::uint64_t seed) noexcept {
        std::uint64_t s[4];
        for (auto& word : s) word = splitmix64(seed);
        return Xoshiro256(s);
    }
    /// A stream for (seed, stream): distinct streams of one seed are independent in practice.
    Xoshiro256(std::uint64_t seed, std::uint64_t stream) noexcept {
        std::uint64_t x = seed ^ (0xd1b54a32d192ed03ULL * (stream + 1));
        std::uint64_t y = splitmix64(x) ^ stream;  // mixes once more so nearby streams differ
        for (auto& word : s_) word = splitmix64(y);
    }
    std::uint64_t next() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17U;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double uniform() noexcept { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
    /// Standard normal (polar method; the second value is dropped to keep the stream simple).
    double normal() noexcept {
        for (;;) {
            const double u = 2.0 * uniform() - 1.0;
            const double v = 2.0 * uniform() - 1.0;
            const double s = u * u + v * v;
            if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
        }
    }
    /// Gamma(shape, 1), shape > 0 (Marsaglia & Tsang; shape < 1 via the boost U^(1/shape)).
    double gamma(double shape) noexcept {
        if (shape < 1.0) {
            double u = uniform();
            while (u <= 0.0) u = uniform();
            return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
        }
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x = 0.0;
            double v = 0.0;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            const double u = uniform();
            if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
            if (u > 0.0 && std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
        }
    }
    /// Uniform integer in [0, n), n < 2^53 (53-bit uniform scaled; the bias is < 2^-20 here).
    std::uint64_t below(std::uint64_t n) noexcept {
        const auto k = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
        return k < n ? k : n - 1;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) noexcept {
        return (x << static_cast<unsigned>(k)) | (x >> static_cast<unsigned>(64 - k));
    }
    std::uint64_t s_[4]{};
};

/// Fisher–Yates shuffle written out (std::shuffle's order differs between standard libraries).
template <class Vector>
void shuffle(Vector& items, Xoshiro256& rng) noexcept {
    for (auto i = items.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(rng.below(i));
        std::swap(items[i - 1], items[j]);
    }
}

}  // namespace samkart::detail
