/// @file network.cpp
/// samkart._core.Network: the compiled collaboration network. Results come back as numpy
/// arrays that own the C++ vectors (no copy, no Python object per element); the pandas layer
/// is python/samkart/network.py. Every analysis runs with the GIL released.

#include "bindings.hpp"
#include "annotations.hpp"

#include <pybind11/numpy.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "samkart/analysis/network.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart::python {
namespace {

template <class T>
using Array = py::array_t<T>;
using Doubles = Array<double>;
using Nodes = Array<std::uint32_t>;

/// A numpy array that takes ownership of the vector's buffer.
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
    auto* owned = new std::vector<T>(std::move(values));
    py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), owner);
}

py::array_t<bool> bools_to_numpy(const std::vector<bool>& values) {
    py::array_t<bool> out(static_cast<py::ssize_t>(values.size()));
    auto view = out.mutable_unchecked<1>();
    for (std::size_t i = 0; i < values.size(); ++i) view(static_cast<py::ssize_t>(i)) = values[i];
    return out;
}

std::vector<std::int64_t> group_codes(const Network& net, const py::array_t<std::int64_t>& codes) {
    const auto view = codes.unchecked<1>();
    if (static_cast<std::size_t>(view.shape(0)) != net.num_nodes())
        throw ArgumentError("one group code per actor of the network is needed");
    return {view.data(0), view.data(0) + view.shape(0)};
}

NetworkOptions options(const std::optional<std::vector<std::string>>& kinds, bool formal_only,
                       std::optional<std::string> area, const std::string& weight,
                       bool collapse_units = false) {
    NetworkOptions o{.formal_only = formal_only, .area = std::move(area), .collapse_units = collapse_units};
    if (kinds) {
        o.kinds.emplace();  // an explicit empty list keeps no links, not all of them
        for (const auto& name : *kinds) {
            const auto kind = parse<LinkKind>(name);
            if (!kind)
                throw ArgumentError("unknown link kind '" + name + "'; expected one of " +
                                            accepted_names<LinkKind>());
            o.kinds->push_back(*kind);
        }
    }
    if (weight == "count") o.weight = EdgeWeight::COUNT;
    else if (weight == "intensity") o.weight = EdgeWeight::INTENSITY;
    else throw ArgumentError("unknown weight '" + weight + "'; expected count|intensity");
    return o;
}

}  // namespace

