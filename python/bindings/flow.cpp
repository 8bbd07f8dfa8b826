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

#include "annotations.hpp"
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

hint::Table counts_to_python(const TransitionCounts& c) {
    hint::Table out;
    out["counts"] = c.counts;
    out["rows"] = c.rows;
    out["persons"] = c.persons;
    out["transitions"] = c.transitions;
    out["gaps"] = c.gaps;
    out["persons_with_gaps"] = c.persons_with_gaps;
    return out;
}

/// (trajectories, occupancy); the trajectories' type is the smallest that holds a state code.
using Simulation = py::typing::Tuple<py::typing::Union<py::array_t<std::int8_t>, py::array_t<std::int16_t>>,
                                     Eigen::MatrixXd>;

template <class Code>
Simulation simulate_as(const FlowModel& m, Eigen::Index persons, Eigen::Index steps,
                      const SimulationStart& start, std::uint64_t seed, unsigned threads) {
    py::array_t<Code> trajectories({persons, steps + 1});
    Code* out = trajectories.mutable_data();
    Eigen::MatrixXd occupancy;
    {
        py::gil_scoped_release release;
        occupancy = simulate_into<Code>(m, persons, steps, start, seed, threads, out);
    }
    return as<Simulation>(py::make_tuple(trajectories, occupancy));
}

/// A FlowModel's pickled state: (states, matrix, step).
using ModelState = py::typing::Tuple<py::typing::List<py::str>, hint::AnyArray, py::str>;

}  // namespace

