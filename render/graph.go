package render

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/layers"
)

// Graph is a model's architecture as kexplain rebuilt it: each layer a node, each tensor that
// flows from one layer into another an edge carrying its shape, and each nested model whose
// layers the summary shows a group around them. Mermaid, DOT and the page's SVG are all drawn
// from it.
type Graph struct {
	Title string // "sequential_1 · Keras 1.x · line 8"
	Line  int    // the input line of the table or code
	Nodes []GraphNode
	Edges []GraphEdge
}

// GraphNode is one layer, or the input of a model that prints no InputLayer row.
type GraphNode struct {
	Name   string
	Class  string // "" when unknown
	Params string // "163,968"; "(1,056)" when derived because the print shows none; "—" unknown
	Status string // "ok", "mismatch", "unknown", or "input" for an input that is no row
	Line   int    // the input line of the row (0 for an input that is no row)
	Row    int    // the row's index in the summary's (or code entry's) layers; -1 for an input
	Parent int    // the group node it belongs to; -1 at top level
	Group  bool   // a nested model whose layers follow it: drawn around them
}

// GraphEdge is a tensor from one node into another.
type GraphEdge struct {
	From, To int
	Shape    string // as printed, "(None, 20, 64)"; "" unknown
}

// Flagged reports whether the node's count or shape is impossible.
func (n GraphNode) Flagged() bool { return n.Status == string(layers.Mismatch) }

// Mark is the node's mark, as the text output prints it: ✓, ✗ or ?; "" for an input.
func (n GraphNode) Mark() string {
	switch n.Status {
	case string(layers.OK):
		return "✓"
	case string(layers.Mismatch):
		return "✗"
	case "input":
		return ""
	}
	return "?"
}

// Detail is the node's second line: its class and count, and its mark.
func (n GraphNode) Detail() string {
	parts := make([]string, 0, 2)
	if n.Class != "" {
		parts = append(parts, n.Class)
	}
	if n.Status != "input" {
		parts = append(parts, n.Params)
	}
	s := strings.Join(parts, " · ")
	if m := n.Mark(); m != "" {
		s += " " + m
	}
	return s
}

// Graphs gives the graph of every explained summary, then of every model rebuilt from code.
func Graphs(res *explain.Result) []*Graph {
	var gs []*Graph
	for _, s := range res.Summaries {
		gs = append(gs, SummaryGraph(s))
	}
	for _, c := range res.Code {
		if g := CodeGraph(c); g != nil {
			gs = append(gs, g)
		}
	}
	return gs
}