void register_network(py::module_& m) {
    py::class_<Network> cls(m, "Network", R"doc(
The compiled collaboration network of a landscape. Use ``samkart.network(...)``, which wraps
this class and labels every result by actor id.
)doc");
    cls.def(py::init([](const Landscape& land, std::optional<std::vector<std::string>> kinds,
                        bool formal_only, std::optional<std::string> area, const std::string& weight,
                        bool collapse_units) {
                NetworkOptions o = options(kinds, formal_only, std::move(area), weight, collapse_units);
                // Building reads the landscape only; other threads may run meanwhile.
                py::gil_scoped_release nogil;
                return Network(land, std::move(o));
            }),
            py::arg("land"), py::arg("kinds") = py::none(), py::arg("formal_only") = false,
            py::arg("area") = py::none(), py::arg("weight") = "count", py::arg("collapse_units") = false,
            "The network of the actors of `land` (of one `area`), with the links of `kinds` (None: "
            "all kinds), only formal ones if `formal_only`; `weight` is count|intensity; with "
            "`collapse_units` the nodes are organisations (units merged into the actor they are "
            "part_of). @throws ArgumentError for an unknown kind or weight.")
        .def_property_readonly("directed", &Network::directed,
                               "True when at least one kept link is a referral (which runs source → target).")
        .def_property_readonly("num_nodes", &Network::num_nodes, "The number of nodes (actors).")
        .def("actor_indices", [](const Network& n) {
            return to_numpy(std::vector<Index>(n.actors().begin(), n.actors().end()));
        }, "Landscape index of each node.")
        .def("actor_table", [](const Network& n, const Landscape& land) {
            // Strings are Python objects anyway: build each column once, in C++.
            const auto actors = land.actors();
            py::list ids, names, sectors, owners, areas;
            for (auto a : n.actors()) {
                if (a >= actors.size()) throw ArgumentError("the landscape does not match the network");
                const auto& actor = actors[a];
                ids.append(py::str(actor.id));
                names.append(py::str(actor.name));
                sectors.append(py::str(actor.sector));
                owners.append(py::str(std::string(to_string(actor.owner))));
                std::string joined;
                for (const auto& s : actor.areas) joined += (joined.empty() ? "" : ";") + s;
                areas.append(py::str(joined));
            }
            py::typing::Dict<py::str, py::typing::List<py::str>> out;
            out["id"] = ids;
            out["name"] = names;
            out["sector"] = sectors;
            out["owner"] = owners;
            out["areas"] = areas;
            return out;
        }, py::arg("land"), "Columns id, name, sector, owner, areas (';'-joined) of the nodes.")
        .def("edges", [](const Network& n) {
            const auto edges = n.edges();
            std::vector<std::uint32_t> source, target, links, kinds;
            std::vector<double> weight;
            std::vector<bool> formal;
            for (const auto& e : edges) {
                source.push_back(e.source);
                target.push_back(e.target);
                weight.push_back(e.weight);
                links.push_back(e.links);
                kinds.push_back(e.kinds);
                formal.push_back(e.formal);
            }
            py::typing::Dict<py::str, hint::AnyArray> out;
            out["source"] = to_numpy(std::move(source));
            out["target"] = to_numpy(std::move(target));
            out["weight"] = to_numpy(std::move(weight));
            out["links"] = to_numpy(std::move(links));
            out["kinds"] = to_numpy(std::move(kinds));
            out["formal"] = bools_to_numpy(formal);
            return out;
        }, "Merged edges as arrays: source, target (node indices), weight, links, kinds (bit "
           "1 << kind), formal.")
        .def("density", &Network::density, "m / (n(n−1)) directed, 2m / (n(n−1)) undirected, 0 for n ≤ 1 (nx.density).")
        .def("degree", [](const Network& n, bool weighted) {
            Degrees d;
            {
                py::gil_scoped_release nogil;
                d = n.degree(weighted);
            }
            return as<py::typing::Tuple<Doubles, Doubles, Doubles>>(py::make_tuple(
                to_numpy(std::move(d.in)), to_numpy(std::move(d.out)), to_numpy(std::move(d.total))));
        }, py::arg("weighted") = false, "(in, out, total) degree per node; sums of weights if `weighted`.")
        .def("betweenness", [](const Network& n, bool normalized, std::optional<std::size_t> samples,
                               std::uint64_t seed, unsigned threads) {
            std::vector<double> r;
            {
                py::gil_scoped_release nogil;
                r = n.betweenness(normalized, samples, seed, threads);
            }
            return to_numpy(std::move(r));
        }, py::arg("normalized") = true, py::arg("samples") = py::none(), py::arg("seed") = 0,
           py::arg("threads") = 1,
           "Brandes' betweenness per node on hop counts (nx.betweenness_centrality); from `samples` "
           "random source pivots when given.")
        .def("closeness", [](const Network& n, bool wf_improved, unsigned threads) {
            std::vector<double> r;
            {
                py::gil_scoped_release nogil;
                r = n.closeness(wf_improved, threads);
            }
            return to_numpy(std::move(r));
        }, py::arg("wf_improved") = true, py::arg("threads") = 1,
           "Closeness per node on hop counts, Wasserman–Faust improved when `wf_improved`.")
        .def("pagerank", [](const Network& n, double alpha, bool weighted, double tol, int max_iter) {
            std::vector<double> r;
            {
                py::gil_scoped_release nogil;
                r = n.pagerank(alpha, weighted, tol, max_iter);
            }
            return to_numpy(std::move(r));
        }, py::arg("alpha") = 0.85, py::arg("weighted") = true, py::arg("tol") = 1e-13,
           py::arg("max_iter") = 10000, "PageRank per node by power iteration (nx.pagerank).")
        .def("components", [](const Network& n) {
            Components c;
            {
                py::gil_scoped_release nogil;
                c = n.components();
            }
            return as<py::typing::Tuple<Nodes, Nodes>>(
                py::make_tuple(to_numpy(std::move(c.weak)), to_numpy(std::move(c.strong))));
        }, "(weak, strong) component number per node.")
        .def("articulation_points", [](const Network& n) {
            std::vector<std::uint32_t> r;
            {
                py::gil_scoped_release nogil;
                r = n.articulation_points();
            }
            return to_numpy(std::move(r));
        }, "Cut-points of the undirected view, in node order.")
        .def("bridges", [](const Network& n) {
            std::vector<std::pair<std::uint32_t, std::uint32_t>> r;
            {
                py::gil_scoped_release nogil;
                r = n.bridges();
            }
            std::vector<std::uint32_t> flat;
            for (auto [u, v] : r) flat.insert(flat.end(), {u, v});
            return as<Nodes>(
                to_numpy(std::move(flat)).reshape({static_cast<py::ssize_t>(r.size()), py::ssize_t{2}}));
        }, "Bridges as an (m, 2) array of node indices, u < v.")
        .def("k_core", [](const Network& n) {
            std::vector<std::uint32_t> r;
            {
                py::gil_scoped_release nogil;
                r = n.k_core();
            }
            return to_numpy(std::move(r));
        }, "Core number of each node in the undirected view (nx.core_number).")
        .def("communities", [](const Network& n, double resolution, std::uint64_t seed, unsigned trials) {
            Communities c;
            {
                py::gil_scoped_release nogil;
                c = n.communities(resolution, seed, trials);
            }
            return as<py::typing::Tuple<Nodes, double>>(
                py::make_tuple(to_numpy(std::move(c.membership)), c.modularity));
        }, py::arg("resolution") = 1.0, py::arg("seed") = 0, py::arg("trials") = 4,
           "(community per node, modularity): Louvain on the weighted undirected view, best of "
           "`trials` runs seeded from `seed`.")
        .def("modularity", [](const Network& n, const py::array_t<std::uint32_t>& membership,
                              double resolution) {
            const auto view = membership.unchecked<1>();
            return n.modularity({view.data(0), static_cast<std::size_t>(view.shape(0))}, resolution);
        }, py::arg("membership"), py::arg("resolution") = 1.0,
           "Modularity of a partition (one community number per node).")
        .def("core_periphery", [](const Network& n) {
            CorePeriphery cp;
            {
                py::gil_scoped_release nogil;
                cp = n.core_periphery();
            }
            return as<py::typing::Tuple<Array<bool>, double>>(
                py::make_tuple(bools_to_numpy(cp.core), cp.correlation));
        }, "(core membership per node, fit): the Borgatti–Everett discrete core–periphery model.")
        .def("ei_index", [](const Network& n, const py::array_t<std::int64_t>& codes, bool weighted) {
            const auto groups = group_codes(n, codes);
            EIIndex ei;
            {
                py::gil_scoped_release nogil;
                ei = n.ei_index(groups, weighted);
            }
            hint::Table out;
            out["index"] = ei.index;
            out["internal"] = ei.internal;
            out["external"] = ei.external;
            out["group_internal"] = to_numpy(std::move(ei.group_internal));
            out["group_external"] = to_numpy(std::move(ei.group_external));
            out["group_index"] = to_numpy(std::move(ei.group_index));
            out["node_internal"] = to_numpy(std::move(ei.node_internal));
            out["node_external"] = to_numpy(std::move(ei.node_external));
            out["node_index"] = to_numpy(std::move(ei.node_index));
            return out;
        }, py::arg("codes"), py::arg("weighted") = false,
           "The E–I index of the groups given by `codes` (one per node): index, internal, "
           "external, and group_* and node_* arrays.")
        .def("brokerage", [](const Network& n, const py::array_t<std::int64_t>& codes) {
            const auto groups = group_codes(n, codes);
            Brokerage b;
            {
                py::gil_scoped_release nogil;
                b = n.brokerage(groups);
            }
            py::typing::Dict<py::str, Doubles> out;
            out["coordinator"] = to_numpy(std::move(b.coordinator));
            out["itinerant"] = to_numpy(std::move(b.itinerant));
            out["representative"] = to_numpy(std::move(b.representative));
            out["gatekeeper"] = to_numpy(std::move(b.gatekeeper));
            out["liaison"] = to_numpy(std::move(b.liaison));
            return out;
        }, py::arg("codes"),
           "Gould–Fernandez brokerage roles per node: coordinator, itinerant, representative, "
           "gatekeeper, liaison.")
        .def("grouping", [](const Network& n, const std::string& by) {
            auto g = n.grouping(by);
            return as<py::typing::Tuple<Array<std::int64_t>, py::typing::List<py::str>>>(
                py::make_tuple(to_numpy(std::move(g.codes)), g.labels));
        }, py::arg("by"), "Group codes per node and their labels for 'sector', 'owner' or 'area'.");
}

}  // namespace samkart::python