void register_flow(py::module_& m) {
    py::class_<FlowModel>(m, "FlowModel",
                          "A Markov chain over named states (row-stochastic matrix, one step per "
                          "month or year). Use samkart.FlowModel, which labels the results.")
        .def(py::init<std::vector<std::string>, Eigen::MatrixXd, std::string>(), py::arg("states"),
             py::arg("matrix"), py::arg("step") = "year",
             "A chain over `states` (distinct, non-empty names) with `matrix` #states × #states, "
             "entries >= 0, every row summing to 1 within 1e-9; `step` labels one step (\"year\", "
             "\"month\"). @throws ValidationError listing every problem.")
        .def_static("from_counts", &FlowModel::from_counts, py::arg("states"), py::arg("counts"),
                    py::arg_v("absorbing", std::vector<std::string>{}, "()"), py::arg("step") = "year",
                    "Maximum-likelihood chain from transition counts (#states × #states): each row "
                    "divided by its total; `absorbing` states get an identity row. @throws "
                    "ValidationError naming each non-absorbing state whose row has no observations.")
        .def_property_readonly("states", &FlowModel::states, "The state names, in matrix order.")
        .def_property_readonly("matrix",
                               [](const FlowModel& f) { return Eigen::MatrixXd(f.matrix()); },
                               "The transition matrix (a copy), #states × #states.")
        .def_property_readonly("step", &FlowModel::step, "The length of one step, e.g. \"year\".")
        .def_property_readonly("absorbing", &FlowModel::absorbing,
                               "Indices of the absorbing states (P(i, i) == 1), in state order.")
        .def_property_readonly("transient", &FlowModel::transient,
                               "Indices of the other states, in state order.")
        .def("index", &FlowModel::index, py::arg("state"),
             "Position of a state. @throws ArgumentError naming the state and listing the states.")
        .def("absorption_probabilities", &FlowModel::absorption_probabilities,
             "B = N R: #transient × #absorbing, B[i, k] = probability that a chain started in "
             "transient state i ends in absorbing state k. @throws ArgumentError if there is no "
             "absorbing state or some transient state cannot reach one.")
        .def("expected_steps", &FlowModel::expected_steps,
             "t = N 1: #transient, the expected number of steps before absorption by start state.")
        .def("expected_visits", &FlowModel::expected_visits,
             "N: #transient × #transient, N[i, j] = expected number of steps spent in j (counting "
             "the start) by a chain started in i, before absorption.")
        .def("stationary", &FlowModel::stationary,
             "The stationary distribution pi (pi P = pi, sum 1): #states. @throws ArgumentError "
             "if the chain has absorbing states or more than one closed class.")
        .def("project", &FlowModel::project, py::arg("start"), py::arg("steps"),
             "Cohort projection, (steps + 1) × #states: row t is start P^t; `start` has #states "
             "counts or shares.")
        .def(
            "with_rates",
            [](const FlowModel& f,
               const std::vector<std::tuple<std::string, std::string, double>>& rates) {
                std::vector<RateChange> changes;
                changes.reserve(rates.size());
                for (const auto& [from, to, p] : rates) changes.push_back({from, to, p});
                return f.with_rates(changes);
            },
            py::arg("rates"),
            "A new model with the (from, to, probability) entries set; the other entries of each "
            "touched row are rescaled so that it sums to 1 again. @throws ArgumentError.")
        .def("expected_cost", &FlowModel::expected_cost, py::arg("start"), py::arg("steps"),
             py::arg("costs"), py::arg("discount") = 0.0,
             "Expected cost of a cohort, steps × #payers: `costs` (#states × #payers, money per "
             "person-step) in steps 0 .. steps-1, discounted by (1 + discount)^-t.")
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
            "(trajectories persons × (steps + 1) int8 or int16, occupancy (steps + 1) × #states)")
        // Pickled from its data, (states, matrix, step): the absorbing states follow from the
        // matrix, so a worker process rebuilds the same model (executor=, samkart._parallel).
        .def(py::pickle(
            [](const FlowModel& f) {
                return as<ModelState>(
                    py::make_tuple(f.states(), Eigen::MatrixXd(f.matrix()), f.step()));
            },
            [](const ModelState& t) {
                if (t.size() != 3) throw ArgumentError("FlowModel: unpickling needs (states, matrix, step)");
                return FlowModel(py::cast<std::vector<std::string>>(t[0]),
                                 py::cast<Eigen::MatrixXd>(t[1]), py::cast<std::string>(t[2]));
            }));

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
        py::arg_v("id_names", std::vector<std::string>{}, "()"),
        "Count the transitions of a panel (one row per person and period; `states` are state "
        "codes): a dict with counts (#states × #states), rows, persons, transitions, gaps, "
        "persons_with_gaps.");

    m.def(
        "bootstrap",
        [](const FlowModel& model, Column<std::int64_t> ids, Column<std::int64_t> times,
           Column<std::int32_t> states, std::vector<std::string> id_names, Eigen::Index reps,
           std::uint64_t seed, unsigned threads, std::uint64_t first) {
            const PanelArgs args{std::move(ids), std::move(times), std::move(states),
                                 std::move(id_names)};
            Bootstrap b;
            {
                py::gil_scoped_release release;
                b = bootstrap(model, args.panel(), reps, seed, threads, first);
            }
            hint::Table out;
            out["matrices"] = stack_to_numpy(std::move(b.matrices));
            out["absorption_probabilities"] = stack_to_numpy(std::move(b.absorption_probabilities));
            out["expected_steps"] = stack_to_numpy(std::move(b.expected_steps));
            out["expected_visits"] = stack_to_numpy(std::move(b.expected_visits));
            out["stationary"] = stack_to_numpy(std::move(b.stationary));
            out["rows_filled"] = b.rows_filled;
            return out;
        },
        py::arg("model"), py::arg("ids"), py::arg("times"), py::arg("states"), py::arg("id_names"),
        py::arg("reps"), py::arg("seed"), py::arg("threads") = 0, py::arg("first") = 0,
        "Bootstrap replicates (persons resampled with replacement) of a model estimated from a "
        "panel: a dict of reps × ... stacks (matrices, absorption_probabilities, expected_steps, "
        "expected_visits, stationary) and rows_filled. Replicate r of the call draws from the "
        "stream (seed, first + r), so blocks of replicates concatenate to one call's result.");

    m.def(
        "dirichlet_draws",
        [](const Eigen::MatrixXd& counts, Eigen::Index draws, std::uint64_t seed, double prior,
           const std::vector<Eigen::Index>& absorbing, unsigned threads, std::uint64_t first) {
            MatrixStack s;
            {
                py::gil_scoped_release release;
                s = dirichlet_draws(counts, draws, seed, prior, absorbing, threads, first);
            }
            return stack_to_numpy(std::move(s));
        },
        py::arg("counts"), py::arg("draws"), py::arg("seed"), py::arg("prior") = 1.0,
        py::arg_v("absorbing", std::vector<Eigen::Index>{}, "()"), py::arg("threads") = 0,
        py::arg("first") = 0,
        "Draws × #states × #states transition matrices: each row i not in `absorbing` is "
        "Dirichlet(counts[i, :] + prior); absorbing rows stay identity rows. Draw d of the call "
        "uses the stream (seed, first + d), so blocks of draws concatenate to one call's result.");

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
        py::arg("matrices"), py::arg("start"), py::arg("steps"), py::arg("threads") = 0,
        "Cohort projection for each matrix of a draws × #states × #states stack: draws × "
        "(steps + 1) × #states.");
}

}  // namespace samkart::python
