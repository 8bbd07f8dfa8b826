/// @file network_paths.cpp
/// Shortest-path measures (Brandes' betweenness, closeness) and PageRank. Written by hand
/// over the CSR arrays because Boost.Graph's brandes_betweenness_centrality has no parallel
/// form and its page_rank does not treat dangling nodes as NetworkX does; the tests check
/// both against Boost and NetworkX.

#include "analysis/network_impl.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>

#include "random.hpp"
#include "samkart/core/errors.hpp"

namespace samkart {
namespace {

unsigned worker_count(unsigned threads, std::size_t jobs) {
    if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(jobs, 1)));
}

/// Run `work(state, source)` for every source on `threads` workers, each with its own state
/// made by `make_state()`; returns the states in worker order (for a deterministic reduction).
/// Worker w takes the chunks w, w + workers, w + 2 workers, ... of the sources: a fixed
/// assignment, so that summing the states in worker order gives bit-identical results on
/// every call with the same thread count (a shared work counter would hand the chunks out in
/// a different order each time, and floating-point sums depend on that order).
template <class MakeState, class Work>
auto over_sources(const std::vector<std::uint32_t>& sources, unsigned threads,
                  MakeState make_state, Work work) {
    using State = decltype(make_state());
    const auto workers = worker_count(threads, sources.size());
    std::vector<State> states;
    for (unsigned w = 0; w < workers; ++w) states.push_back(make_state());
    std::atomic<bool> failed{false};
    auto run = [&](unsigned w) {
        // Chunks of consecutive sources keep neighbouring sources' memory on one worker.
        constexpr std::size_t chunk = 16;
        for (std::size_t begin = w * chunk; begin < sources.size(); begin += workers * chunk) {
            if (failed.load(std::memory_order_relaxed)) return;
            const auto end = std::min(begin + chunk, sources.size());
            for (auto i = begin; i < end; ++i) work(states[w], sources[i]);
        }
    };
    if (workers == 1) {
        run(0);
    } else {
        std::vector<std::thread> pool;
        std::exception_ptr error;
        std::mutex error_mutex;
        for (unsigned w = 0; w < workers; ++w)
            pool.emplace_back([&, w] {
                try {
                    run(w);
                } catch (...) {
                    const std::lock_guard lock(error_mutex);
                    error = std::current_exception();
                    failed = true;
                }
            });
        for (auto& t : pool) t.join();
        if (error) std::rethrow_exception(error);
    }
    return states;
}

/// Per-worker buffers of Brandes' algorithm, reused across sources.
struct BrandesState {
    std::vector<double> centrality, sigma, delta;
    std::vector<std::int32_t> dist;
    std::vector<std::uint32_t> order;
    /// The shortest-path DAG of the current source: successors of order[k] are
    /// dag[dag_end[k - 1] .. dag_end[k]) (dag_end[-1] = 0). At most one entry per arc.
    std::vector<std::uint32_t> dag, dag_end;
    BrandesState(std::size_t n, std::size_t arcs)
        : centrality(n, 0.0), sigma(n, 0.0), delta(n, 0.0), dist(n, -1), order(n), dag(arcs),
          dag_end(n) {}
};

}  // namespace

std::vector<double> Network::betweenness(bool normalized, std::optional<std::size_t> samples,
                                         std::uint64_t seed, unsigned threads) const {
    const auto& g = *impl_;
    const auto n = g.n();
    std::vector<std::uint32_t> sources(n);
    std::iota(sources.begin(), sources.end(), 0U);
    if (samples) {
        if (*samples == 0 || *samples > n)
            throw ArgumentError("betweenness: samples must be between 1 and the number of "
                                        "actors (" + std::to_string(n) + "), got " +
                                        std::to_string(*samples));
        auto rng = detail::Xoshiro256::from_seed(seed);
        // A partial Fisher–Yates shuffle: the first `samples` entries are the pivots.
        for (std::size_t i = 0; i < *samples; ++i)
            std::swap(sources[i], sources[i + rng.below(n - i)]);
        sources.resize(*samples);
        std::sort(sources.begin(), sources.end());
    }
    // Raw pointers: the compiler cannot prove that writes to the buffers leave the graph
    // alone, and reloading vector internals in the inner loops costs a third of the time.
    const std::uint32_t* offsets = g.out.offsets.data();
    const std::uint32_t* targets = g.out.targets.data();
    const auto arcs = g.out.targets.size();
    auto states = over_sources(sources, threads, [n, arcs] { return BrandesState(n, arcs); },
                               [&](BrandesState& st, std::uint32_t s) {
        std::int32_t* dist = st.dist.data();
        double* sigma = st.sigma.data();
        double* coeff = st.delta.data();
        std::uint32_t* order = st.order.data();
        std::uint32_t* dag = st.dag.data();
        std::uint32_t* dag_end = st.dag_end.data();
        std::size_t tail = 0;
        std::uint32_t dag_size = 0;
        order[tail++] = s;
        dist[s] = 0;
        sigma[s] = 1;
        // Breadth-first search that also records the shortest-path DAG, so the backward pass
        // reads only the DAG's arcs: on dense graphs most arcs join nodes at the same distance
        // and would otherwise be scanned twice (what igraph does too).
        for (std::size_t head = 0; head < tail; ++head) {
            const auto v = order[head];
            const auto next = dist[v] + 1;
            const double paths = sigma[v];
            for (auto i = offsets[v], end = offsets[v + 1]; i < end; ++i) {
                const auto w = targets[i];
                if (dist[w] < 0) {
                    dist[w] = next;
                    order[tail++] = w;
                }
                if (dist[w] == next) {
                    sigma[w] += paths;
                    dag[dag_size++] = w;
                }
            }
            dag_end[head] = dag_size;
        }
        // Dependencies pulled from successors: delta(v) = sigma(v) Σ_w (1 + delta(w)) / sigma(w)
        // over the DAG successors w of v. One write per node keeps the loop in registers.
        double* centrality = st.centrality.data();
        for (std::size_t k = tail; k-- > 0;) {
            const auto v = order[k];
            double sum = 0;
            for (auto i = k == 0 ? 0U : dag_end[k - 1], end = dag_end[k]; i < end; ++i)
                sum += coeff[dag[i]];
            const double dependency = sigma[v] * sum;
            coeff[v] = (1.0 + dependency) / sigma[v];
            if (v != s) centrality[v] += dependency;
        }
        for (std::size_t k = 0; k < tail; ++k) {
            dist[order[k]] = -1;
            sigma[order[k]] = 0;
        }
    });
    std::vector<double> bc(n, 0.0);
    for (const auto& st : states)
        for (std::size_t v = 0; v < n; ++v) bc[v] += st.centrality[v];

    // NetworkX's rescaling (endpoints excluded): pairs (s, t) through v, s != t, v ∉ {s, t}.
    if (n < 3) return std::vector<double>(n, 0.0);
    const double big_n = static_cast<double>(n - 1);
    const double correction = g.directed ? 1.0 : 2.0;
    if (!samples || *samples == n) {
        const double scale = normalized ? 1.0 / (big_n * (big_n - 1)) : 1.0 / correction;
        for (auto& b : bc) b *= scale;
        return bc;
    }
    // Sampled: a pivot never counts the pairs it is the source of, so it is scaled by k − 1.
    const double k = static_cast<double>(*samples);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double scale_source = k > 1 ? (normalized ? 1.0 / ((k - 1) * (big_n - 1))
                                                    : big_n / ((k - 1) * correction))
                                      : nan;
    const double scale_other = normalized ? 1.0 / (k * (big_n - 1)) : big_n / (k * correction);
    std::vector<bool> is_source(n, false);
    for (auto s : sources) is_source[s] = true;
    for (std::size_t v = 0; v < n; ++v) bc[v] *= is_source[v] ? scale_source : scale_other;
    return bc;
}

