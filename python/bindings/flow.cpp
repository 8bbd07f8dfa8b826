/// @file flow.cpp
/// samkart._core.FlowModel and the panel, uncertainty and simulation functions of
/// samkart/analysis/flow.hpp. Arrays cross in bulk: panels arrive as numpy columns viewed in
/// place, replicate stacks and trajectories leave as numpy arrays that own the C++ buffer (no
/// copy per replicate or person). The GIL is released around every heavy kernel.

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

#include "bindings.hpp"
#include "samkart/analysis/flow.hpp"
#include "samkart/core/errors.hpp"

namespace samkart::python {
namespace {

template <class T>
using Column = py::array_t<T, py::array::c_style | py::array::forcecast>;

/// A numpy array of shape reps × rows × cols that owns the stack's buffer.
py::array_t<double> stack_to_numpy(MatrixStack&& stack) {
    auto* data = new std::vector<double>(std::move(stack.data));
    py::capsule owner(data, [](void* p) { delete static_cast<std::vector<double>*>(p); });
    return py::array_t<double>({stack.reps, stack.rows, stack.cols}, data->data(), owner);
}

template <class T>
std::span<const T> view(const Column<T>& a) {
    return {a.data(), static_cast<std::size_t>(a.size())};
}

struct PanelArgs {
    Column<std::int64_t> ids;
    Column<std::int64_t> times;
    Column<std::int32_t> states;
    std::vector<std::string> id_names;
    [[nodiscard]] Panel panel() const { return {view(ids), view(times), view(states), id_names}; }
};

py::dict counts_to_python(const TransitionCounts& c) {
    py::dict out;
    out["counts"] = c.counts;
    out["rows"] = c.rows;
    out["persons"] = c.persons;
    out["transitions"] = c.transitions;
    out["gaps"] = c.gaps;
    out["persons_with_gaps"] = c.persons_with_gaps;
    return out;
}

template <class Code>
py::tuple simulate_as(const FlowModel& m, Eigen::Index persons, Eigen::Index steps,
                      const SimulationStart& start, std::uint64_t seed, unsigned threads) {
    py::array_t<Code> trajectories({persons, steps + 1});
    Code* out = trajectories.mutable_data();
    Eigen::MatrixXd occupancy;
    {
        py::gil_scoped_release release;
        occupancy = simulate_into<Code>(m, persons, steps, start, seed, threads, out);
    }
    return py::make_tuple(trajectories, occupancy);
}

}  // namespace

void register_flow(py::module_& m) {
    py::class_<FlowModel>(m, "FlowModel",
                          "A Markov chain over named states (row-stochastic matrix, one step per "
                          "month or year). Use samkart.FlowModel, which labels the results.")
        .def(py::init<std::vector<std::string>, Eigen::MatrixXd, std::string>(), py::arg("states"),
             py::arg("matrix"), py::arg("step") = "year")
        .def_static("from_counts", &FlowModel::from_counts, py::arg("states"), py::arg("counts"),
                    py::arg("absorbing") = std::vector<std::string>{}, py::arg("step") = "year")
        .def_property_readonly("states", &FlowModel::states)
        .def_property_readonly("matrix",
                               [](const FlowModel& f) { return Eigen::MatrixXd(f.matrix()); })
        .def_property_readonly("step", &FlowModel::step)
        .def_property_readonly("absorbing", &FlowModel::absorbing)
        .def_property_readonly("transient", &FlowModel::transient)
        .def("index", &FlowModel::index, py::arg("state"))
        .def("absorption_probabilities", &FlowModel::absorption_probabilities)
        .def("expected_steps", &FlowModel::expected_steps)
        .def("expected_visits", &FlowModel::expected_visits)
        .def("stationary", &FlowModel::stationary)
        .def("project", &FlowModel::project, py::arg("start"), py::arg("steps"))
        .def(
            "with_rates",
            [](const FlowModel& f,
               const std::vector<std::tuple<std::string, std::string, double>>& rates) {
                std::vector<RateChange> changes;
                changes.reserve(rates.size());
                for (const auto& [from, to, p] : rates) changes.push_back({from, to, p});
                return f.with_rates(changes);
            },
            py::arg("rates"))
        .def("expected_cost", &FlowModel::expected_cost, py::arg("start"), py::arg("steps"),
             py::arg("costs"), py::arg("discount") = 0.0)
        .def(
            "simulate",
            [](const FlowModel& f, Eigen::Index persons, Eigen::Index steps, Eigen::VectorXd start,
               bool counts, std::uint64_t seed, unsigned threads) {
                const SimulationStart s{std::move(start), counts};
                if (f.size() <= 127)
                    return simulate_as<std::int8_t>(f, persons, steps, s, seed, threads);
                return simulate_as<std::int16_t>(f, persons, steps, s, seed, threads);
            },
            py::arg("persons"), py::arg("steps"), py::arg("start"), py::arg("counts"),
            py::arg("seed"), py::arg("threads") = 0,
            "(trajectories persons × (steps + 1) int8 or int16, occupancy (steps + 1) × #states)");

    m.def(
        "count_transitions",
        [](Column<std::int64_t> ids, Column<std::int64_t> times, Column<std::int32_t> states,
           Eigen::Index n_states, std::vector<std::string> id_names) {
            const PanelArgs args{std::move(ids), std::move(times), std::move(states),
                                 std::move(id_names)};
            TransitionCounts c;
            {
                py::gil_scoped_release release;
                c = count_transitions(args.panel(), n_states);
            }
            return counts_to_python(c);
        },
        py::arg("ids"), py::arg("times"), py::arg("states"), py::arg("n_states"),
        py::arg("id_names") = std::vector<std::string>{});

    m.def(
        "bootstrap",
        [](const FlowModel& model, Column<std::int64_t> ids, Column<std::int64_t> times,
           Column<std::int32_t> states, std::vector<std::string> id_names, Eigen::Index reps,
           std::uint64_t seed, unsigned threads) {
            const PanelArgs args{std::move(ids), std::move(times), std::move(states),
                                 std::move(id_names)};
            Bootstrap b;
            {
                py::gil_scoped_release release;
                b = bootstrap(model, args.panel(), reps, seed, threads);
            }
            py::dict out;
            out["matrices"] = stack_to_numpy(std::move(b.matrices));
            out["absorption_probabilities"] = stack_to_numpy(std::move(b.absorption_probabilities));
            out["expected_steps"] = stack_to_numpy(std::move(b.expected_steps));
            out["expected_visits"] = stack_to_numpy(std::move(b.expected_visits));
            out["stationary"] = stack_to_numpy(std::move(b.stationary));
            out["rows_filled"] = b.rows_filled;
            return out;
        },
        py::arg("model"), py::arg("ids"), py::arg("times"), py::arg("states"), py::arg("id_names"),
        py::arg("reps"), py::arg("seed"), py::arg("threads") = 0);

    m.def(
        "dirichlet_draws",
        [](const Eigen::MatrixXd& counts, Eigen::Index draws, std::uint64_t seed, double prior,
           const std::vector<Eigen::Index>& absorbing, unsigned threads) {
            MatrixStack s;
            {
                py::gil_scoped_release release;
                s = dirichlet_draws(counts, draws, seed, prior, absorbing, threads);
            }
            return stack_to_numpy(std::move(s));
        },
        py::arg("counts"), py::arg("draws"), py::arg("seed"), py::arg("prior") = 1.0,
        py::arg("absorbing") = std::vector<Eigen::Index>{}, py::arg("threads") = 0);

    m.def(
        "project_draws",
        [](const Column<double>& matrices, const Eigen::VectorXd& start, Eigen::Index steps,
           unsigned threads) {
            if (matrices.ndim() != 3)
                throw ArgumentError("matrices must be a draws × #states × #states array");
            MatrixStack in(matrices.shape(0), matrices.shape(1), matrices.shape(2));
            std::copy(matrices.data(), matrices.data() + matrices.size(), in.data.begin());
            MatrixStack s;
            {
                py::gil_scoped_release release;
                s = project_draws(in, start, steps, threads);
            }
            return stack_to_numpy(std::move(s));
        },
        py::arg("matrices"), py::arg("start"), py::arg("steps"), py::arg("threads") = 0);
}

}  // namespace samkart::python
