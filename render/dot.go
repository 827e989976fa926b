package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/layers"
)

// DOT writes the architecture of every model in the result as one Graphviz digraph (`dot -Tsvg`
// draws it): each layer a box with its class, count and mark, each edge labelled with the shape
// that flows along it, a nested model's layers in a cluster, flagged layers in red. With several
// models, each is a cluster of its own.
func DOT(w io.Writer, res *explain.Result) error {
	dw := &errWriter{w: w}
	gs := Graphs(res)
	dw.printf("digraph kexplain {\n")
	dw.printf("  graph [rankdir=TB, compound=true, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.35];\n")
	dw.printf("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#666666\", fontname=\"Helvetica\", fontsize=10];\n")
	dw.printf("  edge [color=\"#777777\", fontname=\"Helvetica\", fontsize=9, fontcolor=\"#444444\"];\n")
	for gi, g := range gs {
		indent := "  "
		if len(gs) > 1 {
			dw.printf("  subgraph cluster_m%d {\n    label=%s;\n    style=\"dashed\";\n    color=\"#999999\";\n", gi, dotQuote(g.Title))
			indent = "    "
		} else {
			dw.printf("  label=%s;\n  labelloc=t;\n", dotQuote(g.Title))
		}
		dotBody(dw, g, "m"+strconv.Itoa(gi)+"_", indent)
		if len(gs) > 1 {
			dw.printf("  }\n")
		}
	}
	dw.printf("}\n")
	return dw.err
}

func dotBody(dw *errWriter, g *Graph, prefix, indent string) {
	children := make([][]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if n.Parent >= 0 {
			children[n.Parent] = append(children[n.Parent], i)
		}
	}
	id := func(i int) string { return prefix + strconv.Itoa(i) }
	var node func(i int, indent string)
	node = func(i int, indent string) {
		n := g.Nodes[i]
		if n.Group {
			dw.printf("%ssubgraph cluster_%s {\n%s  label=%s;\n%s  style=\"rounded\";\n", indent, id(i), indent, dotQuote(n.Name+"\n"+n.Detail()), indent)
			if n.Flagged() {
				dw.printf("%s  color=\"#c0392b\";\n%s  penwidth=2;\n%s  fontcolor=\"#7b1d14\";\n", indent, indent, indent)
			}
			for _, c := range children[i] {
				node(c, indent+"  ")
			}
			dw.printf("%s}\n", indent)
			return
		}
		label := n.Name
		if d := n.Detail(); d != "" {
			label += "\n" + d
		}
		attrs := "label=" + dotQuote(label)
		switch {
		case n.Flagged():
			attrs += `, color="#c0392b", penwidth=2, fillcolor="#fde2e1", fontcolor="#7b1d14"`
		case n.Status == string(layers.Unknown):
			attrs += `, style="rounded,dashed,filled", fontcolor="#555555"`
		case n.Status == "input":
			attrs += `, shape=oval, style="filled", fillcolor="#eeeeee"`
		}
		dw.line(indent, id(i), " [", attrs, "];")
	}
	for i, n := range g.Nodes {
		if n.Parent < 0 {
			node(i, indent)
		}
	}
	// an edge from or to a group goes from its last layer or to its first, clipped at the cluster
	first := func(i int) int {
		for g.Nodes[i].Group && len(children[i]) > 0 {
			i = children[i][0]
		}
		return i
	}
	last := func(i int) int {
		for g.Nodes[i].Group && len(children[i]) > 0 {
			i = children[i][len(children[i])-1]
		}
		return i
	}
	for _, e := range g.Edges {
		var attrs []string
		from, to := e.From, e.To
		if g.Nodes[from].Group {
			attrs = append(attrs, "ltail=cluster_"+id(from))
			from = last(from)
		}
		if g.Nodes[to].Group {
			attrs = append(attrs, "lhead=cluster_"+id(to))
			to = first(to)
		}
		if e.Shape != "" {
			attrs = append(attrs, "label="+dotQuote(" "+e.Shape+" "))
		}
		if len(attrs) == 0 {
			dw.line(indent, id(from), " -> ", id(to), ";")
		} else {
			dw.line(indent, id(from), " -> ", id(to), " [", strings.Join(attrs, ", "), "];")
		}
	}
}

// dotQuote writes s as a DOT string: quotes and backslashes escaped, a new line as \n.
func dotQuote(s string) string {
	return `"` + dotEscape.Replace(s) + `"`
}

var dotEscape = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