// SummaryGraph is the graph of an explained summary: the edges are the inputs kexplain resolved
// for each row (Connected to, or the row above in a Sequential), each carrying the shape that
// feeds the row.
func SummaryGraph(s *explain.Summary) *Graph {
	t := s.Table
	g := &Graph{Line: t.StartLine}
	title := make([]string, 0, 3)
	if t.Name != "" {
		title = append(title, t.Name)
	}
	title = append(title, eraName(t), "line "+strconv.Itoa(t.StartLine))
	g.Title = strings.Join(title, " · ")
	byName := make(map[string]int, len(s.Rows))
	depths := make([]int, len(s.Rows))
	g.Nodes = make([]GraphNode, 0, len(s.Rows)) // sized once: a node a row
	edges := 0
	for _, rr := range s.Rows {
		edges += len(rr.Inputs)
	}
	g.Edges = make([]GraphEdge, 0, edges)
	style := numStyle(t) // a pass over the rows: once per table, not once per row
	for i, rr := range s.Rows {
		typ := rr.Class
		if typ == "" {
			typ = strings.TrimSuffix(rr.Row.TypeText, "…")
		}
		g.Nodes = append(g.Nodes, GraphNode{Name: rr.Row.Name, Class: typ, Params: paramsCell(rr, style), Status: string(rr.Status),
			Line: rr.Row.Line, Row: i, Parent: -1})
		depths[i] = rr.Row.Depth
		if _, dup := byName[rr.Row.Name]; !dup {
			byName[rr.Row.Name] = i
		}
	}
	nest(g, depths)
	inputs := map[string]int{} // input nodes that are no row, by name
	for i, rr := range s.Rows {
		for k, name := range rr.Inputs {
			j, ok := byName[name]
			if !ok || j == i {
				continue
			}
			shape := ""
			if k < len(rr.InputDims) && rr.InputDims[k] != nil {
				shape = dimsText(rr.InputDims[k], s.Rows[j].Row.OutputText)
			} else {
				shape = s.Rows[j].Row.OutputText
			}
			g.Edges = append(g.Edges, GraphEdge{From: j, To: i, Shape: shape})
		}
		if len(rr.Inputs) == 0 && rr.Row.Depth == 0 {
			// an input layer Keras made by itself and does not print as a row (Keras 1's
			// "dense_input_1", Keras 2's "dense_input"), named in Connected to
			for _, c := range rr.Row.Connected {
				if _, isRow := byName[c.Layer]; isRow || c.Cut || !implicitInput(c.Layer) {
					continue
				}
				in, ok := inputs[c.Layer]
				if !ok {
					in = addInput(g, c.Layer)
					inputs[c.Layer] = in
				}
				shape := ""
				if len(rr.InputDims) == 1 && rr.InputDims[0] != nil {
					shape = dimsText(rr.InputDims[0], "")
				}
				g.Edges = append(g.Edges, GraphEdge{From: in, To: i, Shape: shape})
			}
		}
		if i == 0 && len(rr.Inputs) == 0 && len(rr.Row.Connected) == 0 && len(rr.InputDims) == 1 && rr.InputDims[0] != nil {
			// an input shape the table gives outside the rows (Keras 0.x "Initial input shape")
			in := addInput(g, "input")
			g.Edges = append(g.Edges, GraphEdge{From: in, To: i, Shape: dimsText(rr.InputDims[0], "")})
		}
	}
	dropGroupInputs(g)
	return g
}

// CodeGraph is the graph of the model rebuilt from one snippet of code; nil when none was.
func CodeGraph(c *explain.CodeResult) *Graph {
	m := c.Model
	if m == nil {
		return nil
	}
	g := &Graph{}
	title := make([]string, 0, 3)
	if m.Name != "" {
		title = append(title, m.Name)
	}
	if c.Snippet != nil {
		g.Line = c.Snippet.StartLine
		title = append(title, "Keras code, as "+c.Version.String()+" reads it", "lines "+strconv.Itoa(c.Snippet.StartLine)+"–"+strconv.Itoa(c.Snippet.EndLine))
	} else {
		title = append(title, "Keras code, as "+c.Version.String()+" reads it")
	}
	g.Title = strings.Join(title, " · ")
	flagged := map[string]bool{}
	for _, f := range c.Flags {
		if f.Layer != "" && f.Alarm() {
			flagged[f.Layer] = true
		}
	}
	byName := make(map[string]int, len(m.Rows))
	depths := make([]int, len(m.Rows))
	top := 0 // index among the top-level rows, which are the code entry's layers
	for i, r := range m.Rows {
		n := GraphNode{Name: r.Name, Class: r.Class, Params: layers.Num(r.Params), Status: string(layers.OK), Line: r.Line, Row: -1, Parent: -1}
		if r.Depth == 0 {
			n.Row = top
			top++
		}
		switch {
		case r.Err != "":
			n.Status, n.Params = string(layers.Unknown), "?"
		case flagged[r.Name]:
			n.Status = string(layers.Mismatch)
		}
		g.Nodes = append(g.Nodes, n)
		depths[i] = r.Depth
		if _, dup := byName[r.Name]; !dup {
			byName[r.Name] = i
		}
	}
	nest(g, depths)
	// inputs of each row: Connected to when the layout prints it, else the row above at the same
	// depth (a Sequential), or what feeds the enclosing model for its first layer
	inputs := make([][]int, len(m.Rows))
	for i, r := range m.Rows {
		chain := r.Connected == nil // a Sequential layout prints no links: each layer feeds the next
		if r.Depth > 0 && len(r.Connected) == 0 {
			// a nested model's layer: linked in a chain when the model is a Sequential
			p := g.Nodes[i].Parent
			chain = p >= 0 && g.Nodes[p].Class == "Sequential"
		}
		if !chain {
			for _, ref := range r.Connected {
				name := ref
				if k := strings.IndexByte(ref, '['); k > 0 {
					name = ref[:k]
				}
				if j, ok := byName[name]; ok && j != i {
					inputs[i] = append(inputs[i], j)
				}
			}
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if depths[j] == r.Depth {
				inputs[i] = []int{j}
				break
			}
			if depths[j] < r.Depth {
				inputs[i] = inputs[j]
				break
			}
		}
	}
	for i, r := range m.Rows {
		var dims []layers.Dims
		if len(r.InDims) > 0 {
			dims = r.InDims[0]
		}
		for k, j := range inputs[i] {
			shape := m.Rows[j].Output
			if k < len(dims) && dims[k] != nil && len(inputs[i]) == len(dims) {
				shape = dimsText(dims[k], shape)
			}
			g.Edges = append(g.Edges, GraphEdge{From: j, To: i, Shape: shape})
		}
		if i == 0 && len(inputs[i]) == 0 && r.Class != "InputLayer" && len(dims) == 1 && dims[0] != nil {
			in := addInput(g, "input")
			g.Edges = append(g.Edges, GraphEdge{From: in, To: i, Shape: dimsText(dims[0], "")})
		}
	}
	dropGroupInputs(g)
	return g
}

