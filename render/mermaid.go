package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/layers"
)

// Mermaid writes the architecture of every model in the result as one Mermaid flowchart, which
// GitHub draws in issues, READMEs and answers: each layer a node with its class, count and mark,
// each edge labelled with the shape that flows along it, a nested model's layers in a subgraph,
// flagged layers in red. With several models, each is a subgraph of its own.
func Mermaid(w io.Writer, res *explain.Result) error {
	mw := &errWriter{w: w}
	gs := Graphs(res)
	if len(gs) == 1 {
		mw.printf("---\ntitle: %s\n---\n", mermaidTitle.Replace(gs[0].Title))
	}
	mw.printf("flowchart TB\n")
	for gi, g := range gs {
		indent := "  "
		if len(gs) > 1 {
			mw.printf("  subgraph m%d [\"%s\"]\n    direction TB\n", gi, mermaidText(g.Title))
			indent = "    "
		}
		mermaidBody(mw, g, "m"+strconv.Itoa(gi)+"_", indent)
		if len(gs) > 1 {
			mw.printf("  end\n")
		}
	}
	mermaidStyles(mw, gs)
	return mw.err
}

// MermaidGraph writes one model's graph as a Mermaid flowchart.
func MermaidGraph(w io.Writer, g *Graph) error {
	mw := &errWriter{w: w}
	mw.printf("flowchart TB\n")
	mermaidBody(mw, g, "n", "  ")
	mermaidStyles(mw, []*Graph{g})
	return mw.err
}

func mermaidBody(mw *errWriter, g *Graph, prefix, indent string) {
	children := make([][]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if n.Parent >= 0 {
			children[n.Parent] = append(children[n.Parent], i)
		}
	}
	var node func(i int, indent string)
	node = func(i int, indent string) {
		n := g.Nodes[i]
		id := prefix + strconv.Itoa(i)
		label := mermaidText(n.Name)
		if d := n.Detail(); d != "" {
			label += "<br/>" + mermaidText(d)
		}
		if !n.Group {
			if n.Status == "input" {
				mw.line(indent, id, `(["`, label, `"])`)
			} else {
				mw.line(indent, id, `["`, label, `"]`)
			}
			return
		}
		mw.printf("%ssubgraph %s [\"%s\"]\n%s  direction TB\n", indent, id, mermaidText(n.Name+" · "+n.Detail()), indent)
		for _, c := range children[i] {
			node(c, indent+"  ")
		}
		mw.printf("%send\n", indent)
	}
	for i, n := range g.Nodes {
		if n.Parent < 0 {
			node(i, indent)
		}
	}
	// an edge from or to a nested model goes from its last layer or to its first: Mermaid draws
	// edges that end at a subgraph from odd places
	leaf := func(i int, last bool) int {
		for g.Nodes[i].Group && len(children[i]) > 0 {
			if last {
				i = children[i][len(children[i])-1]
			} else {
				i = children[i][0]
			}
		}
		return i
	}
	for _, e := range g.Edges {
		from, to := prefix+strconv.Itoa(leaf(e.From, true)), prefix+strconv.Itoa(leaf(e.To, false))
		if e.Shape == "" {
			mw.line(indent, from, " --> ", to)
		} else {
			mw.line(indent, from, ` -->|"`, mermaidText(e.Shape), `"| `, to)
		}
	}
	// the class lines, gathered by class so that a large model gets a few long lines
	var bad, unknown []string
	for i, n := range g.Nodes {
		id := prefix + strconv.Itoa(i)
		switch {
		case n.Flagged():
			bad = append(bad, id)
		case n.Status == string(layers.Unknown):
			unknown = append(unknown, id)
		}
	}
	if len(bad) > 0 {
		mw.printf("%sclass %s flagged\n", indent, strings.Join(bad, ","))
	}
	if len(unknown) > 0 {
		mw.printf("%sclass %s unknown\n", indent, strings.Join(unknown, ","))
	}
}

func mermaidStyles(mw *errWriter, gs []*Graph) {
	var bad, unknown bool
	for _, g := range gs {
		for _, n := range g.Nodes {
			bad = bad || n.Flagged()
			unknown = unknown || n.Status == string(layers.Unknown)
		}
	}
	if bad {
		mw.printf("  classDef flagged fill:#fde2e1,stroke:#c0392b,stroke-width:3px,color:#7b1d14\n")
	}
	if unknown {
		mw.printf("  classDef unknown stroke-dasharray:5 4,color:#555555\n")
	}
}

var mermaidTitle = strings.NewReplacer(":", "#58;", "\n", " ")

// mermaidText makes text safe inside a quoted Mermaid label: quotes, angle brackets and # as
// entity codes (Mermaid reads #…; as one).
var mermaidText = strings.NewReplacer(`#`, `#35;`, `"`, `#quot;`, `<`, `#lt;`, `>`, `#gt;`, "\n", " ").Replace