std::vector<double> Network::closeness(bool wf_improved, unsigned threads) const {
    const auto& g = *impl_;
    const auto n = g.n();
    std::vector<std::uint32_t> sources(n);
    std::iota(sources.begin(), sources.end(), 0U);
    std::vector<double> result(n, 0.0);
    struct State {
        std::vector<std::int32_t> dist;
        std::vector<std::uint32_t> order;
    };
    // Incoming distances: a breadth-first search along in-arcs (NetworkX reverses the graph).
    const std::uint32_t* offsets = g.in.offsets.data();
    const std::uint32_t* targets = g.in.targets.data();
    over_sources(sources, threads,
                 [n] { return State{std::vector<std::int32_t>(n, -1), std::vector<std::uint32_t>(n)}; },
                 [&](State& st, std::uint32_t s) {
        std::int32_t* dist = st.dist.data();
        std::uint32_t* order = st.order.data();
        std::size_t tail = 0;
        order[tail++] = s;
        dist[s] = 0;
        double total = 0;
        for (std::size_t head = 0; head < tail; ++head) {
            const auto v = order[head];
            const auto next = dist[v] + 1;
            for (auto i = offsets[v], end = offsets[v + 1]; i < end; ++i) {
                const auto w = targets[i];
                if (dist[w] < 0) {
                    dist[w] = next;
                    total += next;
                    order[tail++] = w;
                }
            }
        }
        const double reached = static_cast<double>(tail - 1);
        if (total > 0 && n > 1) {
            double c = reached / total;
            if (wf_improved) c *= reached / static_cast<double>(n - 1);
            result[s] = c;  // each source writes only its own entry
        }
        for (std::size_t k = 0; k < tail; ++k) dist[order[k]] = -1;
    });
    return result;
}

std::vector<double> Network::pagerank(double alpha, bool weighted, double tol, int max_iter) const {
    if (!(alpha >= 0 && alpha <= 1)) throw ArgumentError("pagerank: alpha must be in [0, 1]");
    const auto& g = *impl_;
    const auto n = g.n();
    if (n == 0) return {};
    const auto& out = g.out;
    const auto& in = g.in;
    const auto weight_of = [&](const detail::Adjacency& a, std::size_t i) {
        return weighted ? a.weights[i] : 1.0;
    };
    std::vector<double> out_weight(n, 0.0);
    for (std::size_t v = 0; v < n; ++v)
        for (auto i = out.offsets[v]; i < out.offsets[v + 1]; ++i) out_weight[v] += weight_of(out, i);
    const double dn = static_cast<double>(n);
    std::vector<double> x(n, 1.0 / dn), share(n), next(n);
    for (int iter = 0; iter < max_iter; ++iter) {
        double dangling = 0;
        for (std::size_t v = 0; v < n; ++v) {
            if (out_weight[v] > 0) share[v] = x[v] / out_weight[v];
            else dangling += x[v];
        }
        const double base = alpha * dangling / dn + (1 - alpha) / dn;
        double err = 0;
        for (std::size_t v = 0; v < n; ++v) {
            double sum = 0;
            for (auto i = in.offsets[v]; i < in.offsets[v + 1]; ++i) sum += share[in.targets[i]] * weight_of(in, i);
            next[v] = alpha * sum + base;
            err += std::abs(next[v] - x[v]);
        }
        x.swap(next);
        if (err < dn * tol) return x;
    }
    throw Error("pagerank did not converge within " + std::to_string(max_iter) +
                " iterations to tol " + std::to_string(tol) + "; raise max_iter or tol");
}

}  // namespace samkart