// nest sets each node's group from the rows' depths: a row is in the group of the nearest row
// above it that is one level less deep.
func nest(g *Graph, depths []int) {
	var stack []int // the open groups, outermost first
	for i, d := range depths {
		if d > len(stack) {
			d = len(stack) // a row deeper than any open group joins the innermost
		}
		stack = stack[:d]
		if d > 0 {
			g.Nodes[i].Parent = stack[d-1]
			g.Nodes[stack[d-1]].Group = true
		}
		stack = append(stack, i)
	}
}

// implicitInput reports whether a name in Connected to is one Keras gives the input layer it
// makes for a Sequential model: "<first layer>_input_1" (Keras 1) or "<first layer>_input" (Keras 2).
func implicitInput(name string) bool {
	return strings.HasSuffix(name, "_input") || strings.HasSuffix(name, "_input_1")
}

// addInput adds an input node that is no row, and returns its index.
func addInput(g *Graph, name string) int {
	g.Nodes = append(g.Nodes, GraphNode{Name: name, Status: "input", Row: -1, Parent: -1})
	return len(g.Nodes) - 1
}

// Inside reports whether node i lies within group node grp.
func (g *Graph) Inside(i, grp int) bool {
	for p := g.Nodes[i].Parent; p >= 0; p = g.Nodes[p].Parent {
		if p == grp {
			return true
		}
	}
	return false
}

// dropGroupInputs removes an edge into a group when the same tensor also goes straight to one
// of the group's layers (the first layer of a nested Sequential is fed what feeds the model).
func dropGroupInputs(g *Graph) {
	type key struct{ from, grp int }
	into := map[key]bool{}
	for _, e := range g.Edges {
		for p := g.Nodes[e.To].Parent; p >= 0; p = g.Nodes[p].Parent {
			if !g.Inside(e.From, p) && e.From != p {
				into[key{e.From, p}] = true
			}
		}
	}
	kept := g.Edges[:0]
	for _, e := range g.Edges {
		if g.Nodes[e.To].Group && into[key{e.From, e.To}] {
			continue
		}
		kept = append(kept, e)
	}
	g.Edges = kept
}

// dimsText writes a shape as printed; a printed shape that reads as the same dimensions is kept
// as it was printed ("(None, 32)" rather than a rewritten one).
func dimsText(d layers.Dims, printed string) string {
	s := layers.ShapeString(d)
	if printed != "" && sameShape(printed, s) {
		return printed
	}
	return s
}

// sameShape reports whether two printed shapes name the same dimensions, whatever the brackets,
// spaces, trailing commas or null/None.
func sameShape(a, b string) bool {
	norm := func(s string) string { return strings.TrimSuffix(shapeNorm.Replace(s), ",") }
	return a == b || norm(a) == norm(b)
}

var shapeNorm = strings.NewReplacer("null", "None", " ", "", "[", "", "]", "", "(", "", ")", "")
