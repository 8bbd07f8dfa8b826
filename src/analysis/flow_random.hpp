#pragma once
/// @file flow_random.hpp
/// The flow analyses' parallel-for over index blocks, and the shared generator (src/random.hpp).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "random.hpp"

namespace samkart::detail {

inline unsigned thread_count(unsigned threads, std::int64_t work_items) {
    if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::clamp<std::int64_t>(work_items, 1, threads));
}

/// Run body(begin, end, worker) over [0, n) split into `threads` contiguous blocks; rethrows
/// the first exception of a worker. Results must not depend on the split (callers use
/// per-item random streams).
template <class Body>
void parallel_blocks(std::int64_t n, unsigned threads, Body&& body) {
    const unsigned workers = thread_count(threads, n);
    if (workers <= 1) {
        body(std::int64_t{0}, n, 0U);
        return;
    }
    std::exception_ptr failure;
    std::mutex mutex;
    std::vector<std::thread> pool;
    pool.reserve(workers);
    for (unsigned w = 0; w < workers; ++w) {
        const std::int64_t begin = n * w / workers;
        const std::int64_t end = n * (w + 1) / workers;
        pool.emplace_back([&, begin, end, w] {
            try {
                body(begin, end, w);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
            }
        });
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace samkart::detail
